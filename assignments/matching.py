"""Person-post matching (人岗相适) over plain values and numpy arrays.

Nothing here touches the ORM: ``assignments.selectors`` reads every fact once
into ``CadreFacts`` and ``PostFacts``, and the scores for all pairs are built
as arrays. A score is the sum of named parts, each explained in words:

- specialty overlap with the posts' wanted specialties (up to 4 points);
- level fit: the level the post expects (2), or a post open to any level (1);
- the cadre's wishes naming the fields the post covers (1 a field, up to 2);
- the post's strong team (1) and broad scope (1), judged by people;
- cadres from economic and comprehensive departments placed in broad-scope
  posts (1.5), as the county's own rules prefer.

Hard rules: a post with no free seat, or one that demands a level the cadre
does not have, is never suggested.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from scipy.optimize import linear_sum_assignment

from cadres.choices import LevelBucket

from .choices import ExpectedLevel

SPECIALTY_MAX = 4.0
LEVEL_EXACT = 2.0
LEVEL_ANY = 1.0
WISH_EACH = 1.0
WISH_MAX = 2.0
STRONG_TEAM = 1.0
BROAD_SCOPE = 1.0
ECONOMIC_BROAD = 1.5
# A forbidden pair costs this much in the solver: finite, because an infinite
# cost makes linear_sum_assignment reject matrices with no feasible full match.
FORBIDDEN_COST = 1e6

# Sending units whose cadres the county prefers in broad-scope posts.
ECONOMIC_UNIT_WORDS = (
    "财政", "交通", "发展和改革", "发改", "商务", "经济", "金融", "投资", "税务", "统计",
    "审计", "国资", "办公厅", "研究室", "政策",
)  # fmt: skip


def is_economic_unit(unit_name: str) -> bool:
    return any(word in unit_name for word in ECONOMIC_UNIT_WORDS)


@dataclass(frozen=True)
class CadreFacts:
    secondment_id: int
    cadre_id: int
    name: str
    level_bucket: str
    specialty_ids: frozenset[int]
    wishes: str
    home_unit: str
    economic: bool


@dataclass(frozen=True)
class PostFacts:
    post_id: int
    unit: str
    title: str
    portfolio: str
    expected_level: str
    specialty_ids: frozenset[int]
    free_seats: int
    strong_team: bool
    broad_scope: bool


@dataclass
class ScorePart:
    key: str
    label: str
    points: float
    explanation: str

    @property
    def points_text(self) -> str:
        """The points as the page shows them: 4, 2.7, 1.5."""
        return f"{self.points:.1f}".rstrip("0").rstrip(".")


@dataclass
class Suggestion:
    cadre: CadreFacts
    post: PostFacts
    total: float
    parts: list[ScorePart]

    @property
    def total_text(self) -> str:
        return f"{self.total:.1f}".rstrip("0").rstrip(".")

    @property
    def three_tests(self) -> list[tuple[str, bool]]:
        """The seed's three tests (三个有利于), ticked from the post facts and the specialty fit."""
        specialty = next(p for p in self.parts if p.key == "specialty")
        return [
            (_("Good for training and managing the cadre"), self.post.strong_team),
            (_("Good for the county's development"), self.post.broad_scope),
            (_("Good for using the cadre's strengths"), specialty.points > 0),
        ]


@dataclass
class Plan:
    lines: list[Suggestion]
    unplaced: list[tuple[CadreFacts, str]]
    total: float
    matrix_seconds: float
    solver_seconds: float


@dataclass
class _Scores:
    """Every part of every cadre × post score, as arrays of shape (cadres, posts)."""

    cadres: list[CadreFacts]
    posts: list[PostFacts]
    specialty_names: dict[int, str]
    specialty: np.ndarray
    overlap: np.ndarray
    level: np.ndarray
    wish_count: np.ndarray
    wish: np.ndarray
    team: np.ndarray
    scope: np.ndarray
    economic: np.ndarray
    full: np.ndarray
    wrong_level: np.ndarray
    wish_terms: dict[int, frozenset[int]] = field(default_factory=dict)
    post_terms: dict[int, frozenset[int]] = field(default_factory=dict)

    total: np.ndarray = field(init=False)
    forbidden: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.total = self.specialty + self.level + self.wish + self.team + self.scope + self.economic
        self.forbidden = self.full | self.wrong_level


