"""The people of the load run, for locust.

Organization-department staff browse (the dashboard, cadres searched and
filtered, secondments, the waiting list and its suggestions, posts, the county
summary, appraisal rounds) and record talks; the three demo leaders file their
units' appraisals (a draft, then the submission) and record talks with their
cadres. Each logs in through the login form, and fills in the real forms from
the pages they come on, as a browser would.

Every write carries a marker unique to the run. A write the application
accepted (it redirected where it should) goes into the ledger that
``load/run.py`` checks against the database afterwards; anything else a person
would notice (an error page, a form sent back, a missing success message, a
saved draft that does not come back) is a problem that fails the run.

Logging in costs a deliberately slow password hash (PBKDF2), so thirty
people logging in at once would swamp the minute measured. Everyone logs in
first; once all have, the statistics start from zero and the run lasts
LOAD_SECONDS from there. Failed requests are counted over
the whole run, logins included, and the login times are reported apart.

``load/run.py`` sets LOAD_RUN_ID, LOAD_PASSWORD, LOAD_USERS, LOAD_SECONDS,
LOAD_BATCH (the load data's batch, for the batch filter) and LOAD_OUTPUT
(where the statistics, the ledger and the problems are written when locust
quits).
"""

import itertools
import json
import os
import random
from collections import Counter
from urllib.parse import urlencode, urlsplit

import gevent
from gevent.event import Event
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

from load import pages

RUN_ID = os.environ.get("LOAD_RUN_ID", "manual")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
OUTPUT = os.environ.get("LOAD_OUTPUT", "")
USERS = int(os.environ.get("LOAD_USERS") or 1)
SECONDS = int(os.environ.get("LOAD_SECONDS") or 60)
# However slow the logins, the measured part starts after this long.
LOGIN_PHASE_LIMIT_SECONDS = int(os.environ.get("LOAD_LOGIN_LIMIT") or 240)
# The batch the load data placed its extra cadres in, for the secondment list's batch filter.
BATCH = os.environ.get("LOAD_BATCH", "")

STAFF = "zuzhibu"
LEADERS = ("ld_caizheng", "ld_zhengfu", "ld_qingshan")
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}

ASPECTS = ("morality", "ability", "diligence", "achievement", "integrity")
RATINGS = ("good", "good", "fairly_good", "fairly_good", "average")
GRADES = ("excellent", "competent", "competent", "competent", "basically_competent")

CADRE_QUERIES = [
    {"q": "zhang"},
    {"q": "zgh"},
    {"q": "李"},
    {"q": "wang"},
    {"q": "430102"},
    {"level_bucket": "division"},
    {"level_bucket": "section", "home_unit__tier": "municipal"},
    {"political_status": "01"},
    {"home_unit__tier": "provincial", "page": "2"},
    {},
]
SECONDMENT_QUERIES = [
    {},
    {"status": "in_post"},
    {"status": "in_post", "page": "2"},
    {"status": "awaiting_post"},
    {"ending_within": "90"},
    {"level": "division"},
    {"q": "liu"},
    {"batch": BATCH},
]

# What the run hands back to load/run.py.
ledger: list[dict] = []
problems: list[dict] = []
notes: Counter = Counter()
failed: Counter = Counter()
login_times: list[float] = []
everyone_in = Event()
_arrived = itertools.count(1)
# Appraisals a simulated leader has taken up; two of them never file the same one.
claimed: set[int] = set()
_numbers = itertools.count(1)
_leaders = itertools.count(0)


@events.request.add_listener
def _count(request_type, name, response_time=0, response=None, exception=None, **kwargs) -> None:
    """Over the whole run, unlike locust's statistics, which start again once everyone is in."""
    if exception is not None:
        failed[(request_type, name, str(exception))] += 1
    if name == "log in":
        login_times.append(response_time)


def _start_measuring(environment) -> None:
    if everyone_in.is_set():
        return
    environment.stats.reset_all()
    gevent.spawn_later(SECONDS, environment.runner.quit)
    everyone_in.set()


def _arrive(environment) -> None:
    """One more person is logged in (or gave up); with the last one, the measured part begins."""
    if next(_arrived) >= USERS:
        _start_measuring(environment)


@events.test_start.add_listener
def _limit_login_phase(environment, **kwargs) -> None:
    gevent.spawn_later(LOGIN_PHASE_LIMIT_SECONDS, _start_measuring, environment)


def _row(entry) -> dict:
    return {
        "method": entry.method or "",
        "name": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.total_rps,
        "avg": entry.avg_response_time,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "max": entry.max_response_time,
    }


