"""Reminder e-mails to agreement owners 180, 90 and 30 days before an agreement ends."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from outbox.mail import absolute_url, send_templated_mail
from partners.models import EXPIRY_WINDOWS, Agreement, AgreementReminder


def due_threshold(agreement, on):
    """The smallest threshold the agreement has reached, or None.

    Only the smallest is sent: an agreement first seen 20 days before its end
    gets the 30-day reminder, not three at once.
    """
    days_left = (agreement.ends_on - on).days
    reached = [days for days in EXPIRY_WINDOWS if days_left <= days]
    return min(reached) if reached else None


def send_due_reminders(on=None, language="en"):
    """Send every reminder due on `on`; returns the reminders written. Safe to run any number of times."""
    on = on or timezone.localdate()
    horizon = on + datetime.timedelta(days=max(EXPIRY_WINDOWS))
    candidates = (
        Agreement.objects.active(on=on)
        .filter(ends_on__lte=horizon, owner__isnull=False, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("partner", "owner")
        .order_by("ends_on", "pk")
    )
    sent = []
    for agreement in candidates:
        threshold = due_threshold(agreement, on)
        if threshold is None:
            continue
        try:
            with transaction.atomic():
                reminder = AgreementReminder.objects.create(
                    agreement=agreement, threshold_days=threshold, ends_on=agreement.ends_on,
                    recipient=agreement.owner.email,
                )
                # The record and its message in one transaction: both exist, or neither.
                send_templated_mail(
                    "partners/email/agreement_reminder",
                    {
                        "agreement": agreement,
                        "days_left": (agreement.ends_on - on).days,
                        "threshold": threshold,
                        "admin_url": absolute_url(reverse("admin:partners_agreement_change", args=[agreement.pk])),
                    },
                    agreement.owner.email,
                    language,
                    about=agreement,
                )
        except IntegrityError:
            continue  # already sent for this threshold and end date
        sent.append(reminder)
    return sent
