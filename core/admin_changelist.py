"""What makes a long changelist cheap to draw: each row's work written out once, not per widget.

Django draws every row's checkbox, and every editable cell's input and (empty) error list,
through the form renderer's templates: with a hundred rows a page that was a third of a
changelist's time. The pieces below write the same markup directly; tests compare it with
Django's own. QuickRows draws every changelist's cells with what a column shares worked out
once a page; ChoicesInUseFilter offers only the choices some row holds (countries in use).
"""

import datetime
import hashlib
import html

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.forms.utils import ErrorList
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import content_cache


def _escaped(value):
    """conditional_escape() without its lazy-string wrapper (a third of a cell's time): the same text."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class DirectInputMixin:
    """An <input> widget written as django/forms/widgets/input.html would write it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
        attributes = "".join(
            f" {_escaped(key)}" if setting is True else f' {_escaped(key)}="{_escaped(setting)}"'
            for key, setting in widget["attrs"].items()
            if setting is not False
        )
        tag = f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"{value}{attributes}>'
        return mark_safe(tag)  # noqa: S308 - every value escaped above


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


class RowFormSet(forms.BaseModelFormSet):
    """The changelist's formset hands its own error class to every row's form (Django's ErrorList,
    which renders a template even when empty, unless it is told otherwise here)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", RowErrorList)
        super().__init__(*args, **kwargs)


class QuickRowsMixin:
    """For ModelAdmins whose changelists staff page through all day (a hundred rows a page)."""

    def action_checkbox(self, obj):
        # Escaped here, not through format_html twice a row (a tenth of a hundred rows' cells);
        # the label's wording is the catalogue's, the object's name and key are escaped.
        label = _("Select this object for an action - {}").format(html.escape(str(obj)))
        return mark_safe(  # noqa: S308 - every value escaped above or here
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="{html.escape(str(obj.pk))}"'
            f' class="action-select" aria-label="{label}">'
        )

    def get_changelist_form(self, request, **kwargs):
        # Editable columns (list_editable): each row's hidden key and errors without templates.
        kwargs.setdefault("form", RowForm)
        kwargs["widgets"] = {self.model._meta.pk.name: RowHiddenInput, **kwargs.get("widgets", {})}
        return super().get_changelist_form(request, **kwargs)

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", RowFormSet)
        return super().get_changelist_formset(request, **kwargs)


class _ChoicesInUse:
    """A choices field as the filter sees it: the field itself, with only some of its choices."""

    def __init__(self, field, flatchoices):
        self._field = field
        self.flatchoices = flatchoices

    def __getattr__(self, name):
        return getattr(self._field, name)


class ChoicesInUseFilter(admin.ChoicesFieldListFilter):
    """A choices field's filter that offers only the values some row holds, and the one chosen.

    The partner list's country filter offered all 250 countries for partners in 26 of them:
    a long list to scroll, and 250 links worked out and drawn on every changelist page (and
    250 counts with facets on). The values in use are kept until the table changes.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        in_use = {*self._values_in_use(model_admin.get_queryset(request), field_path), *(self.lookup_val or ())}
        offered = [(value, label) for value, label in field.flatchoices if value is None or value in in_use]
        self.field = _ChoicesInUse(field, offered)

    @staticmethod
    def _values_in_use(queryset, field_path):
        """The values held by the rows this user's changelist may show (as Django's
        RelatedOnlyFieldListFilter reads them): kept, under the query, until the table changes."""
        values = queryset.order_by().values_list(field_path, flat=True).distinct()
        if queryset.model._meta.db_table not in content_cache.content_tables_cached():
            return list(values)
        # The query names the user's scope (an admin may show each user only some rows).
        sql, params = values.query.sql_with_params()
        key = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        return content_cache.cached(f"choices-in-use:{key}", lambda: list(values))


class _Column:
    """What one list_display column's cells share on a page: worked out once, not per cell."""

    def __init__(self, cl, index, name, is_link, tag):
        self.name = name
        self.is_link = is_link
        self.tag = tag
        self.base_classes = [f"field-{admin_list._coerce_field_name(name, index)}"]
        self.field = None
        self.many_to_one = False
        if isinstance(name, str):
            try:
                field = admin_utils._get_non_gfk_field(cl.lookup_opts, name)
            except (FieldDoesNotExist, admin_utils.FieldIsAForeignKeyColumnName):
                field = None
            if field is not None and not field.auto_created:
                self.field = field
        # Django reads the choices into a dict and the boolean icons' addresses for every cell.
        self.choices = None
        self.icons = None
        if self.field is not None:
            if getattr(self.field, "flatchoices", None):
                try:
                    # Labels read in this page's language once, not once a cell.
                    self.choices = {
                        key: str(label) if isinstance(label, Promise) else label
                        for key, label in self.field.flatchoices
                    }
                except TypeError:  # list-like choices: left to Django
                    self.choices = None
            elif isinstance(self.field, models.BooleanField):
                self.icons = {value: admin_list._boolean_icon(value) for value in (True, False, None)}
            if isinstance(self.field, models.DateField | models.TimeField | models.ForeignKey):
                self.base_classes.append("nowrap")
            self.many_to_one = isinstance(self.field.remote_field, models.ManyToOneRel)


