"""Who is abroad today, from the mobility records' dates, with the emergency contact the student
gave in the pre-departure checklist; and the bulk-send builder of messages to them."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from abroad.models import AbroadMessage
from exchanges.models import ChecklistAnswer, MobilityRecord
from outbox.mail import render_templated_mail

# The checklist item that holds the emergency contact, in either language of its title.
EMERGENCY_TITLES = Q(item__title_en__icontains="emergency") | Q(item__title_zh_hant__contains="緊急")


def abroad_today(on=None):
    return MobilityRecord.objects.abroad_on(on or timezone.localdate())


def emergency_answers():
    return ChecklistAnswer.objects.filter(EMERGENCY_TITLES).exclude(text="").select_related("item")


@dataclass
class Row:
    record: MobilityRecord
    emergency_contact: str

    @property
    def application(self):
        return self.record.application

    @property
    def email(self):
        return self.record.application.email if self.record.application else ""


def rows(on=None, departments=None, with_contacts=False, country=None):
    """Students abroad on `on`, by country, city and partner; three queries at most."""
    records = (
        abroad_today(on)
        .select_related("partner", "programme", "application")
        .order_by("partner__country", "partner__city", "partner__name", "student_name")
    )
    if departments is not None:
        records = records.filter(application__department__in=departments)
    if country:
        records = records.filter(partner__country=country)
    if with_contacts:
        records = records.prefetch_related(
            Prefetch("application__checklist_answers", queryset=emergency_answers(), to_attr="emergency")
        )
    found = []
    for record in records:
        contact = ""
        if with_contacts and record.application is not None:
            contact = "\n".join(answer.text for answer in record.application.emergency)
        found.append(Row(record, contact))
    return found


def by_country(found):
    """[(country, [(city, partner, [rows])])] in the order of `found`."""
    grouped = {}
    for row in found:
        partner = row.record.partner
        places = grouped.setdefault(partner.country.code, (partner.country, {}))[1]
        places.setdefault((partner.city, partner.pk), (partner.city, partner, []))[2].append(row)
    return [(country, list(places.values())) for country, places in grouped.values()]


def message_builder(params):
    """One message per student abroad in the message's country (and city) on the day it was sent."""
    import datetime

    message = AbroadMessage.objects.get(pk=params["message"])
    day = datetime.date.fromisoformat(params["on"])
    records = abroad_today(day).filter(partner__country=message.country, application__isnull=False)
    if message.city:
        records = records.filter(partner__city__iexact=message.city)
    for record in records.select_related("application", "partner").order_by("pk").iterator(chunk_size=500):
        application = record.application
        context = {"application": application, "message": message, "partner": record.partner}
        yield {
            "recipient": application.email,
            "language": application.language,
            "topic": "abroad/email/message",
            "about": message,
            **render_templated_mail("abroad/email/message", context, application.language),
        }
