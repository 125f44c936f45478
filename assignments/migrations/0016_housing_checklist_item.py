from django.db import migrations

# The intake step ticked when the cadre's housing is recorded (生活保障), due a week after reporting.
NAME = "生活安排落实"


def forwards(apps, schema_editor):
    ChecklistItem = apps.get_model("assignments", "ChecklistItem")
    if ChecklistItem.objects.filter(name=NAME).exists():
        ChecklistItem.objects.filter(name=NAME, fulfilled_by="").update(fulfilled_by="housing")
        return
    last = ChecklistItem.objects.order_by("-order").values_list("order", flat=True).first()
    ChecklistItem.objects.create(name=NAME, days_due=7, order=(last or 0) + 1, fulfilled_by="housing")


def backwards(apps, schema_editor):
    ChecklistItem = apps.get_model("assignments", "ChecklistItem")
    ChecklistItem.objects.filter(name=NAME, fulfilled_by="housing").update(fulfilled_by="")


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0015_life_support_choices"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
