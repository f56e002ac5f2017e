import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from incoming.models import FactSheet
from tests.core.factories import UserFactory
from tests.incoming.factories import CooperationConditionFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(settings.BASE_DIR) / "schemas" / "partner-api.schema.json").read_text())
# Words of fields that must never reach partners' systems, from the models' private fields.
PRIVATE_WORDS = ("internal", "notes", "owner", "document", "contact", "email@", "token", "search")


def validate(document, definition):
    schema = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{definition}"}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def keys_of(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_of(item)


@pytest.fixture
def agreement_with_conditions():
    sheet = FactSheet.get_solo()
    sheet.hei_id = "stust.edu.tw"
    sheet.save()
    owner = UserFactory(username="agreement-owner", email="owner@stust.example")
    agreement = AgreementFactory(
        partner__hei_id="kit.example.jp",
        internal_notes="Renegotiate the quota — confidential",
        owner=owner,
        level="college",
        owning_unit="College of Engineering",
    )
    CooperationConditionFactory(agreement=agreement, direction="incoming")
    CooperationConditionFactory(agreement=agreement, direction="outgoing", mobility_type="staff-teacher", eqf_levels=[])
    return agreement


def test_agreements_json_follows_the_schema_and_holds_no_private_field(client, agreement_with_conditions):
    response = client.get(reverse("api:agreements"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    validate(document, "agreements-document")
    [iia] = document["iias"]
    studies = iia["cooperation-conditions"]["student-studies-mobility-spec"]
    assert studies[0]["sending-hei-id"] == "kit.example.jp"
    assert studies[0]["receiving-hei-id"] == "stust.edu.tw"
    assert {"isced-f-code": "0713"} in studies[0]["subject-area"]
    assert {"language": "en", "cefr-level": "B2"} in studies[0]["recommended-language-skill"]
    teaching = iia["cooperation-conditions"]["staff-teacher-mobility-spec"]
    assert teaching[0]["sending-hei-id"] == "stust.edu.tw"
    assert "eqf-level" not in teaching[0]
    text = response.content.decode()
    assert "confidential" not in text
    assert "owner@stust.example" not in text
    assert not [key for key in keys_of(document) if any(word in key for word in PRIVATE_WORDS)]


def test_single_agreement_json_and_unpublished_ones_are_absent(client, agreement_with_conditions):
    draft = AgreementFactory(signed_on=None)
    hidden = AgreementFactory(partner__is_published=False)
    url = reverse("api:agreement", kwargs={"iia_id": agreement_with_conditions.pk})
    validate(client.get(url).json(), "agreement-document")
    for unpublished in (draft, hidden):
        assert client.get(reverse("api:agreement", kwargs={"iia_id": unpublished.pk})).status_code == 404
    listed = {iia["iia-id"] for iia in client.get(reverse("api:agreements")).json()["iias"]}
    assert listed == {str(agreement_with_conditions.pk)}


def test_partners_json_lists_published_partners_in_both_languages(client):
    PartnerUniversityFactory(name_en="Kyoto Institute", name_zh_hant="京都工藝纖維大學", hei_id="kit.example.jp")
    PartnerUniversityFactory(is_published=False, name_en="Hidden University")
    document = client.get(reverse("api:partners")).json()
    validate(document, "partners-document")
    assert [p["name"] for p in document["partners"]] == [
        [{"lang": "en", "value": "Kyoto Institute"}, {"lang": "zh-Hant", "value": "京都工藝纖維大學"}]
    ]


def test_factsheet_json_follows_the_schema(client):
    sheet = FactSheet.get_solo()
    sheet.housing_info_en = "Dormitory rooms for all exchange students."
    sheet.housing_info_zh_hant = "所有交換學生皆可申請宿舍。"
    sheet.contact_email = "incoming@stust.example"
    sheet.save()
    document = client.get(reverse("api:factsheet")).json()
    validate(document, "factsheet-document")
    assert document["factsheet"]["calendar"]["student-nominations"]["autumn-term"] == "--04-15"
    assert document["factsheet"]["housing-info"]["text"][1] == {"lang": "zh-Hant", "value": "所有交換學生皆可申請宿舍。"}


def test_schema_refuses_a_private_field(client, agreement_with_conditions):
    document = client.get(reverse("api:agreements")).json()
    document["iias"][0]["internal-notes"] = "anything"
    with pytest.raises(jsonschema.ValidationError):
        validate(document, "agreements-document")


def test_json_query_counts_are_constant(client, django_assert_num_queries):
    for number in range(4):
        agreement = AgreementFactory(starts_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number))
        CooperationConditionFactory.create_batch(2, agreement=agreement)
    FactSheet.get_solo()
    with django_assert_num_queries(2):  # agreements with partners; their conditions
        client.get(reverse("api:agreements"))
    with django_assert_num_queries(1):
        client.get(reverse("api:partners"))
    with django_assert_num_queries(0):  # the fact sheet comes from the cache
        client.get(reverse("api:factsheet"))


def test_json_is_cached_like_public_pages_and_refreshed_after_an_edit(client, settings, agreement_with_conditions):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(reverse("api:agreements"))
    assert "max-age=60" in first["Cache-Control"]
    assert client.get(reverse("api:agreements")).content == first.content  # served from the cache
    condition = agreement_with_conditions.conditions.first()
    condition.mobilities_per_year = 7
    condition.save()
    refreshed = client.get(reverse("api:agreements")).json()
    assert 7 in [
        spec["mobilities-per-year"] for specs in refreshed["iias"][0]["cooperation-conditions"].values() for spec in specs
    ]
