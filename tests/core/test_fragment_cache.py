import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.helpers import url
from tests.scholars.factories import VisitFactory

pytestmark = pytest.mark.django_db


def past_visit(**kwargs):
    today = timezone.localdate()
    return VisitFactory(starts_on=today - datetime.timedelta(days=30), ends_on=today - datetime.timedelta(days=20), **kwargs)


def test_a_saved_change_shows_at_once_and_only_that_row_is_rendered_again(client, django_assert_num_queries):
    first, second = past_visit(), past_visit()
    client.get(url("scholars:list", "en"))
    kept = set(cache._cache)

    second.scholar.name_en = "Renamed Scholar"
    second.scholar.save()
    content = client.get(url("scholars:list", "en")).content.decode()

    assert "Renamed Scholar" in content and first.scholar.name_en in content
    # One new row (the renamed scholar's); the other row's HTML was read back, not rendered.
    new_rows = [key for key in set(cache._cache) - kept if key.startswith(":1:row:")]
    assert len(new_rows) == 1


def test_rows_are_kept_per_language(client):
    visit = past_visit()
    visit.scholar.name_zh_hant = "王教授"
    visit.scholar.save()
    assert visit.scholar.name_en in client.get(url("scholars:list", "en")).content.decode()
    assert "王教授" in client.get(url("scholars:list", "zh-hant")).content.decode()


def test_a_visits_dates_are_part_of_what_keeps_its_row(client):
    visit = past_visit()
    client.get(url("scholars:list", "en"))
    # .update() leaves the scholar's updated_at alone: the visit's own fields are in the key.
    type(visit).objects.filter(pk=visit.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=11))
    content = client.get(url("scholars:list", "en")).content.decode()
    assert (timezone.localdate() - datetime.timedelta(days=11)).isoformat() in content


def test_a_visits_host_department_in_either_language_is_part_of_what_keeps_its_row(client):
    visit = past_visit(host_department_en="Electrical Engineering", host_department_zh_hant="")
    # Empty in Chinese: the Chinese page falls back to the English name.
    assert "Electrical Engineering" in client.get(url("scholars:list", "zh-hant")).content.decode()
    type(visit).objects.filter(pk=visit.pk).update(host_department_zh_hant="電機工程系")
    assert "電機工程系" in client.get(url("scholars:list", "zh-hant")).content.decode()


def test_a_partner_card_follows_its_count_of_agreements_in_force(client):
    from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

    partner = PartnerUniversityFactory(name_en="Card University")
    AgreementFactory(partner=partner)
    assert "1 agreement in force" in client.get(url("partners:list", "en")).content.decode()
    # A new agreement changes the count, not the partner's row: the count is part of the card's key.
    AgreementFactory(partner=partner)
    assert "2 agreements in force" in client.get(url("partners:list", "en")).content.decode()


def test_a_programme_card_follows_its_calls_deadline_and_the_time_left(client):
    from tests.exchanges.factories import ApplicationCallFactory, CallProgrammeFactory

    call = ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=3, hours=1))
    CallProgrammeFactory(call=call)
    assert "3\xa0days" in client.get(url("exchanges:list", "en")).content.decode()
    # The call changes, not the programme: the deadline and the time left are in the card's key.
    call.closes_at = timezone.now() + datetime.timedelta(days=9, hours=1)
    call.save()
    content = client.get(url("exchanges:list", "en")).content.decode()
    assert "1\xa0week, 2\xa0days" in content and "3\xa0days" not in content


