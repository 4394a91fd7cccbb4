"""Only "Modération" publishes, unpublishes, locks and unlocks organisations; the moderation
workflow of the pages ("Relecture par la modération", home/migrations/0002) applies to them too."""

from django.db import migrations

MODERATOR = "Modération"
WORKFLOW = "Relecture par la modération"
MODERATOR_ACTIONS = ["publish", "lock", "unlock"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="directory", model="organisation")
    moderators = Group.objects.filter(name=MODERATOR).first()
    if moderators:
        for action in MODERATOR_ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_organisation",
                defaults={"name": f"Can {action} organisation"},
            )
            moderators.permissions.add(permission)
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow:
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="directory", codename__in=[f"{a}_organisation" for a in MODERATOR_ACTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_organisation_moderation"),
        ("home", "0002_editor_groups_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
