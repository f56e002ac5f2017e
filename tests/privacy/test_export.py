"""The export holds everything the portal holds about the person: every row, field and file."""

import io
import json
import zipfile

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from exchanges.models import Nomination
from privacy import services
from privacy.models import AccessLogEntry
from privacy.registry import registry
from tests.partners.factories import PartnerContactFactory

pytestmark = pytest.mark.django_db


def unpack(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return json.loads(archive.read("data.json")), archive


def test_export_holds_every_row_and_every_field_held(person):
    person.refresh_from_db()  # values as stored, not as the factory passed them
    data, _archive = unpack(services.export(person))
    exported = {(record["kind"], record["id"]): record["fields"] for record in data["records"]}
    held = services.rows_of(person)
    # application, choice, two documents, status change, checklist answer, nomination, mobility record
    assert len(held) == 1 + 1 + 2 + 1 + 1 + 1 + 1
    for entry, obj in held:
        fields = exported[(obj._meta.label, obj.pk)]
        for field in entry.personal_fields():
            if field.name == "search_vector":
                continue
            value = fields[field.name]["value"]
            stored = getattr(obj, field.attname)
            if hasattr(stored, "name"):
                stored = stored.name
            if isinstance(value, dict):
                value = value["value"]
            assert value == json.loads(json.dumps(stored, cls=DjangoJSONEncoder)), f"{obj._meta.label}.{field.name}"


def test_export_holds_each_document_byte_for_byte(person):
    data, archive = unpack(services.export(person))
    files = [document.file for document in person.documents.all()]
    files += [answer.document for answer in person.checklist_answers.all()]
    files += [nomination.acceptance_letter for nomination in Nomination.objects.filter(application=person)]
    assert len(data["files"]) == len(files) == 4
    contents = {archive.read(name) for name in data["files"]}
    for fieldfile in files:
        with fieldfile.open("rb") as handle:
            assert handle.read() in contents


def test_export_holds_the_history_of_a_row_with_history():
    contact = PartnerContactFactory(name="Old Name")
    contact.name = "New Name"
    contact.save()
    data, _archive = unpack(services.export(contact))
    assert [row["values"]["name"] for row in data["history"]] == ["Old Name", "New Name"]


def test_export_is_written_in_the_persons_language(person):
    data, _archive = unpack(services.export(person, language="zh-hant"))
    record = next(r for r in data["records"] if r["kind"] == "exchanges.Application")
    assert record["fields"]["name_en"]["label"] == "英文姓名"


def test_person_downloads_their_data_from_the_status_link_and_it_is_logged(client, person):
    response = client.get(reverse("privacy:export", args=["application", person.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"].startswith("private")
    data, _archive = unpack(response.content)
    assert data["about"] == person.reference
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_label, entry.user, entry.path) == ("self-export", person.reference, None, "")


def test_registrant_downloads_their_data_from_the_cancel_link(client, registrant):
    response = client.get(reverse("privacy:export", args=["registration", registrant.cancel_token]))
    data, _archive = unpack(response.content)
    fields = data["records"][0]["fields"]
    assert (fields["name"]["value"], fields["email"]["value"]) == (registrant.name, registrant.email)


@pytest.mark.parametrize("slug", [entry.slug for entry in registry.subjects()] + ["nothing"])
def test_a_wrong_link_answers_like_a_missing_one(client, slug):
    assert client.get(reverse("privacy:export", args=[slug, "x" * 43])).status_code == 404
    assert client.get(reverse("privacy:subject", args=[slug, "x" * 43])).status_code == 404
