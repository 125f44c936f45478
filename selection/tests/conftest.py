"""Builders for selection tests: a published cycle with needs, nominations through the services."""

import pytest

from conftest import days_ahead, months_ahead
from selection import services


@pytest.fixture
def make_cycle(db, officer):
    def build(name="2027年省派第一批", *, needs=(), publish=True, units=(), term_start=None):
        cycle = services.open_cycle(
            name=name,
            deadline=days_ahead(30),
            term_start=term_start or months_ahead(2),
            addressed_units=units,
            actor=officer,
        )
        built = [services.add_need(cycle=cycle, actor=officer, **fields) for fields in needs]
        if publish:
            services.publish_cycle(cycle=cycle, actor=officer)
            cycle.refresh_from_db()
        return cycle, built

    return build


@pytest.fixture
def cycle_with_need(make_cycle, unit_a, post):
    """A published cycle with one need for the post (one seat) of unit A."""
    cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post, "reason": "财政改革任务重"}])
    return cycle, need
