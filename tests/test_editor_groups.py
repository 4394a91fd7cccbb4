"""A fresh install has the editors' groups and the moderation workflow (home/migrations/0002)."""

from django.contrib.auth.models import Group, User
from wagtail.models import Page, PagePermissionTester, Workflow

from home.models import ContentPage


def editor(group_name):
    user = User.objects.create_user(f"agent-{group_name}", password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_groups_exist_with_admin_access(db):
    for name in ("Rédaction", "Modération"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_redaction_edits_but_cannot_publish_and_moderation_can(demo_site):
    redaction, moderation = editor("Rédaction"), editor("Modération")
    page = ContentPage.objects.get(slug="qu-est-ce-que-l-ess")
    as_redaction = PagePermissionTester(redaction, page)
    as_moderation = PagePermissionTester(moderation, page)
    assert as_redaction.can_edit() and not as_redaction.can_publish() and not as_redaction.can_unpublish()
    assert as_moderation.can_publish() and as_moderation.can_unpublish()
    assert not as_redaction.can_delete()


def test_the_home_tree_goes_through_moderation(demo_site):
    page = Page.objects.get(slug="qu-est-ce-que-l-ess")
    workflow = page.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.name == "Relecture par la modération"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Modération"]


def test_redaction_uploads_images_but_only_moderation_deletes_others_images(db):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())
    redaction, moderation = editor("Rédaction"), editor("Modération")
    assert image_policy.user_has_permission(redaction, "add") and document_policy.user_has_permission(redaction, "add")
    image = get_image_model().objects.create(
        title="Photo", file="original_images/photo.png", width=1, height=1, uploaded_by_user=moderation
    )
    assert not image_policy.user_has_permission_for_instance(redaction, "delete", image)
    assert image_policy.user_has_permission_for_instance(moderation, "delete", image)


def test_a_fresh_install_has_exactly_the_projects_groups(db):
    # Wagtail's own « Editors » and « Moderators » are merged away by home/migrations/0005.
    assert set(Group.objects.values_list("name", flat=True)) == {"Rédaction", "Modération"}
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_wagtails_default_groups_hand_their_members_over(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("home.migrations.0005_project_groups_only")
    member = User.objects.create_user("ancien-moderateur", password="x")
    member.groups.add(Group.objects.create(name="Moderators"))
    migration.merge_default_groups(apps, None)
    assert not Group.objects.filter(name="Moderators").exists()
    assert list(member.groups.values_list("name", flat=True)) == ["Modération"]


def test_the_role_picker_says_what_each_role_may_do(admin_client):
    from django.urls import reverse
    from django.utils.html import escape

    from home.roles import DESCRIPTIONS

    user = User.objects.create_user("agent", password="x")
    for url in (reverse("wagtailusers_users:add"), reverse("wagtailusers_users:edit", args=[user.pk])):
        html = admin_client.get(url).content.decode()
        assert html.count('name="groups"') == 2, url
        for name, description in DESCRIPTIONS.items():
            assert f'{name}<span class="help role-description">{escape(description)}</span></span>' in html
        assert "Moderators" not in html and "Editors" not in html
