"""Keyboard-only journeys in real Chromium: Tab, Shift+Tab, Enter, Space, arrows and typing.

No click, no fill(): every field is reached with Tab and filled by typing, every
button is pressed with Enter or Space. After every key press the focused element
must show a visible focus indicator (an outline or a focus ring) and be on screen.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from core.demo_images import minimal_pdf
from events.models import Registration
from exchanges.models import Application
from tests.events.factories import RegistrationEventFactory
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
)
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS_PROBLEM = """() => {
  // Set before each key press: missing, the key loaded a new page.
  const freshPage = window.__sameDocument !== true;
  const el = document.activeElement;
  // A page just loaded starts with the focus on the document, as every page does.
  if (!el || el === document.body) return freshPage ? "" : "nothing has the focus";
  // The skip link's target: the content area, which is not a control.
  if (el.tagName === "MAIN" && el.tabIndex < 0) return "";
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.textContent || el.name || "").trim().slice(0, 40);
  if (!(outline || ring)) return "no visible focus indicator on " + name;
  if (box.width < 1 || box.height < 1) return "the focused element is not rendered: " + name;
  if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) return "the focused element is off screen: " + name;
  return "";
}"""


class Keyboard:
    """Moves through a page with the keyboard only, checking the focus after every key."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def evaluate(self, script, arg=None):
        """Run a script in the page; if a navigation the key started replaces the page, in the new one."""
        for _ in range(10):
            try:
                return self.page.evaluate(script, arg)
            except PlaywrightError as error:
                if "context was destroyed" not in str(error) and "navigat" not in str(error):
                    raise
                self.page.wait_for_load_state()
        raise AssertionError(f"{self.page.url} kept navigating")

    def press(self, key):
        self.evaluate("() => { window.__sameDocument = true; }")
        self.page.keyboard.press(key)
        self.presses += 1
        self.page.wait_for_load_state()
        self.assert_visible_focus(key)

    def assert_visible_focus(self, after):
        problem = self.evaluate(FOCUS_PROBLEM)
        assert not problem, f"after {after} on {self.page.url}: {problem}"

    def is_focused(self, locator):
        for _ in range(10):
            try:
                return locator.evaluate("element => element === document.activeElement")
            except PlaywrightError as error:
                if "context was destroyed" not in str(error) and "navigat" not in str(error):
                    raise
                self.page.wait_for_load_state()
        return False

    def tab_to(self, locator, limit=120, backwards=False):
        """Tab (or Shift+Tab) until the element has the focus."""
        locator.wait_for(state="attached")
        for _ in range(limit):
            self.press("Shift+Tab" if backwards else "Tab")
            if self.is_focused(locator):
                return
        raise AssertionError(f"{limit} Tab presses on {self.page.url} never reached {locator}")

    def type_into(self, locator, text):
        self.tab_to(locator)
        self.page.keyboard.type(text)
        self.assert_visible_focus(f"typing {text!r}")

    def choose(self, select, label):
        """A <select>: typing an option's first letters picks it, as a keyboard user does."""
        self.tab_to(select)
        self.page.keyboard.type(label)
        self.assert_visible_focus(f"typing {label!r}")
        expect(select.locator("option:checked")).to_have_text(re.compile(re.escape(label)))

    def activate(self, locator, key="Enter"):
        self.tab_to(locator)
        self.press(key)

    def attach(self, file_input, path):
        """A file input opens the system's file chooser on Space; the chooser gets the file."""
        self.tab_to(file_input)
        # On a loaded machine the first Space can open the chooser before Chromium
        # intercepts it (it is then dismissed unseen); the input keeps the focus, so press again.
        for _ in range(3):
            try:
                with self.page.expect_file_chooser(timeout=10_000) as chooser:
                    self.page.keyboard.press("Space")
                break
            except PlaywrightTimeoutError:
                assert self.is_focused(file_input), f"the focus left {file_input} without a file chooser"
        else:
            raise AssertionError(f"Space on {file_input} never opened a file chooser")
        chooser.value.set_files(str(path))
        self.assert_visible_focus("choosing a file")


