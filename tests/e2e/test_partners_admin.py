"""A Partnerships editor keeps an expiring agreement current, in real Chromium."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import expect

from core import roles
from core.demo_images import minimal_pdf
from partners.models import Agreement
from tests.core.factories import StaffUserFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def test_editor_renews_an_expiring_agreement_and_uploads_the_signed_pdf(live_server, page, tmp_path):
    # A transactional test flushes the tables, staff groups included: put them back.
    roles.apply_roles(Group, Permission)
    editor = StaffUserFactory(username="partnerships-editor", groups=[roles.PARTNERSHIPS])
    editor.save()
    partner = PartnerUniversityFactory(name_en="Tohoku Institute of Science")
    expiring = AgreementFactory(partner=partner, ends_on=timezone.localdate() + datetime.timedelta(days=20))
    AgreementFactory(ends_on=timezone.localdate() + datetime.timedelta(days=700))

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    panel = page.locator("#partnership-panel")
    expect(panel).to_contain_text("Expiring within 30 days")
    expect(panel).to_contain_text("Tohoku Institute of Science")
    panel.get_by_role("link", name="Expiring within 30 days").click()

    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    page.locator("#result_list tbody input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("prepare_renewal")
    page.get_by_role("button", name="Go").click()

    expect(page.locator(".messagelist")).to_contain_text("1 renewal draft ready")
    draft = Agreement.objects.get(renewal_of=expiring)
    assert re.search(rf"/admin/partners/agreement/{draft.pk}/change/", page.url)

    pdf = tmp_path / "signed-copy.pdf"
    pdf.write_bytes(minimal_pdf("Signed renewal"))
    page.locator("input[name='documents-0-title']").fill("Signed copy, English version")
    page.locator("input[name='documents-0-file']").set_input_files(str(pdf))
    page.locator("input[name='_continue']").click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    assert draft.documents.get().title == "Signed copy, English version"
