"""Characters that look like digits, and ids too large for the database, are named at the
field or ignored, never an error page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assignments.tests.roster_helpers import roster_row, workbook_bytes, write_workbook
from cadres.models import Cadre

ODD_ID = "11010119900307²²²X"
HUGE_ID = "99999999999999999999"
ODD_YEARS = ["²", "①", "²⁰¹⁹", "٢٠١٩", HUGE_ID, "2019\x00"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_id_number_with_superscript_digits_is_an_error_at_the_field_of_the_cadre_form(officer_client):
    response = officer_client.post(reverse("cadres:cadre_create"), {"name": "王五", "id_number": ODD_ID})
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == ["身份证号前17位须为数字，末位为数字或X。"]


def test_an_id_number_with_superscript_digits_is_an_error_at_the_field_of_the_register_page(
    officer_client, sending_unit
):
    response = officer_client.post(
        reverse("assignments:secondment_register"), {"cadre-name": "王五", "cadre-id_number": ODD_ID}
    )
    assert response.status_code == 200
    assert response.context["cadre_form"].errors["id_number"]


def test_an_id_number_typed_in_full_width_digits_is_stored_in_ascii(officer_client, make_cadre, sending_unit):
    number = make_cadre().id_number
    Cadre.objects.all().delete()
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    data = {
        "name": "王五",
        "gender": "male",
        "id_number": full_width,
        "political_status": "01",
        "ethnicity": "01",
        "home_unit": sending_unit.pk,
    }
    response = officer_client.post(reverse("cadres:cadre_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Cadre.objects.get().id_number == number


def test_an_id_number_with_superscript_digits_is_a_row_error_in_the_roster_preview(
    officer_client, sending_unit
):
    content = workbook_bytes([roster_row(1, 身份证号=ODD_ID, 出生年月="1990.03", 挂职单位="")])
    response = officer_client.post(
        reverse("assignments:roster_import"), {"file": SimpleUploadedFile("花名册.xlsx", content)}
    )
    preview = officer_client.get(response.url)
    assert preview.status_code == 200
    assert "身份证号" in [error.column for error in preview.context["check"].errors]


def test_import_roster_names_an_id_number_with_superscript_digits_at_its_row(tmp_path, sending_unit):
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 身份证号=ODD_ID, 挂职单位="")])
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), stderr=errors)
    assert errors.getvalue().startswith("第2行 身份证号:")


@pytest.mark.parametrize("name", ["oversight:summary", "oversight:summary_docx", "oversight:summary_xlsx"])
@pytest.mark.parametrize("since", ODD_YEARS)
def test_the_summary_and_its_downloads_take_an_odd_year_as_no_year(officer_client, name, since):
    response = officer_client.get(reverse(name), {"since": since})
    assert response.status_code == 200


def test_the_summary_says_an_odd_year_is_not_a_year(officer_client):
    response = officer_client.get(reverse("oversight:summary"), {"since": "²⁰¹⁹"})
    assert response.context["since_error"]


@pytest.mark.parametrize("line", ["²:4", "①:1", f"{HUGE_ID}:{HUGE_ID}", "1:", ":", "\x00"])
def test_an_odd_plan_line_is_reported_not_an_error_page(officer_client, line):
    response = officer_client.post(reverse("assignments:batch_plan_accept"), {"line": line}, follow=True)
    assert response.status_code == 200
    assert "未安排" in response.content.decode()


def _post_form(client, url: str, data: dict):
    response = client.post(url, data)
    assert response.status_code == 200
    return response


def test_an_id_beyond_64_bits_among_the_specialties_is_an_error_at_the_field(
    officer_client, specialty, cadre, post, sending_unit
):
    forms = {
        reverse("cadres:cadre_create"): ("form", "specialties"),
        reverse("cadres:cadre_edit", args=[cadre.pk]): ("form", "specialties"),
        reverse("assignments:post_create"): ("form", "specialties"),
        reverse("assignments:post_edit", args=[post.pk]): ("form", "specialties"),
        reverse("assignments:secondment_register"): ("cadre_form", "cadre-specialties"),
    }
    for url, (form, field) in forms.items():
        response = _post_form(officer_client, url, {field: [str(specialty.pk), HUGE_ID]})
        assert response.context[form].errors["specialties"], url


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("cadres:cadre_list", "specialties"),
        ("assignments:post_list", "specialties"),
        ("assignments:post_list", "unit"),
        ("assignments:secondment_list", "sending_unit"),
        ("assignments:secondment_list", "ending_within"),
        ("evaluations:appraisal_list", "unit"),
    ],
)
@pytest.mark.parametrize("value", [HUGE_ID, "²", "-" + HUGE_ID, "1e999"])
def test_an_odd_id_in_a_list_filter_is_ignored_or_named(officer_client, name, field, value):
    assert officer_client.get(reverse(name), {field: value}).status_code == 200


@pytest.mark.parametrize("number", ["\x00", "4301\x0002198506151231"])
def test_an_id_number_with_a_nul_is_an_error_at_the_field_of_the_register_page(officer_client, number):
    response = officer_client.post(
        reverse("assignments:secondment_register"), {"cadre-name": "王五", "cadre-id_number": number}
    )
    assert response.status_code == 200
    assert response.context["cadre_form"].errors["id_number"]