@pytest.fixture
def keys(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    # Bootstrap scrolls smoothly unless the user asks for less motion: the focused element
    # is then on screen at once, not some frames after the key.
    page.emulate_media(reduced_motion="reduce")
    # Listening from the start turns on Chromium's file-chooser interception before any key press.
    page.on("filechooser", lambda chooser: None)
    return Keyboard(page)


def offer_at(call, country, title, city):
    partner = PartnerUniversityFactory(country=country, name_en=f"{city} University", city_en=city)
    return CallProgrammeFactory(call=call, programme=ExchangeProgramFactory(partner=partner, title_en=title), seats=2)


def test_skip_link_comes_first_and_moves_the_focus_to_the_content(live_server, page, keys):
    page.goto(f"{live_server.url}/en/")
    keys.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    keys.press("Enter")
    assert page.evaluate("document.activeElement.id || document.activeElement.closest('main')?.id") == "main"


def test_programme_finder_with_filters_then_the_whole_application(live_server, page, keys, tmp_path):
    call = ApplicationCallFactory()
    lyon = offer_at(call, "FR", "Lyon semester", "Lyon")
    offer_at(call, "JP", "Kyoto semester", "Kyoto")
    transcript = tmp_path / "transcript.pdf"
    transcript.write_bytes(minimal_pdf("Transcript"))

    page.goto(f"{live_server.url}/en/programmes/")
    keys.choose(page.get_by_label("Region"), "Europe")
    keys.choose(page.get_by_label("Kind of programme"), "Semester")
    keys.activate(page.get_by_role("button", name="Show programmes"))
    expect(page).to_have_url(re.compile(r"region=europe"))
    expect(page.get_by_role("heading", name="1 programme matches")).to_be_visible()
    keys.activate(page.get_by_role("link", name="Lyon semester"))
    expect(page.get_by_role("heading", name="Lyon semester")).to_be_visible()
    keys.activate(page.get_by_role("link", name="Apply now"))
    expect(page.get_by_label("Choice 1")).to_have_value(str(lyon.programme.pk))  # from the programme's page

    # First without a statement: the form comes back with the error and keeps what was typed.
    keys.type_into(page.get_by_label("Name in English"), "Lin Chia-Hao")
    keys.type_into(page.get_by_label("Name in Chinese"), "林家豪")
    keys.type_into(page.get_by_label("Student ID"), "4A1120034")
    keys.type_into(page.get_by_label("University e-mail"), "4a1120034@stust.example.edu.tw")
    keys.choose(page.get_by_label("Department"), "Department of Electrical")
    keys.choose(page.get_by_label("Year of study"), "Undergraduate, third year")
    keys.type_into(page.get_by_label("GPA"), "3.65")
    keys.choose(page.get_by_label("Language test"), "No test")
    keys.attach(page.get_by_label("Transcript (PDF)"), transcript)
    keys.activate(page.get_by_role("button", name="Submit application"))
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    expect(page.get_by_label("Name in English")).to_have_value("Lin Chia-Hao")

    keys.type_into(page.get_by_label("Statement of purpose"), "I want to study power electronics in Lyon.")
    keys.attach(page.get_by_label("Transcript (PDF)"), transcript)  # browsers never keep a chosen file
    keys.activate(page.get_by_role("button", name="Submit application"))
    # The page after sending names nothing of the application: the status link travels by e-mail only.
    expect(page.get_by_role("heading", name=re.compile(r"^Application sent: "))).to_be_visible()
    application = Application.objects.get()
    expect(page.get_by_text(application.reference)).to_have_count(0)
    assert len(mail.outbox) == 1 and application.token in mail.outbox[0].body


def test_withdrawing_from_the_status_page(live_server, page, keys):
    offer = CallProgrammeFactory()
    application = ApplicationFactory(call=offer.call)
    ApplicationChoiceFactory(application=application, programme=offer.programme)
    application.status_changes.create(to_status=Application.Status.SUBMITTED)

    page.goto(live_server.url + application.get_status_url())
    keys.activate(page.get_by_role("button", name="Withdraw my application"))
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    keys.activate(page.get_by_label("I want to withdraw my application"), key="Space")
    expect(page.get_by_label("I want to withdraw my application")).to_be_checked()
    keys.activate(page.get_by_role("button", name="Withdraw my application"))
    expect(page.locator(".application-status")).to_have_text("Withdrawn")
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_event_registration_and_cancelling(live_server, page, keys, settings):
    settings.SITE_URL = live_server.url
    event = RegistrationEventFactory(title_en="Info session on Japan", capacity=10)

    page.goto(f"{live_server.url}/en/events/{event.slug}/")
    keys.type_into(page.get_by_role("textbox", name="Name"), "Mei Lin")
    keys.type_into(page.get_by_role("textbox", name="E-mail"), "mei@example.org")
    keys.type_into(page.get_by_role("textbox", name="Affiliation"), "NCKU")
    keys.activate(page.get_by_label(re.compile("I agree")), key="Space")
    keys.activate(page.get_by_role("button", name="Register"))
    expect(page.get_by_role("status")).to_contain_text("You are registered")

    cancel_url = re.search(r"(http\S+/cancel/)", mail.outbox[0].body).group(1)
    page.goto(cancel_url)
    keys.activate(page.get_by_role("button", name="Cancel my registration"))
    expect(page.get_by_role("status")).to_contain_text("cancelled")
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_search_from_the_header_to_a_result(live_server, page, keys):
    PartnerUniversityFactory(name_en="Tartu University of Applied Sciences", slug="tartu")

    page.goto(f"{live_server.url}/en/")
    keys.type_into(page.get_by_role("searchbox", name="Search the portal"), "Tartu")
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Tartu"))
    keys.activate(page.get_by_role("link", name="Tartu University of Applied Sciences").first)
    expect(page).to_have_url(re.compile(r"/en/partners/tartu/$"))


def test_switching_language_and_back(live_server, page, keys):
    PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學", slug="kyoto")

    page.goto(f"{live_server.url}/en/partners/kyoto/")
    keys.activate(page.locator('.language-switcher a[hreflang="zh-hant"]'))
    expect(page).to_have_url(re.compile(r"/zh-hant/partners/kyoto/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    expect(page.get_by_role("heading", name="京都大學")).to_be_visible()
    keys.activate(page.locator('.language-switcher a[hreflang="en"]'))
    expect(page).to_have_url(re.compile(r"/en/partners/kyoto/$"))
    expect(page.get_by_role("heading", name="Kyoto University")).to_be_visible()


def test_choosing_programmes_of_a_large_call_by_its_search_in_chinese(live_server, page, keys, monkeypatch):
    monkeypatch.setattr("exchanges.forms.LISTED_AT_MOST", 1)
    call = ApplicationCallFactory()
    kyoto = offer_at(call, "JP", "Kyoto semester", "Kyoto")
    kyoto.programme.partner.name_zh_hant = "京都大學"
    kyoto.programme.partner.save()
    offer_at(call, "FR", "Lyon semester", "Lyon")
    page.goto(f"{live_server.url}{call.get_apply_url().replace('/en/', '/zh-hant/')}")
    keys.type_into(page.get_by_label("搜尋本次申請的計畫"), "京都")
    keys.press("Enter")
    expect(page.get_by_role("link", name=re.compile("^加入"))).to_have_count(1)
    keys.activate(page.get_by_role("link", name=re.compile("^加入")))
    expect(page.get_by_label("第 1 志願")).to_have_value(str(kyoto.programme.pk))
    keys.activate(page.get_by_role("link", name=re.compile("^移除")))
    expect(page.get_by_label("第 1 志願").locator("option")).to_have_count(1)
