"""Visits now, coming and past, and only those of published scholars."""

import datetime

import pytest

from scholars.models import Visit
from tests.scholars.factories import VisitFactory

pytestmark = pytest.mark.django_db


DAY = datetime.timedelta(days=1)
ON = datetime.date(2026, 6, 15)


# Visit current / upcoming / past


@pytest.fixture
def visits():
    return {
        "past": VisitFactory(starts_on=ON - 20 * DAY, ends_on=ON - DAY),
        "ending_today": VisitFactory(starts_on=ON - 5 * DAY, ends_on=ON),
        "starting_today": VisitFactory(starts_on=ON, ends_on=ON + 5 * DAY),
        "upcoming": VisitFactory(starts_on=ON + DAY, ends_on=ON + 9 * DAY),
    }


def test_current_visits_include_those_starting_or_ending_today(visits):
    assert set(Visit.objects.current(on=ON)) == {visits["ending_today"], visits["starting_today"]}


def test_upcoming_visits_start_after_today(visits):
    assert list(Visit.objects.upcoming(on=ON)) == [visits["upcoming"]]


def test_past_visits_ended_before_today(visits):
    assert list(Visit.objects.past(on=ON)) == [visits["past"]]


def test_published_visits_exclude_unpublished_scholars():
    VisitFactory(scholar__is_published=False)
    shown = VisitFactory()
    assert list(Visit.objects.published()) == [shown]
