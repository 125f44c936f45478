"""``make load``: prepare the load run's database, serve it with gunicorn, drive it with locust, verify.

Every step runs with the settings production runs with (DEBUG off, a random
SECRET_KEY, hashed and compressed static files), except those that need
HTTPS: this is plain HTTP on 127.0.0.1. Django is set up in this process only
after ``DATABASE_URL`` points at the load run's own database, so nothing here
can reach the developer's. The database is left behind for inspection and
dropped at the start of the next run; the folder with the logs is removed
when the run passes and kept when it fails.
"""

import io
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import django

from . import database, report
from .config import LoadConfig
from .server import ROOT, ServerFailed, gunicorn

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
# Time locust gives a person to finish what they are doing once the run time is up.
STOP_TIMEOUT_SECONDS = 20
# The longest the users may take to log in before the measured part starts.
LOGIN_PHASE_LIMIT_SECONDS = 240


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def production_env(config: LoadConfig, workdir: Path) -> dict[str, str]:
    """The environment of a production install, on plain HTTP at 127.0.0.1."""
    return {
        "DJANGO_SETTINGS_MODULE": "guazhi.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "",
        "DATABASE_URL": config.database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
        "SECURE_HSTS_PRELOAD": "0",
        "BEHIND_TLS_PROXY": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "EMAIL_URL": "consolemail://",
    }


def prepare(config: LoadConfig) -> None:
    """Migrate, load the demo and the load run's additions, collect the static files."""
    from django.core.management import call_command
    from django.db import connections

    from . import dataset

    timings = []

    def step(name: str, action) -> object:
        started = time.perf_counter()
        outcome = action()
        timings.append(f"{name} {time.perf_counter() - started:.0f} s")
        return outcome

    step("migrate", lambda: call_command("migrate", interactive=False, verbosity=0))
    step("demo data", lambda: call_command("seed_demo", force=True, stdout=io.StringIO()))
    pending = step("load data", lambda: dataset.add(dataset.LoadData(config.cadres_per_unit, config.rounds)))
    step("static files", lambda: call_command("collectstatic", interactive=False, verbosity=0))
    connections.close_all()
    progress(f"load: database and static files ready ({', '.join(timings)})")
    queues = ", ".join(f"{user} {count}" for user, count in pending.items())
    progress(f"load: appraisals to file: {queues}")


def run_locust(config: LoadConfig, base_url: str, workdir: Path, run_id: str) -> Path:
    """Run locust headless to the end; returns the file its users wrote their results to."""
    from django.utils import timezone

    from oversight.demo import DEMO_PASSWORD

    from .dataset import batch_label

    output = workdir / "locust.json"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LOAD_RUN_ID": run_id,
        "LOAD_PASSWORD": DEMO_PASSWORD,
        "LOAD_OUTPUT": str(output),
        "LOAD_USERS": str(config.users),
        "LOAD_SECONDS": str(config.seconds),
        "LOAD_LOGIN_LIMIT": str(LOGIN_PHASE_LIMIT_SECONDS),
        "LOAD_BATCH": batch_label(timezone.localdate()),
    }
    env.pop("SECRET_KEY", None)
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(config.users),
        "--spawn-rate",
        str(config.spawn_rate),
        # The users stop themselves LOAD_SECONDS after the last has logged in; this is only a backstop.
        "--run-time",
        f"{config.seconds + LOGIN_PHASE_LIMIT_SECONDS + 60}s",
        "--stop-timeout",
        str(STOP_TIMEOUT_SECONDS),
        "--host",
        base_url,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    progress(
        f"load: {config.users} users arrive ({config.spawn_rate:g} a second) and log in at {base_url}, "
        f"then work for {config.seconds} s"
    )
    with open(workdir / "locust.log", "ab") as log:
        locust = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            locust.wait(timeout=config.seconds + LOGIN_PHASE_LIMIT_SECONDS + STOP_TIMEOUT_SECONDS + 120)
        except subprocess.TimeoutExpired:
            locust.kill()
            locust.wait()
            progress("load: locust did not stop in time and was killed")
        except KeyboardInterrupt:
            # Ctrl-C reached locust as well; let it write what it has before gunicorn stops.
            locust.send_signal(signal.SIGINT)
            locust.wait(timeout=30)
            raise
    return output


