"""How a run is configured, read from the environment once."""

import os
from dataclasses import dataclass
from pathlib import Path

from .database import BENCH_DIR, bench_database_url


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class BenchConfig:
    """``repeat`` measured calls after ``warmup`` ones, cut short past ``budget_seconds``
    (but never below ``min_samples``), so one very slow page cannot hold the run for long."""

    database_url: str
    rebuild: bool
    warmup: int
    repeat: int
    min_samples: int
    budget_seconds: float
    results_path: Path

    @classmethod
    def from_env(cls) -> "BenchConfig":
        return cls(
            database_url=bench_database_url(),
            rebuild=_flag("BENCH_REBUILD"),
            warmup=int(os.environ.get("BENCH_WARMUP", "3")),
            repeat=max(1, int(os.environ.get("BENCH_REPEAT", "20"))),
            min_samples=5,
            budget_seconds=float(os.environ.get("BENCH_BUDGET_SECONDS", "30")),
            results_path=Path(os.environ.get("BENCH_RESULTS", BENCH_DIR / "results.json")),
        )
