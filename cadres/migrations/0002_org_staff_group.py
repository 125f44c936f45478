from django.db import migrations

from guazhi.roles import grant_app_permissions_to_staff


def create_staff_group(apps, schema_editor):
    grant_app_permissions_to_staff(apps, "cadres")


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_group, migrations.RunPython.noop)]
