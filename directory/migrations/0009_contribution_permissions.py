from django.db import migrations

# "Modération" reviews what organisations propose for their own entry.
ACTIONS = {"Modération": ["change", "view"]}
MODELS = ["proposedchange", "structureproposal"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
        for group_name, actions in ACTIONS.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_contributions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
