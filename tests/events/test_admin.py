import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import resolve, reverse

from events.models import Registration
from outbox.models import Batch
from tests.core import users
from tests.events.factories import NewsArticleFactory, RegistrationEventFactory, RegistrationFactory
from tests.form_fields import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(users.staff(groups=["Communications"]))
    return client


def test_event_changelist_shows_confirmed_and_waitlisted_counts(editor_client):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    response = editor_client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 200
    row = response.context["cl"].result_list.get(pk=event.pk)
    assert (row.confirmed_count, row.waitlisted_count) == (1, 2)


def test_event_changelist_runs_constant_queries(editor_client, django_assert_num_queries):
    for _ in range(3):
        RegistrationFactory(event=RegistrationEventFactory())
    path = reverse("admin:events_event_changelist")
    editor_client.get(path)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor_client.get(path)
    for _ in range(27):
        RegistrationFactory(event=RegistrationEventFactory())
    with django_assert_num_queries(len(few)):
        editor_client.get(path)


def test_event_change_page_has_registrations_inline(editor_client):
    registration = RegistrationFactory()
    response = editor_client.get(reverse("admin:events_event_change", args=[registration.event.pk]))
    assert response.status_code == 200
    assert registration.email in response.content.decode()


@pytest.mark.parametrize("name", ["admin:events_registration_changelist", "admin:events_registration_add", "admin:events_event_add", "admin:events_newsarticle_changelist", "admin:events_newsarticle_add"])
def test_admin_pages_open_for_communications(editor_client, name):
    RegistrationFactory()
    NewsArticleFactory()
    assert editor_client.get(reverse(name)).status_code == 200


