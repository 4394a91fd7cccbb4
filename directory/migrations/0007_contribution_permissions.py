from django.db import migrations

# "Modération" reviews what organisations propose for their own entry.
ACTIONS = {"Modération": ["change", "view"]}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="directory", model="proposedchange")
    for group_name, actions in ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_proposedchange",
                defaults={"name": f"Can {action} modification proposée"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_contributions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
