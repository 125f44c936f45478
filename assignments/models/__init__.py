"""The term and the work: posts, secondments, placements, care. Imported from here as one module."""

from .care import Leave, ReminderLog, Talk
from .secondments import Assignment, ChecklistEntry, ChecklistItem, Post, Secondment, SecondmentEvent

__all__ = [
    "Assignment",
    "ChecklistEntry",
    "ChecklistItem",
    "Leave",
    "Post",
    "ReminderLog",
    "Secondment",
    "SecondmentEvent",
    "Talk",
]
