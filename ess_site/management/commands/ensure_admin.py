import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Crée le compte administrateur s'il n'existe pas (ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_EMAIL)."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Compte administrateur «\u00a0{username}\u00a0» déjà présent (mot de passe inchangé).")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username, os.environ.get("ADMIN_EMAIL", "admin@example.org"), password)
        shown = "(celui de ADMIN_PASSWORD)" if os.environ.get("ADMIN_PASSWORD") else password
        self.stdout.write(self.style.SUCCESS(f"Compte administrateur créé\u00a0: {username} / {shown}"))
