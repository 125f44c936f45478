"""The change history (修改记录) reads as people write it: names, Beijing time, labels, file names,
and the fields in the order of the form."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import FILLED_APPRAISAL, TODAY, client_for, days_ago
from guazhi.dates import long_date
from guazhi.tests.samples import PDF


@pytest.fixture
def confirmed(placed_in_a, make_round, leader_a, officer):
    appraisal = make_round().appraisals.get()
    client_for(leader_a).post(
        reverse("evaluations:appraisal_file", args=[appraisal.pk]), {**FILLED_APPRAISAL, "action": "submit"}
    )
    client_for(officer).post(reverse("evaluations:appraisal_confirm", args=[appraisal.pk]))
    return appraisal


def _history(client, obj):
    return client.get(obj.get_absolute_url()).context["history"]


def test_the_history_names_people_not_their_logins(confirmed, officer_client):
    history = _history(officer_client, confirmed)
    assert [entry.who for entry in history[:2]] == ["组织部爱丽", "王博"]
    changes = {c.label: c.new for entry in history for c in entry.changes}
    assert changes["填报人"] == "王博" and changes["审核人"] == "组织部爱丽"
    html = officer_client.get(confirmed.get_absolute_url()).content.decode()
    history_html = html[html.index('id="history-heading"') :]
    assert "bob" not in history_html and "alice" not in history_html


def test_the_history_shows_choice_labels_and_beijing_time(confirmed, officer_client):
    filed = _history(officer_client, confirmed)[1]
    shown = {c.label: c.new for c in filed.changes}
    assert shown["德"] == "好" and shown["勤"] == "较好" and shown["考核等次"] == "称职"
    assert re.fullmatch(rf"{long_date(TODAY)} \d\d:\d\d", shown["填报时间"])
    assert not {"good", "fairly_good", "competent", "submitted"} & {c.new for c in filed.changes}


def test_the_history_lists_the_fields_in_the_order_of_the_form(confirmed, officer_client):
    filed = _history(officer_client, confirmed)[1]
    labels = [c.label for c in filed.changes]
    assert labels.index("德") < labels.index("德的具体表现") < labels.index("能") < labels.index("考核等次")
    assert labels.index("考核等次") < labels.index("主要优点") < labels.index("不足之处")


def test_a_cadre_s_history_follows_the_layout_of_the_cadre_form(officer, officer_client, cadre):
    from cadres.services import edit_cadre

    edit_cadre(cadre=cadre, actor=officer, phone="13900001111", grade="researcher_1")
    labels = [c.label for c in _history(officer_client, cadre)[0].changes]
    # The form asks for the grade (职级) beside the level, and the phone further down.
    assert labels == ["职级", "联系电话"]


def test_a_file_is_named_as_uploaded_not_by_where_it_is_kept(
    make_review, make_cadre, post, officer_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    review = make_review(make_cadre("王五", birth_date=datetime.date(1981, 1, 1)), post)
    officer_client.post(
        reverse("evaluations:review_self_summary", args=[review.pk]),
        {
            "text": "",
            "received_on": days_ago(3).isoformat(),
            "upload": SimpleUploadedFile("王五总结.pdf", PDF),
        },
    )
    shown = {c.label: c.new for c in _history(officer_client, review)[0].changes}
    assert shown["个人总结文件"] == "王五总结.pdf"
    assert "文件名" not in shown
    assert not any("self_summaries" in value for value in shown.values())
