"""Moderators (the group that publishes) manage promoted search results and see visitors' searches."""

from django.db import migrations

MODERATOR = "Modération"  # created by home/migrations/0002
ACTIONS = ["add", "change", "delete"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATOR).first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailsearchpromotions", model="searchpromotion")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_searchpromotion",
            defaults={"name": f"Can {action} search promotion"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=MODERATOR).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="wagtailsearchpromotions",
                codename__in=[f"{action}_searchpromotion" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_french_text_search"),
        ("home", "0002_editor_groups_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
