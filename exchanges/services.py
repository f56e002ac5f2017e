"""What changes several exchange records at once: each a single transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import SiteSettings
from exchanges import nominations, placement
from exchanges.models import (
    Application,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    CallProgramme,
    MobilityRecord,
    Nomination,
    ReferenceSequence,
)
from exchanges.models.applications import can_transition
from outbox.mail import absolute_url, send_templated_mail


class CallClosed(ValidationError):
    pass


class DuplicateApplication(ValidationError):
    """The call already has an application with this student ID or e-mail address.

    Never shown to the person who submitted: they have not proven to be that student.
    """

    def __init__(self, existing):
        self.existing = existing
        super().__init__(_("This call already has an application from this student."), code="duplicate_application")


class IllegalTransition(ValidationError):
    pass


class NoSeatsLeft(ValidationError):
    pass


def format_reference(year, number):
    return f"OIA-{year}-{number:05d}"


def submit_application(call, data, documents, language, at=None):
    """Create an application with its ranked choices and documents; e-mail the status link.

    `data` holds the applicant's fields, `data["programmes"]` the chosen programmes in rank
    order; `documents` maps ApplicationDocument.Kind to an uploaded (already validated) file.
    """
    at = at or timezone.now()
    if not call.is_open(at):
        raise CallClosed(_("This call is not open for applications."), code="call_closed")
    fields = {key: value for key, value in data.items() if key != "programmes"}
    if isinstance(fields.get("department"), str):  # the form gives the department's code
        fields["department_id"] = fields.pop("department")
    existing = Application.objects.same_student(call, fields["student_id"], fields["email"]).first()
    if existing:
        raise DuplicateApplication(existing)
    try:
        with transaction.atomic():
            year = timezone.localtime(at).year
            application = Application.objects.create(
                call=call,
                reference=format_reference(year, ReferenceSequence.next_number(year)),
                language=language,
                created_at=at,
                **fields,
            )
            ApplicationChoice.objects.bulk_create(
                ApplicationChoice(application=application, rank=rank, programme=programme)
                for rank, programme in enumerate(data["programmes"], start=1)
            )
            for kind, upload in documents.items():
                if upload:
                    ApplicationDocument.objects.create(
                        application=application,
                        kind=kind,
                        file=upload,
                        content_type=getattr(upload, "content_type", "") or "",
                        size=upload.size,
                    )
            ApplicationStatusChange.objects.create(
                application=application, from_status="", to_status=Application.Status.SUBMITTED, changed_at=at
            )
            # In the outbox with the application: the status link survives a mail outage.
            _mail_applicant(application, "exchanges/email/submitted")
    except IntegrityError:
        # Two submissions of one student raced past the check above; the constraints held.
        existing = Application.objects.same_student(call, fields["student_id"], fields["email"]).first()
        if existing:
            raise DuplicateApplication(existing) from None
        raise
    return application


def change_status(application, to_status, by=None, note="", programme=None, at=None, notify=True):
    """Move an application along the allowed transitions; record it and tell the applicant.

    Nominating needs a programme among the applicant's choices with a seat left in the call;
    the offer's row is locked so that two coordinators cannot fill the last seat twice.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).select_related("call").get(pk=application.pk)
        if locked.status == to_status:
            # A second click, or the back button: say what is, not that a transition is illegal.
            raise IllegalTransition(
                _("Application %(reference)s is already “%(status)s”.")
                % {"reference": locked.reference, "status": locked.get_status_display()},
                code="already_in_status",
            )
        if not can_transition(locked.status, to_status):
            raise IllegalTransition(
                _("An application that is “%(from)s” cannot become “%(to)s”.")
                % {"from": locked.get_status_display(), "to": Application.Status(to_status).label},
                code="illegal_transition",
            )
        if to_status == Application.Status.NOMINATED:
            _reserve_seat(locked, programme)
            locked.nominated_programme = programme
        from_status = locked.status
        locked.status = to_status
        locked.save(update_fields=["status", "nominated_programme", "updated_at"])
        change = ApplicationStatusChange.objects.create(
            application=locked, from_status=from_status, to_status=to_status, changed_by=by, changed_at=at, note=note
        )
        if to_status == Application.Status.NOMINATED:
            nominations.record_nominations([locked], at)
        nominations.sync_decision(locked, to_status, at)
        if notify and from_status in Application.SEAT_HOLDING and to_status == Application.Status.WITHDRAWN:
            nomination = Nomination.objects.filter(application=locked).select_related("call", "programme").first()
            if nomination is not None:
                nominations.tell_partner_nomination_ended(nomination)
        if from_status in Application.SEAT_HOLDING and to_status in (
            Application.Status.WITHDRAWN,
            Application.Status.DECLINED,
        ):
            # The seat is free: the next applicant waiting for it gets it, in the same transaction.
            placement.promote_from_waiting_list(locked.call, locked.nominated_programme, at=at, by=by, notify=notify)
        if notify:
            _mail_applicant(locked, "exchanges/email/status_changed", change=change)
    application.status = locked.status
    application.nominated_programme = locked.nominated_programme
    return change


