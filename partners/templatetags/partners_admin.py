from django import template

from partners.dashboard import cached_agreement_dashboard
from partners.resources import import_error_lines

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_panel(context):
    """The dashboard's data for staff who may see agreements; None for the others."""
    user = context["request"].user
    if not user.has_perm("partners.view_agreement"):
        return None
    return cached_agreement_dashboard()


@register.filter
def import_errors(result):
    """The import's bad rows in staff's words, row and column named."""
    return import_error_lines(result)
