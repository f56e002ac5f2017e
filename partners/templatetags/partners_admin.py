from django import template

from partners.dashboard import agreement_dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_panel(context):
    """The dashboard's data for staff who may see agreements; None for the others."""
    user = context["request"].user
    if not user.has_perm("partners.view_agreement"):
        return None
    return agreement_dashboard()
