"""A student finds a programme and applies; a coordinator nominates them; the student sees it."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from playwright.sync_api import expect

from core.demo_images import minimal_pdf
from core.roles import EXCHANGE_COORDINATORS, apply_roles
from exchanges.models import Application
from tests.core.factories import StaffUserFactory
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
)
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def offer_at(call, country, title):
    partner = PartnerUniversityFactory(country=country, name_en=f"{title} University")
    return CallProgrammeFactory(call=call, programme=ExchangeProgramFactory(partner=partner, title_en=title), seats=2)


def fill_in_the_student(page):
    page.get_by_label("Name in English").fill("Lin Chia-Hao")
    page.get_by_label("Student ID").fill("4A1120034")
    page.get_by_label("University e-mail").fill("4a1120034@stust.example.edu.tw")
    page.get_by_label("Department").select_option("EE")
    page.get_by_label("Year of study").select_option("3")
    page.get_by_label("GPA").fill("3.65")


def test_student_filters_applies_and_follows_the_status_link(live_server, page, tmp_path):
    call = ApplicationCallFactory()
    lyon = offer_at(call, "FR", "Lyon semester")
    offer_at(call, "JP", "Kyoto semester")
    transcript = tmp_path / "transcript.pdf"
    transcript.write_bytes(minimal_pdf("Transcript"))
    certificate = tmp_path / "toefl.pdf"
    certificate.write_bytes(minimal_pdf("TOEFL 95"))

    page.goto(f"{live_server.url}/en/programmes/")
    page.get_by_label("Region").select_option("europe")
    page.get_by_role("button", name="Show programmes").click()
    expect(page).to_have_url(re.compile(r"region=europe"))
    expect(page.get_by_role("heading", name="1 programme matches")).to_be_visible()
    page.get_by_role("link", name="Lyon semester").click()
    page.get_by_role("link", name="Apply now").click()

    fill_in_the_student(page)
    page.get_by_label("Name in Chinese").fill("林家豪")
    page.get_by_label("Language test").select_option("toefl-ibt")
    page.get_by_label("Score or level").fill("95")
    page.get_by_label("Choice 1").select_option(str(lyon.programme.pk))
    page.get_by_label("Statement of purpose").fill("I want to study power electronics in Lyon.")
    page.get_by_label("Transcript (PDF)").set_input_files(str(transcript))
    page.get_by_label("Language certificate (PDF or image)").set_input_files(str(certificate))
    page.get_by_role("button", name="Submit application").click()

    application = Application.objects.get()
    # The page after sending shows nothing of the application: the link travels by e-mail only.
    expect(page.get_by_role("heading", name=f"Application sent: {call.title}")).to_be_visible()
    expect(page.get_by_text(application.reference)).to_have_count(0)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/programmes/applications/\S+/", mail.outbox[0].body).group(0)
    assert application.token in link
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])  # the mail's path, on this server
    expect(page.locator(".application-status")).to_have_text("Submitted")
    expect(page.get_by_text("Lyon semester — Lyon semester University")).to_be_visible()


def test_coordinator_nominates_and_the_student_sees_it(live_server, page):
    offer = CallProgrammeFactory(seats=1)
    application = ApplicationFactory(call=offer.call, status=Application.Status.UNDER_REVIEW)
    ApplicationChoiceFactory(application=application, programme=offer.programme, rank=1)
    apply_roles(Group, Permission)  # a transactional test may start after a flush that emptied the groups
    coordinator = StaffUserFactory(username="coordinator", groups=[EXCHANGE_COORDINATORS])
    coordinator.save()  # the shared factory sets the password after its save

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/exchanges/application/?q={application.student_id}")
    page.get_by_role("link", name=application.reference).click()
    page.get_by_role("link", name="Change status…").click()
    page.get_by_label("New status").select_option(Application.Status.NOMINATED)
    page.get_by_label("Nominate to").select_option(str(offer.programme.pk))
    page.get_by_label("Note to the applicant").fill("Congratulations!")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".messagelist")).to_contain_text("Nominated to the partner")

    page.goto(live_server.url + application.get_status_url())
    expect(page.locator(".application-status")).to_have_text("Nominated to the partner")
    expect(page.get_by_text("Congratulations!")).to_be_visible()
    assert mail.outbox[-1].to == [application.email]


def test_student_withdraws_from_the_status_page(live_server, page):
    offer = CallProgrammeFactory()
    application = ApplicationFactory(call=offer.call)
    ApplicationChoiceFactory(application=application, programme=offer.programme)
    application.status_changes.create(to_status=Application.Status.SUBMITTED)

    page.goto(live_server.url + application.get_status_url())
    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    page.get_by_label("I want to withdraw my application").check()
    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.locator(".application-status")).to_have_text("Withdrawn")
    expect(page.get_by_role("button", name="Withdraw my application")).to_have_count(0)


def test_student_finds_and_adds_programmes_of_a_call_too_large_to_list(live_server, page, tmp_path, monkeypatch):
    monkeypatch.setattr("exchanges.forms.LISTED_AT_MOST", 1)
    call = ApplicationCallFactory()
    lyon = offer_at(call, "FR", "Lyon semester")
    kyoto = offer_at(call, "JP", "Kyoto semester")
    offer_at(call, "DE", "Berlin semester")
    transcript = tmp_path / "transcript.pdf"
    transcript.write_bytes(minimal_pdf("Transcript"))

    page.goto(f"{live_server.url}{lyon.programme.get_absolute_url()}")
    page.get_by_role("link", name="Apply now").click()
    expect(page.get_by_role("heading", name="First, choose your programmes")).to_be_visible()
    page.get_by_label("Find a programme of this call").fill("Kyoto")
    page.get_by_role("button", name="Find", exact=True).click()
    page.get_by_role("link", name="Add Kyoto semester").click()
    # Both chosen, Lyon first (from its page): the lists hold these two and nothing else.
    expect(page.get_by_label("Choice 1").locator("option")).to_have_count(3)
    expect(page.get_by_label("Choice 1")).to_have_value(str(lyon.programme.pk))
    expect(page.get_by_label("Choice 2")).to_have_value(str(kyoto.programme.pk))

    fill_in_the_student(page)
    page.get_by_label("Language test").select_option("none")
    page.get_by_label("Statement of purpose").fill("I want to study power electronics.")
    page.get_by_label("Transcript (PDF)").set_input_files(str(transcript))
    page.get_by_role("button", name="Submit application").click()

    expect(page.get_by_role("heading", name=f"Application sent: {call.title}")).to_be_visible()
    application = Application.objects.get()
    assert [choice.programme for choice in application.choices.order_by("rank")] == [lyon.programme, kyoto.programme]
