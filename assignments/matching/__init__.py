"""Person-post matching (人岗相适): the scores in ``scores``, the batch plan in ``planning``."""

from .planning import Plan, Unplaced, plan
from .scores import (
    CadreFacts,
    PostFacts,
    ScorePart,
    Suggestion,
    explain,
    is_economic_unit,
    points_text,
    rank_posts,
    refusal,
    score_all,
    usual_level,
)

__all__ = [
    "CadreFacts",
    "Plan",
    "PostFacts",
    "ScorePart",
    "Suggestion",
    "Unplaced",
    "explain",
    "is_economic_unit",
    "plan",
    "points_text",
    "rank_posts",
    "refusal",
    "score_all",
    "usual_level",
]
