"""The batch plan: the placement of every waiting cadre that maximises the total score.

A line scoring below the minimum (``settings.PLACEMENT_MINIMUM_SCORE``) is never
proposed, and neither is a line whose specialties do not overlap the post's
fields while a post that does overlap is free for that cadre: such lines cost
more in the solver than any difference of scores, so the solver fills every
overlapping seat it can first. A cadre left unplaced is told why.
"""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _
from scipy.optimize import linear_sum_assignment

from .scores import CadreFacts, PostFacts, Suggestion, _level_label, _Scores, explain, points_text, score_all

# A forbidden pair costs this much in the solver: finite, because an infinite
# cost makes linear_sum_assignment reject matrices with no feasible full match.
FORBIDDEN_COST = 1e6
# What a line with no specialty in common costs on top of its score: more than
# any two scores differ, far less than a forbidden pair.
ZERO_OVERLAP_COST = 100.0


@dataclass
class Unplaced:
    """A cadre the plan leaves without a post, why, and the unit that asked for their specialty."""

    cadre: CadreFacts
    reason: str
    unit_id: int | None = None
    unit: str = ""
    # The cadre's specialties that unit's post asked for, for a new post there.
    specialty_ids: frozenset[int] = frozenset()

    @property
    def new_post_query(self) -> str:
        """The query of the link to create a post in that unit, asking for those specialties."""
        if self.unit_id is None:
            return ""
        pairs = [("unit", self.unit_id)] + [("specialty", pk) for pk in sorted(self.specialty_ids)]
        return "?" + urlencode(pairs)


@dataclass
class Plan:
    lines: list[Suggestion]
    unplaced: list[Unplaced]
    total: float
    matrix_seconds: float
    solver_seconds: float
    minimum: float = 0.0

    @property
    def minimum_text(self) -> str:
        return points_text(self.minimum)


def _post_name(post: PostFacts) -> str:
    return f"{post.unit} {post.title}"


def _went_elsewhere(scores: _Scores, i: int, j: int, holders: list[tuple[int, float]]) -> str:
    """Why cadre i is not in post j, their best proposable post, which the plan filled with others."""
    mine = float(scores.total[i, j])
    other, theirs = min(holders, key=lambda holder: (holder[1], scores.cadres[holder[0]].name))
    words = {
        "post": _post_name(scores.posts[j]),
        "mine": points_text(mine),
        "other": scores.cadres[other].name,
        "theirs": points_text(theirs),
    }
    if abs(theirs - mine) < 0.005:
        return (
            _("A tie: %(post)s went to %(other)s, who scores the same there (%(theirs)s); choose by hand")
            % words
        )
    if theirs > mine:
        return _("%(post)s (%(mine)s here) went to %(other)s, who scores higher there (%(theirs)s)") % words
    if scores.overlap[i, j] <= 0 < scores.overlap[other, j]:
        return _("%(post)s (%(mine)s here) went to %(other)s, whose specialties match it") % words
    return (
        _("%(post)s (%(mine)s here) went to %(other)s (%(theirs)s): the plan's total is higher that way")
        % words
    )


def _unplaced(
    scores: _Scores, i: int, minimum: float, below: np.ndarray, holders: dict[int, list[tuple[int, float]]]
) -> Unplaced:
    cadre = scores.cadres[i]
    asked = int(np.argmax(scores.overlap[i])) if scores.posts and scores.overlap[i].max() > 0 else None
    where = scores.posts[asked] if asked is not None else None
    found = Unplaced(cadre, "")
    if where is not None:
        found.unit_id, found.unit = where.unit_id, where.unit
        found.specialty_ids = cadre.specialty_ids & scores.post_terms[asked]
    if not scores.posts or scores.full[i].all():
        found.reason = _("No post has a free seat")
        return found
    if scores.forbidden[i].all():
        found.reason = _("No post with a free seat fits the cadre's level (%(level)s)") % {
            "level": _level_label(cadre.level_bucket)
        }
        return found
    open_totals = np.where(scores.forbidden[i], -np.inf, scores.total[i])
    if below[i][~scores.forbidden[i]].all():
        best = int(np.argmax(open_totals))
        found.reason = _(
            "No post scores the minimum of %(minimum)s; the best, %(post)s, scores %(score)s"
        ) % {
            "minimum": points_text(minimum),
            "post": _post_name(scores.posts[best]),
            "score": points_text(float(scores.total[i, best])),
        }
        return found
    proposable = np.where(below[i], -np.inf, open_totals)
    best = int(np.argmax(proposable))
    if holders.get(best):
        found.reason = _went_elsewhere(scores, i, best, holders[best])
    else:
        found.reason = _("The free seats went to cadres who fit them better")
    return found


def plan(
    cadres: list[CadreFacts],
    posts: list[PostFacts],
    specialty_names: dict[int, str],
    minimum: float | None = None,
) -> Plan:
    """The placement that maximises the total score over all waiting cadres and open posts.

    Each post stands in the matrix once for every free seat, so a post with two
    seats can take two cadres; forbidden pairs and lines below ``minimum`` (the
    setting by default) are never part of the result.
    """
    minimum = settings.PLACEMENT_MINIMUM_SCORE if minimum is None else float(minimum)
    started = time.perf_counter()
    scores = score_all(cadres, posts, specialty_names)
    below = scores.total < minimum - 1e-6
    blocked = scores.forbidden | below
    seats = [j for j, post in enumerate(posts) for _ in range(max(0, min(post.free_seats, len(cadres))))]
    if not cadres or not seats:
        matrix_seconds = time.perf_counter() - started
        unplaced = [_unplaced(scores, i, minimum, below, {}) for i in range(len(cadres))]
        return Plan([], unplaced, 0.0, matrix_seconds, 0.0, minimum)
    seat_posts = np.array(seats)
    cost = np.where(scores.overlap[:, seat_posts] > 0, 0.0, ZERO_OVERLAP_COST) - scores.total[:, seat_posts]
    cost = np.where(blocked[:, seat_posts], FORBIDDEN_COST, cost)
    matrix_seconds = time.perf_counter() - started

    solving = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    solver_seconds = time.perf_counter() - solving

    lines, holders = [], {}
    for i, col in zip(rows, cols, strict=True):
        j = int(seat_posts[col])
        if blocked[i, j]:
            continue
        line = explain(scores, int(i), j)
        lines.append(line)
        holders.setdefault(j, []).append((int(i), line.total))
    placed = {i for held in holders.values() for i, _total in held}
    lines.sort(key=lambda s: (-s.total, s.cadre.name))
    unplaced = [_unplaced(scores, i, minimum, below, holders) for i in range(len(cadres)) if i not in placed]
    return Plan(
        lines, unplaced, round(sum(s.total for s in lines), 2), matrix_seconds, solver_seconds, minimum
    )
