"""Nominations to partners: recording them, e-mailing them per partner, keeping the hosts' decisions in step."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import SafeCSV, dataset
from exchanges.models import Application, Nomination, PartnerDispatch
from outbox.mail import send_templated_mail
from partners.models import PartnerUniversity

NOMINEE_COLUMNS = [
    _("Reference number"),
    _("Name"),
    _("E-mail"),
    _("Programme"),
    _("Term"),
    _("Study level"),
    _("Department"),
]


class NominationError(ValidationError):
    pass


def record_nominations(applications, at=None):
    """A Nomination for each application just nominated (by placement, promotion or by hand)."""
    at = at or timezone.now()
    Nomination.objects.bulk_create(
        [
            Nomination(
                application=application,
                call_id=application.call_id,
                programme=application.nominated_programme,
                partner_id=application.nominated_programme.partner_id,
                nominated_at=at,
            )
            for application in applications
        ],
        ignore_conflicts=True,
    )


def tell_partner_nomination_ended(nomination, moved=False):
    """A nomination the partner already received ends (the student withdrew, or moved up to a
    higher choice): the partner's exchange contact hears it, in the same transaction."""
    if nomination.sent_at is None or nomination.decision == Nomination.Decision.REJECTED:
        return None  # never sent, or the partner itself said no
    partner = PartnerUniversity.objects.prefetch_related("contacts").get(pk=nomination.partner_id)
    recipient = exchange_contact(partner)
    if not recipient:
        return None
    return send_templated_mail(
        "exchanges/email/nomination_withdrawn",
        {
            "call": nomination.call,
            "partner": partner,
            "application": nomination.application,
            "programme": nomination.programme,
            "moved": moved,
        },
        recipient,
        "en",  # partners read English
        about=nomination,
    )


def move_nomination(nomination, programme, at):
    """A nominee moved up to a choice they ranked higher: the nomination follows them to its partner,
    to be sent with that partner's nominees; the earlier partner, if it had it, is told."""
    tell_partner_nomination_ended(nomination, moved=True)
    nomination.programme = programme
    nomination.partner_id = programme.partner_id
    nomination.nominated_at = at
    nomination.sent_at = None
    nomination.dispatch = None
    nomination.save(update_fields=["programme", "partner", "nominated_at", "sent_at", "dispatch"])
    return nomination


def exchange_contact(partner):
    """Where nominations go: the contact marked as exchange contact, else the international office."""
    contact = next((c for c in partner.contacts.all() if c.receives_nominations and c.email), None)
    return contact.email if contact else partner.international_office_email


def nominees(call, partner):
    return (
        Nomination.objects.filter(call=call, partner=partner, application__status__in=Application.SEAT_HOLDING)
        .select_related("application", "programme")
        .order_by("programme__title", "application__reference")
    )


def nominees_csv(nominations):
    with translation.override("en"):  # partners read English
        header = [str(column) for column in NOMINEE_COLUMNS]
        rows = [
            [
                n.application.reference,
                n.application.name_en,
                n.application.email,
                n.programme.title_en,
                str(n.programme.get_terms_display()),
                str(n.application.get_year_of_study_display()),
                n.application.get_department_display_en(),
            ]
            for n in nominations
        ]
    return SafeCSV().export_data(dataset(header, rows))


def partners_to_send(call):
    """Per partner of the call's nominations: nominees, how many were never sent, the last e-mail."""
    return (
        PartnerUniversity.objects.filter(
            nominations__call=call, nominations__application__status__in=Application.SEAT_HOLDING
        )
        .annotate(
            nominee_total=Count("nominations", distinct=True),
            unsent=Count("nominations", filter=Q(nominations__sent_at__isnull=True), distinct=True),
        )
        .order_by("name")
    )


def send_nominations(call, partner, by=None, resend=False, at=None):
    """E-mail the partner's exchange contact every nominee of the call, with a CSV; record it.

    A partner that already has this call's nominations is sent them again only when `resend`
    says so: a double click or a re-run never mails a partner twice by accident.
    """
    at = at or timezone.now()
    recipient = exchange_contact(partner)
    if not recipient:
        raise NominationError(
            _("%(partner)s has no exchange contact or international office e-mail.") % {"partner": partner},
            code="no_contact",
        )
    with transaction.atomic():
        rows = list(nominees(call, partner).select_for_update(of=("self",)))
        if not rows:
            raise NominationError(_("%(partner)s has no nominees in this call.") % {"partner": partner}, code="none")
        previous = PartnerDispatch.objects.filter(call=call, partner=partner).order_by("-sent_at").first()
        if previous and not resend:
            raise NominationError(
                _("The nominations for %(partner)s were already sent on %(when)s; choose “send again” to resend.")
                % {"partner": partner, "when": timezone.localtime(previous.sent_at).strftime("%Y-%m-%d %H:%M")},
                code="already_sent",
            )
        dispatch = PartnerDispatch.objects.create(
            call=call,
            partner=partner,
            recipient=recipient,
            sent_at=at,
            sent_by=by,
            nominee_count=len(rows),
            is_resend=previous is not None,
        )
        Nomination.objects.filter(pk__in=[n.pk for n in rows]).update(dispatch=dispatch)
        Nomination.objects.filter(pk__in=[n.pk for n in rows], sent_at__isnull=True).update(sent_at=at)
        # In the outbox with the record of the dispatch: both exist, or neither; a worker
        # delivers it and retries while the mail server is away.
        send_templated_mail(
            "exchanges/email/nominations",
            {"call": call, "partner": partner, "nominations": rows},
            recipient,
            "en",
            about=dispatch,
            attachments=[(f"nominations-{call.slug}-{partner.slug}.csv"[:120], nominees_csv(rows), "text/csv")],
        )
    return dispatch


def sync_decision(application, to_status, at):
    """Keep the nomination's decision in step when the application's status changes after nomination."""
    decision = {
        Application.Status.ACCEPTED: Nomination.Decision.ACCEPTED,
        Application.Status.DECLINED: Nomination.Decision.REJECTED,
    }.get(to_status)
    if decision:
        Nomination.objects.filter(application=application, decision=Nomination.Decision.AWAITING).update(
            decision=decision, decided_at=at
        )


def overdue_partners(at=None):
    """Partners with nominees still awaiting a decision past the weeks their fact sheet states."""
    at = at or timezone.now()
    awaiting = Q(
        nominations__decision=Nomination.Decision.AWAITING,
        nominations__application__status=Application.Status.NOMINATED,
        nominations__sent_at__isnull=False,
    )
    rows = (
        PartnerUniversity.objects.filter(decision_weeks__isnull=False)
        .filter(awaiting)
        .annotate(
            first_sent=Min("nominations__sent_at", filter=awaiting), waiting=Count("nominations", filter=awaiting)
        )
        .order_by("first_sent")
    )
    return [partner for partner in rows if partner.first_sent + datetime.timedelta(weeks=partner.decision_weeks) < at]
