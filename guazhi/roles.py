"""The organization-department staff group, kept by data migrations."""

from .access import ORG_STAFF_GROUP


def grant_app_permissions_to_staff(apps, app_label: str) -> None:
    """Give the staff group the view/add/change permissions (and custom ones) of an app.

    Called from a data migration of each domain app. Delete permissions are
    left out: people's records are ended by a state, not deleted.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=ORG_STAFF_GROUP)
    permissions = (
        Permission.objects.filter(content_type__app_label=app_label)
        .exclude(codename__startswith="delete_")
        .exclude(codename__startswith="add_historical")
        .exclude(codename__startswith="change_historical")
    )
    group.permissions.add(*permissions)
