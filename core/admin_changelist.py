"""What makes a long changelist cheap to draw: each row's work written out once, not per widget.

Django draws every row's checkbox, and every editable cell's input and (empty) error list,
through the form renderer's templates: with a hundred rows a page that was a third of a
changelist's time. The pieces below write the same markup directly; tests compare it with
Django's own.
"""

from django import forms
from django.contrib.admin import helpers
from django.forms.utils import ErrorList
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


class DirectInputMixin:
    """An <input> widget written as django/forms/widgets/input.html would write it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if setting is True else format_html(' {}="{}"', key, setting),)
                for key, setting in widget["attrs"].items()
                if setting is not False
            ),
        )
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attributes)


class RowNumberInput(DirectInputMixin, forms.NumberInput):
    pass


class RowHiddenInput(DirectInputMixin, forms.HiddenInput):
    pass


class RowErrorList(ErrorList):
    """Nothing to draw when there is no error (Django still renders a template for it)."""

    def __str__(self):
        return super().__str__() if self.data else ""


class RowForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", RowErrorList)
        super().__init__(*args, **kwargs)


class QuickRowsMixin:
    """For ModelAdmins whose changelists staff page through all day (a hundred rows a page)."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def get_changelist_form(self, request, **kwargs):
        # Editable columns (list_editable): each row's hidden key and errors without templates.
        kwargs.setdefault("form", RowForm)
        kwargs["widgets"] = {self.model._meta.pk.name: RowHiddenInput, **kwargs.get("widgets", {})}
        return super().get_changelist_form(request, **kwargs)


