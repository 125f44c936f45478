"""The benchmark's own database: chosen, created, recreated and marked.

The benchmark drops and recreates its database whenever the data set
changes, so it must never be pointed at a database someone works in: the
default is a SQLite file beside this module, ``BENCH_DATABASE_URL`` may name
a PostgreSQL database instead, and either way the name must contain "bench".
The functions above ``read_marker`` run before Django is set up.
"""

import json
import os
from pathlib import Path

import environ

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_URL = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
MARKER_TABLE = "bench_dataset"
SQLITE_ENGINE = "django.db.backends.sqlite3"


class UnsafeDatabase(Exception):
    """The configured database could be someone's real data."""


def bench_database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL


def _config(url: str) -> dict:
    return environ.Env.db_url_config(url)


def _is_sqlite(url: str) -> bool:
    return _config(url)["ENGINE"] == SQLITE_ENGINE


def check_safe(url: str) -> None:
    """Refuse the developer's database, and any database not named for the benchmark."""
    name = str(_config(url)["NAME"])
    if url == os.environ.get("DATABASE_URL") or Path(name).name == "db.sqlite3":
        raise UnsafeDatabase(f"{url} is the application's own database; the benchmark needs its own.")
    if "bench" not in Path(name).name:
        raise UnsafeDatabase(
            f"the benchmark drops and recreates its database, so the name must contain 'bench': {url}"
        )


def point_django_at(url: str) -> None:
    """Make the settings module read the benchmark's database, before Django is set up."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guazhi.settings")
    os.environ.setdefault("DEBUG", "1")


def _postgres_admin_connection(url: str):
    import psycopg

    config = _config(url)
    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def ensure_exists(url: str) -> None:
    """Create the PostgreSQL database if it is missing (SQLite creates its file on connecting)."""
    if _is_sqlite(url):
        return
    from psycopg import sql

    name = _config(url)["NAME"]
    with _postgres_admin_connection(url) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def recreate(url: str) -> None:
    """Start from an empty database; Django's connections must be closed first."""
    if _is_sqlite(url):
        path = Path(_config(url)["NAME"])
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        return
    from psycopg import sql

    name = sql.Identifier(_config(url)["NAME"])
    with _postgres_admin_connection(url) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


def read_marker() -> str | None:
    """The description of the data set in the database, or None when there is none."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT spec FROM {MARKER_TABLE}")
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return row[0] if row else None


def write_marker(marker: dict) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (spec TEXT NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (spec) VALUES (%s)", [marker_text(marker)])


def marker_text(marker: dict) -> str:
    return json.dumps(marker, sort_keys=True, ensure_ascii=False)


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def analyze() -> None:
    """Leave PostgreSQL as autovacuum would have by now: statistics for the planner, and the
    visibility map that lets it answer from an index alone.

    SQLite is left as an installation would have it: Django never runs ANALYZE there.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def read_marker_json() -> dict | None:
    text = read_marker()
    return json.loads(text) if text else None
