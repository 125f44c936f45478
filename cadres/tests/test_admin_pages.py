"""People in the administration: a cadre's family read beside the cadre, logins read with their history."""

from django.urls import reverse

from cadres import services
from cadres.models import FamilyMember


def test_a_cadres_family_is_read_on_the_cadre_in_the_administration(admin_client, cadre):
    FamilyMember.objects.create(cadre=cadre, relation="妻子", name="李秀兰", work="省人民医院医生")

    page = admin_client.get(reverse("admin:cadres_cadre_change", args=[cadre.pk])).content.decode()

    assert "李秀兰" in page and "省人民医院医生" in page
    assert 'name="family_members-0-name"' not in page and "family_members-TOTAL_FORMS" in page


def test_logins_that_must_change_their_password_are_listed_and_read_only(admin_client, officer, cadre):
    account_holder, _password = services.give_account(cadre=cadre, username="zhangguohua", actor=officer)
    services.reset_password(user=account_holder.account, password="Temp-pass-2468", actor=officer)

    listing = admin_client.get(reverse("admin:cadres_account_changelist") + "?must_change_password__exact=1")

    assert "zhangguohua" in listing.content.decode()
    account = account_holder.account.account
    assert admin_client.get(reverse("admin:cadres_account_change", args=[account.pk])).status_code == 200
    assert admin_client.get(reverse("admin:cadres_account_add")).status_code == 403
    assert admin_client.get(reverse("admin:cadres_account_history", args=[account.pk])).status_code == 200
