"""Every download, admin view and export of personal data is logged; nobody edits the log."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import ROLE_PERMISSIONS
from privacy.admin_tools import AccessLoggedAdmin
from privacy.models import AccessLogEntry
from privacy.registry import registry
from tests.core import users
from tests.exchanges.factories import ApplicationDocumentFactory
from tests.partners.factories import AgreementDocumentFactory

pytestmark = pytest.mark.django_db


def downloads():
    """(name, make the document and return its URL, the permission the download needs)."""

    def application_document():
        document = ApplicationDocumentFactory()
        return document, document.get_download_url()

    def agreement_document():
        document = AgreementDocumentFactory()
        return document, reverse("admin:partners_agreementdocument_download", args=[document.pk])

    return [
        ("application document", application_document, "exchanges.view_applicationdocument"),
        ("agreement document", agreement_document, "partners.view_agreementdocument"),
    ]


def actors():
    return ["superuser", *ROLE_PERMISSIONS]


def user_for(actor):
    if actor == "superuser":
        return users.superuser()
    return users.staff(groups=[Group.objects.get(name=actor)])


@pytest.mark.parametrize("actor", actors())
@pytest.mark.parametrize(("name", "make", "permission"), downloads(), ids=[row[0] for row in downloads()])
def test_a_download_by_each_role_is_logged(client, actor, name, make, permission):
    user = user_for(actor)
    client.force_login(user)
    document, url = make()
    response = client.get(url, REMOTE_ADDR="203.0.113.9")
    if not user.has_perm(permission):
        assert response.status_code == 403
        assert not AccessLogEntry.objects.exists()
        return
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.username, entry.action, entry.ip_address, entry.path) == (
        user,
        user.username,
        "download",
        "203.0.113.9",
        url,
    )
    assert (entry.content_type.model_class(), entry.object_id) == (type(document), str(document.pk))


def test_at_least_one_role_downloads_each_kind_of_document():
    # Otherwise the test above would only ever see refusals for a kind.
    for _name, _make, permission in downloads():
        app_label, codename = permission.split(".")
        assert Group.objects.filter(
            permissions__content_type__app_label=app_label, permissions__codename=codename
        ).exists()


@pytest.mark.parametrize(
    "model",
    [entry.model for entry in registry.models.values() if entry.model in admin.site._registry],
    ids=lambda model: model._meta.label,
)
def test_every_admin_of_personal_data_logs_views(model):
    assert isinstance(admin.site._registry[model], AccessLoggedAdmin)


def test_viewing_an_applicants_record_is_logged(client, person):
    staff = users.staff(groups=[Group.objects.get(name="Exchange coordinators")])
    client.force_login(staff)
    response = client.get(reverse("admin:exchanges_application_change", args=[person.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.user, entry.object_label) == ("view", staff, person.reference)
    assert person.name_en not in entry.object_label


def test_a_changelist_listing_applicants_is_logged_with_the_rows_shown(client, person):
    staff = users.staff(groups=[Group.objects.get(name="Exchange coordinators")])
    client.force_login(staff)
    response = client.get(
        reverse("admin:exchanges_application_changelist"), {"q": person.reference}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.user, entry.rows, entry.ip_address) == ("view", staff, 1, "203.0.113.7")
    assert person.reference in entry.object_label and person.name_en not in entry.object_label
    assert entry.path.endswith(f"?q={person.reference}")
    assert entry.content_type.model_class() is type(person)


def test_the_status_change_page_is_logged(client, person):
    client.force_login(users.superuser())
    response = client.get(reverse("admin:exchanges_application_status", args=[person.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_id, entry.object_label) == ("view", str(person.pk), person.reference)


def test_an_incoming_students_status_page_and_letter_are_logged(client):
    from tests.incoming.factories import IncomingApplicationFactory

    student = IncomingApplicationFactory(accepted=True)
    client.force_login(users.superuser())
    assert client.get(reverse("admin:incoming_incomingapplication_status", args=[student.pk])).status_code in (200,)
    letter = client.get(reverse("admin:incoming_incomingapplication_letter", args=[student.pk]))
    assert letter.status_code == 200
    assert list(AccessLogEntry.objects.order_by("pk").values_list("action", "object_label")) == [
        ("view", student.reference),
        ("download", student.reference),
    ]


def test_every_page_of_a_personal_data_admin_is_logged_once():
    """Generated: every admin URL of every model in the personal-data registry, as a superuser."""
    from django.test import Client

    from tests import urlwalk
    from tests.samples import make_samples

    samples = make_samples()
    root = Client()
    root.force_login(users.superuser("log-walker"))
    found = list(urlwalk.targets(samples, lambda path: root.get(path).status_code != 404))
    pages = [
        target
        for target in found
        if isinstance(target.route.model_admin, AccessLoggedAdmin) and not (target.route.name or "").endswith("_add")
    ]
    assert len({target.route.model_admin.model for target in pages}) >= 8
    unlogged = {}
    for target in pages:
        AccessLogEntry.objects.all().delete()
        response = root.get(target.path)
        if response.status_code != 200:
            continue
        entries = list(AccessLogEntry.objects.all())
        if len(entries) != 1 or entries[0].user.username != "log-walker":
            unlogged[target.key] = len(entries)
    assert unlogged == {}


class TestTheLogCannotBeChanged:
    @pytest.fixture
    def entry(self, person):
        return AccessLogEntry.objects.create(username="someone", action="view", object_label=person.reference)

    def test_a_superuser_reads_it(self, client, entry):
        client.force_login(users.superuser())
        assert client.get(reverse("admin:privacy_accesslogentry_changelist")).status_code == 200
        assert client.get(reverse("admin:privacy_accesslogentry_change", args=[entry.pk])).status_code == 200

    def test_a_superuser_cannot_change_it(self, client, entry):
        client.force_login(users.superuser())
        response = client.post(
            reverse("admin:privacy_accesslogentry_change", args=[entry.pk]), {"username": "nobody", "action": "export"}
        )
        assert response.status_code == 403
        entry.refresh_from_db()
        assert (entry.username, entry.action) == ("someone", "view")

    def test_a_superuser_cannot_delete_it(self, client, entry):
        client.force_login(users.superuser())
        assert client.get(reverse("admin:privacy_accesslogentry_delete", args=[entry.pk])).status_code == 403
        assert (
            client.post(reverse("admin:privacy_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
            == 403
        )
        response = client.post(
            reverse("admin:privacy_accesslogentry_changelist"),
            {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        )
        assert response.status_code in (200, 302)
        assert AccessLogEntry.objects.filter(pk=entry.pk).exists()

    def test_a_superuser_cannot_add_one(self, client, entry):
        client.force_login(users.superuser())
        assert client.get(reverse("admin:privacy_accesslogentry_add")).status_code == 403

    @pytest.mark.parametrize("role", list(ROLE_PERMISSIONS))
    def test_no_staff_role_reads_it(self, client, entry, role):
        client.force_login(user_for(role))
        assert client.get(reverse("admin:privacy_accesslogentry_changelist")).status_code == 403
        assert client.get(reverse("admin:privacy_accesslogentry_change", args=[entry.pk])).status_code == 403


class TestTheDatabaseRefusesChanges:
    def test_an_entry_cannot_be_rewritten_even_outside_the_admin(self):
        from django.db import IntegrityError, transaction

        entry = AccessLogEntry.objects.create(username="someone", action="view", object_label="OIA-1")
        with pytest.raises(IntegrityError), transaction.atomic():
            AccessLogEntry.objects.filter(pk=entry.pk).update(object_label="OIA-2")
        entry.refresh_from_db()
        assert entry.object_label == "OIA-1"

    def test_deleting_the_staff_account_keeps_the_entry_and_its_user_name(self):
        staff = users.superuser("leaving")
        entry = AccessLogEntry.objects.create(user=staff, username=staff.username, action="view")
        staff.delete()
        entry.refresh_from_db()
        assert (entry.user, entry.username) == (None, "leaving")

    def test_retention_may_still_delete_old_entries(self):
        AccessLogEntry.objects.create(username="someone", action="view")
        AccessLogEntry.objects.all().delete()
        assert not AccessLogEntry.objects.exists()


def export_actions_in_the_admin():
    found = []
    for model, model_admin in admin.site._registry.items():
        for action in model_admin.actions or ():
            function = getattr(model_admin, action, action) if isinstance(action, str) else action
            if getattr(function, "spreadsheet_format", None) is not None:
                found.append((model, function.__name__))
    return sorted(found, key=lambda row: (row[0]._meta.label, row[1]))


EXPORTS = export_actions_in_the_admin()


@pytest.mark.parametrize(("model", "action"), EXPORTS, ids=[f"{m._meta.label}.{a}" for m, a in EXPORTS])
def test_every_export_action_in_the_admin_is_logged(client, model, action):
    """Generated: each spreadsheet action, in each format, writes one export entry with its size."""
    from tests.samples import make_samples

    sample = make_samples()[model]
    client.force_login(users.superuser())
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.post(changelist, {"action": action, "_selected_action": [sample.pk]})
    assert "attachment" in response["Content-Disposition"]
    entry = AccessLogEntry.objects.get(action="export")
    assert entry.rows >= 1
