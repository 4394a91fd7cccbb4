"""Editors' accounts, in the groups the migrations create ("Rédaction", "Modération")."""

from django.contrib.auth.models import Group, User


def member_of(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.org", "motdepasse-solide")
    user.groups.add(Group.objects.get(name=group_name))
    return user
