"""Every changelist's rows, as QuickRows writes them, are the markup Django's own `results()` writes.

The ModelAdmins come from the admin site's registry, not from a list kept here: a new one is
checked the day it is registered. Each is read on the seeded site in both languages, plain,
sorted with a filter kept (the change links carry it) and as a pop-up (the links carry the
opener), with its editable columns' forms where it has them.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.templatetags import admin_list
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation

from core.admin_changelist import QuickRows

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hant")
VARIANTS = {
    "plain": {},
    "sorted and filtered": {"o": "-1", "q": "a"},
    "pop-up": {IS_POPUP_VAR: "1"},
}


def changelist(model_admin, user, query):
    opts = model_admin.model._meta
    if IS_POPUP_VAR in query:
        query = {**query, TO_FIELD_VAR: opts.pk.attname}
    request = RequestFactory().get(f"/admin/{opts.app_label}/{opts.model_name}/", query)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    cl = model_admin.get_changelist_instance(request)
    # As the changelist view does: the editable columns' forms, except in a pop-up.
    cl.formset = None
    if model_admin.list_editable and not cl.is_popup:
        cl.formset = model_admin.get_changelist_formset(request)(queryset=cl.result_list)
    return cl


def drawn(rows):
    return [[str(cell) for cell in row] for row in rows]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_changelist_row_is_the_markup_django_writes(seeded_site, django_db_blocker, language):
    checked, rows_checked, differences = 0, 0, []
    with django_db_blocker.unblock(), translation.override(language):
        for model, model_admin in admin.site._registry.items():
            for variant, query in VARIANTS.items():
                if "q" in query and not model_admin.search_fields:
                    query = {key: value for key, value in query.items() if key != "q"}
                cl = changelist(model_admin, seeded_site, query)
                expected = drawn(admin_list.results(cl))
                quick = drawn(QuickRows(cl).results())
                checked += 1
                rows_checked += len(expected)
                if quick != expected:
                    differences.append(f"{model._meta.label} ({variant})")
    assert not differences, differences
    # The registry and the seeded site are not empty: rows of many kinds were compared.
    assert checked >= 3 * 30
    assert rows_checked > 1000


def test_the_changelist_page_draws_its_rows_through_quick_rows(seeded_site, django_db_blocker, client, monkeypatch):
    """The admin's changelist template uses QuickRows (a page drawn by Django's tag would not call it)."""
    drawn_rows = []
    cells = QuickRows.cells

    def counted(self, result, form):
        drawn_rows.append(result.pk)
        return cells(self, result, form)

    monkeypatch.setattr(QuickRows, "cells", counted)
    client.force_login(seeded_site)
    with django_db_blocker.unblock():
        response = client.get("/admin/partners/partneruniversity/")
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert drawn_rows == [partner.pk for partner in shown] and shown
    assert f'<th class="field-name"><a href="/admin/partners/partneruniversity/{shown[0].pk}/change/' in response.text
