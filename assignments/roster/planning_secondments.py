"""Planning the secondments of a roster: each term found or made, its placement and the status that
follows from the dates, never moved back; and the posts the placements need."""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from cadres.models import Unit
from guazhi.dates import long_date

from ..choices import OPEN_STATUSES, EndReason, ExpectedLevel, PostStatus, SecondmentStatus
from ..models import Assignment, Post, Secondment
from ..services.secondments import term_change_refusal
from .plans import (
    AssignmentPlan,
    CadrePlan,
    PostPlan,
    RowPlan,
    SecondmentPlan,
    ValidRow,
)

S = SecondmentStatus
# How far along the workflow a status is: an import never moves a secondment back.
PROGRESS = {
    S.EXPECTED: 0,
    S.AWAITING_POST: 1,
    S.IN_POST: 2,
    S.UNDER_REVIEW: 3,
    S.COMPLETED: 4,
    S.ENDED_EARLY: 4,
}


class SecondmentPlanning:
    """The secondment half of the roster planner (see ``checking``)."""

    def _plan_secondments(self, rows: list[ValidRow]) -> list[RowPlan]:
        cadre_ids = [p.instance.pk for p in self.cadre_plans.values() if not p.is_new]
        self.on_file: dict[int, list[Secondment]] = defaultdict(list)
        for secondment in self._locked(Secondment.objects.filter(cadre_id__in=cadre_ids).order_by("pk")):
            self.on_file[secondment.cadre_id].append(secondment)
        secondment_ids = [s.pk for found in self.on_file.values() for s in found]
        self.assignments_on_file: dict[int, list[Assignment]] = defaultdict(list)
        assignments = Assignment.objects.filter(secondment_id__in=secondment_ids).select_related("post__unit")
        for assignment in self._locked(assignments).order_by("start_date", "pk"):
            self.assignments_on_file[assignment.secondment_id].append(assignment)
        self._load_posts(rows)

        seen: dict[tuple, int] = {}
        plans = []
        for row in rows:
            key = self.key_of_row[row.number]
            identity = (key, row.data["term_start"])
            if identity in seen:
                self._error(
                    row.number,
                    "term_start",
                    _("Row %(other)d already has this cadre's secondment starting on this date.")
                    % {"other": seen[identity]},
                )
                continue
            seen[identity] = row.number
            cadre_plan = self.cadre_plans[key]
            plan = self._plan_secondment(row, cadre_plan)
            self.secondment_plans.append(plan)
            plans.append(RowPlan(number=row.number, data=row.data, cadre=cadre_plan, secondment=plan))
        return plans

    def _plan_secondment(self, row: ValidRow, cadre_plan: CadrePlan) -> SecondmentPlan:
        data = row.data
        found = None
        if not cadre_plan.is_new:
            found = next(
                (s for s in self.on_file[cadre_plan.instance.pk] if s.term_start == data["term_start"]), None
            )
        values = {
            "sending_unit": self.units[data["sending_unit"]],
            "batch": data["batch"],
            "appointment_document": data["appointment_document"],
            "term_end": data["term_end"],
            "reported_on": data["reported_on"],
            "actual_end": data["actual_end"],
        }
        if found is None:
            secondment = Secondment(cadre=cadre_plan.instance, term_start=data["term_start"], **values)
            plan = SecondmentPlan(
                row=row.number, cadre=cadre_plan, instance=secondment, is_new=True, from_status="", status=""
            )
        else:
            plan = SecondmentPlan(
                row=row.number,
                cadre=cadre_plan,
                instance=found,
                is_new=False,
                from_status=found.status,
                status=found.status,
            )
            self._update_secondment(plan, values)
        self._plan_placement(row, plan)
        self._settle_status(row, plan)
        return plan

    def _update_secondment(self, plan: SecondmentPlan, values: dict) -> None:
        secondment = plan.instance
        for name, value in values.items():
            if value in ("", None):
                continue
            if name == "sending_unit":
                if value.pk is None or value.pk != secondment.sending_unit_id:
                    secondment.sending_unit = value
                    plan.changed.append(name)
            elif name == "term_end" and (refusal := term_change_refusal(secondment, term_end=value)):
                self._error(plan.row, name, refusal)
            elif getattr(secondment, name) != value:
                setattr(secondment, name, value)
                plan.changed.append(name)

    def _load_posts(self, rows: list[ValidRow]) -> None:
        unit_ids = {self.units[r.data["unit"]].pk for r in rows if r.data["unit"]} - {None}
        titles = {r.data["title"] for r in rows if r.data["unit"]}
        self.posts_on_file: dict[tuple, list[Post]] = defaultdict(list)
        posts = (
            Post.objects.filter(unit_id__in=unit_ids, title__in=titles).select_related("unit").order_by("pk")
        )
        for post in self._locked(posts):
            self.posts_on_file[(post.unit_id, post.title)].append(post)
        post_ids = [post.pk for found in self.posts_on_file.values() for post in found]
        held = (
            Assignment.objects.filter(post_id__in=post_ids, end_date__isnull=True)
            .values("post_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        self.open_on_post = {item["post_id"]: item["n"] for item in held}

    def _post_for(self, unit: Unit, title: str, duties: str) -> PostPlan:
        key = (unit.name, title)
        if key not in self.post_plans:
            found = self.posts_on_file.get((unit.pk, title), []) if unit.pk else []
            found = sorted(found, key=lambda p: (p.status != PostStatus.OPEN, p.pk))
            if found:
                self.post_plans[key] = PostPlan(instance=found[0], is_new=False, status=found[0].status)
            else:
                post = Post(
                    unit=unit, title=title, portfolio=duties, expected_level=ExpectedLevel.ANY, quota=1
                )
                self.post_plans[key] = PostPlan(instance=post, is_new=True, status="")
        return self.post_plans[key]

    def _plan_placement(self, row: ValidRow, plan: SecondmentPlan) -> None:
        data = row.data
        if not data["unit"]:
            return
        unit, title, duties = self.units[data["unit"]], data["title"], data["duties"]
        on_file = [] if plan.is_new else self.assignments_on_file[plan.instance.pk]
        match = next(
            (
                a
                for a in reversed(on_file)
                if unit.pk is not None and a.post.unit_id == unit.pk and title in (a.title, a.post.title)
            ),
            None,
        )
        if match is not None:
            assignment_plan = AssignmentPlan(instance=match, is_new=False)
            if duties and match.duties != duties:
                match.duties = duties
                assignment_plan.changed.append("duties")
            plan.assignment = assignment_plan
            return
        if on_file:
            last = on_file[-1]
            self._error(
                row.number,
                "unit",
                _(
                    "On file, %(name)s holds %(post)s in this secondment; "
                    "a move to another post is made on the secondment's page, not by import."
                )
                % {"name": data["name"], "post": f"{last.post.unit.name} {last.title}"},
            )
            return
        post_plan = self._post_for(unit, title, duties)
        secondment = plan.instance
        assignment = Assignment(
            secondment=secondment,
            post=post_plan.instance,
            start_date=secondment.in_county_from,
            title=title,
            duties=duties or post_plan.instance.portfolio,
        )
        plan.assignment = AssignmentPlan(instance=assignment, is_new=True)
        if secondment.current_unit_id != unit.pk or unit.pk is None:
            secondment.current_unit = unit
            if not plan.is_new:
                plan.changed.append("current_unit")

    def _settle_status(self, row: ValidRow, plan: SecondmentPlan) -> None:
        secondment = plan.instance
        on_file = [] if plan.is_new else self.assignments_on_file[secondment.pk]
        if secondment.actual_end:
            follows = S.COMPLETED
        elif plan.assignment is not None or on_file:
            follows = S.IN_POST
        elif secondment.reported_on:
            follows = S.AWAITING_POST
        else:
            follows = S.EXPECTED
        if plan.is_new or PROGRESS[follows] > PROGRESS[plan.from_status]:
            plan.status = follows
        if not secondment.reported_on and plan.assignment is not None:
            # Whoever was placed has reported; a roster that leaves the date out gets the placement's
            # first day, so that the term's care (talks, mentor, plan, attendance) is counted from it.
            secondment.reported_on = plan.assignment.instance.start_date
            if not plan.is_new:
                plan.changed.append("reported_on")
        if (
            secondment.actual_end
            and secondment.reported_on
            and secondment.actual_end < secondment.reported_on
        ):
            self._error(row.number, "actual_end", _("The actual end cannot be before the reporting date."))
        if plan.status in (S.AWAITING_POST, S.IN_POST) and plan.from_status in ("", S.EXPECTED):
            plan.checklist_from = secondment.reported_on
        if plan.status == S.COMPLETED and plan.from_status != S.COMPLETED:
            secondment.end_reason = EndReason.TERM_COMPLETED
            if not plan.is_new:
                plan.changed.append("end_reason")
        if plan.status in (S.COMPLETED, S.ENDED_EARLY):
            self._end_assignments(row, plan, on_file)

    def _end_assignments(self, row: ValidRow, plan: SecondmentPlan, on_file: list[Assignment]) -> None:
        """A secondment that has ended holds no post: its open assignment ends on its last day."""
        end = plan.instance.actual_end
        for assignment in on_file:
            if assignment.end_date is None:
                if end < assignment.start_date:
                    self._error(
                        row.number,
                        "actual_end",
                        _("The actual end cannot be before %(date)s, when the post on file began.")
                        % {"date": long_date(assignment.start_date)},
                    )
                    continue
                assignment.end_date = end
                self.closed_assignments.append(assignment)
                self.open_on_post[assignment.post_id] = self.open_on_post.get(assignment.post_id, 1) - 1
        if plan.assignment is not None and plan.assignment.is_new:
            new = plan.assignment.instance
            if end < new.start_date:
                self._error(
                    row.number, "actual_end", _("The actual end cannot be before the reporting date.")
                )
            new.end_date = end

    def _check_one_open_secondment_per_cadre(self) -> None:
        by_cadre: dict[int, list[SecondmentPlan]] = defaultdict(list)
        for plan in self.secondment_plans:
            by_cadre[id(plan.cadre)].append(plan)
        for plans in by_cadre.values():
            cadre = plans[0].cadre.instance
            open_plans = sorted(
                (p for p in plans if p.status in OPEN_STATUSES), key=lambda p: p.instance.term_start
            )
            touched = {p.instance.pk for p in plans if not p.is_new}
            untouched = [
                s
                for s in (self.on_file.get(cadre.pk, []) if cadre.pk else [])
                if s.pk not in touched and s.status in OPEN_STATUSES
            ]
            if untouched:
                for plan in open_plans:
                    self._error(
                        plan.row,
                        "actual_end",
                        _(
                            "%(name)s already has a secondment from %(date)s that has not ended; end it first "
                            "(on its page, or with a row giving its actual end)."
                        )
                        % {"name": cadre.name, "date": long_date(untouched[0].term_start)},
                    )
            elif len(open_plans) > 1:
                latest = open_plans[-1]
                for plan in open_plans[:-1]:
                    self._error(
                        plan.row,
                        "actual_end",
                        _(
                            "%(name)s would have two secondments that have not ended, this one and the one "
                            "from %(date)s; enter this one's actual end."
                        )
                        % {"name": cadre.name, "date": long_date(latest.instance.term_start)},
                    )

    def _plan_posts(self) -> list[PostPlan]:
        plans = list(self.post_plans.values())
        new_open: dict[int, int] = defaultdict(int)
        for plan in self.secondment_plans:
            assignment = plan.assignment
            if assignment is not None and assignment.is_new and assignment.instance.end_date is None:
                new_open[id(assignment.instance.post)] += 1
        for plan in plans:
            post = plan.instance
            held = new_open[id(post)] + (self.open_on_post.get(post.pk, 0) if post.pk else 0)
            if plan.is_new:
                # Posts made for placements that are over are withdrawn, so matching never offers them.
                post.quota = max(1, held)
                plan.status = PostStatus.OPEN if held else PostStatus.WITHDRAWN
                continue
            if held > post.quota:
                post.quota = held
                plan.changed.append("quota")
            if new_open[id(post)] and post.status != PostStatus.OPEN:
                plan.status = PostStatus.OPEN
                plan.changed.append("status")
        return plans