def record_host_decision(nomination, decision, by=None, letter=None, at=None, notify=True):
    """The partner's answer: an acceptance moves the application to "accepted", a rejection to
    "declined" (which frees the seat for the waiting list)."""
    at = at or timezone.now()
    if decision == Nomination.Decision.AWAITING:
        raise nominations.NominationError(_("Choose the partner's decision."), code="no_decision")
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().select_related("application").get(pk=nomination.pk)
        if locked.decision != Nomination.Decision.AWAITING:
            raise nominations.NominationError(
                _("The partner's decision on %(reference)s is already recorded.")
                % {"reference": locked.application.reference},
                code="decided",
            )
        if letter:
            locked.acceptance_letter = letter
            locked.save(update_fields=["acceptance_letter"])
        to_status = (
            Application.Status.ACCEPTED if decision == Nomination.Decision.ACCEPTED else Application.Status.DECLINED
        )
        change_status(locked.application, to_status, by=by, at=at, notify=notify)
    nomination.refresh_from_db()
    return nomination


def _reserve_seat(application, programme):
    if programme is None:
        raise NoSeatsLeft(_("Choose the programme to nominate the student to."), code="programme_required")
    if not application.choices.filter(programme=programme).exists():
        raise NoSeatsLeft(_("The student did not choose %(programme)s.") % {"programme": programme}, code="not_chosen")
    offer = CallProgramme.objects.select_for_update().filter(call=application.call, programme=programme).first()
    if offer is None:
        raise NoSeatsLeft(
            _("%(programme)s is not offered in this call.") % {"programme": programme}, code="not_offered"
        )
    if offer.seats_claimed_now() >= offer.seats:
        raise NoSeatsLeft(
            _("All %(seats)s seats of %(programme)s in this call are taken.")
            % {"seats": offer.seats, "programme": programme},
            code="no_seats_left",
        )


def withdraw_by_applicant(application, at=None):
    """The applicant's own withdrawal from the status page: while the call is open, or, once the
    placement is confirmed, to give up a seat or a place on the waiting lists."""
    at = at or timezone.now()
    # A second click or the back button: change_status says it is already withdrawn.
    if application.status != Application.Status.WITHDRAWN and not application.can_be_withdrawn_by_applicant(at):
        raise CallClosed(_("The call has closed; please write to the office to withdraw."), code="call_closed")
    return change_status(application, Application.Status.WITHDRAWN, by=None, note="", at=at)


def create_mobility_record(application):
    """Record that an accepted student went abroad, so that statistics count them."""
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).select_related("call", "nominated_programme").get(
            pk=application.pk
        )
        if locked.status != Application.Status.ACCEPTED or locked.nominated_programme is None:
            raise IllegalTransition(
                _("Only an accepted application has a mobility record (%(reference)s is “%(status)s”).")
                % {"reference": locked.reference, "status": locked.get_status_display()},
                code="not_accepted",
            )
        if MobilityRecord.objects.filter(application=locked).exists():
            raise IllegalTransition(
                _("%(reference)s already has a mobility record.") % {"reference": locked.reference},
                code="record_exists",
            )
        programme = locked.nominated_programme
        return MobilityRecord.objects.create(
            application=locked,
            student_name=locked.name_en,
            department=locked.get_department_display_en(),
            partner_id=programme.partner_id,
            programme=programme,
            academic_year=locked.call.year_abroad(),
        )


def tell_about_existing_application(application):
    """Someone submitted again for a student who already applied to the call: nothing new is
    saved, and the student hears about it at the address given with the first application
    (with its link, or that it was withdrawn and what to do), never the person at the form."""
    _mail_applicant(application, "exchanges/email/already_applied")


def resend_status_links(applications):
    """E-mail each application's status link again, to the address it was submitted with."""
    with transaction.atomic():
        for application in applications:
            _mail_applicant(application, "exchanges/email/status_link")


def _mail_applicant(application, template_prefix, **extra):
    context = {
        "application": application,
        "status_url": absolute_url(application.get_status_url()),
        # Where an applicant writes when a change was not their doing.
        "office_email": SiteSettings.get_solo().email,
        **extra,
    }
    send_templated_mail(template_prefix, context, application.email, application.language, about=application)
