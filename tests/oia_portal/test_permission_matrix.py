"""Who may view, add, change, delete and download what (DESIGN.md's roles, issue 6).

The expectation is derived from oia_portal.roles.ROLE_PERMISSIONS and from
admin.site's registry, so models that other apps register are covered
without editing this file. Private downloads are listed in PRIVATE_DOWNLOADS:
add a row for each download view.
"""

import io

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from oia_portal.models import SiteSettings
from oia_portal.roles import ROLE_PERMISSIONS, actions_for
from tests import factories
from tests.oia_portal import users

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.oia_portal.matrix_urls")]

ANONYMOUS = "anonymous visitor"
NO_GROUP = "staff without a group"
ACTORS = [*ROLE_PERMISSIONS, NO_GROUP, ANONYMOUS]
REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def partner_with_logo():
    partner = factories.PartnerUniversityFactory()
    partner.logo.save("logo.png", png())
    return {"pk": partner.pk}


def incoming_document():
    from incoming.models import IncomingDocument
    from tests.incoming.conftest import pdf_upload
    from tests.incoming.factories import IncomingApplicationFactory

    document = IncomingDocument.objects.create(application=IncomingApplicationFactory(), kind="passport", file=pdf_upload(), size=10)
    return {"pk": document.application_id, "document_pk": document.pk}


def acceptance_letter():
    from tests.incoming.factories import IncomingApplicationFactory

    return {"pk": IncomingApplicationFactory(accepted=True).pk}


# (url name, function making the object and returning the URL's kwargs, groups allowed to download).
# A download is refused (403, or a redirect to the login page) to everyone else.
PRIVATE_DOWNLOADS = [
    ("test-partner-logo-download", partner_with_logo, {"Partnerships"}),
    ("admin:incoming_incomingapplication_document", incoming_document, {"Exchange coordinators"}),
    ("admin:incoming_incomingapplication_letter", acceptance_letter, {"Exchange coordinators"}),
]


@pytest.fixture
def one_of_each():
    factories.AgreementFactory()
    factories.CallProgrammeFactory()
    factories.MobilityRecordFactory()
    factories.VisitFactory()
    factories.EventFactory()
    factories.NewsArticleFactory()
    SiteSettings.load()
    from incoming.models import FactSheet, NominationLogEntry
    from incoming.services import log_attempt
    from tests.incoming.factories import CooperationConditionFactory, IncomingApplicationFactory, NominationLinkFactory

    CooperationConditionFactory()
    IncomingApplicationFactory()
    log_attempt(NominationLinkFactory(), NominationLogEntry.Outcome.REFUSED)
    FactSheet.load()


def login_as(client, actor):
    if actor == ANONYMOUS:
        return
    groups = [] if actor == NO_GROUP else [actor]
    client.force_login(users.staff(username=f"matrix-{len(groups)}-{abs(hash(actor)) % 10_000}", groups=groups))


def granted_actions(actor, model):
    """The actions the role gives on a model."""
    if actor in (ANONYMOUS, NO_GROUP):
        return set()
    actions = set(actions_for(actor, model._meta.app_label, model._meta.model_name))
    if "change" in actions:
        actions.add("view")  # Django's admin: who may change may view
    return actions


def admin_allows(model_admin, action, obj):
    """What the ModelAdmin allows at all (to a superuser), e.g. no adding a second SiteSettings."""
    request = RequestFactory().get("/admin/")
    request.user = users.superuser("matrix-root")
    check = getattr(model_admin, f"has_{action}_permission")
    return check(request) if action == "add" else check(request, obj)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def refused(response, actor):
    if actor == ANONYMOUS:
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[m._meta.label for m, _a in REGISTERED])
def test_admin_permissions_follow_the_roles(client, one_of_each, model, model_admin, actor):
    obj = model._default_manager.order_by("pk").first()
    login_as(client, actor)
    granted = granted_actions(actor, model)
    requests = {
        "view": lambda: client.get(admin_url(model, "changelist"), follow=False),
        "add": lambda: client.get(admin_url(model, "add")),
    }
    if obj is not None:
        # Posting an empty form only ever shows errors: it cannot change the row.
        requests["change"] = lambda: client.post(admin_url(model, "change", obj.pk), {})
        requests["delete"] = lambda: client.get(admin_url(model, "delete", obj.pk))
    outcome = {}
    for action, send in requests.items():
        response = send()
        if model is SiteSettings and action == "view" and response.status_code == 302 and actor != ANONYMOUS:
            response = client.get(response["Location"])  # the list goes straight to the one row
        allowed = action in granted and admin_allows(model_admin, action, obj)
        outcome[action] = (allowed, not refused(response, actor), response.status_code)
    mismatches = {action: status for action, (expected, got, status) in outcome.items() if expected != got}
    assert not mismatches, f"{actor} on {model._meta.label}: expected {granted}, got statuses {mismatches}"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("url_name", "make_kwargs", "allowed"), PRIVATE_DOWNLOADS, ids=[row[0] for row in PRIVATE_DOWNLOADS])
def test_private_downloads_follow_the_roles(client, url_name, make_kwargs, allowed, actor):
    url = reverse(url_name, kwargs=make_kwargs())
    login_as(client, actor)
    response = client.get(url)
    if actor in allowed:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert response.status_code in (302, 403)
        assert "Content-Disposition" not in response
