"""A fresh install has exactly the project's groups: Wagtail's default « Editors » and « Moderators »
(English, no description, created by wagtailcore's first migrations) are merged into « Rédaction »
and « Modération »: their members move over, then the groups go, and Wagtail's default workflow
(« Moderators approval ») is switched off."""

from django.db import migrations

MERGED_INTO = {"Editors": "Rédaction", "Moderators": "Modération"}


def merge_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old_name, new_name in MERGED_INTO.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _ = Group.objects.get_or_create(name=new_name)
        for user in old.user_set.all():
            user.groups.add(new)
        old.delete()
    # Wagtail's default workflow went with its « Moderators » group (home/migrations/0002 gives the
    # pages « Relecture par la modération »): off, unless a page still follows it.
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for workflow in Workflow.objects.filter(name="Moderators approval", workflow_pages__isnull=True):
        workflow.active = False
        workflow.save(update_fields=["active"])
        Task.objects.filter(name="Moderators approval").update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_merge_accessibility_and_content"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(merge_default_groups, migrations.RunPython.noop)]