class QuickRows:
    """A changelist's cells exactly as Django's `items_for_result` writes them, with what a column
    or the page shares (classes, links, the empty text, choices, boolean icons, the shape of the
    change address with the kept filters) worked out once per page instead of once per cell.

    A hundred rows of ten columns made Django repeat that work a thousand times a page: most of
    a staff changelist's time. Values are still read and shown through Django's own
    `lookup_field` and `display_for_field` wherever a column is not a plain choice or boolean;
    tests compare every registered changelist's rows with Django's.
    """

    STAND_IN = "0quickrow0"

    def __init__(self, cl):
        self.cl = cl
        self.pk_attname = cl.lookup_opts.pk.attname
        self.pk_name = cl.model._meta.pk.name
        self.empty = cl.model_admin.get_empty_value_display()
        self.columns = []
        first = True
        for index, name in enumerate(cl.list_display):
            is_link = self._links_here(first, name)
            self.columns.append(_Column(cl, index, name, is_link, "th" if is_link and first else "td"))
            if is_link:
                first = False
        self.change_url = self._change_url_shape()

    def _links_here(self, first, name):
        links = self.cl.list_display_links
        if links is None:
            return False
        return (first and not links) or name in links

    def _change_url_shape(self):
        """The change address with the kept filters, a stand-in where the row's key goes (or None)."""
        opts = self.cl.opts
        try:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=(self.STAND_IN,),
                current_app=self.cl.model_admin.admin_site.name,
            )
        except NoReverseMatch:
            return None
        return self._with_kept_filters(url)

    def _with_kept_filters(self, url):
        return add_preserved_filters({"preserved_filters": self.cl.preserved_filters, "opts": self.cl.opts}, url)

    def _url(self, result):
        """The row's change address with the kept filters, or None where it has none."""
        key = str(quote(getattr(result, self.pk_attname)))
        if self.change_url is not None and key.replace("_", "").replace("-", "").isalnum():
            return self.change_url.replace(self.STAND_IN, key, 1)
        # No address for the stand-in, or a key that reverse() would escape further: Django's own way.
        try:
            url = self.cl.url_for_result(result)
        except NoReverseMatch:
            return None
        return self._with_kept_filters(url)

    def _shown(self, column, result):
        """(HTML of the value, the cell's classes), as items_for_result works them out."""
        empty, classes = self.empty, column.base_classes
        field = column.field
        try:
            if field is not None:
                value = getattr(result, column.name)
            else:
                field, attr, value = admin_utils.lookup_field(column.name, result, self.cl.model_admin)
        except ObjectDoesNotExist:
            return empty, classes
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if field is None or field.auto_created:
            empty = getattr(attr, "empty_value_display", empty)
            if column.name == "action_checkbox":
                classes = ["action-checkbox"]
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            shown = admin_utils.display_for_value(value, empty, boolean)
            if isinstance(value, datetime.date | datetime.time):
                classes = [*classes, "nowrap"]
            return shown, classes
        if column.many_to_one:
            return (empty if value is None else value), classes
        if column.choices is not None:
            try:
                return column.choices.get(value, empty), classes
            except TypeError:
                pass
        elif column.icons is not None and (value is None or type(value) is bool):
            return column.icons[value], classes
        return admin_utils.display_for_field(value, field, empty, avoid_link=column.is_link), classes

    def cells(self, result, form):
        """The row's cells, as `items_for_result(cl, result, form)` yields them."""
        for column in self.columns:
            shown, classes = self._shown(column, result)
            row_class = f' class="{" ".join(classes)}"'
            if column.is_link:
                shown = _escaped(shown)
                if (url := self._url(result)) is not None:
                    popup = ""
                    if self.cl.is_popup:
                        opener = result.serializable_value(
                            str(self.cl.to_field) if self.cl.to_field else self.pk_attname
                        )
                        popup = format_html(' data-popup-opener="{}"', opener)
                    shown = f'<a href="{_escaped(url)}"{popup}>{shown}</a>'
                # Every part is escaped above.
                yield mark_safe(f"<{column.tag}{row_class}>{shown}</{column.tag}>")  # noqa: S308
                continue
            if (
                form
                and column.name in form.fields
                and not (column.name == self.pk_name and form[self.pk_name].is_hidden)
            ):
                bound = form[column.name]
                shown = mark_safe(str(bound.errors) + str(bound))  # noqa: S308 - the form's own markup
            yield mark_safe(f"<td{row_class}>{_escaped(shown)}</td>")  # noqa: S308 - escaped here
        if form and not form[self.pk_name].is_hidden:
            yield format_html("<td>{}</td>", form[self.pk_name])

    def results(self):
        """What Django's `results(cl)` gives the row template: each row's cells with its form."""
        forms = self.cl.formset.forms if self.cl.formset else [None] * len(self.cl.result_list)
        for result, form in zip(self.cl.result_list, forms, strict=False):
            yield admin_list.ResultList(form, self.cells(result, form))
