from django.db import migrations

from guazhi.roles import grant_app_permissions_to_staff


def forwards(apps, schema_editor):
    grant_app_permissions_to_staff(apps, "evaluations")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_appraisals_and_term_reviews"),
        ("cadres", "0002_org_staff_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
