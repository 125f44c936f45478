"""People the tests need besides the fixtures of conftest.py."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from guazhi.access import ORG_STAFF_GROUP


def second_officer():
    """Erin, another officer: confirms what Alice filed on a unit's behalf (代为录入)."""
    user = get_user_model().objects.filter(username="erin").first()
    if user is None:
        user = get_user_model().objects.create_user(
            "erin", password="x-pass-9876", first_name="艾琳", last_name="组织部", email="erin@example.org"
        )
        user.groups.add(Group.objects.get(name=ORG_STAFF_GROUP))
    return user
