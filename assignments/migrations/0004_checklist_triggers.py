from django.db import migrations

from guazhi.roles import grant_app_permissions_to_staff

# Intake steps that are done by recording something else on the secondment:
# an arrival talk, naming the mentor, filing the training plan.
TRIGGERS = {
    "到岗谈话": "arrival_talk",
    "明确帮带领导": "mentor",
    "制定培养计划": "training_plan",
}


def forwards(apps, schema_editor):
    ChecklistItem = apps.get_model("assignments", "ChecklistItem")
    for name, trigger in TRIGGERS.items():
        ChecklistItem.objects.filter(name=name, fulfilled_by="").update(fulfilled_by=trigger)
    grant_app_permissions_to_staff(apps, "assignments")


def backwards(apps, schema_editor):
    ChecklistItem = apps.get_model("assignments", "ChecklistItem")
    ChecklistItem.objects.filter(name__in=TRIGGERS).update(fulfilled_by="")


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0003_care_triggers_and_reminder_log"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
