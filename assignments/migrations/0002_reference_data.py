from django.db import migrations

from guazhi.roles import grant_app_permissions_to_staff

# The intake steps (报到手续) every reporting cadre goes through, with the days
# after reporting each is due. Reference data: administrators edit it later.
CHECKLIST = [
    ("介绍信", 0),
    ("干部任免审批表", 3),
    ("党组织关系转入", 30),
    ("到岗谈话", 7),
    ("明确帮带领导", 30),
    ("制定培养计划", 30),
]


def forwards(apps, schema_editor):
    ChecklistItem = apps.get_model("assignments", "ChecklistItem")
    for order, (name, days_due) in enumerate(CHECKLIST):
        ChecklistItem.objects.get_or_create(name=name, defaults={"days_due": days_due, "order": order})
    grant_app_permissions_to_staff(apps, "assignments")


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0001_initial"),
        ("cadres", "0002_org_staff_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
