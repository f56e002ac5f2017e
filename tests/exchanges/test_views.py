import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.models import SiteSettings
from exchanges import services
from exchanges.models import Application
from exchanges.views import RESEND_LIMIT, SUBMIT_LIMIT
from tests.abroad.factories import library_row
from tests.exchanges.conftest import exe_as_pdf_upload
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
    MobilityRecordFactory,
)
from tests.helpers import forget_kept_parts
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db

S = Application.Status


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"exchanges:{name}", kwargs=kwargs or None)


def count_queries(client, path, drawn_afresh=False):
    client.get(path)  # warm the site-settings cache
    if drawn_afresh:  # no part of the page kept drawn, no call or offer kept read
        forget_kept_parts("call-opening", "programme-offers")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


# --- Finder ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_finder_lists_published_programmes_with_count(client, language):
    shown = ExchangeProgramFactory(title_en="Kyoto semester", title_zh_hant="京都學期交換")
    ExchangeProgramFactory(title_en="Hidden programme", title_zh_hant="隱藏", is_published=False)
    ExchangeProgramFactory(title_en="Of hidden partner", partner=PartnerUniversityFactory(is_published=False))
    response = client.get(url("list", language))
    assert response.status_code == 200
    content = response.content.decode()
    assert (shown.title_en if language == "en" else shown.title_zh_hant) in content
    assert "Hidden programme" not in content and "Of hidden partner" not in content
    assert response.context["paginator"].count == 1


def test_finder_filters_come_from_the_query_string(client):
    ExchangeProgramFactory(partner=PartnerUniversityFactory(country="FR"), title_en="Lyon term")
    ExchangeProgramFactory(partner=PartnerUniversityFactory(country="JP"), title_en="Kyoto term")
    response = client.get(url("list"), {"region": "europe"})
    assert [p.title for p in response.context["programmes"]] == ["Lyon term"]


def test_finder_shows_a_message_for_invalid_values_not_an_error(client):
    ExchangeProgramFactory()
    response = client.get(url("list"), {"gpa": "abc", "region": "atlantis", "page": "x", "country": "ZZ"})
    assert response.status_code == 200
    assert b"Some filters could not be used" in response.content
    assert response.context["paginator"].count == 1


def test_finder_paginates(client):
    ExchangeProgramFactory.create_batch(21)
    response = client.get(url("list"), {"page": 2})
    assert len(response.context["programmes"]) == 1


def test_finder_page_beyond_the_end_shows_the_last_page(client):
    ExchangeProgramFactory.create_batch(3)
    response = client.get(url("list"), {"page": 99})
    assert response.status_code == 200
    assert len(response.context["programmes"]) == 3


def test_finder_query_count_is_constant(client, django_assert_num_queries):
    SiteSettings.get_solo()  # made on first use, which would itself count as a content change
    call = ApplicationCallFactory()
    for _ in range(3):
        CallProgrammeFactory(call=call)
    path = url("list") + "?sort=deadline&open_now=on"
    few = count_queries(client, path)
    for _ in range(27):
        CallProgrammeFactory(call=call)
    CallProgrammeFactory(call=call)
    # New programmes: countries for the filter again, count, the open calls' closing times, the
    # page's keys, and the cards not kept read whole.
    with django_assert_num_queries(5):
        client.get(path)
    assert count_queries(client, path) == few == 3  # unchanged: the filter's countries come from the cache


@pytest.mark.parametrize("sort", ["deadline", "name", ""])
def test_finder_shows_each_programmes_deadline_in_either_order(client, sort):
    soon = CallProgrammeFactory(
        programme=ExchangeProgramFactory(title_en="Zagreb summer"),
        call=ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=3, hours=1)),
    )
    ExchangeProgramFactory(title_en="Aalto semester")  # in no open call
    response = client.get(url("list"), {"sort": sort} if sort else {})
    assert response.status_code == 200
    titles = [programme.title for programme in response.context["programmes"]]
    assert titles == (["Aalto semester", "Zagreb summer"] if sort == "name" else ["Zagreb summer", "Aalto semester"])
    assert [p.open_deadline for p in response.context["programmes"] if p.title == "Zagreb summer"] == [soon.call.closes_at]
    assert "(3\xa0days left)" in response.content.decode()