def _mentioned(text: str, specialty_names: dict[int, str]) -> frozenset[int]:
    return frozenset(pk for pk, name in specialty_names.items() if name and name in text)


def score_all(cadres: list[CadreFacts], posts: list[PostFacts], specialty_names: dict[int, str]) -> _Scores:
    """Build every part of the score for all pairs at once."""
    index = {pk: i for i, pk in enumerate(sorted(specialty_names))}
    n_c, n_p, n_k = len(cadres), len(posts), len(index)

    cadre_skills = np.zeros((n_c, n_k), dtype=np.float32)
    wish_terms = {}
    cadre_wishes = np.zeros((n_c, n_k), dtype=np.float32)
    for i, cadre in enumerate(cadres):
        cadre_skills[i, [index[s] for s in cadre.specialty_ids if s in index]] = 1
        wish_terms[i] = _mentioned(cadre.wishes, specialty_names)
        cadre_wishes[i, [index[s] for s in wish_terms[i]]] = 1

    post_wanted = np.zeros((n_p, n_k), dtype=np.float32)
    post_terms = {}
    post_fields = np.zeros((n_p, n_k), dtype=np.float32)
    for j, post in enumerate(posts):
        post_wanted[j, [index[s] for s in post.specialty_ids if s in index]] = 1
        post_terms[j] = post.specialty_ids | _mentioned(post.portfolio, specialty_names)
        post_fields[j, [index[s] for s in post_terms[j] if s in index]] = 1

    overlap = cadre_skills @ post_wanted.T
    wanted = post_wanted.sum(axis=1)
    specialty = np.where(wanted > 0, SPECIALTY_MAX * overlap / np.maximum(wanted, 1), 0.0)

    codes = {"any": 0, "division": 1, "section": 2, "other": 3}
    buckets = np.array([codes.get(c.level_bucket, 3) for c in cadres], dtype=np.int8).reshape(-1, 1)
    expected = np.array([codes.get(p.expected_level, 0) for p in posts], dtype=np.int8).reshape(1, -1)
    open_level = np.broadcast_to(expected == 0, (n_c, n_p))
    exact = buckets == expected
    level = np.where(exact, LEVEL_EXACT, np.where(open_level, LEVEL_ANY, 0.0))
    wrong_level = ~(exact | open_level)

    wish_count = cadre_wishes @ post_fields.T
    wish = np.minimum(wish_count * WISH_EACH, WISH_MAX)

    team = np.broadcast_to(np.array([p.strong_team for p in posts], dtype=float) * STRONG_TEAM, (n_c, n_p))
    broad = np.array([p.broad_scope for p in posts], dtype=float)
    scope = np.broadcast_to(broad * BROAD_SCOPE, (n_c, n_p))
    economic = np.outer(np.array([c.economic for c in cadres], dtype=float), broad) * ECONOMIC_BROAD
    full = np.broadcast_to(np.array([p.free_seats <= 0 for p in posts], dtype=bool), (n_c, n_p))

    return _Scores(
        cadres=cadres,
        posts=posts,
        specialty_names=specialty_names,
        specialty=specialty,
        overlap=overlap,
        level=level,
        wish_count=wish_count,
        wish=wish,
        team=team,
        scope=scope,
        economic=economic,
        full=full,
        wrong_level=wrong_level,
        wish_terms=wish_terms,
        post_terms=post_terms,
    )


def _level_label(code: str) -> str:
    labels = {**dict(LevelBucket.choices), **dict(ExpectedLevel.choices)}
    return str(labels.get(code, code))


def _names(ids, specialty_names: dict[int, str]) -> str:
    return "、".join(sorted(specialty_names[i] for i in ids if i in specialty_names))


