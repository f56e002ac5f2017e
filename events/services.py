"""Registering for events and cancelling: the only public writes of the events app.

Each function is one transaction. The event row is locked (SELECT ... FOR
UPDATE) before seats are counted, so two people racing for the last seat are
served one after the other and the capacity is never exceeded.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import SiteSettings
from events.models import Event, Registration
from outbox.mail import absolute_url, render_templated_mail, send_templated_mail
from outbox.services import start_batch


class RegistrationError(Exception):
    """A registration that cannot be taken; the message is for the visitor."""


def register(event, *, name, email, affiliation="", consent=True, language="en"):
    """Register a visitor: confirmed while seats last, then on the waiting list.

    Returns the Registration; raises RegistrationError when registration is
    closed or the e-mail is already registered for this event.
    """
    email = email.strip()
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            reason = locked.registration_closed_reason()
            if reason:
                raise RegistrationError(reason)
            if locked.registrations.holding(email).exists():
                raise RegistrationError(_("This e-mail address is already registered for this event."))
            registration = Registration.objects.create(
                event=locked,
                name=name,
                email=email,
                affiliation=affiliation,
                consent=consent,
                language=language,
                status=seat_status(locked),
            )
            # In the outbox with the registration: the cancel link survives a mail outage.
            send_registration_mail(registration)
    except IntegrityError:
        # The unique constraint caught a duplicate that raced past the check above.
        raise RegistrationError(_("This e-mail address is already registered for this event.")) from None
    return registration


def seat_status(event):
    """Confirmed while the event (locked by the caller) has a free seat, else waitlisted."""
    if event.has_free_seat():
        return Registration.Status.CONFIRMED
    return Registration.Status.WAITLISTED


def register_by_staff(registration):
    """Save a registration staff typed into the admin.

    Seats and the waiting list apply as for a visitor; the registration
    deadline does not (the office may add a guest after it). The visitor gets
    the same confirmation e-mail.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.status = seat_status(event)
        registration.save()
        send_registration_mail(registration)
    return registration


def fill_free_seats(event):
    """After staff raised the capacity, the waiting list moves up into the new seats.

    Returns the registrations promoted (each is told by e-mail).
    """
    promoted = []
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.starts_at <= timezone.now():
            return promoted
        while (registration := promote_from_waiting_list(locked)) is not None:
            promoted.append(registration)
    return promoted


def cancel(registration):
    """Cancel a registration; a freed seat goes to the first person waiting.

    Returns the promoted Registration, or None.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if was_confirmed and event.starts_at > timezone.now():
            promoted = promote_from_waiting_list(event)
    return promoted


def promote_from_waiting_list(event):
    """Give a free seat to the earliest waitlisted person. Call with the event row locked."""
    if not event.has_free_seat():
        return None
    promoted = event.registrations.waitlisted().select_for_update().order_by("created_at", "pk").first()
    if promoted is None:
        return None
    promoted.status = Registration.Status.CONFIRMED
    promoted.save(update_fields=["status"])
    send_templated_mail("events/email/promoted", mail_context(promoted), promoted.email, promoted.language, about=promoted)
    return promoted


def mail_context(registration):
    # Links in the visitor's language, like the rest of the e-mail.
    with translation.override(registration.language):
        return {
            "registration": registration,
            "event": registration.event,
            "site": SiteSettings.get_solo(),
            "cancel_url": absolute_url(registration.get_cancel_url()),
            "event_url": absolute_url(registration.event.get_absolute_url()),
        }


def send_registration_mail(registration):
    send_templated_mail(
        "events/email/registered", mail_context(registration), registration.email, registration.language, about=registration
    )


ANNOUNCED_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def email_registrants(events, subject, message, statuses=ANNOUNCED_STATUSES, by=None):
    """Start a bulk send of staff's message to each registrant of `events` (one e-mail each, no shared To:).

    Returns the outbox Batch at once; a worker writes and sends the messages.
    """
    events = list(events)
    return start_batch(
        builder="events.services.announcement_messages",
        description=f"{subject} ({', '.join(str(event) for event in events)})"[:300],
        params={
            "event_ids": [event.pk for event in events],
            "subject": subject,
            "message": message,
            "statuses": [str(status) for status in statuses],
        },
        created_by=by,
    )


def announcement_messages(params):
    """The bulk-send builder: one message per registrant, in their language, with their cancel link."""
    registrations = (
        Registration.objects.filter(event_id__in=params["event_ids"], status__in=params["statuses"])
        .select_related("event")
        .order_by("event_id", "pk")
    )
    for registration in registrations.iterator(chunk_size=500):
        context = {**mail_context(registration), "subject": params["subject"], "message": params["message"]}
        yield {
            "recipient": registration.email,
            "language": registration.language,
            "topic": "events/email/announcement",
            "about": registration,
            **render_templated_mail("events/email/announcement", context, registration.language),
        }
