from django.db import migrations, models

# Appraisal lines other than the confirmation (asked for, filed, returned) are work in progress.
CONFIRMED = ("组织部已确认", "confirmed by the organization department")


def hide_appraisal_work_in_progress(apps, schema_editor):
    SecondmentEvent = apps.get_model("assignments", "SecondmentEvent")
    lines = SecondmentEvent.objects.filter(action="appraisal")
    for text in CONFIRMED:
        lines = lines.exclude(note__contains=text)
    lines.update(shown_to_sending_unit=False)


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0009_assignment_fit_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="secondmentevent",
            name="shown_to_sending_unit",
            field=models.BooleanField(default=True, verbose_name="shown to the sending unit"),
        ),
        migrations.RunPython(hide_appraisal_work_in_progress, migrations.RunPython.noop),
    ]