# --- Programme page -------------------------------------------------------------------------

def test_programme_page_shows_fact_sheet_and_open_call(client):
    partner = PartnerUniversityFactory(
        city_en="Kyoto", academic_calendar_en="April to July", courses_url="https://courses.example.edu"
    )
    offer = CallProgrammeFactory(programme=ExchangeProgramFactory(partner=partner, costs_en="JPY 60,000 a month"),
                                 seats=4)
    nominee = ApplicationFactory(call=offer.call, status=S.NOMINATED, nominated_programme=offer.programme)
    ApplicationChoiceFactory(application=nominee, programme=offer.programme)
    MobilityRecordFactory.create_batch(2, partner=partner, programme=offer.programme)
    response = client.get(offer.programme.get_absolute_url())
    content = response.content.decode()
    for expected in ["Kyoto", "April to July", "https://courses.example.edu", "JPY 60,000 a month",
                     "4 seats this round", "3 not yet taken by nominations", "2 students of ours went",
                     offer.call.get_apply_url(), "left"]:
        assert expected in content
    assert nominee.name_en not in content


def test_programme_page_without_open_call_has_no_apply_button(client):
    programme = ExchangeProgramFactory()
    response = client.get(programme.get_absolute_url())
    assert b"Apply now" not in response.content


def test_unpublished_programme_page_is_not_found(client):
    programme = ExchangeProgramFactory(is_published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_programme_page_query_count_is_constant(client):
    offer = CallProgrammeFactory()
    MobilityRecordFactory.create_batch(3, partner=offer.programme.partner, programme=offer.programme)
    library_row(offer.programme.partner, programme=offer.programme)
    path = offer.programme.get_absolute_url()
    few = (count_queries(client, path, drawn_afresh=True), count_queries(client, path))
    MobilityRecordFactory.create_batch(27, partner=offer.programme.partner, programme=offer.programme)
    for number in range(30):
        library_row(offer.programme.partner, programme=offer.programme, host_code=f"EE{number}")
    for _ in range(27):
        ApplicationFactory(call=offer.call, status=S.NOMINATED, nominated_programme=offer.programme)
    assert (count_queries(client, path, drawn_afresh=True), count_queries(client, path)) == few
    # The programme with its partner; the calls' openings and closings; its offers with seats;
    # then, drawn into kept parts, its past participants, courses recognised before and reports.
    # Once kept: the programme alone.
    assert few == (6, 1)


# --- Applying -------------------------------------------------------------------------------

def test_apply_page_shows_the_form_while_open(client, open_call, offers):
    response = client.get(open_call.get_apply_url())
    assert response.status_code == 200
    assert b'name="transcript"' in response.content


def test_the_departments_offered_follow_a_rename_and_a_closing(client, open_call, offers):
    from core.models import Department

    department = Department.objects.active().first()
    path = open_call.get_apply_url()
    assert f'<option value="{department.code}">{department.name_en}</option>' in client.get(path).content.decode()
    department.name_en = "Department of Renamed Studies"
    department.save()
    assert '">Department of Renamed Studies</option>' in client.get(path).content.decode()  # the kept list follows
    department.is_active = False
    department.save()
    assert f'<option value="{department.code}">' not in client.get(path).content.decode()


def test_apply_page_before_opening_says_so_and_has_no_form(client, offers):
    call = ApplicationCallFactory(opens_at=timezone.now() + datetime.timedelta(days=3),
                                  closes_at=timezone.now() + datetime.timedelta(days=30))
    response = client.get(call.get_apply_url())
    assert b"This call is not open yet" in response.content
    assert b'name="transcript"' not in response.content


def test_post_after_closing_is_refused_and_saves_nothing(client, form_data, form_files):
    call = ApplicationCallFactory(opens_at=timezone.now() - datetime.timedelta(days=30),
                                  closes_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(call.get_apply_url(), {**form_data, **form_files})
    assert response.status_code == 403
    assert b"This call has closed" in response.content
    assert not Application.objects.exists()


def test_successful_application_lands_on_the_received_page_and_mails_the_link(
    client, open_call, form_data, form_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("apply", "zh-hant", slug=open_call.slug), {**form_data, **form_files})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hant/programmes/calls/{open_call.slug}/received/"
    assert application.language == "zh-hant"
    assert application.documents.count() == 2
    assert f"{settings.SITE_URL}/zh-hant/programmes/applications/{application.token}/" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert application.reference not in page and application.token not in page


def test_form_with_errors_keeps_typed_values_and_asks_for_files_again(client, open_call, form_data, form_files):
    response = client.post(open_call.get_apply_url(), {**form_data, **form_files, "gpa": "4.50"})
    content = response.content.decode()
    assert response.status_code == 400
    assert 'value="Lin Chia-Hao"' in content
    assert "choose your documents again" in content
    assert not Application.objects.exists()


def test_renamed_exe_is_refused_with_a_clear_message(client, open_call, form_data, form_files):
    response = client.post(open_call.get_apply_url(), {**form_data, **form_files, "transcript": exe_as_pdf_upload()})
    assert "This file is not a PDF document." in response.content.decode()
    assert not Application.objects.exists()


def test_second_application_discloses_nothing_and_mails_the_address_on_file(client, open_call, form_data, form_files, django_capture_on_commit_callbacks):
    first = ApplicationFactory(call=open_call, student_id="4A1120034", email="first@stust.example.edu.tw")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(open_call.get_apply_url(), {**form_data, **form_files}, follow=True)
    content = response.content.decode()
    assert first.reference not in content and first.token not in content
    assert Application.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["first@stust.example.edu.tw"]]
    assert first.get_status_url() in mail.outbox[0].body


def test_same_email_with_another_student_id_is_the_same_student(client, open_call, form_data, form_files, django_capture_on_commit_callbacks):
    ApplicationFactory(call=open_call, student_id="4A9999999", email=form_data["email"].lower())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(open_call.get_apply_url(), {**form_data, **form_files})
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 1 and "already" in mail.outbox[0].subject


def test_a_student_who_withdrew_is_told_by_mail_what_to_do(client, open_call, form_data, form_files, django_capture_on_commit_callbacks):
    ApplicationFactory(call=open_call, student_id="4A1120034", status=Application.Status.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(open_call.get_apply_url(), {**form_data, **form_files})
    assert Application.objects.count() == 1
    assert "was withdrawn, and a withdrawn application cannot be reopened" in mail.outbox[0].body


def test_apply_form_says_what_a_student_who_withdrew_may_do(client, open_call, offers):
    content = client.get(open_call.get_apply_url()).content.decode()
    assert "after withdrawing you cannot apply to the same call again" in content


def test_honeypot_answers_a_bot_like_a_success_and_saves_nothing(client, open_call, form_data, form_files):
    response = client.post(open_call.get_apply_url(), {**form_data, **form_files, "website": "spam"})
    assert response.status_code == 302
    assert response["Location"] == url("apply-received", slug=open_call.slug)
    assert not Application.objects.exists()
    assert not mail.outbox


def inside_a_hidden_element(html, input_name):
    """Whether the input sits inside an element with the `hidden` attribute (not displayed at all)."""
    from html.parser import HTMLParser

    void = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}

    class Finder(HTMLParser):
        stack, found = [], None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and attrs.get("name") == input_name:
                self.found = any(self.stack)
            if tag not in void:
                self.stack.append("hidden" in attrs)

        def handle_endtag(self, tag):
            if tag not in void and self.stack:
                self.stack.pop()

    finder = Finder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("form_page", ["apply", "resend", "event"])
def test_honeypot_is_not_displayed_so_people_and_autofill_never_reach_it(client, open_call, offers, form_page):
    from tests.events.factories import RegistrationEventFactory

    address = {
        "apply": lambda: open_call.get_apply_url(),
        "resend": lambda: url("resend-link"),
        "event": lambda: RegistrationEventFactory().get_absolute_url(),
    }[form_page]()
    assert inside_a_hidden_element(client.get(address).content.decode(), "website") is True


def test_withdrawing_twice_says_it_is_already_withdrawn(client):
    application = ApplicationFactory(call=ApplicationCallFactory())
    client.post(application.get_status_url(), {"confirm": "on"})
    response = client.post(application.get_status_url(), {"confirm": "on"}, follow=True)
    content = response.content.decode()
    assert "already “Withdrawn”" in content
    assert "cannot become" not in content


def test_rate_limit_per_ip(client, open_call, form_data):
    for _ in range(SUBMIT_LIMIT.limit):
        client.post(open_call.get_apply_url(), {**form_data, "gpa": "9"}, REMOTE_ADDR="203.0.113.9")
    response = client.post(open_call.get_apply_url(), form_data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    other = client.post(open_call.get_apply_url(), {**form_data, "gpa": "9"}, REMOTE_ADDR="203.0.113.10")
    assert other.status_code == 400


# --- Status page ----------------------------------------------------------------------------

def test_status_page_shows_timeline(client):
    offer = CallProgrammeFactory()
    application = ApplicationFactory(call=offer.call)
    ApplicationChoiceFactory(application=application, programme=offer.programme)
    application.status_changes.create(to_status=S.SUBMITTED)
    application.status_changes.create(from_status=S.SUBMITTED, to_status=S.UNDER_REVIEW, note="Checking documents")
    response = client.get(application.get_status_url())
    content = response.content.decode()
    assert "Under review" in content and "Checking documents" in content
    assert response["Referrer-Policy"] == "same-origin"
    assert "Withdraw my application" in content


def test_wrong_token_is_not_found(client):
    ApplicationFactory()
    assert client.get(url("status", token="not-the-token")).status_code == 404


def test_withdraw_by_post(client):
    application = ApplicationFactory()
    client.post(application.get_status_url(), {"confirm": "on"})
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.status_changes.get().changed_by is None


def test_withdraw_after_closing_is_refused(client):
    call = ApplicationCallFactory(opens_at=timezone.now() - datetime.timedelta(days=30),
                                  closes_at=timezone.now() - datetime.timedelta(days=1))
    application = ApplicationFactory(call=call)
    response = client.get(application.get_status_url())
    assert b"Withdraw my application" not in response.content
    client.post(application.get_status_url(), {"confirm": "on"})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_status_page_query_count_is_constant(client):
    application = ApplicationFactory()
    for _ in range(3):
        application.status_changes.create(to_status=S.SUBMITTED)
    few = count_queries(client, application.get_status_url())
    for _ in range(27):
        application.status_changes.create(to_status=S.SUBMITTED)
    assert count_queries(client, application.get_status_url()) == few


def test_oversized_request_is_refused_before_reading(client, open_call, form_data):
    response = client.post(open_call.get_apply_url(), form_data, CONTENT_LENGTH=str(100 * 1024 * 1024))
    assert response.status_code == 413
    assert b"each may have at most 10 MB" in response.content
    assert not Application.objects.exists()


def test_uploads_are_streamed_to_temporary_files(client, open_call, form_data, form_files, monkeypatch):
    seen = []
    submit = services.submit_application

    def spy(call, data, documents, language):
        seen.extend(type(upload) for upload in documents.values() if upload)
        return submit(call, data, documents, language=language)

    monkeypatch.setattr(services, "submit_application", spy)
    client.post(open_call.get_apply_url(), {**form_data, **form_files})
    assert seen and all(kind is TemporaryUploadedFile for kind in seen)


def cold_queries(client, path):
    """Queries of a request with nothing cached: no page, fragment or form from an earlier one."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def test_apply_page_query_count_is_constant(client, open_call, offers):
    client.get(open_call.get_apply_url())  # the site settings' row is made on the first visit
    few = cold_queries(client, open_call.get_apply_url())
    for _ in range(27):
        CallProgrammeFactory(call=open_call)
    many = cold_queries(client, open_call.get_apply_url())
    # The call, its programmes' choices (one query for all), the site settings, the departments.
    assert len(many) == len(few) == 4, many


def test_apply_form_offers_a_programme_added_to_the_call_at_once(client, open_call, offers):
    client.get(open_call.get_apply_url())  # the call's choices are cached now
    added = CallProgrammeFactory(call=open_call, programme__title_en="Freshly added semester")
    response = client.get(open_call.get_apply_url())
    assert f'<option value="{added.programme.pk}">'.encode() in response.content
    assert b"Freshly added semester" in response.content


def test_apply_page_groups_programmes_by_country(client, open_call, offers):
    response = client.get(open_call.get_apply_url())
    assert '<optgroup label="Japan">' in response.content.decode()


def test_withdraw_needs_the_confirmation_box(client):
    application = ApplicationFactory()
    response = client.post(application.get_status_url())
    assert response.status_code == 400
    assert b"Tick the box to confirm" in response.content
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_apply_link_from_a_programme_preselects_it(client, open_call, offers):
    programme = offers[1].programme
    response = client.get(open_call.get_apply_url(), {"programme": programme.slug})
    assert response.context["form"]["choice_1"].value() == programme.pk


def test_apply_link_with_unknown_programme_preselects_nothing(client, open_call, offers):
    response = client.get(open_call.get_apply_url(), {"programme": "no-such-programme"})
    assert response.context["form"]["choice_1"].value() is None


def test_confirmation_mail_subject_is_in_the_language_applied_in(
    client, open_call, form_data, form_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("apply", "zh-hant", slug=open_call.slug), {**form_data, **form_files})
    assert mail.outbox[0].subject.startswith("已收到申請案")


# --- Lost status link -----------------------------------------------------------------------

def test_status_link_is_sent_again_to_the_address_on_file(client, django_capture_on_commit_callbacks):
    application = ApplicationFactory(student_id="4A7777777", email="4a7777777@stust.example.edu.tw")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("resend-link"), {"student_id": "4a7777777", "email": "4A7777777@stust.example.edu.tw"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["4a7777777@stust.example.edu.tw"]
    assert application.token in mail.outbox[0].body


def test_resend_with_another_email_sends_nothing_and_says_the_same(client):
    ApplicationFactory(student_id="4A7777777", email="4a7777777@stust.example.edu.tw")
    response = client.post(url("resend-link"), {"student_id": "4A7777777", "email": "attacker@example.com"},
                           follow=True)
    assert not mail.outbox
    assert b"If an application matches" in response.content


def test_resend_is_rate_limited(client):
    for _ in range(RESEND_LIMIT.limit):
        client.post(url("resend-link"), {"student_id": "4A7777777", "email": "x@example.com"})
    response = client.post(url("resend-link"), {"student_id": "4A7777777", "email": "x@example.com"})
    assert response.status_code == 429


def test_resend_honeypot_answers_like_a_success_and_sends_nothing(client):
    ApplicationFactory(student_id="4A7777777", email="4a7777777@stust.example.edu.tw")
    response = client.post(url("resend-link"), {"student_id": "4A7777777", "email": "4a7777777@stust.example.edu.tw",
                                                "website": "http://spam.example"})
    assert response.status_code == 302
    assert not mail.outbox


def test_resend_page_is_not_taken_for_a_token(client):
    assert client.get(url("resend-link")).status_code == 200


def test_apply_form_help_texts_are_in_the_page_language(client, open_call, offers):
    response = client.get(url("apply", "zh-hant", slug=open_call.slug))
    assert "最多 3000 字" in response.content.decode()


def test_the_form_sent_back_with_errors_carries_the_csrf_token(open_call, form_data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get(open_call.get_apply_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(open_call.get_apply_url(), {**form_data, "statement": "", "csrfmiddlewaretoken": token})
    assert response.status_code == 400
    again = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert again and again.group(1)  # the student can correct the form and send it
