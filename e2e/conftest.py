"""Browser tests: Playwright driving the system's Chromium against the live server.

They run in their own pytest invocation with DJANGO_ALLOW_ASYNC_UNSAFE=true
(the sync Playwright API runs an event loop, which Django's async guard
would otherwise trip on). Without Chromium they skip, unless REQUIRE_E2E=1.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
PASSWORD = "x-pass-9876"


def _require_or_skip(reason: str):
    if os.environ.get("REQUIRE_E2E") == "1":
        pytest.fail(f"REQUIRE_E2E=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _require_or_skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require_or_skip("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a user would not want: outside requests, console errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []
        self.allowed: list[str] = []

    def allow(self, text: str) -> None:
        """Expect console errors containing text (the browser logs a refused page itself)."""
        self.allowed.append(text)

    def on_request(self, request):
        url = request.url
        if not (url.startswith(self.origin) or url.startswith("data:") or url.startswith("blob:")):
            self.outside_requests.append(url)

    def on_console(self, message):
        if message.type == "error" and not any(text in message.text for text in self.allowed):
            self.console_errors.append(message.text)

    def on_page_error(self, error):
        self.console_errors.append(str(error))


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="zh-CN", timezone_id=settings.TIME_ZONE, viewport={"width": 1366, "height": 900}
    )
    # The pages' scripts see the day the server and the tests run on (conftest.py), not the machine's.
    context.clock.install(time=timezone.now())
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = PageWatch(live_server.url)
    page.on("request", watch.on_request)
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.watch = watch
    page.base = live_server.url
    yield page
    context.close()
    assert not watch.outside_requests, f"requests outside the application: {watch.outside_requests}"
    assert not watch.console_errors, f"console errors or CSP violations: {watch.console_errors}"


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r".*/$"))


def pytest_collection_modifyitems(items):
    # The live server needs committed data; serialized rollback brings back
    # what the data migrations made (the staff group, the intake checklist)
    # after each test flushes the tables.
    for item in items:
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
