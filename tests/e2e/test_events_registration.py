import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import Registration
from tests.events.factories import RegistrationEventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_registers_gets_the_email_and_cancels(live_server, page, settings):
    settings.SITE_URL = live_server.url
    event = RegistrationEventFactory(title_en="Info session on Japan", capacity=10)
    page.goto(f"{live_server.url}/en/events/{event.slug}/")
    page.get_by_role("textbox", name="Name").fill("Mei Lin")
    page.get_by_role("textbox", name="E-mail").fill("mei@example.org")
    page.get_by_role("textbox", name="Affiliation").fill("NCKU")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    expect(page.locator("#registration")).to_contain_text("9 seats left")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mei@example.org"]
    cancel_url = re.search(r"(http\S+/cancel/)", message.body).group(1)

    page.goto(cancel_url)
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_contain_text("cancelled")
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    expect(page.locator("#registration")).to_contain_text("10 seats left")


def test_visitor_registering_in_chinese_gets_a_chinese_email(live_server, page, settings):
    settings.SITE_URL = live_server.url
    event = RegistrationEventFactory()
    page.goto(f"{live_server.url}/zh-hant/events/{event.slug}/")
    page.get_by_role("textbox", name="姓名").fill("林美玲")
    page.get_by_role("textbox", name="電子郵件").fill("mei@example.org")
    page.get_by_label(re.compile("我同意")).check()
    page.get_by_role("button", name="報名").click()
    expect(page.get_by_role("status")).to_contain_text("報名成功")
    assert "報名成功" in mail.outbox[0].subject
    assert "/zh-hant/events/registrations/" in mail.outbox[0].body


def test_registration_errors_are_shown_and_typed_values_kept(live_server, page):
    event = RegistrationEventFactory()
    page.goto(f"{live_server.url}/en/events/{event.slug}/")
    page.get_by_role("textbox", name="Name").fill("Mei Lin")
    page.get_by_role("textbox", name="E-mail").fill("mei@example.org")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("textbox", name="Name")).to_have_value("Mei Lin")
    expect(page.locator("#registration")).to_contain_text("Please agree")
    assert not Registration.objects.exists()
