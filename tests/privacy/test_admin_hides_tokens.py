"""A person's private link is theirs: no admin page shows its token, not even to a superuser.

Generated: every field whose name says token, on every model of the personal-data registry;
every admin URL the resolver knows (changelists, change pages, histories, inlines) and every
export in every format (import-export's pages and the export actions).
"""

import io

import openpyxl
import pytest
from django.test import Client

from privacy.registry import registry
from tests import urlwalk
from tests.core import users
from tests.oia_portal.test_hostile_sweep import export_channels
from tests.samples import make_samples

pytestmark = pytest.mark.django_db

TOKEN_FIELDS = sorted(
    (entry.model._meta.label, field.attname)
    for entry in registry.models.values()
    for field in entry.model._meta.concrete_fields
    if "token" in field.name
)


def test_the_registry_has_token_fields():
    assert ("events.Registration", "cancel_token") in TOKEN_FIELDS
    assert ("exchanges.Application", "token") in TOKEN_FIELDS
    assert ("incoming.IncomingApplication", "token") in TOKEN_FIELDS


def test_no_admin_page_shows_a_persons_token():
    samples = make_samples()
    tokens = {}
    for label, attname in TOKEN_FIELDS:
        model = next(model for model in samples if model._meta.label == label)
        for saved in model._default_manager.all():
            if value := getattr(saved, attname):
                tokens[str(value)] = f"{label}.{attname} of #{saved.pk}"
    assert len(tokens) >= len(TOKEN_FIELDS)
    root = Client()
    root.force_login(users.superuser("token-looker"))
    pages = [
        (target.key, root.get(target.path))
        for target in urlwalk.targets(samples, lambda path: root.get(path).status_code != 404)
        if target.route.is_admin
    ]
    shown = {}
    for key, response in [*pages, *export_channels(root)]:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if "spreadsheetml" in response.get("Content-Type", ""):
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
        else:
            text = content.decode("utf-8", "replace")
        for token, where in tokens.items():
            if token in text:
                shown.setdefault(key, []).append(where)
    assert shown == {}
