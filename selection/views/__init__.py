"""The selection pages: cycles and needs for staff, published needs and nominations for liaisons."""

from .cycles import cycle_close, cycle_create, cycle_detail, cycle_list, cycle_publish, need_create
from .nominations import (
    need_detail,
    need_message,
    nominate,
    nomination_attachment,
    nomination_decide,
    nomination_lrmx,
    nomination_message,
    nomination_withdraw,
)

__all__ = [
    "cycle_close",
    "cycle_create",
    "cycle_detail",
    "cycle_list",
    "cycle_publish",
    "need_create",
    "need_detail",
    "need_message",
    "nominate",
    "nomination_attachment",
    "nomination_decide",
    "nomination_lrmx",
    "nomination_message",
    "nomination_withdraw",
]
