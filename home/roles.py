"""The editors' roles: the project's two groups, what each may do in French, and the role picker of
the users' admin that shows it (a user viewset, set in home.apps.WagtailUsersConfig)."""

from django import forms
from django.contrib.auth.models import Group
from django.utils.html import format_html
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

# Created with their permissions by home/migrations/0002; Wagtail's own « Editors » and
# « Moderators » are merged into them by home/migrations/0005.
EDITOR = "Rédaction"
MODERATOR = "Modération"
DESCRIPTIONS = {
    EDITOR: (
        "Rédige et modifie les pages, actualités, événements et fiches de l'annuaire, ajoute images et "
        "documents, puis envoie à la modération\u00a0: ne publie pas elle-même."
    ),
    MODERATOR: (
        "Relit et publie (ou renvoie avec un commentaire) ce que la rédaction soumet, dépublie, traite "
        "les signalements d'erreur, gère les imports et les images de tous."
    ),
}


class GroupChoiceField(forms.ModelMultipleChoiceField):
    """Each role with what it may do, under its name."""

    def label_from_instance(self, group):
        description = DESCRIPTIONS.get(group.name)
        if not description:
            return group.name
        return format_html(
            '<span class="role-choice">{}<span class="help role-description">{}</span></span>', group.name, description
        )


def with_role_descriptions(form_class):
    class Form(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields.get("groups")
            if field is not None:
                described = GroupChoiceField(
                    queryset=Group.objects.order_by("name"),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    label=field.label,
                    help_text=field.help_text,
                )
                self.fields["groups"] = described

    Form.__name__ = form_class.__name__
    return Form


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return with_role_descriptions(UserEditForm if for_update else UserCreationForm)
