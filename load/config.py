"""How a load run is configured, read from the environment once."""

import os
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/guazhi_load"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass(frozen=True)
class LoadConfig:
    """``users`` simulated people for ``seconds``, arriving ``spawn_rate`` a second, against
    ``workers`` gunicorn workers; ``cadres_per_unit`` and ``rounds`` size the appraisal queues."""

    database_url: str
    users: int
    seconds: int
    spawn_rate: float
    workers: int
    cadres_per_unit: int
    rounds: int

    @classmethod
    def from_env(cls) -> "LoadConfig":
        return cls(
            database_url=os.environ.get("LOAD_DATABASE_URL") or DEFAULT_DATABASE_URL,
            users=_int("LOAD_USERS", 30),
            seconds=_int("LOAD_SECONDS", 60),
            spawn_rate=float(os.environ.get("LOAD_SPAWN_RATE") or 3),
            workers=_int("LOAD_WORKERS", 3),
            cadres_per_unit=_int("LOAD_CADRES_PER_UNIT", 8),
            rounds=_int("LOAD_ROUNDS", 8),
        )
