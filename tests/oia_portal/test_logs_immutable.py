"""A log is a record of the past: nobody changes or deletes it from the admin, not even a superuser.

Generated over the admin: every registered model, and every inline, whose name says it is a
log, a history, an entry or a status change. Retention deletes old rows outside the admin.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from incoming.models import NominationLogEntry
from tests.core import users
from tests.incoming.factories import IncomingApplicationFactory

pytestmark = pytest.mark.django_db

LOG_NAME = re.compile(r"log|history|entry|statuschange", re.IGNORECASE)
# Named like a log but a work list: coordinators reorder and clear a waiting list.
NOT_LOGS = {"exchanges.WaitingListEntry"}


def log_admins():
    """(label, admin instance, the parent admin's model for an inline or None)."""
    found = []
    for model, model_admin in admin.site._registry.items():
        if LOG_NAME.search(model.__name__) and model._meta.label not in NOT_LOGS:
            found.append((model._meta.label, model_admin, None))
        for inline_class in model_admin.inlines:
            if LOG_NAME.search(inline_class.model.__name__):
                found.append(
                    (f"{model._meta.label} > {inline_class.model._meta.label}", inline_class(model, admin.site), model)
                )
    return sorted(found, key=lambda row: row[0])


LOGS = log_admins()


def test_the_portals_logs_are_found():
    labels = {label for label, _a, _p in LOGS}
    assert {
        "privacy.AccessLogEntry",
        "incoming.NominationLogEntry",
        "axes.AccessLog",
        "axes.AccessFailureLog",
    } <= labels
    assert "exchanges.Application > exchanges.ApplicationStatusChange" in labels


@pytest.mark.parametrize(("label", "model_admin", "parent"), LOGS, ids=[row[0] for row in LOGS])
def test_no_one_adds_changes_or_deletes_a_log_row_in_the_admin(label, model_admin, parent):
    request = RequestFactory().get("/admin/")
    request.user = users.superuser("log-checker")
    if parent is None:
        assert not model_admin.has_add_permission(request)
    else:
        assert not model_admin.has_add_permission(request, None)
    assert not model_admin.has_change_permission(request, None)
    if parent is None:
        assert not model_admin.has_delete_permission(request, None)
        assert "delete_selected" not in model_admin.get_actions(request)
    else:
        assert not model_admin.can_delete or not model_admin.has_delete_permission(request, None)


def test_a_coordinator_cannot_delete_a_nomination_log_entry(client):
    application = IncomingApplicationFactory()
    entry = NominationLogEntry.objects.create(
        partner=application.partner, link_fingerprint="abc", outcome="created", nominee_email="n@example.org"
    )
    client.force_login(users.staff(groups=[Group.objects.get(name="Exchange coordinators")]))
    url = reverse("admin:incoming_nominationlogentry_delete", args=[entry.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:incoming_nominationlogentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert NominationLogEntry.objects.filter(pk=entry.pk).exists()
