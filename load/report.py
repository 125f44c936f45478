"""The run's results as text: throughput, percentiles per request, the writes verified, PASS or FAIL."""

import math
import os
from typing import TYPE_CHECKING

from .config import LoadConfig

if TYPE_CHECKING:
    from .verify import Verdict

KINDS = {"talk": "talks recorded", "draft": "appraisal drafts saved", "submit": "appraisals submitted"}


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def table(rows: list[dict], total: dict) -> str:
    lines = [
        "| request | method | count | failed | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    # Logins and static files come before the measured part; their rows are empty after it.
    measured = [row for row in rows if row["requests"]]
    for row in [*measured, {**total, "name": "**all**", "method": ""}]:
        lines.append(
            f"| {row['name']} | {row['method']} | {row['requests']:,} | {row['failures']:,} | {row['rps']:.1f} "
            f"| {_ms(row['p50'])} | {_ms(row['p95'])} | {_ms(row['p99'])} | {_ms(row['max'])} |"
        )
    return "\n".join(lines)


def _percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile of sorted values."""
    if not values:
        return None
    return values[max(0, math.ceil(share * len(values)) - 1)]


def summary(result: dict, config: LoadConfig, database: str, server_problems: int, load_before) -> str:
    total = result["total"]
    logins = result["logins"]
    failed = sum(error["occurrences"] for error in result["errors"])
    machine = (
        f"{os.cpu_count()} cores; load average {load_before[0]:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    return "\n".join(
        [
            f"## {config.users} users working for {config.seconds} s, gunicorn with {config.workers} workers "
            f"on PostgreSQL ({database})",
            "",
            f"Machine: {machine} (other work on the machine slows every number).",
            f"Logins: {len(logins)} through the login form before the measured part, p50 "
            f"{_ms(_percentile(logins, 0.5))} ms, slowest {_ms(_percentile(logins, 1.0))} ms "
            "(the password hash is slow by design).",
            f"Measured part: {total['requests']:,} requests in {result['seconds']:.0f} s, "
            f"{total['rps']:.1f} per second.",
            f"Response times: p50 {_ms(total['p50'])} ms, p95 {_ms(total['p95'])} ms, "
            f"p99 {_ms(total['p99'])} ms, slowest {_ms(total['max'])} ms.",
            f"Whole run, logins included: {failed:,} requests failed; gunicorn's logs: "
            + (
                f"{server_problems} problem(s), below." if server_problems else "no 5xx answer, no traceback."
            ),
            "",
            table(result["rows"], total),
        ]
    )


def writes(verdict: "Verdict") -> str:
    done = ", ".join(f"{verdict.verified[kind]:,} {label}" for kind, label in KINDS.items())
    line = (
        f"Writes verified in the database, each exactly once: {done}; "
        "each talk and submission with its line on the secondment's timeline."
    )
    unconfirmed = sum(verdict.unconfirmed.values())
    if unconfirmed:
        line += (
            f"\n{unconfirmed:,} more writes are in the database that no simulated person saw confirmed "
            "(a request cut off when the run ended, or one that failed above)."
        )
    return line


def verdict_line(failures: list[str]) -> str:
    if not failures:
        return "PASS: no request failed, none answered 5xx, and every accepted write is in the database."
    shown = failures[:30]
    more = [f"... and {len(failures) - len(shown)} more"] if len(failures) > len(shown) else []
    return "\n".join([*(f"- {failure}" for failure in shown), *more, f"FAIL: {len(failures)} problem(s)."])
