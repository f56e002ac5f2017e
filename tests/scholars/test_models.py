import datetime

import pytest
from django.utils import timezone

from scholars.models import Visit
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_visit_ending_today_is_current_not_past():
    today = timezone.localdate()
    visit = VisitFactory(starts_on=today - datetime.timedelta(days=5), ends_on=today)
    assert visit in Visit.objects.current()
    assert visit not in Visit.objects.past()


def test_visit_starting_tomorrow_is_upcoming():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    visit = VisitFactory(starts_on=tomorrow, ends_on=tomorrow + datetime.timedelta(days=3))
    assert list(Visit.objects.upcoming()) == [visit]
    assert visit not in Visit.objects.current()


def test_public_email_is_empty_without_opt_in():
    assert ScholarFactory(email="a@uni.example", email_is_public=False).public_email == ""


def test_public_email_is_shown_with_opt_in():
    assert ScholarFactory(email="a@uni.example", email_is_public=True).public_email == "a@uni.example"
