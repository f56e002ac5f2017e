import re

import pytest
from django.urls import reverse

from incoming import services, views
from incoming.models import IncomingApplication, NominationLogEntry
from tests.incoming.factories import NominationLinkFactory

pytestmark = pytest.mark.django_db


def nomination_data(**overrides):
    data = {
        "coordinator_name": "Kenji Sato",
        "coordinator_email": "exchange@partner.example.edu",
        "name": "Aiko Tanaka",
        "email": "Aiko@Partner.example.edu",
        "study_level": "6",
        "field_of_study": "Information engineering",
        "academic_year": str(views.timezone.localdate().year),
        "term": "fall",
    }
    return {**data, **overrides}


def comparable(response, token):
    """A page's bytes without its own address's secret and the per-request CSRF values."""
    content = response.content.replace(token.encode(), b"TOKEN")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_nomination_creates_application_logs_it_and_mails_the_student(client, mailoutbox, django_capture_on_commit_callbacks):
    link = NominationLinkFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link.get_absolute_url(), nomination_data())
    assert response.status_code == 302
    application = IncomingApplication.objects.get()
    assert application.partner == link.partner
    assert application.status == IncomingApplication.Status.NOMINATED
    assert application.email == "aiko@partner.example.edu"
    assert application.reference.startswith("INC-")
    entry = NominationLogEntry.objects.get()
    assert (entry.outcome, entry.application, entry.nominee_email) == ("created", application, application.email)
    assert entry.link_fingerprint == link.fingerprint
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["aiko@partner.example.edu"]
    assert application.get_private_url() in mailoutbox[0].body
    assert application.status_changes.get().to_status == "nominated"


def test_invalid_nomination_keeps_what_was_typed_and_says_why(client):
    link = NominationLinkFactory()
    response = client.post(link.get_absolute_url(), nomination_data(email="not-an-address"))
    assert response.status_code == 400
    assert "Aiko Tanaka" in response.text
    assert "Enter a valid email address." in response.text
    assert not IncomingApplication.objects.exists()
    assert NominationLogEntry.objects.get().outcome == "refused"


def test_invalid_nomination_error_comes_in_chinese_on_the_chinese_page(client):
    link = NominationLinkFactory()
    with views.translation.override("zh-hant"):
        url = link.get_absolute_url()
    response = client.post(url, nomination_data(email="not-an-address"))
    assert response.status_code == 400
    assert "有效的電子郵件" in response.text


def test_a_second_nomination_of_one_student_for_one_term_is_refused(client):
    link = NominationLinkFactory()
    client.post(link.get_absolute_url(), nomination_data())
    response = client.post(link.get_absolute_url(), nomination_data())
    assert response.status_code == 400
    assert "already nominated" in response.text
    assert IncomingApplication.objects.count() == 1


def test_rotated_link_stops_working_and_answers_like_one_that_never_existed(client):
    link = NominationLinkFactory()
    old_url = link.get_absolute_url()
    assert client.get(old_url).status_code == 200
    services.rotate_link(link)
    old = client.get(old_url)
    old_token = old_url.rstrip("/").rsplit("/", 1)[-1]
    never = client.get(reverse("incoming:nominate", kwargs={"token": "x" * len(old_token)}))
    assert old.status_code == never.status_code == 404
    assert comparable(old, old_token) == comparable(never, "x" * len(old_token))
    assert sorted(old.headers) == sorted(never.headers)
    assert client.post(old_url, nomination_data()).status_code == 404
    assert not IncomingApplication.objects.exists()
    assert client.get(link.get_absolute_url()).status_code == 200


def test_disabled_link_and_unpublished_partner_answer_404(client):
    disabled = NominationLinkFactory(is_enabled=False)
    hidden = NominationLinkFactory(partner__is_published=False)
    assert client.get(disabled.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_nominations_through_one_link_are_rate_limited_and_the_refusal_logged(client, monkeypatch):
    monkeypatch.setattr(views.NOMINATE_LINK_LIMIT, "limit", 2)
    link = NominationLinkFactory()
    for number in range(2):
        assert client.post(link.get_absolute_url(), nomination_data(email=f"s{number}@partner.example.edu")).status_code == 302
    response = client.post(link.get_absolute_url(), nomination_data(email="s9@partner.example.edu"))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert IncomingApplication.objects.count() == 2
    assert NominationLogEntry.objects.filter(outcome="rate-limited").count() == 1


def test_lookups_of_secret_addresses_are_rate_limited_whether_or_not_they_exist(client, monkeypatch):
    monkeypatch.setattr(views.LOOKUP_LIMIT, "limit", 3)
    link = NominationLinkFactory()
    for _attempt in range(3):
        assert client.get(reverse("incoming:nominate", kwargs={"token": "guess"})).status_code == 404
    # The real link is refused too: guessing costs the same whatever is guessed.
    assert client.get(link.get_absolute_url()).status_code == 429


def test_nomination_page_is_private_never_cached_or_indexed(client):
    link = NominationLinkFactory()
    response = client.get(link.get_absolute_url())
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_robots_txt_keeps_crawlers_off_the_secret_addresses(client):
    text = client.get("/robots.txt").content.decode()
    for language in ("en", "zh-hant"):
        for part in ("nominate", "applications", "letters"):
            assert f"Disallow: /{language}/incoming/{part}/" in text
