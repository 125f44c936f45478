import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "x-pass-9876"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def attempt(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_login_page_is_in_chinese():
    html = Client().get(reverse("login")).content.decode()
    assert "登录" in html
    assert 'lang="zh-hans"' in html


def test_a_wrong_password_says_so_in_chinese(officer):
    response = attempt(Client(), "alice", "wrong")
    assert response.status_code == 200
    assert "用户名" in response.content.decode()


def test_staff_log_in_and_reach_the_overview(officer):
    response = attempt(Client(), "alice", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_five_wrong_passwords_lock_that_name_from_that_address(axes_on, officer):
    client = Client()
    for _ in range(5):
        attempt(client, "alice", "wrong")
    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_a_colleague_behind_the_same_address_can_still_log_in(axes_on, officer, leader_a):
    client = Client()
    for _ in range(5):
        attempt(client, "alice", "wrong")
    assert attempt(Client(), "bob", PASSWORD).status_code == 302


def test_the_same_name_from_another_address_is_not_locked(axes_on, officer):
    for _ in range(5):
        attempt(Client(), "alice", "wrong", address="10.0.0.1")
    assert attempt(Client(), "alice", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_lockout_lasts_thirty_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_logging_out_ends_the_session(officer):
    client = Client()
    client.force_login(officer)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_the_english_interface_can_be_chosen(officer):
    client = Client()
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Overview" in client.get(reverse("home")).content.decode()


def test_an_english_language_browser_still_gets_chinese_until_the_user_chooses(officer):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(officer)
    assert "工作台" in client.get(reverse("home")).content.decode()
