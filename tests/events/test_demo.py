import pytest
from django.utils import timezone

from events import demo as events_demo
from events.models import Event, NewsArticle, Registration
from partners import demo as partners_demo
from scholars import demo as scholars_demo
from scholars.models import Scholar, Visit

pytestmark = pytest.mark.django_db


def seed_all():
    partners_demo.seed(draw_images=False)
    scholars_demo.seed(draw_images=False)
    events_demo.seed(draw_images=False)


def counts():
    return [model.objects.count() for model in (Scholar, Visit, Event, NewsArticle, Registration)]


def test_demo_seed_twice_changes_nothing():
    seed_all()
    first = counts()
    seed_all()
    assert counts() == first


def test_demo_has_scholars_visits_in_every_phase_and_teacher_exchange():
    seed_all()
    assert Scholar.objects.count() >= 30
    inbound = Visit.objects.inbound()
    assert inbound.current().exists() and inbound.upcoming().exists() and inbound.past().exists()
    assert Visit.objects.outbound().exists()
    assert Scholar.objects.filter(email_is_public=True).exists()
    assert Scholar.objects.filter(email_is_public=False).exists()
    assert Scholar.objects.filter(home_partner__isnull=False).exists()
    assert all(s.name_zh_hant for s in Scholar.objects.all())


def test_demo_has_events_of_every_kind_past_and_upcoming_with_registrations():
    seed_all()
    assert set(Event.objects.values_list("kind", flat=True)) == set(Event.Kind.values)
    assert Event.objects.upcoming().exists() and Event.objects.past().exists()
    assert Event.objects.filter(registration_open=True, capacity__isnull=False).exists()
    assert Registration.objects.waitlisted().exists()


def test_demo_news_include_a_scheduled_article_and_a_draft():
    seed_all()
    assert NewsArticle.objects.count() >= 20
    assert NewsArticle.objects.filter(is_published=True, published_at__gt=timezone.now()).count() == 1
    assert NewsArticle.objects.filter(is_published=False).count() == 1


def test_demo_draws_portraits_and_covers():
    partners_demo.seed(draw_images=False)
    scholars_demo.seed(draw_images=True)
    events_demo.seed(draw_images=True)
    assert Scholar.objects.exclude(photo="").exists()
    assert Event.objects.exclude(cover="").exists()
    assert NewsArticle.objects.exclude(cover="").exists()
