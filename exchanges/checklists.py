"""The pre-departure checklist: answers from the status page, attendance from staff, reminders,
and the mobility record a complete checklist creates."""

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchanges import services
from exchanges.models import Application, ChecklistAnswer, ChecklistItem, ChecklistReminder, MobilityRecord
from exchanges.models.checklists import CHECKLIST_REMINDER_THRESHOLDS
from outbox.mail import absolute_url, send_templated_mail

logger = logging.getLogger(__name__)
K = ChecklistItem.Kind


class ChecklistError(ValidationError):
    pass


@dataclass
class Line:
    item: ChecklistItem
    answer: ChecklistAnswer | None

    @property
    def done(self):
        return self.answer is not None

    def is_overdue(self, on):
        return not self.done and self.item.due_on < on


def has_checklist(application):
    """The checklist is the accepted student's: the partner said yes, the departure is being prepared."""
    return application.status == Application.Status.ACCEPTED


def lines(application, items=None, answers=None):
    """Each item of the call with the student's answer; pass prefetched items and answers to save queries."""
    items = list(items if items is not None else application.call.checklist_items.all())
    answers = answers if answers is not None else application.checklist_answers.all()
    by_item = {answer.item_id: answer for answer in answers}
    return [Line(item, by_item.get(item.pk)) for item in items]


def is_complete(application, items=None, answers=None):
    found = lines(application, items, answers)
    return bool(found) and all(line.done for line in found)


def answer(application, item, document=None, text="", by=None, at=None):
    """Record a document, a piece of information, or (staff) a session's attendance; then, if the
    checklist is complete, create the mobility record. One transaction."""
    at = at or timezone.now()
    if item.call_id != application.call_id:
        raise ChecklistError(_("This item belongs to another call."), code="other_call")
    fields = {"completed_at": at, "document": "", "content_type": "", "size": None, "text": "", "ticked_by": None}
    if item.kind == K.DOCUMENT:
        if not document:
            raise ChecklistError(_("Choose the file to upload."), code="no_document")
        fields.update(document=document, content_type=getattr(document, "content_type", "") or "", size=document.size)
    elif item.kind == K.FACT:
        text = (text or "").strip()
        if not text:
            raise ChecklistError(_("Fill in the information asked for."), code="no_text")
        fields["text"] = text
    else:
        if by is None:
            raise ChecklistError(_("Attendance at a session is ticked by the office."), code="staff_only")
        fields["ticked_by"] = by
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "nominated_programme")
            .get(pk=application.pk)
        )
        if not has_checklist(locked):
            raise ChecklistError(_("The checklist opens once the partner has accepted you."), code="not_accepted")
        previous = ChecklistAnswer.objects.filter(application=locked, item=item).first()
        if previous and previous.document and item.kind == K.DOCUMENT:
            old = previous.document
            transaction.on_commit(lambda: old.storage.delete(old.name))
        ChecklistAnswer.objects.update_or_create(application=locked, item=item, defaults=fields)
        record = _record_if_complete(locked)
    return record


def _record_if_complete(application):
    """A complete checklist means the student is going: the mobility record is made from the application."""
    if MobilityRecord.objects.filter(application=application).exists():
        return None
    if not is_complete(application, application.call.checklist_items.all(), application.checklist_answers.all()):
        return None
    return services.create_mobility_record(application)


def progress(call):
    """Per accepted nominee: their lines, for the staff overview. Three queries."""
    items = list(call.checklist_items.all())
    applications = list(
        Application.objects.filter(call=call, status=Application.Status.ACCEPTED)
        .select_related("nominated_programme__partner", "mobility_record")
        .prefetch_related("checklist_answers")
        .order_by("reference")
    )
    return items, [
        (application, lines(application, items, application.checklist_answers.all())) for application in applications
    ]


def due_threshold(item, on):
    """The smallest threshold reached before the due date (one reminder, not three at once), or None."""
    days_left = (item.due_on - on).days
    if days_left < 0:
        return None  # overdue: staff see it in the overview; the last reminder went on the day
    reached = [days for days in CHECKLIST_REMINDER_THRESHOLDS if days_left <= days]
    return min(reached) if reached else None


def send_due_reminders(on=None):
    """Remind each accepted student of each item not done as its due date nears; safe to run any
    number of times: one reminder per student, item and threshold."""
    on = on or timezone.localdate()
    horizon = on + datetime.timedelta(days=max(CHECKLIST_REMINDER_THRESHOLDS))
    items = list(ChecklistItem.objects.filter(due_on__gte=on, due_on__lte=horizon).select_related("call"))
    if not items:
        return []
    students = (
        Application.objects.filter(call__in={item.call_id for item in items}, status=Application.Status.ACCEPTED)
        .prefetch_related("checklist_answers")
        .order_by("pk")
    )
    sent = []
    for application in students:
        done = {answer.item_id for answer in application.checklist_answers.all()}
        for item in items:
            if item.call_id != application.call_id or item.pk in done:
                continue
            threshold = due_threshold(item, on)
            if threshold is None:
                continue
            try:
                with transaction.atomic():
                    reminder = ChecklistReminder.objects.create(
                        application=application, item=item, threshold_days=threshold
                    )
                    # Inside the transaction: if the mail fails, no record says it was sent.
                    send_templated_mail(
                        "exchanges/email/checklist_reminder",
                        {
                            "application": application,
                            "item": item,
                            "days_left": (item.due_on - on).days,
                            "status_url": absolute_url(application.get_status_url()),
                        },
                        application.email,
                        application.language,
                        about=application,
                    )
            except IntegrityError:
                continue  # already reminded at this threshold (by an earlier run, or one running now)
            sent.append(reminder)
    return sent