def explain(scores: _Scores, i: int, j: int) -> Suggestion:
    """The score of cadre i for post j, part by part, in words."""
    cadre, post = scores.cadres[i], scores.posts[j]
    names = scores.specialty_names
    common = cadre.specialty_ids & post.specialty_ids
    if post.specialty_ids:
        specialty_text = _("Specialty match %(n)d/%(of)d: %(names)s") % {
            "n": len(common),
            "of": len(post.specialty_ids),
            "names": _names(common, names) or _("none in common"),
        }
    else:
        specialty_text = _("The post lists no wanted specialty")
    if post.expected_level == "any":
        level_text = _("The post is open to any level")
    else:
        level_text = _("Level fits: %(level)s") % {"level": _level_label(post.expected_level)}
    wished = scores.wish_terms[i] & scores.post_terms[j]
    wish_text = (
        _("Wishes mention: %(names)s") % {"names": _names(wished, names)}
        if wished
        else _("The wishes do not mention the post's fields")
    )
    parts = [
        ScorePart("specialty", _("Specialty"), float(scores.specialty[i, j]), specialty_text),
        ScorePart("level", _("Level"), float(scores.level[i, j]), level_text),
        ScorePart("wishes", _("Wishes"), float(scores.wish[i, j]), wish_text),
        ScorePart(
            "strong_team",
            _("Strong team"),
            float(scores.team[i, j]),
            _("United team with a good style that brings people on")
            if post.strong_team
            else _("Not marked as a strong team"),
        ),
        ScorePart(
            "broad_scope",
            _("Broad scope"),
            float(scores.scope[i, j]),
            _("Heavy tasks and a wide field of work")
            if post.broad_scope
            else _("Not marked as broad in scope"),
        ),
        ScorePart(
            "economic",
            _("Economic department"),
            float(scores.economic[i, j]),
            _("From an economic or comprehensive department, placed where the work is broad")
            if scores.economic[i, j] > 0
            else _("Does not apply"),
        ),
    ]
    return Suggestion(cadre=cadre, post=post, total=round(sum(p.points for p in parts), 2), parts=parts)


def refusal(scores: _Scores, i: int, j: int) -> str:
    """Why a pair is never suggested, or '' when it may be."""
    post = scores.posts[j]
    if scores.full[i, j]:
        return _("%(post)s has no free seat") % {"post": f"{post.unit} {post.title}"}
    if scores.wrong_level[i, j]:
        return _("%(post)s asks for %(level)s") % {
            "post": f"{post.unit} {post.title}",
            "level": _level_label(post.expected_level),
        }
    return ""


def rank_posts(
    cadre: CadreFacts, posts: list[PostFacts], specialty_names: dict[int, str], limit: int = 10
) -> list[Suggestion]:
    """The best posts for one cadre, best first; full and wrong-level posts are left out."""
    if not posts:
        return []
    scores = score_all([cadre], posts, specialty_names)
    totals = np.where(scores.forbidden[0], -np.inf, scores.total[0])
    order = np.lexsort((np.arange(len(posts)), -totals))
    return [explain(scores, 0, int(j)) for j in order[:limit] if np.isfinite(totals[j])]


def _unplaced_reason(scores: _Scores, i: int) -> str:
    if not scores.posts or scores.full[i].all():
        return _("No post has a free seat")
    if (scores.wrong_level[i] | scores.full[i]).all():
        return _("No post with a free seat fits the cadre's level (%(level)s)") % {
            "level": _level_label(scores.cadres[i].level_bucket)
        }
    return _("The free seats went to cadres who fit them better")


def plan(cadres: list[CadreFacts], posts: list[PostFacts], specialty_names: dict[int, str]) -> Plan:
    """The placement that maximises the total score over all waiting cadres and open posts.

    Each post stands in the matrix once for every free seat, so a post with two
    seats can take two cadres; forbidden pairs are never part of the result.
    """
    started = time.perf_counter()
    scores = score_all(cadres, posts, specialty_names)
    seats = [j for j, post in enumerate(posts) for _ in range(max(0, min(post.free_seats, len(cadres))))]
    if not cadres or not seats:
        matrix_seconds = time.perf_counter() - started
        unplaced = [(c, _unplaced_reason(scores, i)) for i, c in enumerate(cadres)]
        return Plan([], unplaced, 0.0, matrix_seconds, 0.0)
    seat_posts = np.array(seats)
    cost = -scores.total[:, seat_posts]
    cost = np.where(scores.forbidden[:, seat_posts], FORBIDDEN_COST, cost)
    matrix_seconds = time.perf_counter() - started

    solving = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    solver_seconds = time.perf_counter() - solving

    lines, placed = [], set()
    for i, col in zip(rows, cols, strict=True):
        j = int(seat_posts[col])
        if scores.forbidden[i, j]:
            continue
        lines.append(explain(scores, int(i), j))
        placed.add(int(i))
    lines.sort(key=lambda s: (-s.total, s.cadre.name))
    unplaced = [(c, _unplaced_reason(scores, i)) for i, c in enumerate(cadres) if i not in placed]
    return Plan(lines, unplaced, round(sum(s.total for s in lines), 2), matrix_seconds, solver_seconds)
