from django import template

from exchanges.nominations import overdue_partners

register = template.Library()


@register.simple_tag(takes_context=True)
def overdue_decisions_panel(context):
    """Partners late with their decisions on nominees, for coordinators (one query)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("exchanges.view_nomination"):
        return None
    return overdue_partners()
