from django.contrib.auth.models import AnonymousUser

from cadres.selectors import cadres_visible_to, units_visible_to


def test_staff_see_every_cadre(officer, make_cadre):
    make_cadre("张国华")
    assert cadres_visible_to(officer).count() == 1


def test_unit_members_see_no_cadre_without_a_rule_that_grants_it(leader_a, liaison, cadre):
    assert not cadres_visible_to(leader_a).exists()
    assert not cadres_visible_to(liaison).exists()


def test_anonymous_visitors_see_nothing(cadre, unit_a):
    assert not cadres_visible_to(AnonymousUser()).exists()
    assert not units_visible_to(AnonymousUser()).exists()


def test_a_leader_sees_only_the_units_they_act_for(leader_a, unit_a, unit_b):
    assert list(units_visible_to(leader_a)) == [unit_a]


def test_a_user_without_any_role_sees_nothing(django_user_model, cadre, unit_a):
    nobody = django_user_model.objects.create_user("nobody", password="x-pass-9876")
    assert not cadres_visible_to(nobody).exists()
    assert not units_visible_to(nobody).exists()
