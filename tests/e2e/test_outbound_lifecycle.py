"""The outbound lifecycle in a real browser: a call scored, placed and its results published (by
reference number only), nominations e-mailed to the partners through the outbox, a host's decision
recorded, and the student following it and completing the checklist on the status page, in English
and in Chinese."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.demo_images import minimal_pdf
from core.roles import EXCHANGE_COORDINATORS, apply_roles
from exchanges.models import Application, ChecklistItem, MobilityRecord, Nomination
from outbox.models import Message
from partners.models import PartnerContact
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
S = Application.Status


def programme(call, title, contact):
    partner = PartnerUniversityFactory(name_en=f"{title} University")
    PartnerContact.objects.create(partner=partner, name="Exchange desk", email=contact, receives_nominations=True)
    offer = CallProgrammeFactory(call=call, seats=1, programme=ExchangeProgramFactory(partner=partner, title_en=title))
    return offer.programme


def applicant(call, name, *choices):
    application = ApplicationFactory(call=call, name_en=name, status=S.SUBMITTED, interview_score=None)
    for rank, chosen in enumerate(choices, start=1):
        ApplicationChoiceFactory(application=application, programme=chosen, rank=rank)
    return application


def status_path(application, language):
    with translation.override(language):  # the e-mailed link is in the language applied in; the page has both
        return reverse("exchanges:status", kwargs={"token": application.token})


@pytest.fixture
def call():
    now = timezone.now()
    call = ApplicationCallFactory(
        opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=2),
        weight_gpa=0, weight_language=0, weight_interview=100,
    )
    today = timezone.localdate()
    ChecklistItem.objects.create(
        call=call, kind=ChecklistItem.Kind.FACT, title_en="Emergency contact", title_zh_hant="緊急聯絡人",
        due_on=today + datetime.timedelta(days=20), position=0,
    )
    ChecklistItem.objects.create(
        call=call, kind=ChecklistItem.Kind.DOCUMENT, title_en="Insurance certificate", title_zh_hant="保險證明",
        due_on=today + datetime.timedelta(days=25), position=1,
    )
    return call


def test_outbound_lifecycle_from_scores_to_a_completed_checklist(live_server, page, browser, call, tmp_path):
    kyoto = programme(call, "Kyoto semester", "exchange@kyoto.example.ac.jp")
    seoul = programme(call, "Seoul semester", "exchange@seoul.example.ac.kr")
    lin = applicant(call, "Lin Mei", kyoto)
    chen = applicant(call, "Chen Hao", kyoto, seoul)  # gets Seoul, waits to move up to Kyoto
    wang = applicant(call, "Wang Yu", seoul)  # waits on Seoul
    apply_roles(Group, Permission)
    StaffUserFactory(username="coordinator", groups=[EXCHANGE_COORDINATORS]).save()

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()

    # Scored: interview scores typed into the applications changelist.
    page.goto(f"{live_server.url}/admin/exchanges/application/?call__id__exact={call.pk}")
    for application, score in ((lin, "92"), (chen, "85"), (wang, "70")):
        page.locator("tr", has_text=application.reference).get_by_label("Interview score").fill(score)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Application.objects.get(pk=lin.pk).score == Decimal("92.00")

    # Placed: the preview, then the confirmation.
    page.goto(f"{live_server.url}/admin/exchanges/applicationcall/{call.pk}/placement/")
    expect(page.locator("#summary-placed")).to_have_text("2")
    expect(page.locator("#summary-first")).to_have_text("1")
    expect(page.locator("#summary-waiting")).to_have_text("1")
    page.get_by_role("button", name="Confirm this placement: nominate and e-mail the applicants").click()
    expect(page.locator(".messagelist")).to_contain_text("The placement is confirmed")

    # Published: the action on the list of calls.
    page.goto(f"{live_server.url}/admin/exchanges/applicationcall/")
    page.locator(f"input[name=_selected_action][value='{call.pk}']").check()
    page.locator("select[name=action]").select_option("publish_results")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).first.click()
    expect(page.locator(".messagelist")).to_contain_text("Results published for 1 calls")

    # The public results page: reference numbers only, in both languages.
    visitor = browser.new_context().new_page()
    call.refresh_from_db()
    for language in ("en", "zh-hant"):
        with translation.override(language):
            visitor.goto(live_server.url + call.get_results_url())
        kyoto_section = visitor.locator(f"section[aria-labelledby=programme-{kyoto.pk}]")
        expect(kyoto_section.locator(".results-admitted")).to_contain_text(lin.reference)
        expect(kyoto_section.locator(".results-waiting")).to_contain_text(chen.reference)
        seoul_section = visitor.locator(f"section[aria-labelledby=programme-{seoul.pk}]")
        expect(seoul_section.locator(".results-admitted")).to_contain_text(chen.reference)
        expect(seoul_section.locator(".results-waiting")).to_contain_text(wang.reference)
        html = visitor.content()
        assert all(name not in html for name in ("Lin Mei", "Chen Hao", "Wang Yu"))

    # Nominations: one e-mail per partner, with its CSV, through the outbox.
    mail.outbox.clear()
    page.goto(f"{live_server.url}/admin/exchanges/applicationcall/{call.pk}/nominations/")
    page.get_by_role("button", name="Send the nominations").click()
    expect(page.locator(".messagelist")).to_contain_text("Nominations e-mailed to 2 partners")
    sent = Message.objects.filter(topic="exchanges/email/nominations").order_by("recipient")
    assert [m.recipient for m in sent] == ["exchange@kyoto.example.ac.jp", "exchange@seoul.example.ac.kr"]
    assert all(m.status == Message.Status.SENT and m.attachments.count() == 1 for m in sent)
    kyoto_mail = next(m for m in mail.outbox if m.to == ["exchange@kyoto.example.ac.jp"])
    filename, content, mimetype = kyoto_mail.attachments[0]
    assert mimetype == "text/csv" and lin.reference in content and chen.reference not in content

    # The host's decision, with the acceptance letter.
    letter = tmp_path / "acceptance.pdf"
    letter.write_bytes(minimal_pdf("Letter of acceptance"))
    nomination = Nomination.objects.get(application=lin)
    page.goto(f"{live_server.url}/admin/exchanges/nomination/{nomination.pk}/change/")
    page.get_by_label("Record the partner's decision").select_option("accepted")
    page.get_by_label("Acceptance letter (PDF)").set_input_files(str(letter))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()

    # The student sees the decision and completes the checklist: in English ...
    student = browser.new_context().new_page()
    student.goto(live_server.url + status_path(lin, "en"))
    expect(student.locator(".application-status")).to_have_text("Accepted by the partner")
    expect(student.locator(".host-decision")).to_have_text("Accepted by the partner")
    expect(student.get_by_text("0 of 2 done")).to_be_visible()
    fact = student.locator("li.checklist-item", has_text="Emergency contact")
    fact.get_by_label("Your answer").fill("Lin Hua, mother, +886 912 345 678")
    fact.get_by_role("button", name="Send").click()
    expect(student.get_by_text("1 of 2 done")).to_be_visible()

    # ... and in Chinese.
    certificate = tmp_path / "insurance.pdf"
    certificate.write_bytes(minimal_pdf("Insurance certificate"))
    student.goto(live_server.url + status_path(lin, "zh-hant"))
    expect(student.locator(".application-status")).to_have_text("姊妹校已錄取")
    expect(student.get_by_text("已完成 1／2 項")).to_be_visible()
    document = student.locator("li.checklist-item", has_text="保險證明")
    document.get_by_label("檔案（PDF 或圖片）").set_input_files(str(certificate))
    document.get_by_role("button", name="寄出").click()
    expect(student.locator(".checklist-complete")).to_have_text("所有項目皆已完成，本處已登錄您的出國紀錄。祝您出發順利！")
    assert MobilityRecord.objects.filter(application=lin).exists()

    # The nominee on their second choice still waits to move up to their first.
    student.goto(live_server.url + status_path(chen, "en"))
    expect(student.locator(".waiting-to-move-up")).to_contain_text("Kyoto semester")