def test_an_event_card_follows_its_seats_and_its_speakers(client):
    from tests.events.factories import RegistrationEventFactory, RegistrationFactory
    from tests.scholars.factories import ScholarFactory

    speaker = ScholarFactory(name_en="First Speaker")
    event = RegistrationEventFactory(capacity=3)
    event.speakers.add(speaker)
    content = client.get(url("events:list", "en")).content.decode()
    assert "3 seats left" in content and "First Speaker" in content

    RegistrationFactory(event=event)  # the event row itself is not saved: its count is in the key
    assert "2 seats left" in client.get(url("events:list", "en")).content.decode()

    # One change at a time, none of which saves the event's own row.
    from tests.partners.factories import PartnerUniversityFactory

    speaker.name_en = "Renamed Speaker"
    speaker.save()
    assert "Renamed Speaker" in client.get(url("events:list", "en")).content.decode()
    event.partners.add(PartnerUniversityFactory(name_en="Linked Later University"))
    cards = client.get(url("events:list", "en")).content.decode().split('id="event-results-heading"')[1]
    assert "Linked Later University" in cards  # not only among the filter's partners
    event.speakers.remove(speaker)
    assert "Renamed Speaker" not in client.get(url("events:list", "en")).content.decode()


def test_a_list_read_again_takes_its_rows_from_the_process_not_the_shared_cache(client, monkeypatch):
    past_visit(), past_visit()
    first = client.get(url("scholars:list", "en")).content.decode()
    shared_reads = []
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: shared_reads.append(keys) or {})
    assert client.get(url("scholars:list", "en")).content.decode() == first
    assert not [keys for keys in shared_reads if any(key.startswith("row:") for key in keys)]


def test_a_row_kept_in_the_process_is_rendered_again_when_it_changes(client):
    visit = past_visit()
    client.get(url("scholars:list", "en"))  # kept in the process and in the shared cache
    cache.clear()  # another process's save: only the database and the new key tell
    visit.scholar.name_en = "Renamed In Another Process"
    visit.scholar.save()
    assert "Renamed In Another Process" in client.get(url("scholars:list", "en")).content.decode()


def test_the_process_keeps_at_most_its_bound_and_drops_the_least_recently_used():
    from core.fragment_cache import KeptHere

    kept = KeptHere(at_most=3)
    kept.set_many({"a": "A", "b": "B", "c": "C"})
    assert kept.get("a") == "A"  # now the most recently used
    kept.set("d", "D")
    assert kept.get_many(["a", "b", "c", "d"]) == {"a": "A", "c": "C", "d": "D"}


def test_a_row_deleted_between_its_key_and_its_whole_read_is_left_out_not_an_error(client):
    from django.template import Context, Template

    from core.fragment_cache import StampedRows, stamps_for
    from scholars.models import Visit

    kept, deleted = past_visit(), past_visit()
    rows = StampedRows(Visit.objects.select_related("scholar").order_by("pk"), stamps_for("pk scholar.updated_at"))
    assert len(rows) == 2  # the keys are read
    Visit.objects.filter(pk=deleted.pk).delete()  # another request deletes one before the cards are read
    template = Template('{% load portal %}{% rendered_rows rows "scholars/includes/visit_row.html" "visit" "pk scholar.updated_at" %}')
    html = template.render(Context({"rows": rows}))
    assert kept.scholar.display_name in html and deleted.scholar.display_name not in html


def test_stamps_that_miss_a_path_of_the_row_key_are_refused():
    from django.core.exceptions import ImproperlyConfigured
    from django.template import Context, Template

    from core.fragment_cache import StampedRows
    from scholars.models import Visit

    rows = StampedRows(Visit.objects.all(), {"pk": "pk"})
    template = Template('{% load portal %}{% rendered_rows rows "scholars/includes/visit_row.html" "visit" "pk ends_on" %}')
    with pytest.raises(ImproperlyConfigured, match="ends_on"):
        template.render(Context({"rows": rows}))


def test_the_process_keeps_at_most_its_text_bound_too():
    from core.fragment_cache import KeptHere

    kept = KeptHere(at_most=100, characters=10)
    kept.set_many({"a": "aaaa", "b": {"lead": "bb", "figure": "bb"}})
    kept.set("c", "cccc")  # 12 characters: the oldest goes
    assert kept.get_many(["a", "b", "c"]) == {"b": {"lead": "bb", "figure": "bb"}, "c": "cccc"}
    kept.set("c", "c")  # replacing a value counts its new size only
    kept.set("d", "dddd")
    assert kept.get_many(["b", "c", "d"]) == {"b": {"lead": "bb", "figure": "bb"}, "c": "c", "d": "dddd"}
