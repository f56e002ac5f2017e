from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import COMMUNICATIONS, EXCHANGE_COORDINATORS
from exchanges.models import Application, MobilityRecord
from tests.core.factories import StaffUserFactory
from tests.exchanges.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    chosen_application,
)
from tests.form_fields import form_fields

pytestmark = pytest.mark.django_db

S = Application.Status


def staff_user(group):
    user = StaffUserFactory(groups=[group])
    # The shared factory sets the password after saving and does not save again; without this
    # the session's password hash would not match the stored one and the login would not hold.
    user.save()
    return user


@pytest.fixture
def coordinator_client(client):
    client.force_login(staff_user(EXCHANGE_COORDINATORS))
    return client


def status_url(application):
    return reverse("admin:exchanges_application_status", args=[application.pk])


@pytest.mark.parametrize(
    "name",
    ["application_changelist", "applicationcall_changelist", "exchangeprogram_changelist",
     "mobilityrecord_changelist", "applicationcall_add", "exchangeprogram_add", "mobilityrecord_add"],
)
def test_coordinator_pages_render(coordinator_client, name):
    ApplicationFactory()
    assert coordinator_client.get(reverse(f"admin:exchanges_{name}")).status_code == 200


def test_application_change_page_links_documents_and_shows_choices(coordinator_client):
    offer = CallProgrammeFactory(seats=2)
    application = chosen_application(offer)
    document = ApplicationDocumentFactory(application=application)
    response = coordinator_client.get(reverse("admin:exchanges_application_change", args=[application.pk]))
    content = response.content.decode()
    assert document.get_download_url() in content
    assert offer.programme.title in content
    assert "0 / 2" in content  # seats used / available


def test_changelist_query_count_is_constant(coordinator_client):
    path = reverse("admin:exchanges_application_changelist")
    offer = CallProgrammeFactory()
    for _ in range(3):
        ApplicationFactory(call=offer.call, status=S.NOMINATED, nominated_programme=offer.programme)
    coordinator_client.get(path)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(path)
    for _ in range(27):
        ApplicationFactory(call=offer.call, status=S.NOMINATED, nominated_programme=offer.programme)
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(path)
    assert len(few) == len(many)


