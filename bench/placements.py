"""The synthetic county's posts and who holds them: serving placements fitted by level, and the closed ones before them."""

import random
from collections import Counter, defaultdict

from assignments.choices import ExpectedLevel, PostStatus
from assignments.models import Assignment, Post
from cadres.choices import LevelBucket, level_bucket_of
from cadres.models import Cadre, Specialty
from oversight.demo import SPECIALTIES

from . import corpus
from .context import (
    BuildContext,
    Placement,
    S,
    bulk,
    days,
    insert_rows,
)


def _related_specialties(unit_name: str) -> list[str]:
    found = [spec for keyword, spec in corpus.SPECIALTY_OF_KEYWORD.items() if keyword in unit_name]
    return list(dict.fromkeys(found))


def _pick_specialties(rng: random.Random, ctx: BuildContext, unit_name: str, count: int) -> list[Specialty]:
    """Mostly what the unit's name suggests, topped up at random."""
    names = _related_specialties(unit_name) if rng.random() < 0.75 else []
    names = names[:count]
    while len(names) < count:
        name = rng.choice(SPECIALTIES)
        if name not in names:
            names.append(name)
    return [ctx.specialties[n] for n in names]


def _titles_for(unit_name: str) -> list[str]:
    for suffix, titles in corpus.POST_TITLES_BY_SUFFIX:
        if unit_name.endswith(suffix):
            return titles
    return corpus.DEFAULT_POST_TITLES


def _post(rng: random.Random, ctx: BuildContext) -> Post:
    """A post of a receiving unit; its quota is set once its holders are known."""
    unit = rng.choice(ctx.receiving)
    title = rng.choice(_titles_for(unit.name))
    levels = [ExpectedLevel.DIVISION, ExpectedLevel.SECTION, ExpectedLevel.ANY]
    level = rng.choices(levels, [90, 0, 10] if title in ("副县长", "县长助理") else [15, 50, 35])[0]
    wanted = _pick_specialties(rng, ctx, unit.name, rng.choice((1, 2, 2, 3)))
    post = Post(
        unit=unit,
        title=title,
        portfolio=f"协助分管{'、'.join(s.name for s in wanted)}工作",
        expected_level=level,
        reason=rng.choice(corpus.POST_REASONS),
        strong_team=rng.random() < 0.45,
        broad_scope=rng.random() < 0.35,
    )
    ctx.post_specialties[id(post)] = wanted
    return post


def _level_for(cadre: Cadre) -> str:
    bucket = level_bucket_of(cadre.leadership_level, cadre.grade)
    return {LevelBucket.DIVISION: ExpectedLevel.DIVISION, LevelBucket.SECTION: ExpectedLevel.SECTION}.get(
        bucket, ExpectedLevel.ANY
    )


def _fitting(posts: list[Post]) -> dict[str, list[Post]]:
    """The posts open to a cadre of each level: those asking for it and those of any level."""
    by_level: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        by_level[post.expected_level].append(post)
    return {
        ExpectedLevel.DIVISION: by_level[ExpectedLevel.DIVISION] + by_level[ExpectedLevel.ANY],
        ExpectedLevel.SECTION: by_level[ExpectedLevel.SECTION] + by_level[ExpectedLevel.ANY],
        ExpectedLevel.ANY: by_level[ExpectedLevel.ANY],
    }


def _serving_placements(rng: random.Random, ctx: BuildContext, posts: list[Post]) -> list[Placement]:
    fitting = _fitting(posts)
    placements = []
    for secondment in ctx.secondments:
        if secondment.status in (S.IN_POST, S.UNDER_REVIEW):
            post = rng.choice(fitting[_level_for(secondment.cadre)])
            start = min(secondment.reported_on + days(rng.randint(0, 15)), ctx.today)
            placements.append(Placement(secondment, post, start))
    return placements


def _closed_placements(rng: random.Random, ctx: BuildContext, serving: list[Placement]) -> list[Placement]:
    """Finished assignments: the completed, half the ended early, and moves before the current post."""
    fitting = _fitting(ctx.posts)
    placements = []
    for secondment in ctx.secondments:
        ended = secondment.actual_end
        if secondment.status == S.COMPLETED or (secondment.status == S.ENDED_EARLY and rng.random() < 0.5):
            start = secondment.reported_on + days(rng.randint(0, 10))
            if ended >= start:
                post = rng.choice(fitting[_level_for(secondment.cadre)])
                placements.append(Placement(secondment, post, start, ended))
    for current in serving:
        first, span = current.start, (ctx.today - current.start).days
        if rng.random() < 0.1 and span > 60:
            current.start = first + days(rng.randint(30, span - 1))
            previous = rng.choice(fitting[_level_for(current.secondment.cadre)])
            placements.append(Placement(current.secondment, previous, first, current.start))
    return placements


def build_posts(ctx: BuildContext) -> None:
    """The open posts, every serving cadre holding one of a fitting level, and a few withdrawn posts.

    A post never holds more open assignments than its quota, and the number of
    open posts is what the batch plan is measured on, so quotas grow instead:
    each is what the post holds plus its free seats (1 to 3; none on a tenth
    of the posts that hold someone, so that full posts are part of the data).
    """
    rng = ctx.rng("posts")
    offered = [_post(rng, ctx) for _ in range(ctx.spec.posts)]
    serving = _serving_placements(rng, ctx, offered)
    held = Counter(id(placement.post) for placement in serving)
    for post in offered:
        full = held[id(post)] > 0 and rng.random() < 0.1
        post.quota = held[id(post)] + (0 if full else rng.choices((1, 2, 3), (60, 30, 10))[0])
    withdrawn = [_post(rng, ctx) for _ in range(ctx.spec.posts // 50)]
    for post in withdrawn:
        post.status = PostStatus.WITHDRAWN
    ctx.posts = bulk(Post, offered + withdrawn)
    Through = Post.specialties.through
    insert_rows(
        Through,
        [Through(post_id=p.pk, specialty_id=s.pk) for p in ctx.posts for s in ctx.post_specialties[id(p)]],
    )
    ctx.placements = serving + _closed_placements(rng, ctx, serving)


def build_assignments(ctx: BuildContext) -> None:
    insert_rows(
        Assignment,
        [
            Assignment(
                secondment=p.secondment,
                post=p.post,
                start_date=p.start,
                end_date=p.end,
                title=p.post.title,
                duties=p.post.portfolio,
            )
            for p in ctx.placements
        ],
    )