@events.quitting.add_listener
def _write_output(environment, **kwargs) -> None:
    if not OUTPUT:
        return
    stats = environment.stats
    result = {
        "total": _row(stats.total),
        "seconds": max(0.0, (stats.total.last_request_timestamp or 0) - stats.total.start_time),
        "rows": [_row(entry) for entry in sorted(stats.entries.values(), key=lambda e: (e.name, e.method))],
        "errors": [
            {"method": method, "name": name, "error": error, "occurrences": n}
            for (method, name, error), n in failed.most_common()
        ],
        "logins": sorted(login_times),
        "ledger": ledger,
        "problems": problems,
        "notes": dict(notes),
    }
    with open(OUTPUT, "w", encoding="utf-8") as out:
        json.dump(result, out, ensure_ascii=False, indent=1)


class Person(FastHttpUser):
    """Someone who logs in and uses the site; staff and leaders below say what they do."""

    abstract = True
    # A busy clerk: a page every couple of seconds, so thirty of them keep three workers busy.
    wait_time = between(1, 4)
    username = ""

    def on_start(self) -> None:
        self.number = next(_numbers)
        self.writes = 0
        try:
            self.log_in()
        finally:
            _arrive(self.environment)
        everyone_in.wait()

    # --- what a person notices ----------------------------------------------------------------------

    def problem(self, name: str, message: str) -> None:
        problems.append({"user": self.username, "name": name, "problem": message})

    def marker(self, kind: str) -> str:
        self.writes += 1
        return f"[{RUN_ID}-{kind}{self.number:02d}-{self.writes:04d}]"

    def page(self, url: str, name: str) -> str | None:
        """GET a page; anything but the page itself (an error, a redirect to the login) is a failure."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"expected 200, got {response.status_code}")
                return None
            return response.text

    def post_form(self, url: str, data: dict[str, str], name: str, expect: str) -> bool:
        """POST a form; it counts as accepted only if the application redirects to ``expect``."""
        body = urlencode(data).encode()
        with self.client.post(
            url, data=body, headers=FORM_HEADERS, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 200:
                why = pages.error_text(response.text) or "no message"
                response.failure(f"not accepted, the form came back: {why}")
                return False
            if response.status_code != 302:
                response.failure(f"not accepted: status {response.status_code}")
                return False
            location = urlsplit(response.headers.get("location") or "").path
            if location != expect:
                response.failure(f"redirected to {location}, expected {expect}")
                return False
            return True

    def confirmation(self, url: str, name: str) -> str | None:
        """The page a write redirected to, which must say that it succeeded."""
        html = self.page(url, name)
        if html is not None and not pages.has_success(html):
            self.problem(name, f"no success message on {url} after a write")
        return html

    def log_in(self) -> None:
        html = self.page("/login/", "login page")
        if html is None:
            raise StopUser()
        for asset in pages.assets(html):
            self.page(asset, "static file")
        form = pages.form_with(html, "username")
        if form is None:
            self.problem("login page", "no login form")
            raise StopUser()
        data = form.data(username=self.username, password=PASSWORD)
        if not self.post_form("/login/", data, "log in", "/"):
            raise StopUser()

    # --- what both do ---------------------------------------------------------------------------------

    def open_secondment(self, list_url: str, list_name: str) -> tuple[int, str] | None:
        """From a list of secondments, open one of them; returns its id and page."""
        html = self.page(list_url, list_name)
        found = pages.ids(html or "", r'href="/secondments/(\d+)/"')
        if not found:
            return None
        pk = random.choice(found)
        page = self.page(f"/secondments/{pk}/", "secondment page")
        return (pk, page) if page is not None else None

    def record_talk(self, secondment: int, roles: tuple[str, ...]) -> None:
        url = f"/secondments/{secondment}/talks/new/"
        html = self.page(url, "talk form")
        form = pages.form_with(html or "", "talker_role")
        if form is None:
            if html is not None:
                self.problem("talk form", f"no talk form on {url}")
            return
        role = next((r for r in roles if r in form.choices.get("talker_role", [])), "")
        marker = self.marker("t")
        data = form.data(
            kind="routine",
            talker_role=role,
            issues_work="反映分管项目推进中部门协调难度较大",
            actions_taken=f"当面交流，明确由分管领导牵头协调 {marker}",
        )
        if self.post_form(url, data, "record a talk", f"/secondments/{secondment}/"):
            ledger.append({"kind": "talk", "marker": marker, "user": self.username, "object": secondment})
            self.confirmation(f"/secondments/{secondment}/", "secondment page after a talk")


class Staff(Person):
    """组织部工作人员: browses everything, and records talks with any cadre in the county."""

    weight = 3
    username = STAFF

    @task(4)
    def dashboard(self) -> None:
        self.page("/", "dashboard")

    @task(4)
    def cadres(self) -> None:
        query = urlencode(random.choice(CADRE_QUERIES))
        html = self.page(f"/cadres/?{query}", "cadre list (search, filters)")
        found = pages.ids(html or "", r'href="/cadres/(\d+)/"')
        if found:
            self.page(f"/cadres/{random.choice(found)}/", "cadre page")

    @task(4)
    def secondments(self) -> None:
        query = urlencode(random.choice(SECONDMENT_QUERIES))
        self.open_secondment(f"/secondments/?{query}", "secondment list (filters)")

    @task(2)
    def waiting(self) -> None:
        html = self.page("/secondments/waiting/", "waiting list")
        found = pages.ids(html or "", r'href="/secondments/(\d+)/suggestions/"')
        if found:
            self.page(f"/secondments/{random.choice(found)}/suggestions/", "suggested posts")

    @task(2)
    def posts(self) -> None:
        self.page(random.choice(["/secondments/posts/", "/secondments/posts/?vacant=true"]), "post list")

    @task(1)
    def summary(self) -> None:
        self.page("/secondments/reports/summary/", "county summary")

    @task(2)
    def rounds(self) -> None:
        html = self.page("/appraisals/rounds/", "round list")
        found = pages.ids(html or "", r'href="/appraisals/rounds/(\d+)/"')
        if found:
            self.page(f"/appraisals/rounds/{random.choice(found)}/", "round page")

    @task(3)
    def talk(self) -> None:
        opened = self.open_secondment(
            f"/secondments/?status=in_post&page={random.randint(1, 2)}", "secondment list (filters)"
        )
        if opened:
            self.record_talk(opened[0], ("org_department",))


class Leader(Person):
    """接收单位领导: files the unit's appraisals, and records talks with the unit's cadres."""

    weight = 2

    def on_start(self) -> None:
        self.username = LEADERS[next(_leaders) % len(LEADERS)]
        super().on_start()

    @task(3)
    def home(self) -> None:
        self.page("/", "dashboard")

    @task(2)
    def browse(self) -> None:
        if random.random() < 0.5:
            self.page("/appraisals/", "appraisal list")
        else:
            self.open_secondment("/secondments/", "secondment list (filters)")

    @task(2)
    def talk(self) -> None:
        opened = self.open_secondment("/secondments/?status=in_post", "secondment list (filters)")
        if opened and f"/secondments/{opened[0]}/talks/new/" in opened[1]:
            self.record_talk(opened[0], ("receiving_leader", "mentor"))

    @task(6)
    def file_appraisal(self) -> None:
        """Take the next appraisal in the queue, save a draft, read it back, then submit it."""
        html = self.page("/appraisals/mine/", "appraisal queue")
        if html is None:
            return
        waiting = [pk for pk in pages.ids(html, r'href="/appraisals/(\d+)/file/"') if pk not in claimed]
        if not waiting:
            notes["a leader found the appraisal queue empty"] += 1
            return
        pk = waiting[0]
        claimed.add(pk)
        url = f"/appraisals/{pk}/file/"
        form = pages.form_with(self.page(url, "appraisal form") or "", "morality")
        if form is None:
            self.problem("appraisal form", f"no appraisal form on {url}")
            return
        draft = self.marker("d")
        data = form.data(
            action="draft",
            morality="good",
            achievement_remarks=f"牵头推进重点项目，进度符合预期 {draft}",
        )
        if not self.post_form(url, data, "save an appraisal draft", url):
            return
        ledger.append({"kind": "draft", "marker": draft, "user": self.username, "object": pk})
        form = pages.form_with(self.confirmation(url, "appraisal form after the draft") or "", "morality")
        if form is None or draft not in form.values.get("achievement_remarks", ""):
            self.problem("appraisal form after the draft", f"the draft saved on {url} does not come back")
            return
        self.wait()
        submitted = self.marker("s")
        data = form.data(
            action="submit",
            **{aspect: random.choice(RATINGS) for aspect in ASPECTS},
            grade=random.choice(GRADES),
            strengths=f"工作主动，善于协调，能打开局面 {submitted}",
            weaknesses="基层工作经验有待进一步积累。",
            hopes="希望继续扎根基层，多办实事。",
        )
        if self.post_form(url, data, "submit an appraisal", f"/appraisals/{pk}/"):
            ledger.append({"kind": "submit", "marker": submitted, "user": self.username, "object": pk})
            self.confirmation(f"/appraisals/{pk}/", "appraisal page after submitting")
