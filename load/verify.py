"""After the run: is every write the simulated people were told had succeeded in the database, once?

The ledger lists each accepted write with its marker, who made it and on
what. Each talk's marker must be in exactly one talk, on that secondment,
recorded by that user; each draft's in exactly one appraisal, that one; each
submission's in exactly one appraisal, that one, submitted and filed by that
user. Every talk and every submission must also have put its line on the
secondment's timeline.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from assignments.choices import EventAction
from assignments.models import SecondmentEvent, Talk
from evaluations.choices import AppraisalStatus
from evaluations.models import Appraisal

KINDS = ("talk", "draft", "submit")


@dataclass
class Verdict:
    verified: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    # Writes in the database that no simulated person saw succeed (cut off at the end, say).
    unconfirmed: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.problems


def _by_marker(rows, text_of, run_id: str, kind: str) -> dict[str, list]:
    pattern = re.compile(rf"\[{re.escape(run_id)}-{kind}\d+-\d+\]")
    found: dict[str, list] = defaultdict(list)
    for row in rows:
        for marker in pattern.findall(text_of(row)):
            found[marker].append(row)
    return found


def _mismatch(entry: dict, row: Talk | Appraisal) -> str:
    """How the row found for an accepted write differs from what the simulated person did, if it does."""
    if entry["kind"] == "talk":
        if row.secondment_id != entry["object"]:
            return f"recorded on secondment {row.secondment_id}, not {entry['object']}"
        who = row.recorded_by
    else:
        if row.pk != entry["object"]:
            return f"in appraisal {row.pk}, not {entry['object']}"
        if entry["kind"] == "draft":
            return ""
        if row.status != AppraisalStatus.SUBMITTED:
            return f"the appraisal is {row.status}, not submitted"
        who = row.filed_by
    if who is None or who.username != entry["user"]:
        return f"made by {who}, not {entry['user']}"
    return ""


def _check(verdict: Verdict, entry: dict, rows: list) -> None:
    what = f"{entry['kind']} {entry['marker']} by {entry['user']}"
    if not rows:
        verdict.problems.append(f"{what}: accepted, but not in the database")
    elif len(rows) > 1:
        verdict.problems.append(f"{what}: in the database {len(rows)} times")
    elif reason := _mismatch(entry, rows[0]):
        verdict.problems.append(f"{what}: {reason}")
    else:
        verdict.verified[entry["kind"]] += 1


def _timeline(verdict: Verdict, action: str, expected: Counter, since: datetime.datetime, what: str) -> None:
    lines = Counter(
        dict(
            SecondmentEvent.objects.filter(action=action, at__gte=since)
            .order_by()
            .values_list("secondment_id")
            .annotate(n=Count("id"))
            .values_list("secondment_id", "n")
        )
    )
    for secondment_id in sorted(set(lines) | set(expected)):
        if lines[secondment_id] != expected[secondment_id]:
            verdict.problems.append(
                f"secondment {secondment_id}: {expected[secondment_id]} {what} in the run, "
                f"but {lines[secondment_id]} such lines on its timeline"
            )


def verify(ledger: list[dict], *, run_id: str, since: datetime.datetime) -> Verdict:
    """Check every accepted write of the run against the database; ``since`` is when the run began."""
    verdict = Verdict()
    prefix = f"[{run_id}-"
    talks = list(Talk.objects.filter(actions_taken__contains=prefix).select_related("recorded_by"))
    appraisals = list(
        Appraisal.objects.filter(
            Q(achievement_remarks__contains=prefix) | Q(strengths__contains=prefix)
        ).select_related("filed_by")
    )
    found = {
        "talk": _by_marker(talks, lambda t: t.actions_taken, run_id, "t"),
        "draft": _by_marker(appraisals, lambda a: a.achievement_remarks, run_id, "d"),
        "submit": _by_marker(appraisals, lambda a: a.strengths, run_id, "s"),
    }
    accepted: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for entry in ledger:
        accepted[entry["kind"]].add(entry["marker"])
        _check(verdict, entry, found[entry["kind"]].get(entry["marker"], []))
    for kind, markers in found.items():
        verdict.unconfirmed[kind] = len(set(markers) - accepted[kind])
    # Every talk and every submission of the run, confirmed or not, writes one line on the timeline.
    talk_lines = Counter(talk.secondment_id for talk in talks)
    filed = {
        a.pk: a for rows in found["submit"].values() for a in rows if a.status == AppraisalStatus.SUBMITTED
    }
    filing_lines = Counter(a.secondment_id for a in filed.values())
    _timeline(verdict, EventAction.TALK, talk_lines, since, "talks")
    _timeline(verdict, EventAction.APPRAISAL, filing_lines, since, "appraisals submitted")
    return verdict