def test_export_attendees_is_utf8_csv_with_bom(editor_client):
    event = RegistrationEventFactory()
    RegistrationFactory(event=event, name="林美玲", email="mei@example.org")
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED, email="gone@example.org")
    response = editor_client.post(
        reverse("admin:events_event_changelist"), {"action": "export_attendees", ACTION_CHECKBOX_NAME: [event.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Event", "name", "E-mail"]
    assert [row[1] for row in rows[1:]] == ["林美玲"]


def test_email_registrants_action_shows_an_intermediate_page(editor_client):
    event = RegistrationEventFactory()
    RegistrationFactory(event=event)
    response = editor_client.post(
        reverse("admin:events_event_changelist"), {"action": "email_registrants", ACTION_CHECKBOX_NAME: [event.pk]}
    )
    assert response.status_code == 200
    assert 'name="subject"' in response.content.decode()
    assert mail.outbox == []


def test_email_registrants_action_sends_the_message(editor_client, django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, email="b@example.org", status=Registration.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:events_event_changelist"),
            {"action": "email_registrants", ACTION_CHECKBOX_NAME: [event.pk], "send": "1", "subject": "Room change", "message": "Room K101."},
        )
    assert response.status_code == 302
    batch = Batch.objects.get()
    page = editor_client.get(response["Location"]).content.decode()
    assert f"/admin/outbox/batch/{batch.pk}/change/" in page  # where the editor follows the progress
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_news_change_page_links_the_preview(editor_client):
    article = NewsArticleFactory(is_published=False)
    html = editor_client.get(reverse("admin:events_newsarticle_change", args=[article.pk])).content.decode()
    assert reverse("events:news-preview", kwargs={"pk": article.pk}) in html


def test_partnerships_staff_cannot_see_registrations(client):
    client.force_login(users.staff(groups=["Partnerships"]))
    assert client.get(reverse("admin:events_registration_changelist")).status_code == 403


def test_cancel_action_promotes_the_waiting_list(editor_client, django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:events_registration_changelist"),
            {"action": "cancel_registrations", ACTION_CHECKBOX_NAME: [confirmed.pk]},
        )
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


# --- Seats stay right whatever staff do in the admin ------------------------------------


def post_change_page(client, url, **changes):
    """Open a change page, edit some fields as a user would, save."""
    model_name = resolve(url).func.model_admin.model._meta.model_name
    data = form_fields(client.get(url).content.decode(), form_id=f"{model_name}_form")
    data.update(changes)
    return client.post(url, data, follow=True)


def test_raising_the_capacity_moves_the_waiting_list_up_in_order(editor_client, django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    second = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    third = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_change_page(editor_client, reverse("admin:events_event_change", args=[event.pk]), capacity="3")

    assert response.status_code == 200
    assert "2 people moved up from the waiting list" in response.content.decode()
    statuses = {r.pk: r.status for r in Registration.objects.filter(event=event)}
    assert statuses[first.pk] == statuses[second.pk] == Registration.Status.CONFIRMED
    assert statuses[third.pk] == Registration.Status.WAITLISTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_saving_an_event_without_touching_the_capacity_promotes_nobody(editor_client):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    post_change_page(editor_client, reverse("admin:events_event_change", args=[event.pk]), title_en="Renamed seminar")

    event.refresh_from_db()
    waiting.refresh_from_db()
    assert event.title_en == "Renamed seminar"
    assert waiting.status == Registration.Status.WAITLISTED


def test_registration_status_cannot_be_edited_around_the_waiting_list(editor_client):
    event = RegistrationEventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    post_change_page(editor_client, reverse("admin:events_registration_change", args=[waiting.pk]), status="confirmed")
    post_change_page(editor_client, reverse("admin:events_registration_change", args=[confirmed.pk]), status="cancelled")

    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.WAITLISTED
    assert Registration.objects.get(pk=confirmed.pk).status == Registration.Status.CONFIRMED


def test_event_page_lists_registrations_without_an_add_row_or_status_choice(editor_client):
    registration = RegistrationFactory()
    html = editor_client.get(reverse("admin:events_event_change", args=[registration.event.pk])).content.decode()

    fields = form_fields(html, form_id="event_form")
    assert fields["registrations-0-email"] == registration.email
    assert "registrations-0-status" not in fields
    assert "registrations-__prefix__-name" not in fields


@pytest.mark.parametrize(("confirmed_before", "expected"), [(0, "confirmed"), (2, "waitlisted")])
def test_registration_added_by_staff_gets_a_seat_or_the_waiting_list(
    editor_client, django_capture_on_commit_callbacks, confirmed_before, expected
):
    event = RegistrationEventFactory(capacity=2)
    for _ in range(confirmed_before):
        RegistrationFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_change_page(
            editor_client,
            reverse("admin:events_registration_add"),
            event=str(event.pk),
            name="Guest of the dean",
            email="guest@example.org",
            language="en",
            consent="on",
        )

    assert response.status_code == 200
    added = Registration.objects.get(email="guest@example.org")
    assert added.status == expected
    assert [m.to for m in mail.outbox] == [["guest@example.org"]]


def test_registration_added_by_staff_twice_is_refused_with_a_message(editor_client):
    existing = RegistrationFactory()

    response = post_change_page(
        editor_client,
        reverse("admin:events_registration_add"),
        event=str(existing.event.pk),
        name="Again",
        email=existing.email.upper(),
        language="en",
    )

    assert Registration.objects.filter(event=existing.event).count() == 1
    assert response.context["adminform"].form.errors


def test_changing_an_email_to_one_already_registered_is_refused_not_a_crash(editor_client):
    event = RegistrationEventFactory()
    first = RegistrationFactory(event=event)
    second = RegistrationFactory(event=event)

    on_own_page = post_change_page(
        editor_client, reverse("admin:events_registration_change", args=[second.pk]), email=first.email
    )
    in_the_event_inline = post_change_page(
        editor_client, reverse("admin:events_event_change", args=[event.pk]), **{"registrations-1-email": first.email}
    )

    assert on_own_page.status_code == in_the_event_inline.status_code == 200
    assert "already registered for this event" in on_own_page.content.decode()
    assert "already registered for this event" in in_the_event_inline.content.decode()
    assert Registration.objects.get(pk=second.pk).email == second.email
