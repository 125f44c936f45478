import pytest
from django.core.management import CommandError, call_command

from cadres.models import Cadre, Unit
from cadres.validators import validate_id_number


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_demo_can_run_twice_without_making_anything_twice(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Cadre.objects.count(), Unit.objects.count())
    call_command("seed_demo")
    assert (Cadre.objects.count(), Unit.objects.count()) == counts
    assert counts[0] >= 30


def test_seed_demo_gives_every_cadre_a_valid_id_number(db, settings):
    call_command("seed_demo", force=True)
    for cadre in Cadre.objects.all():
        validate_id_number(cadre.id_number, cadre.birth_date)


def test_seed_demo_prints_a_login_for_each_role(db, capsys):
    call_command("seed_demo", force=True)
    out = capsys.readouterr().out
    for username in ["zuzhibu", "ld_caizheng", "ll_caizheng", "admin"]:
        assert username in out
