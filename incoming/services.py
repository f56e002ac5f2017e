"""Everything that changes incoming students' records: each a single transaction, its e-mail in it
(stored in the outbox with the change, delivered by a worker)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from exchanges.models import MobilityRecord
from incoming import tasks
from incoming.models import (
    IncomingApplication,
    IncomingDocument,
    IncomingStatusChange,
    NominationLink,
    NominationLogEntry,
)
from incoming.models.applications import IncomingReferenceSequence, new_letter_code
from incoming.models.links import new_link_token, token_fingerprint
from jobs.queue import defer
from outbox.mail import absolute_url, send_templated_mail

Status = IncomingApplication.Status


class IllegalTransition(ValidationError):
    pass


class DuplicateNomination(ValidationError):
    pass


def link_for(partner):
    """The partner's nomination link, made on first use."""
    link, _created = NominationLink.objects.get_or_create(partner=partner)
    return link


def rotate_link(link, at=None):
    """A new secret for the link; the old address stops working at once."""
    link.token = new_link_token()
    link.rotated_at = at or timezone.now()
    link.save(update_fields=["token", "rotated_at"])
    return link


def log_attempt(
    link, outcome, *, ip_address=None, user_agent="", coordinator_email="", nominee_email="", application=None
):
    return NominationLogEntry.objects.create(
        partner_id=link.partner_id,
        link_fingerprint=token_fingerprint(link.token),
        outcome=outcome,
        coordinator_email=coordinator_email,
        nominee_email=nominee_email,
        application=application,
        ip_address=ip_address or None,
        user_agent=user_agent[:200],
    )


def nominate(link, data, *, language, ip_address=None, user_agent="", at=None):
    """The partner's coordinator nominates one student: record it, log it, e-mail the student their link."""
    at = at or timezone.now()
    try:
        with transaction.atomic():
            year = timezone.localtime(at).year
            application = IncomingApplication.objects.create(
                partner_id=link.partner_id,
                reference=IncomingReferenceSequence.next_reference(year),
                language=language,
                created_at=at,
                **data,
            )
            IncomingStatusChange.objects.create(
                application=application, from_status="", to_status=Status.NOMINATED, changed_at=at
            )
            log_attempt(
                link,
                NominationLogEntry.Outcome.CREATED,
                ip_address=ip_address,
                user_agent=user_agent,
                coordinator_email=data["coordinator_email"],
                nominee_email=data["email"],
                application=application,
            )
            _mail_student(application, "incoming/email/nominated")
    except IntegrityError:
        raise DuplicateNomination(
            _("This student is already nominated for that term."), code="duplicate_nomination"
        ) from None
    return application


def submit_application(application, data, documents, at=None):
    """The student completes the application with their documents; only once, while nominated."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = IncomingApplication.objects.select_for_update().get(pk=application.pk)
        if not locked.can_become(Status.SUBMITTED):
            raise IllegalTransition(_("This application was already submitted."), code="already_submitted")
        for name, value in data.items():
            setattr(locked, name, value)
        locked.status = Status.SUBMITTED
        locked.submitted_at = at
        locked.save()
        for kind, upload in documents.items():
            if upload:
                IncomingDocument.objects.create(application=locked, kind=kind, file=upload, size=upload.size)
        IncomingStatusChange.objects.create(
            application=locked, from_status=Status.NOMINATED, to_status=Status.SUBMITTED, changed_at=at
        )
        _mail_student(locked, "incoming/email/status_changed", change=None)
    return locked


def change_status(application, to_status, by=None, note="", at=None):
    """Move along the allowed transitions. Accepting issues the letter and counts the student
    as an incoming mobility; withdrawing after that takes the count back."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = IncomingApplication.objects.select_for_update().select_related("partner").get(pk=application.pk)
        if not locked.can_become(to_status):
            raise IllegalTransition(
                _("An application that is “%(from)s” cannot become “%(to)s”.")
                % {"from": locked.get_status_display(), "to": Status(to_status).label},
                code="illegal_transition",
            )
        from_status = locked.status
        locked.status = to_status
        if to_status == Status.ACCEPTED:
            locked.accepted_at = at
            locked.letter_code = new_letter_code()
            locked.mobility_record = _incoming_record(locked)
            # The letter takes half a second to build: a worker issues it once this is committed.
            defer(tasks.issue_acceptance_letter, application_id=locked.pk)
        if to_status == Status.WITHDRAWN and locked.mobility_record_id:
            record = locked.mobility_record
            locked.mobility_record = None
            locked.save()
            record.delete()
        locked.save()
        change = IncomingStatusChange.objects.create(
            application=locked, from_status=from_status, to_status=to_status, changed_by=by, changed_at=at, note=note
        )
        _mail_student(locked, "incoming/email/status_changed", change=change)
    application.refresh_from_db()
    return change


def _incoming_record(application):
    with translation.override("en"):
        department = str(application.get_wanted_department_display()) if application.wanted_department else ""
    return MobilityRecord.objects.create(
        direction=MobilityRecord.Direction.INCOMING,
        student_name=application.name,
        department=department,
        partner_id=application.partner_id,
        academic_year=application.academic_year,
    )


def update_checklist(application, data):
    """The accepted student's arrival checklist."""
    with transaction.atomic():
        locked = IncomingApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.ACCEPTED:
            raise IllegalTransition(_("The arrival checklist opens once you are accepted."), code="not_accepted")
        for name, value in data.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*data, "updated_at"])
    return locked


def resend_private_link(application):
    _mail_student(application, "incoming/email/nominated")


def _mail_student(application, template_prefix, **extra):
    """Into the outbox, in the caller's transaction: the change and its e-mail exist together,
    and a mail outage only delays the message (the worker retries)."""
    context = {
        "application": application,
        "private_url": absolute_url(application.get_private_url()),
        **extra,
    }
    send_templated_mail(template_prefix, context, application.email, application.language, about=application)
