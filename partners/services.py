"""Changes to agreements that touch more than one row, each in one transaction."""

import datetime

from django.db import transaction

from partners.models import Agreement

ONE_DAY = datetime.timedelta(days=1)


@transaction.atomic
def prepare_renewal(agreement, user=None):
    """A draft that renews `agreement` with the same terms, for the next period.

    Returns (draft, created). A renewal already being prepared is returned as
    it is, so running the action twice never makes two drafts.
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    existing = agreement.renewals.drafts().order_by("pk").first()
    if existing:
        return existing, False
    starts_on = ends_on = None
    if agreement.ends_on:
        starts_on = agreement.ends_on + ONE_DAY
        if agreement.starts_on:
            ends_on = starts_on + (agreement.ends_on - agreement.starts_on)
    draft = Agreement.objects.create(
        partner=agreement.partner,
        kind=agreement.kind,
        renewal_of=agreement,
        starts_on=starts_on,
        ends_on=ends_on,
        auto_renews=agreement.auto_renews,
        outbound_seats=agreement.outbound_seats,
        inbound_seats=agreement.inbound_seats,
        subject_areas=agreement.subject_areas,
        owner=agreement.owner or user,
    )
    return draft, True
