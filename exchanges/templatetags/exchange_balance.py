"""The exchange balance on the admin dashboard and on each partner's admin page."""

from django import template
from django.urls import reverse

from exchanges.balance import cached_dashboard_balance, partner_balance

register = template.Library()


def _may_see(context):
    return context["request"].user.has_perm("exchanges.view_mobilityrecord")


@register.simple_tag(takes_context=True)
def balance_panel(context):
    """This academic year's balance for staff who may see mobility records; None for the others."""
    if not _may_see(context):
        return None
    panel = dict(cached_dashboard_balance())
    panel["rows"] = [
        (name, reverse("admin:partners_partneruniversity_change", args=[pk]) + "#exchange-balance", row)
        for name, pk, row in panel["rows"]
    ]
    return panel


@register.simple_tag(takes_context=True)
def partner_balance_rows(context, partner):
    if partner is None or not partner.pk or not _may_see(context):
        return None
    return [(row.label, None, row) for row in partner_balance(partner)]