def server_failures(workdir: Path) -> list[str]:
    """What gunicorn saw go wrong: 5xx answers in its access log, tracebacks in its own log."""
    failures = []
    access = (workdir / "access.log").read_text(encoding="utf-8", errors="replace")
    errors = Counter(line.split(" ", 3)[2] for line in access.splitlines() if re.match(r"5\d\d ", line))
    failures += [f"gunicorn answered {path} with a 5xx status ({n}×)" for path, n in errors.most_common()]
    if "Traceback" in (workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace"):
        failures.append(f"gunicorn's log has a traceback: {workdir / 'gunicorn.log'}")
    return failures


def failures_of(result: dict, verdict, server: list[str]) -> list[str]:
    failures = [
        f"{e['method']} {e['name']}: {e['error']} ({e['occurrences']}×)"
        for e in sorted(result["errors"], key=lambda e: -e["occurrences"])
    ]
    failures += server
    failures += [f"{p['name']} ({p['user']}): {p['problem']}" for p in result["problems"]]
    failures += verdict.problems
    if not verdict.verified["talk"] or not verdict.verified["submit"]:
        failures.append("the run has no accepted talk or no accepted appraisal to verify")
    return failures


def run(config: LoadConfig, workdir: Path) -> int:
    """Everything after the database is made: the data, the server, the users, the verdict."""
    django.setup()
    prepare(config)

    from django.utils import timezone

    from .verify import verify

    run_id = f"LT{timezone.localtime():%m%d%H%M}{secrets.token_hex(2)}"
    since = timezone.now()
    load_before = os.getloadavg()
    try:
        with gunicorn(
            dict(os.environ),
            workers=config.workers,
            log_path=workdir / "gunicorn.log",
            access_log=workdir / "access.log",
        ) as base_url:
            output = run_locust(config, base_url, workdir, run_id)
    except ServerFailed as error:
        progress(f"load: {error}")
        return 1
    if not output.exists():
        progress(f"load: locust wrote no results; see {workdir / 'locust.log'}")
        return 1
    result = json.loads(output.read_text(encoding="utf-8"))
    verdict = verify(result["ledger"], run_id=run_id, since=since)
    server = server_failures(workdir)
    failures = failures_of(result, verdict, server)
    print(report.summary(result, config, database.name_of(config.database_url), len(server), load_before))
    print()
    print(report.writes(verdict))
    for note, count in sorted(result["notes"].items()):
        print(f"Note: {note} ({count}×); LOAD_ROUNDS raises the number of appraisals to file.")
    if "CPU usage" in (workdir / "locust.log").read_text(encoding="utf-8", errors="replace"):
        print("Note: locust itself ran out of CPU at times, so the numbers understate the server.")
    print()
    print(report.verdict_line(failures))
    return 1 if failures else 0


def main() -> int:
    config = LoadConfig.from_env()
    try:
        database.check_safe(config.database_url)
    except database.UnsafeDatabase as refusal:
        progress(f"load: {refusal}")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="guazhi-load-"))
    os.environ.update(production_env(config, workdir))
    try:
        database.recreate(config.database_url)
        status = run(config, workdir)
    except database.DatabaseUnavailable as error:
        progress(f"load: PostgreSQL does not answer at {config.database_url}: {error}")
        status = 2
    except KeyboardInterrupt:
        progress("load: interrupted; gunicorn is stopped")
        status = 130
    if status == 0:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        progress(f"load: logs kept in {workdir}")
    return status
