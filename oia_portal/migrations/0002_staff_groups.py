from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_staff_groups(apps, schema_editor):
    from core.roles import apply_roles

    # Permissions are normally made after all migrations; make them now so the
    # groups can be given theirs on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_staff_groups(apps, schema_editor):
    from core.roles import ROLE_PERMISSIONS

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("oia_portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0001_initial"),
        ("exchanges", "0001_initial"),
        ("scholars", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_staff_groups, remove_staff_groups)]
