"""The results as a Markdown table for people and as JSON for later comparison.

Beside each run's numbers the JSON keeps the machine, the database and the
data set, since a time means nothing without them; query counts are compared
with the previous run on the same data set and database, because a count
that moves is a regression even when the times still look fine.
"""

import json
import os
import platform
from collections.abc import Mapping
from pathlib import Path

import django
from django.db import connection
from django.utils import timezone

from .config import BenchConfig
from .measure import OK, Row

HEADER = ("measurement", "median ms", "p95 ms", "queries", "ratio to admin changelist", "target", "met?")


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def verdict(row: Row, rows: Mapping[str, Row]) -> bool | None:
    """Met when every target is met; None when there is no target or one cannot be judged."""
    results = [target.met(row, rows) for target in row.targets]
    if False in results:
        return False
    if not results or None in results:
        return None
    return True


def ratio(row: Row, rows: Mapping[str, Row]) -> float | None:
    reference = rows.get(row.ratio_to) if row.ratio_to else None
    if reference is None or row.median_ms is None or not reference.median_ms:
        return None
    return row.median_ms / reference.median_ms


def _share_label(row: Row, rows: Mapping[str, Row]) -> str:
    """Job parts after the first show their share of the whole, e.g. the solver's; a part timed for
    comparison shows how many times the part it is compared to it takes."""
    compared = rows.get(row.compared_to) if row.compared_to else None
    if compared is not None and compared.median_ms and row.median_ms is not None:
        times = row.median_ms / compared.median_ms
        return f"{row.label} ({times:.1f} times as long as {compared.label.rpartition(': ')[2]}; not in end to end)"
    job, _, part = row.key.partition(".")
    whole = next((r for r in rows.values() if r.key.startswith(f"{job}.")), None)
    if not part or whole is None or whole is row or not whole.median_ms or row.median_ms is None:
        return row.label
    return f"{row.label} ({row.median_ms / whole.median_ms:.0%} of end to end)"


def _cells(row: Row, rows: Mapping[str, Row]) -> list[str]:
    met = verdict(row, rows)
    targets = "; ".join(t.describe() for t in row.targets)
    if row.status != OK:
        return [row.label, row.status, "", "", "", targets, "—" if targets else ""]
    factor = ratio(row, rows)
    return [
        _share_label(row, rows),
        _ms(row.median_ms),
        _ms(row.p95_ms),
        "" if row.queries is None else str(row.queries),
        "" if factor is None else f"{factor:.2f}×",
        targets,
        {True: "yes", False: "**no**", None: ""}[met] if targets else "",
    ]


def markdown_table(rows: list[Row]) -> str:
    by_key = {row.key: row for row in rows}
    lines = [
        "| " + " | ".join(HEADER) + " |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    lines += ["| " + " | ".join(_cells(row, by_key)) + " |" for row in rows]
    return "\n".join(lines)


def database_info() -> dict[str, str]:
    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
        name = Path(str(connection.settings_dict["NAME"])).name
    else:
        number = connection.pg_version if connection.vendor == "postgresql" else 0
        version = f"{number // 10000}.{number % 10000}" if number else ""
        name = str(connection.settings_dict["NAME"])
    return {"vendor": connection.vendor, "version": version, "name": name}


def machine_info(load_before: tuple[float, ...]) -> dict[str, object]:
    """The machine, with its load before and after measuring: times taken on a busy machine run high."""
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "load_average_before": [round(n, 2) for n in load_before],
        "load_average_after": [round(n, 2) for n in os.getloadavg()],
    }


