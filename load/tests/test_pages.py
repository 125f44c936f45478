from django.urls import reverse

from conftest import client_for
from evaluations.models import Appraisal
from load import pages


def test_the_login_form_is_read_with_its_csrf_token(db):
    html = client_for(None).get(reverse("login")).content.decode()

    form = pages.form_with(html, "username")

    assert form is not None
    assert form.action == reverse("login")
    assert {"csrfmiddlewaretoken", "username", "password", "next"} <= set(form.values)
    assert form.values["csrfmiddlewaretoken"]
    assert any(asset.startswith("/static/") for asset in pages.assets(html))


def test_the_talk_form_offers_a_leader_the_roles_of_their_unit(placed_in_a, leader_a):
    html = (
        client_for(leader_a).get(reverse("assignments:talk_create", args=[placed_in_a.pk])).content.decode()
    )

    form = pages.form_with(html, "talker_role")

    assert form.choices["talker_role"] == ["receiving_leader", "mentor"]
    assert "routine" in form.choices["kind"]
    assert form.values["date"]
    assert form.values["talker"]


def test_a_talk_posted_back_as_read_is_recorded(placed_in_a, leader_a):
    client = client_for(leader_a)
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    form = pages.form_with(client.get(url).content.decode(), "talker_role")

    response = client.post(url, form.data(kind="routine", talker_role="mentor", actions_taken="当面交流"))

    assert response.status_code == 302
    assert pages.has_success(client.get(response["Location"]).content.decode())
    assert placed_in_a.talks.get().actions_taken == "当面交流"


def test_a_saved_draft_comes_back_in_the_appraisal_form(placed_in_a, leader_a, make_round):
    make_round()
    appraisal = Appraisal.objects.get(secondment=placed_in_a)
    client = client_for(leader_a)
    url = reverse("evaluations:appraisal_file", args=[appraisal.pk])
    form = pages.form_with(client.get(url).content.decode(), "morality")
    assert form.choices["morality"] == ["good", "fairly_good", "average", "poor"]

    response = client.post(
        url, form.data(action="draft", morality="good", achievement_remarks="进度符合预期")
    )

    assert response["Location"] == url
    again = pages.form_with(client.get(url).content.decode(), "morality")
    assert again.values["morality"] == "good"
    assert again.values["achievement_remarks"] == "进度符合预期"


def test_the_first_error_of_a_form_sent_back_is_read(placed_in_a, leader_a):
    client = client_for(leader_a)
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    form = pages.form_with(client.get(url).content.decode(), "talker_role")

    response = client.post(url, form.data(talker=""))

    assert response.status_code == 200
    assert pages.error_text(response.content.decode())


def test_links_and_ids_are_read_once_each_in_page_order():
    html = '<a href="/secondments/7/">a</a><a href="/secondments/3/">b</a><a href="/secondments/7/">c</a>'

    assert pages.ids(html, r'href="/secondments/(\d+)/"') == [7, 3]
    assert pages.links(html, r"/secondments/\d+/") == ["/secondments/7/", "/secondments/3/"]


def test_a_select_without_a_chosen_option_sends_its_first():
    form = pages.forms(
        '<form method="post"><select name="s"><option value="a">A</option><option value="b">B</option>'
        '</select><textarea name="t">\nline</textarea></form>'
    )[0]

    assert form.values == {"s": "a", "t": "line"}
    assert form.choices == {"s": ["a", "b"]}
