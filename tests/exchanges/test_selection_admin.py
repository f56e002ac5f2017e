"""The coordinator's selection screens: interview scores in the list, the placement preview,
pins, confirmation, results publishing, nominations to partners and the hosts' decisions."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.demo_images import minimal_pdf
from core.roles import EXCHANGE_COORDINATORS
from exchanges import nominations, placement
from exchanges.models import Application, Nomination, PartnerDispatch, PlacementOverride
from outbox.models import Message
from partners.models import PartnerContact
from tests.core import users
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
)

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def coordinator(client):
    client.force_login(users.staff(groups=[EXCHANGE_COORDINATORS]))
    return client


@pytest.fixture
def call():
    now = timezone.now()
    return ApplicationCallFactory(
        opens_at=now - datetime.timedelta(days=30), closes_at=now - datetime.timedelta(days=1),
        weight_gpa=0, weight_language=0, weight_interview=100,
    )


def applicants(call, offer, scores):
    made = []
    for score in scores:
        application = ApplicationFactory(call=call, interview_score=Decimal(score))
        ApplicationChoiceFactory(application=application, programme=offer.programme)
        made.append(application)
    return made


def placement_url(call):
    return reverse("admin:exchanges_applicationcall_placement", args=[call.pk])


def test_interview_scores_are_entered_in_the_changelist_and_rescore(coordinator, call):
    offer = CallProgrammeFactory(call=call)
    (application,) = applicants(call, offer, [10])
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(application.pk), "form-0-interview_score": "87.5", "_save": "Save",
    }
    response = coordinator.post(reverse("admin:exchanges_application_changelist"), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.interview_score == Decimal("87.5")
    assert application.score == Decimal("87.50")


def test_changelist_refuses_an_interview_score_above_100_in_the_coordinators_language(coordinator, call):
    offer = CallProgrammeFactory(call=call)
    (application,) = applicants(call, offer, [10])
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(application.pk), "form-0-interview_score": "120", "_save": "Save",
    }
    response = coordinator.post(reverse("admin:exchanges_application_changelist"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "less than or equal to 100" in response.content.decode()
    application.refresh_from_db()
    assert application.interview_score == Decimal("10")


def test_preview_shows_placed_and_waiting_and_saves_nothing(coordinator, call):
    offer = CallProgrammeFactory(call=call, seats=1)
    first, second = applicants(call, offer, [90, 80])
    html = coordinator.get(placement_url(call)).content.decode()
    assert first.reference in html and second.reference in html
    assert "Equal scores are ordered" in html
    assert not Application.objects.filter(status=S.NOMINATED).exists()


def test_coordinator_pins_then_confirms_what_was_previewed(coordinator, call, django_capture_on_commit_callbacks):
    offer = CallProgrammeFactory(call=call, seats=1)
    strong, pinned = applicants(call, offer, [90, 40])
    response = coordinator.post(
        placement_url(call), {"reference": pinned.reference, "action": "pin", "programme": offer.programme.pk}
    )
    assert response.status_code == 302
    assert PlacementOverride.objects.get(application=pinned).programme == offer.programme
    digest = placement.compute_placement(call).digest()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(placement_url(call), {"confirm": "1", "digest": digest})
    assert response.status_code == 302
    pinned.refresh_from_db()
    strong.refresh_from_db()
    assert pinned.status == S.NOMINATED and strong.status == S.UNDER_REVIEW
    assert len(mail.outbox) == 2
    html = coordinator.get(placement_url(call)).content.decode()
    assert "Confirmed on" in html


def test_pin_form_keeps_what_was_typed_and_says_what_is_wrong(coordinator, call):
    CallProgrammeFactory(call=call)
    response = coordinator.post(placement_url(call), {"reference": "OIA-1999-00001", "action": "pin"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No application OIA-1999-00001 in this call." in html
    assert 'value="OIA-1999-00001"' in html


def test_results_are_published_only_after_the_placement(coordinator, call):
    url = reverse("admin:exchanges_applicationcall_changelist")
    coordinator.post(url, {"action": "publish_results", "_selected_action": [call.pk]})
    call.refresh_from_db()
    assert call.results_published_at is None
    placement.confirm_placement(call)
    coordinator.post(url, {"action": "publish_results", "_selected_action": [call.pk]})
    call.refresh_from_db()
    assert call.results_published_at is not None


def nominated_call(call, nominees=2):
    offer = CallProgrammeFactory(call=call, seats=nominees)
    PartnerContact.objects.create(
        partner=offer.programme.partner, name="Aiko Tanaka", email="exchange@partner.example.edu",
        receives_nominations=True,
    )
    PartnerContact.objects.create(partner=offer.programme.partner, name="Someone Else", email="other@partner.example.edu")
    made = applicants(call, offer, [90 - n for n in range(nominees)])
    placement.confirm_placement(call)
    return offer.programme.partner, made


def test_one_email_per_partner_with_the_nominees_and_a_csv(coordinator, call, django_capture_on_commit_callbacks):
    partner, made = nominated_call(call)
    mail.outbox.clear()
    url = reverse("admin:exchanges_applicationcall_nominations", args=[call.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator.post(url, {"partners": [partner.pk]}).status_code == 302
    # Through the outbox, with its file: stored, then delivered by the worker's code.
    stored = Message.objects.get(topic="exchanges/email/nominations")
    assert stored.status == Message.Status.SENT and stored.about == PartnerDispatch.objects.get()
    assert [a.filename for a in stored.attachments.all()] == [f"nominations-{call.slug}-{partner.slug}.csv"[:120]]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["exchange@partner.example.edu"]
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".csv") and mimetype == "text/csv"
    for application in made:
        assert application.reference in message.body and application.email in content
    assert Nomination.objects.filter(sent_at__isnull=False).count() == 2
    assert PartnerDispatch.objects.get().nominee_count == 2


def test_sending_again_needs_the_resend_box(coordinator, call, django_capture_on_commit_callbacks):
    partner, _made = nominated_call(call)
    url = reverse("admin:exchanges_applicationcall_nominations", args=[call.pk])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url, {"partners": [partner.pk]})
        coordinator.post(url, {"partners": [partner.pk]})
    assert len([m for m in mail.outbox if "Nominations" in m.subject]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url, {"partners": [partner.pk], "resend": "on"})
    assert len([m for m in mail.outbox if "Nominations" in m.subject]) == 2
    assert Message.objects.filter(topic="exchanges/email/nominations").count() == 2
    assert PartnerDispatch.objects.count() == 2
    assert PartnerDispatch.objects.filter(is_resend=True).count() == 1


def test_host_decision_with_letter_is_recorded_and_the_letter_stays_private(coordinator, call, client):
    _partner, (accepted, _other) = nominated_call(call)
    nomination = Nomination.objects.get(application=accepted)
    letter = SimpleUploadedFile("letter.pdf", minimal_pdf("Acceptance"), content_type="application/pdf")
    url = reverse("admin:exchanges_nomination_change", args=[nomination.pk])
    response = coordinator.post(url, {"new_decision": "accepted", "letter": letter})
    assert response.status_code == 302
    nomination.refresh_from_db()
    accepted.refresh_from_db()
    assert nomination.decision == Nomination.Decision.ACCEPTED and accepted.status == S.ACCEPTED
    assert nomination.acceptance_letter
    download = coordinator.get(nomination.get_letter_download_url())
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    html = client.get(accepted.get_status_url()).content.decode()
    assert "Accepted by the partner" in html
    assert nomination.acceptance_letter.name not in html


def test_dashboard_lists_partners_that_did_not_answer_in_time(call):
    partner, _made = nominated_call(call)
    partner.decision_weeks = 4
    partner.save()
    sent = timezone.now() - datetime.timedelta(weeks=5)
    nominations.send_nominations(call, partner, at=sent)
    assert [p.pk for p in nominations.overdue_partners()] == [partner.pk]
    partner.decision_weeks = 6
    partner.save()
    assert nominations.overdue_partners() == []


def test_a_partner_that_received_a_nomination_is_told_when_the_student_withdraws(call, django_capture_on_commit_callbacks):
    partner, (nominee, other) = nominated_call(call)
    nominations.send_nominations(call, partner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        from exchanges import services

        services.withdraw_by_applicant(Application.objects.get(pk=nominee.pk))
    told = [m for m in mail.outbox if m.to == ["exchange@partner.example.edu"]]
    assert len(told) == 1 and nominee.reference in told[0].subject and "withdrawn from the exchange" in told[0].body
    assert Message.objects.get(topic="exchanges/email/nomination_withdrawn").about == Nomination.objects.get(
        application=nominee
    )


def test_a_partner_is_told_when_its_nominee_moves_up_to_a_higher_choice(call, django_capture_on_commit_callbacks):
    kyoto, seoul = CallProgrammeFactory(call=call, seats=1), CallProgrammeFactory(call=call, seats=1)
    PartnerContact.objects.create(
        partner=seoul.programme.partner, name="Seoul desk", email="exchange@seoul.example.ac.kr", receives_nominations=True
    )
    (top,) = applicants(call, kyoto, [95])
    mover = ApplicationFactory(call=call, interview_score=Decimal(90))
    ApplicationChoiceFactory(application=mover, programme=kyoto.programme, rank=1)
    ApplicationChoiceFactory(application=mover, programme=seoul.programme, rank=2)
    placement.confirm_placement(call, notify=False)
    nominations.send_nominations(call, seoul.programme.partner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        from exchanges import services

        services.withdraw_by_applicant(Application.objects.get(pk=top.pk))
    mover.refresh_from_db()
    assert mover.nominated_programme == kyoto.programme
    told = [m for m in mail.outbox if m.to == ["exchange@seoul.example.ac.kr"]]
    assert len(told) == 1 and "ranked higher" in told[0].body and mover.reference in told[0].body
    nomination = Nomination.objects.get(application=mover)
    assert nomination.partner_id == kyoto.programme.partner_id and nomination.sent_at is None  # to send to Kyoto