def heading(census: Mapping[str, object], machine: Mapping[str, object], config: BenchConfig) -> str:
    database = database_info()
    load = f"load average {machine['load_average_before'][0]:g} before, {machine['load_average_after'][0]:g} after"
    statuses = ", ".join(f"{status} {n:,}" for status, n in census["secondments"].items())
    return "\n".join(
        [
            f"## guazhi benchmark, {timezone.localtime():%Y-%m-%d %H:%M}",
            "",
            f"- machine: {machine['platform']}, {machine['cpu_count']} CPUs ({load}), "
            f"Python {machine['python']}, Django {machine['django']}",
            f"- database: {database['vendor']} {database['version']} ({database['name']})",
            f"- data: {census['receiving_units']} receiving and {census['sending_units']} sending units, "
            f"{census['cadres']:,} cadres, secondments: {statuses}; {census['posts']:,} posts "
            f"({census['posts_with_free_seats']:,} with a free seat), {census['assignments']:,} assignments "
            f"({census['open_assignments']:,} open), {census['timeline_events']:,} timeline events, "
            f"{census['talks']:,} talks, {census['leave']:,} leave records "
            f"({census['leave_not_back']:,} overdue, not reported back), {census['appraisals']:,} appraisals "
            f"in {census['appraisal_rounds']} rounds, {census['term_reviews']:,} end-of-term reviews, "
            f"{census['monthly_records']:,} monthly records and {census['projects']:,} projects",
            f"- pages: {config.repeat} measured calls after {config.warmup} warm-up calls (at least "
            f"{config.min_samples}, fewer past {config.budget_seconds:g} s), queries counted on one more "
            "call; jobs that take seconds run fewer times, and count their queries on their first call",
        ]
    )


def notes(rows: list[Row], previous: Mapping | None, dataset: Mapping, machine: Mapping) -> list[str]:
    """What the table cannot say: what a job did, why a row is empty, which query counts moved."""
    lines = [
        f"- {row.label}: {row.detail}" for row in rows if row.detail and (row.status != OK or "." in row.key)
    ]
    lines += [f"- {line}" for line in query_changes(rows, previous, dataset)]
    busiest = max(machine["load_average_before"][0], machine["load_average_after"][0])
    if busiest > machine["cpu_count"]:
        lines.append(
            f"- the machine was busy (load average {busiest:g} on {machine['cpu_count']} CPUs): "
            "times are higher than on an idle machine"
        )
    return lines


def query_changes(rows: list[Row], previous: Mapping | None, dataset: Mapping) -> list[str]:
    """Counts that differ from the previous run on the same database engine.

    On the same data set that is a regression; on a data set of another size it
    means a page's count depends on the data, which it must not. A job writes
    in batches, so its count follows the size of the data and is compared on
    the same data set only.
    """
    if not previous or previous.get("database", {}).get("vendor") != database_info()["vendor"]:
        return []
    same_data = previous.get("dataset", {}).get("spec") == dataset.get("spec")
    cadres = (previous.get("dataset", {}).get("spec") or {}).get("cadres", "?")
    why = (
        "since the last run"
        if same_data
        else f"from the run on {cadres} cadres (it must not depend on data size)"
    )
    before = {m["key"]: m.get("queries") for m in previous.get("measurements", [])}
    return [
        f"query count changed {why}: {row.label}: {before[row.key]} → {row.queries}"
        for row in rows
        if row.queries is not None
        and before.get(row.key) not in (None, row.queries)
        and (same_data or "." not in row.key)
    ]


def load_previous(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _row_json(row: Row, rows: Mapping[str, Row]) -> dict[str, object]:
    factor = ratio(row, rows)
    return {
        "key": row.key,
        "label": row.label,
        "status": row.status,
        "median_ms": None if row.median_ms is None else round(row.median_ms, 2),
        "p95_ms": None if row.p95_ms is None else round(row.p95_ms, 2),
        "samples": len(row.samples_ms),
        "queries": row.queries,
        "ratio_to_admin_changelist": None if factor is None else round(factor, 3),
        "targets": [{"target": t.describe(), "met": t.met(row, rows)} for t in row.targets],
        "met": verdict(row, rows),
        "detail": row.detail,
    }


def results_json(
    rows: list[Row], dataset: Mapping, machine: Mapping, config: BenchConfig
) -> dict[str, object]:
    by_key = {row.key: row for row in rows}
    return {
        "date": timezone.localtime().isoformat(timespec="seconds"),
        "machine": machine,
        "database": database_info(),
        "dataset": dataset,
        "settings": {
            "warmup": config.warmup,
            "repeat": config.repeat,
            "min_samples": config.min_samples,
            "budget_seconds": config.budget_seconds,
        },
        "measurements": [_row_json(row, by_key) for row in rows],
    }


def write_results(path: Path, results: Mapping) -> None:
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