def test_changelist_search_by_student_id(coordinator_client):
    wanted = ApplicationFactory(student_id="4Z9999999")
    ApplicationFactory()
    response = coordinator_client.get(reverse("admin:exchanges_application_changelist"), {"q": "4Z9999999"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_changelist_filters_by_programme_chosen(coordinator_client):
    offer = CallProgrammeFactory()
    wanted = chosen_application(offer)
    chosen_application(CallProgrammeFactory(call=offer.call))
    response = coordinator_client.get(
        reverse("admin:exchanges_application_changelist"), {"programme": offer.programme.pk}
    )
    assert list(response.context["cl"].result_list) == [wanted]


# --- Documents ------------------------------------------------------------------------------

def test_coordinator_downloads_a_document_as_attachment(coordinator_client):
    document = ApplicationDocumentFactory()
    response = coordinator_client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert document.application.reference in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_cannot_download_a_document(client):
    document = ApplicationDocumentFactory()
    response = client.get(document.get_download_url())
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_of_another_group_cannot_download_a_document(client):
    document = ApplicationDocumentFactory()
    client.force_login(staff_user(COMMUNICATIONS))
    assert client.get(document.get_download_url()).status_code == 403


def test_documents_are_stored_outside_the_public_media_folder(settings):
    document = ApplicationDocumentFactory()
    path = Path(document.file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())


# --- Status changes -------------------------------------------------------------------------

def test_coordinator_nominates_within_seats(coordinator_client, django_capture_on_commit_callbacks):
    offer = CallProgrammeFactory(seats=1)
    application = chosen_application(offer)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            status_url(application), {"to_status": S.NOMINATED, "programme": offer.programme.pk, "note": "Well done"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.NOMINATED
    change = application.status_changes.get()
    assert change.changed_by.groups.filter(name=EXCHANGE_COORDINATORS).exists()
    assert mail.outbox[-1].to == [application.email]


def test_nomination_beyond_seats_is_refused_with_a_message(coordinator_client):
    offer = CallProgrammeFactory(seats=1)
    chosen_application(offer, status=S.NOMINATED, nominated_programme=offer.programme)
    application = chosen_application(offer)
    response = coordinator_client.post(status_url(application), {"to_status": S.NOMINATED,
                                                                 "programme": offer.programme.pk})
    assert response.status_code == 200
    assert "All 1 seats" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW


def test_illegal_transition_is_not_offered_and_refused(coordinator_client):
    application = ApplicationFactory(status=S.SUBMITTED)
    response = coordinator_client.post(status_url(application), {"to_status": S.ACCEPTED})
    assert response.status_code == 200
    assert "to_status" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_status_page_shows_seats_used_and_available(coordinator_client):
    offer = CallProgrammeFactory(seats=3)
    chosen_application(offer, status=S.NOMINATED, nominated_programme=offer.programme)
    response = coordinator_client.get(status_url(chosen_application(offer)))
    offers = list(response.context["offers"])
    assert [(o.seats_claimed, o.seats_unclaimed) for o in offers] == [(1, 2)]


def test_staff_of_another_group_cannot_change_status(client):
    application = ApplicationFactory()
    client.force_login(staff_user(COMMUNICATIONS))
    response = client.post(status_url(application), {"to_status": S.UNDER_REVIEW})
    assert response.status_code == 403


def test_bulk_under_review_action_reports_refusals(coordinator_client):
    fresh = ApplicationFactory(status=S.SUBMITTED)
    final = ApplicationFactory(status=S.DECLINED)
    response = coordinator_client.post(
        reverse("admin:exchanges_application_changelist"),
        {"action": "mark_under_review", "_selected_action": [fresh.pk, final.pk]},
        follow=True,
    )
    fresh.refresh_from_db()
    assert fresh.status == S.UNDER_REVIEW
    assert "cannot become" in response.content.decode()


# --- Export and mobility records ------------------------------------------------------------

def test_export_a_calls_applications_to_csv_with_bom(coordinator_client):
    application = ApplicationFactory(name_zh="陳宇婷")
    ApplicationFactory()  # another call
    response = coordinator_client.post(
        reverse("admin:exchanges_applicationcall_changelist"),
        {"action": "export_applications", "_selected_action": [application.call.pk]},
    )
    body = response.content
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "陳宇婷" in text and application.reference in text
    assert len(text.strip().splitlines()) == 2


def test_csv_neutralises_formulas(coordinator_client):
    application = ApplicationFactory(name_en="=HYPERLINK(\"http://evil\")")
    response = coordinator_client.post(
        reverse("admin:exchanges_application_changelist"),
        {"action": "export_csv", "_selected_action": [application.pk]},
    )
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_mobility_record_action_on_accepted_application(coordinator_client):
    offer = CallProgrammeFactory()
    application = chosen_application(offer, status=S.ACCEPTED, nominated_programme=offer.programme)
    coordinator_client.post(
        reverse("admin:exchanges_application_changelist"),
        {"action": "create_mobility_records", "_selected_action": [application.pk]},
    )
    record = MobilityRecord.objects.get()
    assert record.application == application
    assert record.partner == offer.programme.partner


def test_mobility_record_action_skips_applications_not_accepted(coordinator_client):
    application = ApplicationFactory(status=S.UNDER_REVIEW)
    coordinator_client.post(
        reverse("admin:exchanges_application_changelist"),
        {"action": "create_mobility_records", "_selected_action": [application.pk]},
    )
    assert not MobilityRecord.objects.exists()


def test_call_change_page_query_count_is_constant(coordinator_client):
    offer = CallProgrammeFactory()
    path = reverse("admin:exchanges_applicationcall_change", args=[offer.call.pk])
    coordinator_client.get(path)
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(path).status_code == 200
    for _ in range(27):
        CallProgrammeFactory(call=offer.call)
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(path)
    assert len(few) == len(many)


def test_coordinator_adds_a_programme_to_a_call_and_edits_seats(coordinator_client):
    offer = CallProgrammeFactory(seats=2)
    call = offer.call
    new_programme = CallProgrammeFactory().programme
    path = reverse("admin:exchanges_applicationcall_change", args=[call.pk])
    form = coordinator_client.get(path).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and not hasattr(value, "pk")}
    data.update({
        "title_en": call.title_en, "title_zh_hant": call.title_zh_hant, "slug": call.slug,
        "opens_at_0": call.opens_at.astimezone().strftime("%Y-%m-%d"), "opens_at_1": "08:00:00",
        "closes_at_0": call.closes_at.astimezone().strftime("%Y-%m-%d"), "closes_at_1": "17:00:00",
        "offers-TOTAL_FORMS": "1", "offers-INITIAL_FORMS": "1", "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "1000", "offers-0-id": offer.pk, "offers-0-call": call.pk, "offers-0-seats": "5",
        "offers-2-TOTAL_FORMS": "1", "offers-2-INITIAL_FORMS": "0", "offers-2-MIN_NUM_FORMS": "0",
        "offers-2-MAX_NUM_FORMS": "1000", "offers-2-0-programme": new_programme.pk, "offers-2-0-seats": "3",
        "offers-2-0-call": call.pk,
        "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0", "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "checklist_items-TOTAL_FORMS": "0", "checklist_items-INITIAL_FORMS": "0",
        "checklist_items-MIN_NUM_FORMS": "0", "checklist_items-MAX_NUM_FORMS": "1000",
    })
    response = coordinator_client.post(path, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert dict(call.offers.values_list("programme_id", "seats")) == {offer.programme_id: 5, new_programme.pk: 3}


def test_application_change_page_query_count_is_constant(coordinator_client):
    offer = CallProgrammeFactory()
    application = chosen_application(offer)
    path = reverse("admin:exchanges_application_change", args=[application.pk])

    def queries():
        coordinator_client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(path).status_code == 200
        return len(captured)

    for _ in range(3):
        application.status_changes.create(to_status=S.UNDER_REVIEW)
    few = queries()
    for _ in range(27):
        application.status_changes.create(to_status=S.UNDER_REVIEW)
    assert queries() == few


def test_csv_headers_follow_the_coordinators_language(coordinator_client):
    application = ApplicationFactory()
    response = coordinator_client.post(
        reverse("admin:exchanges_application_changelist"),
        {"action": "export_csv", "_selected_action": [application.pk]},
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("申請編號,")


# --- Seats of a call cannot be overbooked from the admin (issue 11, finding 5) ----------------


def post_offer_seats(client, offer, seats):
    """Send the call's change page back as a browser would, with the offer's seats changed."""
    path = reverse("admin:exchanges_applicationcall_change", args=[offer.call.pk])
    data = form_fields(client.get(path).content.decode(), form_id="applicationcall_form")
    seats_field = next(name for name, value in data.items() if name.endswith("-seats") and data.get(name.replace("-seats", "-id")) == str(offer.pk))
    data[seats_field] = str(seats)
    return client.post(path, data, follow=True)


def test_seats_cannot_be_lowered_below_the_nominations(coordinator_client):
    offer = CallProgrammeFactory(seats=3, programme__seats=10)
    for _ in range(2):
        chosen_application(offer, status=S.NOMINATED, nominated_programme=offer.programme)
    response = post_offer_seats(coordinator_client, offer, 1)
    offer.refresh_from_db()
    assert offer.seats == 3
    assert "2 students are already nominated to this programme in this call" in response.content.decode()


def test_seats_may_be_lowered_to_the_nominations(coordinator_client):
    offer = CallProgrammeFactory(seats=3, programme__seats=10)
    chosen_application(offer, status=S.NOMINATED, nominated_programme=offer.programme)
    post_offer_seats(coordinator_client, offer, 1)
    offer.refresh_from_db()
    assert offer.seats == 1


def test_seats_above_the_programmes_seats_per_year_are_saved_with_a_warning(coordinator_client):
    offer = CallProgrammeFactory(seats=2, programme__seats=4)
    response = post_offer_seats(coordinator_client, offer, 6)
    offer.refresh_from_db()
    assert offer.seats == 6
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [f"{offer.programme}: 6 seats in this call, but the programme has 4 seats per year."]
