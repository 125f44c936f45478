"""The users and records the measured pages are about, looked up once per run.

Pages name what they need (the last page number, a waiting cadre's
secondment) and get it from here, so that the choice of a representative
record is made in one place and recorded with the results.
"""

import datetime
import math
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from django.utils import timezone

from assignments.choices import LeaveStatus, PostStatus, SecondmentStatus
from assignments.models import Assignment, Leave, Post, Secondment, SecondmentEvent, Talk
from cadres.models import Cadre, Specialty, Unit
from evaluations.choices import RoundStatus
from evaluations.models import Appraisal, AppraisalRound, TermReview
from guazhi.paging import PAGE_SIZE
from worklog.models import MonthlyRecord, Project

from .context import ADMIN_USERNAME, LEADER_USERNAME, STAFF_USERNAME

PERSONAS = {"staff": STAFF_USERNAME, "admin": ADMIN_USERNAME, "leader": LEADER_USERNAME}


class Subjects:
    @cached_property
    def _users(self) -> dict:
        users = get_user_model().objects.in_bulk(PERSONAS.values(), field_name="username")
        return {persona: users[username] for persona, username in PERSONAS.items()}

    def user(self, persona: str):
        return self._users[persona]

    @property
    def staff(self):
        return self.user("staff")

    @cached_property
    def cadre_count(self) -> int:
        return Cadre.objects.count()

    @cached_property
    def last_cadre_page(self) -> int:
        return max(1, math.ceil(self.cadre_count / PAGE_SIZE))

    @cached_property
    def specialty_id(self) -> int:
        """The most common specialty: the filter that leaves the most rows to count and page."""
        return (
            Specialty.objects.annotate(n=Count("cadres"))
            .order_by("-n", "name")
            .values_list("pk", flat=True)[0]
        )

    @cached_property
    def in_post_secondment(self) -> int:
        """The in-post secondment with the longest timeline among those with leave and appraisals,
        so that every section of the page has rows: the heaviest detail page."""
        with_both = Secondment.objects.filter(
            status=SecondmentStatus.IN_POST,
            pk__in=Leave.objects.values("secondment_id"),
        ).filter(pk__in=Appraisal.objects.values("secondment_id"))
        return with_both.annotate(n=Count("events")).order_by("-n", "pk").values_list("pk", flat=True)[0]

    @cached_property
    def open_round(self) -> int:
        """The open round with the most appraisals: the largest round page."""
        return (
            AppraisalRound.objects.filter(status=RoundStatus.OPEN)
            .annotate(n=Count("appraisals"))
            .order_by("-n", "pk")
            .values_list("pk", flat=True)[0]
        )

    @cached_property
    def waiting_secondment(self) -> int:
        """The cadre who has waited longest for a post."""
        return (
            Secondment.objects.filter(status=SecondmentStatus.AWAITING_POST)
            .order_by("reported_on", "pk")
            .values_list("pk", flat=True)[0]
        )

    def census(self) -> dict[str, object]:
        """The size of what was measured, for the report's heading and the results file."""
        open_posts = Post.objects.filter(status=PostStatus.OPEN).annotate(
            held=Count("assignments", filter=Q(assignments__end_date__isnull=True))
        )
        return {
            "receiving_units": Unit.objects.filter(receives=True).count(),
            "sending_units": Unit.objects.filter(sends=True).count(),
            "specialties": Specialty.objects.count(),
            "cadres": self.cadre_count,
            "secondments": dict(
                Secondment.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
            ),
            "posts": Post.objects.count(),
            "posts_with_free_seats": open_posts.filter(quota__gt=F("held")).count(),
            "assignments": Assignment.objects.count(),
            "open_assignments": Assignment.objects.filter(end_date__isnull=True).count(),
            "timeline_events": SecondmentEvent.objects.count(),
            "talks": Talk.objects.count(),
            "leave": Leave.objects.count(),
            "leave_not_back": Leave.objects.filter(
                status=LeaveStatus.APPROVED,
                reported_back_on__isnull=True,
                end_date__lt=timezone.localdate() - datetime.timedelta(days=1),
            ).count(),
            "appraisal_rounds": AppraisalRound.objects.count(),
            "appraisals": Appraisal.objects.count(),
            "term_reviews": TermReview.objects.count(),
            "monthly_records": MonthlyRecord.objects.count(),
            "projects": Project.objects.count(),
        }
