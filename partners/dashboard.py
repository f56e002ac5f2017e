"""The Partnerships panel on the admin index: what needs attention, in five queries.

Each query returns at most LISTED rows per list, with the list's full count
attached by a window function, so the panel costs the same with 150 partners
or 15,000.
"""

import datetime

from django.db.models import Case, Count, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language

from core import content_cache
from partners.models import EXPIRING_WITHIN_DAYS, EXPIRY_WINDOWS, Agreement, PartnerUniversity

LISTED = 8


def _first_with_total(queryset, order, related=()):
    """The first LISTED rows of `queryset` in `order`, and how many rows it has. With `related`,
    the keys and the count come from the table alone, then those rows with their relations."""
    if not related:
        rows = list(queryset.annotate(list_total=Window(Count("pk"))).order_by(*order)[:LISTED])
        return rows, (rows[0].list_total if rows else 0)
    keys = list(queryset.annotate(list_total=Window(Count("pk"))).order_by(*order).values_list("pk", "list_total")[:LISTED])
    rows = queryset.model.objects.filter(pk__in=[pk for pk, _total in keys]).select_related(*related).order_by(*order)
    return list(rows), (keys[0][1] if keys else 0)


def cached_agreement_dashboard():
    """The panel for today, kept until a table it reads changes (a save anywhere in agreements
    or partners) or the day changes: at ×100 data its queries took 75 ms on every index page."""
    today = timezone.localdate()
    return content_cache.cached(f"agreement-dashboard:{get_language()}:{today}", lambda: agreement_dashboard(on=today))


def agreement_dashboard(on=None):
    on = on or timezone.localdate()
    # Which window an agreement falls in: 0–30, 31–90 or 91–180 days.
    window = Case(
        *[When(ends_on__lte=on + datetime.timedelta(days=days), then=Value(days)) for days in EXPIRY_WINDOWS],
        output_field=IntegerField(),
    )
    # Each window's first LISTED agreements and its count, from the agreements' own columns
    # (sorting every expiring agreement joined whole with its partner spilled to disk at
    # ×100); then the rows listed, whole.
    listed = list(
        Agreement.objects.expiring(within=EXPIRING_WITHIN_DAYS, on=on)
        .annotate(
            window=window,
            position=Window(RowNumber(), partition_by=[window], order_by=["ends_on", "pk"]),
            window_total=Window(Count("pk"), partition_by=[window]),
        )
        .filter(position__lte=LISTED)
        .values_list("pk", "window", "window_total")
    )
    windows_of = {pk: days for pk, days, _total in listed}
    expiring = list(Agreement.objects.filter(pk__in=windows_of).select_related("partner").order_by("ends_on", "pk"))
    for agreement in expiring:
        agreement.window = windows_of[agreement.pk]
    totals = {days: total for _pk, days, total in listed}
    windows = []
    for days in EXPIRY_WINDOWS:
        items = [agreement for agreement in expiring if agreement.window == days]
        new_total = totals.get(days, 0)
        windows.append(
            {
                "days": days,
                # Cumulative: "within 90 days" includes the ones within 30.
                "count": sum(total for window_days, total in totals.items() if window_days <= days),
                "new_items": items,
                "more": max(new_total - LISTED, 0),
            }
        )
    drafts, draft_count = _first_with_total(Agreement.objects.drafts(on=on), ("created_at", "pk"), ("partner", "renewal_of"))
    without, without_count = _first_with_total(
        PartnerUniversity.objects.without_agreement_in_force(on=on).only("pk", "name", "slug"), ("name", "pk")
    )
    return {
        "windows": windows,
        "drafts": drafts,
        "draft_count": draft_count,
        "without_agreement": without,
        "without_agreement_count": without_count,
    }
