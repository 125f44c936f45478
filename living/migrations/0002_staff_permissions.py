from django.db import migrations

from guazhi.roles import grant_app_permissions_to_staff


def forwards(apps, schema_editor):
    grant_app_permissions_to_staff(apps, "living")


class Migration(migrations.Migration):
    dependencies = [
        ("living", "0001_life_support"),
        ("cadres", "0002_org_staff_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
