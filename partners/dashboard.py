"""The Partnerships panel on the admin index: what needs attention, in three queries."""

import datetime

from django.utils import timezone

from partners.models import EXPIRING_WITHIN_DAYS, Agreement, PartnerUniversity

WINDOWS = (30, 90, EXPIRING_WITHIN_DAYS)
LISTED = 8


def agreement_dashboard(on=None):
    on = on or timezone.localdate()
    expiring = list(
        Agreement.objects.expiring(within=EXPIRING_WITHIN_DAYS, on=on).select_related("partner").order_by("ends_on", "pk")
    )
    windows = []
    lower = None
    for days in WINDOWS:
        limit = on + datetime.timedelta(days=days)
        # Each window lists only what the smaller window did not: 0–30, 31–90, 91–180 days.
        items = [a for a in expiring if a.ends_on <= limit and (lower is None or a.ends_on > lower)]
        windows.append(
            {
                "days": days,
                "count": sum(1 for a in expiring if a.ends_on <= limit),
                "new_items": items[:LISTED],
                "more": max(len(items) - LISTED, 0),
            }
        )
        lower = limit
    drafts = list(Agreement.objects.drafts(on=on).select_related("partner", "renewal_of").order_by("created_at", "pk"))
    without = list(PartnerUniversity.objects.without_agreement_in_force(on=on).order_by("name").only("pk", "name", "slug"))
    return {
        "windows": windows,
        "drafts": drafts[:LISTED],
        "draft_count": len(drafts),
        "without_agreement": without[:LISTED],
        "without_agreement_count": len(without),
    }
