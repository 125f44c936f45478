"""The load run's own PostgreSQL database, dropped and recreated on every run.

Because it is dropped, it must never be a database someone works in: it must
be PostgreSQL, its name must contain "load", and it must not be the
application's own ``DATABASE_URL``. These functions run before Django is set up.
"""

import os

import environ


class UnsafeDatabase(Exception):
    """The configured database could be someone's real data."""


class DatabaseUnavailable(Exception):
    """PostgreSQL does not answer at the configured address."""


def _config(url: str) -> dict:
    return environ.Env.db_url_config(url)


def name_of(url: str) -> str:
    return str(_config(url)["NAME"])


def check_safe(url: str) -> None:
    """Refuse anything but a PostgreSQL database named for the load run."""
    config = _config(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise UnsafeDatabase(f"the load run needs PostgreSQL: {url}")
    if url == os.environ.get("DATABASE_URL"):
        raise UnsafeDatabase(f"{url} is the application's own database; the load run needs its own.")
    if "load" not in str(config["NAME"]):
        raise UnsafeDatabase(
            f"the load run drops and recreates its database, so its name must contain 'load': {url}"
        )


def recreate(url: str) -> None:
    """Drop the database (closing any sessions left in it) and create it empty."""
    import psycopg
    from psycopg import sql

    config = _config(url)
    try:
        admin = psycopg.connect(
            dbname="postgres",
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as error:
        raise DatabaseUnavailable(str(error).strip()) from error
    name = sql.Identifier(config["NAME"])
    with admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
