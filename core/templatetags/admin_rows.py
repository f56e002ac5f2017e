"""Django's `result_list` changelist tag, with the rows' cells written by QuickRows
(core/admin_changelist.py): once per column instead of once per cell. The headers, hidden fields
and the row template (admin/change_list_results.html, overridable per model) are Django's own."""

from django import template
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.base import InclusionAdminNode

from core.admin_changelist import QuickRows

register = template.Library()


def quick_result_list(cl):
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(admin_list.result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": list(QuickRows(cl).results()),
    }


@register.tag(name="quick_result_list")
def quick_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=quick_result_list, template_name="change_list_results.html", takes_context=False
    )
