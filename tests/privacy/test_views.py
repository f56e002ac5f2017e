"""The privacy page, a person's own page behind their private link, and staff carrying out requests."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from privacy.models import PrivacyRequest, RetentionRule
from privacy.registry import registry
from tests.core import users
from tests.exchanges.factories import ApplicationFactory
from tests.privacy import leaks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_privacy_page_states_every_configured_period(client, language):
    RetentionRule.objects.filter(kind="events.registrations").update(months=17)
    with translation.override(language):
        url = reverse("privacy:notice")
        response = client.get(url)
        content = response.content.decode()
        for kind in registry.retention_kinds():
            months = RetentionRule.objects.get(kind=kind.code).months
            assert escape(str(kind.label)) in content or kind.apply is None
            assert str(months) in content
        assert escape(str(registry.retention["events.registrations"].label)) in content
    assert response.status_code == 200
    assert "17" in content


def test_privacy_page_names_every_personal_field_it_collects(client):
    content = client.get(reverse("privacy:notice")).content.decode()
    for entry in registry.models.values():
        for field in entry.personal_fields():
            if field.editable:
                assert escape(str(field.verbose_name)) in content, field


def test_privacy_page_is_translated(client):
    with translation.override("zh-hant"):
        content = client.get(reverse("privacy:notice")).content.decode()
    assert "隱私" in content
    assert "How long we keep it" not in content


def test_privacy_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    client.get(reverse("privacy:notice"))  # site settings into the cache
    with django_assert_num_queries(1):
        client.get(reverse("privacy:notice"))


def test_status_page_and_cancel_page_link_to_the_persons_data(client, person, registrant):
    assert reverse("privacy:subject", args=["application", person.token]) in client.get(person.get_status_url()).content.decode()
    page = client.get(registrant.get_cancel_url()).content.decode()
    assert reverse("privacy:subject", args=["registration", registrant.cancel_token]) in page


def test_person_page_lists_what_is_held(client, person):
    response = client.get(reverse("privacy:subject", args=["application", person.token]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "same-origin"
    assert "application documents: 2" in response.content.decode().lower()


def test_erasure_request_needs_the_box_ticked_and_says_so_in_chinese(client, person):
    url = reverse("privacy:subject", args=["application", person.token]).replace("/en/", "/zh-hant/")
    response = client.post(url, {})
    assert response.status_code == 400
    assert "請勾選" in response.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_asking_twice_makes_one_pending_request(client, person):
    url = reverse("privacy:subject", args=["application", person.token])
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert client.post(url, {"confirm": "on"}).status_code == 302
    request = PrivacyRequest.objects.get()
    assert (request.status, request.subject_label, request.subject) == ("pending", person.reference, person)
    assert "You asked for erasure" in client.get(url).content.decode()


def test_data_protection_staff_carry_out_a_request_in_one_action(client, person):
    client.post(reverse("privacy:subject", args=["application", person.token]), {"confirm": "on"})
    request = PrivacyRequest.objects.get()
    staff = users.staff(groups=[Group.objects.get(name="Data protection")])
    client.force_login(staff)
    assert request.subject_label in client.get(reverse("admin:privacy_privacyrequest_changelist")).content.decode()
    response = client.post(
        reverse("admin:privacy_privacyrequest_changelist"), {"action": "carry_out", "_selected_action": [request.pk]}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("done", staff)
    assert leaks.database_hits(person.name_en) == []
    person.refresh_from_db()
    assert person.reference == request.subject_label  # the anonymous record stays


def test_other_roles_do_not_see_the_requests(client):
    client.force_login(users.staff(groups=[Group.objects.get(name="Exchange coordinators")]))
    assert client.get(reverse("admin:privacy_privacyrequest_changelist")).status_code == 403


def test_an_erased_link_answers_like_a_wrong_one(client, person):
    from privacy import services
    from privacy.models import ErasedRecord

    url = reverse("privacy:subject", args=["application", person.token])
    services.erase(person, ErasedRecord.Cause.REQUEST)
    assert client.get(url).status_code == 404
    other = ApplicationFactory()
    assert client.get(reverse("privacy:subject", args=["application", other.token])).status_code == 200
