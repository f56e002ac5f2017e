"""The public results page (正取/備取) and the applicant's status page after the placement."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from exchanges import placement, services
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def confirmed_call(applicants=3, seats=1, programmes=1, published=True):
    now = timezone.now()
    call = ApplicationCallFactory(
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=2),
        results_published_at=(now - datetime.timedelta(hours=1)) if published else None,
    )
    offers = [CallProgrammeFactory(call=call, seats=seats) for _ in range(programmes)]
    made = []
    for number in range(applicants):
        application = ApplicationFactory(
            call=call, interview_score=Decimal(90 - number), name_en=f"Secret Person {number}", name_zh=f"秘密{number}"
        )
        ApplicationChoiceFactory(application=application, programme=offers[number % programmes].programme)
        made.append(application)
    placement.confirm_placement(call)
    return call, made


def results_url(call, language="en"):
    with translation.override(language):
        return reverse("exchanges:results", kwargs={"slug": call.slug})


def test_results_list_reference_numbers_and_no_name_or_score(client):
    call, applicants = confirmed_call()
    response = client.get(results_url(call))
    html = response.content.decode()
    assert response.status_code == 200
    for application in applicants:
        assert application.reference in html
        assert application.name_en not in html and application.name_zh not in html
        assert application.student_id not in html and application.email not in html
    assert "Secret" not in html and "秘密" not in html
    admitted, waiting = html.split("results-waiting")[0], html.split("results-waiting")[1]
    assert applicants[0].reference in admitted
    assert applicants[1].reference in waiting and applicants[2].reference in waiting
    assert waiting.index(applicants[1].reference) < waiting.index(applicants[2].reference)


def test_results_are_in_traditional_chinese_too(client):
    call, _applicants = confirmed_call()
    html = client.get(results_url(call, "zh-hant")).content.decode()
    assert "正取" in html and "備取" in html


def test_results_are_not_public_before_staff_publish_them(client):
    call, _applicants = confirmed_call(published=False)
    assert client.get(results_url(call)).status_code == 404
    call.results_published_at = timezone.now() + datetime.timedelta(days=1)
    call.save()
    assert client.get(results_url(call)).status_code == 404


def test_results_page_query_count_is_constant(client, django_assert_num_queries):
    small, _applicants = confirmed_call(applicants=3)
    large, _applicants = confirmed_call(applicants=40, programmes=8, seats=2)
    client.get(results_url(small))  # warm the site settings cache
    for call in (small, large):
        with django_assert_num_queries(4):  # the call; admitted; waiting; programmes
            assert client.get(results_url(call)).status_code == 200


def test_status_page_shows_the_seat_the_decision_and_the_waiting_place(client):
    call, (nominee, waiting, _third) = confirmed_call()
    html = client.get(nominee.get_status_url()).content.decode()
    assert "You were given a seat" in html and "Awaiting the partner" in html
    html = client.get(waiting.get_status_url()).content.decode()
    assert "waiting lists" in html and "number 1" in html
    waiting.language = "zh-hant"
    with translation.override("zh-hant"):
        html = client.get(reverse("exchanges:status", kwargs={"token": waiting.token})).content.decode()
    assert "備取" in html


def test_status_page_query_count_is_the_same_at_every_stage(client, django_assert_num_queries):
    call, applicants = confirmed_call(applicants=12, programmes=3)
    client.get(applicants[0].get_status_url())  # warm the site settings cache
    for application in (applicants[0], applicants[-1]):  # a nominee; an applicant on a waiting list
        # application with call and nomination; choices with programmes; history; waiting lists;
        # checklist items; checklist answers
        with django_assert_num_queries(7):  # ... and the application's documents
            assert client.get(application.get_status_url()).status_code == 200


def test_the_closed_calls_page_links_its_published_results(client):
    call, _applicants = confirmed_call()
    html = client.get(call.get_apply_url()).content.decode()
    assert results_url(call) in html
    unpublished, _applicants = confirmed_call(published=False)
    assert results_url(unpublished) not in client.get(unpublished.get_apply_url()).content.decode()


def test_a_rejected_nominee_is_not_told_the_seat_is_theirs(client):
    from exchanges.models import Nomination

    call, (nominee, _waiting, _third) = confirmed_call()
    services.record_host_decision(Nomination.objects.get(application=nominee), Nomination.Decision.REJECTED)
    html = client.get(nominee.get_status_url()).content.decode()
    assert "You were given a seat" not in html
    assert "this seat is no longer yours" in html and "Not accepted by the partner" in html
