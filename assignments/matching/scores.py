"""Person-post matching (人岗相适) over plain values and numpy arrays.

Nothing here touches the ORM: ``assignments.selectors`` reads every fact once
into ``CadreFacts`` and ``PostFacts``, and the scores for all pairs are built
as arrays. A score is the sum of named parts, each explained in words:

- specialty overlap with the post's fields: its wanted specialties and the
  specialties its portfolio (分管工作) names (up to 4 points);
- level fit: the level the post expects (2), or a post open to any level (1);
  a post open to any level still counts the level its title usually carries
  (副县长: division; a township's posts: section): a cadre of that level scores
  2, and a cadre above it scores 0, being under-used there;
- the cadre's wishes naming the fields the post covers (1 a field, up to 2);
- the post's strong team (1) and broad scope (1), judged by people;
- cadres from economic and comprehensive departments placed in broad-scope
  posts (1.5), as the county's own rules prefer.

Hard rules: a post with no free seat, or one that demands a level the cadre
does not have, is never suggested.
"""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.utils.translation import gettext as _

from cadres.choices import LevelBucket

from ..choices import ExpectedLevel

SPECIALTY_MAX = 4.0
LEVEL_EXACT = 2.0
LEVEL_ANY = 1.0
WISH_EACH = 1.0
WISH_MAX = 2.0
STRONG_TEAM = 1.0
BROAD_SCOPE = 1.0
ECONOMIC_BROAD = 1.5

# Sending units whose cadres the county prefers in broad-scope posts.
ECONOMIC_UNIT_WORDS = (
    "财政", "交通", "发展和改革", "发改", "商务", "经济", "金融", "投资", "税务", "统计",
    "审计", "国资", "办公厅", "研究室", "政策",
)  # fmt: skip


def is_economic_unit(unit_name: str) -> bool:
    return any(word in unit_name for word in ECONOMIC_UNIT_WORDS)


# The level a post's title usually carries, for posts open to any level: the county government's
# leaders are division level, a township's (乡, 镇, 街道) posts section level.
DIVISION_TITLE_WORDS = ("县长",)
TOWNSHIP_UNIT_ENDINGS = ("乡", "镇", "街道", "街道办事处")
TOWNSHIP_TITLE_WORDS = ("乡长", "镇长", "街道", "办事处")


def usual_level(unit: str, title: str) -> str:
    """The level the title usually carries ("division", "section"), or "" when it says nothing."""
    if any(word in title for word in DIVISION_TITLE_WORDS) and not any(
        word in title for word in TOWNSHIP_TITLE_WORDS
    ):
        return "division"
    if unit.endswith(TOWNSHIP_UNIT_ENDINGS) or any(word in title for word in TOWNSHIP_TITLE_WORDS):
        return "section"
    return ""


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
    unit_id: int | None = None


def points_text(points: float) -> str:
    """Points as the pages show them: 4, 2.7, 1.5."""
    return f"{points:.1f}".rstrip("0").rstrip(".")


@dataclass
class ScorePart:
    key: str
    label: str
    points: float
    explanation: str

    @property
    def points_text(self) -> str:
        """The points as the page shows them: 4, 2.7, 1.5."""
        return points_text(self.points)


@dataclass
class Suggestion:
    cadre: CadreFacts
    post: PostFacts
    total: float
    parts: list[ScorePart]

    @property
    def total_text(self) -> str:
        return points_text(self.total)

    @cached_property
    def three_tests(self) -> list[tuple[str, bool]]:
        """The seed's three tests (三个有利于), ticked from the post facts and the specialty fit."""
        specialty = next(p for p in self.parts if p.key == "specialty")
        return [
            (_("Good for training and managing the cadre"), self.post.strong_team),
            (_("Good for the county's development"), self.post.broad_scope),
            (_("Good for using the cadre's strengths"), specialty.points > 0),
        ]

    @property
    def key(self) -> str:
        """The line's key in a plan's form fields: the secondment's and the post's ids."""
        return f"{self.cadre.secondment_id}-{self.post.post_id}"

    @property
    def passes_all_tests(self) -> bool:
        return all(passed for _label, passed in self.three_tests)


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
    above_usual: np.ndarray
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

    post_terms = {}
    post_fields = np.zeros((n_p, n_k), dtype=np.float32)
    for j, post in enumerate(posts):
        post_terms[j] = post.specialty_ids | _mentioned(post.portfolio, specialty_names)
        post_fields[j, [index[s] for s in post_terms[j] if s in index]] = 1

    # The post's fields are its wanted specialties and those its portfolio names.
    overlap = cadre_skills @ post_fields.T
    fields = post_fields.sum(axis=1)
    specialty = np.where(fields > 0, SPECIALTY_MAX * overlap / np.maximum(fields, 1), 0.0)

    codes = {"any": 0, "division": 1, "section": 2, "other": 3}
    buckets = np.array([codes.get(c.level_bucket, 3) for c in cadres], dtype=np.int8).reshape(-1, 1)
    expected = np.array([codes.get(p.expected_level, 0) for p in posts], dtype=np.int8).reshape(1, -1)
    usual = np.array(
        [codes.get(usual_level(p.unit, p.title), 0) if p.expected_level == "any" else 0 for p in posts],
        dtype=np.int8,
    ).reshape(1, -1)
    open_level = np.broadcast_to(expected == 0, (n_c, n_p))
    exact = (buckets == expected) | ((usual > 0) & (buckets == usual))
    # Division level sits above section level: such a cadre would be under-used.
    above_usual = (usual == codes["section"]) & (buckets == codes["division"])
    level = np.where(exact, LEVEL_EXACT, np.where(above_usual, 0.0, np.where(open_level, LEVEL_ANY, 0.0)))
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
        above_usual=np.broadcast_to(above_usual, (n_c, n_p)),
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
    fields = scores.post_terms[j]
    common = cadre.specialty_ids & fields
    if fields:
        specialty_text = _("Specialty match %(n)d/%(of)d: %(names)s") % {
            "n": len(common),
            "of": len(fields),
            "names": _names(common, names) or _("none in common"),
        }
        named = fields - post.specialty_ids
        if named:
            specialty_text += _(" (the portfolio names %(names)s)") % {"names": _names(named, names)}
    else:
        specialty_text = _("The post lists no wanted specialty and its portfolio names none")
    usual = usual_level(post.unit, post.title)
    if post.expected_level != "any":
        level_text = _("Level fits: %(level)s") % {"level": _level_label(post.expected_level)}
    elif scores.above_usual[i, j]:
        level_text = _(
            "Open to any level, but %(title)s usually carries %(usual)s: a %(level)s cadre would be "
            "under-used here"
        ) % {"title": post.title, "usual": _level_label(usual), "level": _level_label(cadre.level_bucket)}
    elif usual and usual == cadre.level_bucket:
        level_text = _("Open to any level; %(title)s usually carries %(usual)s, which fits") % {
            "title": post.title,
            "usual": _level_label(usual),
        }
    else:
        level_text = _("The post is open to any level")
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
