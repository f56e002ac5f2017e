"""The frame's parts (menu, footer, style sheets) kept rendered in the process: never out of date.

A part is kept under the language, every stored value of the site's settings and the values its
template names; these tests change each of them and read the page again.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import SiteSettings
from core.templatetags.portal import MAIN_MENU
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hant")


def menu_of(content):
    menu = content[content.index('<ul class="navbar-nav') :]
    return menu[: menu.index("</ul>")]


def menu_urls(language):
    with translation.override(language):
        return [reverse(name) for name, _label in MAIN_MENU]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_menu_page_is_the_one_marked_current_whatever_page_came_before(client, language):
    urls = menu_urls(language)
    # Read every page twice, in an order that puts each after every other: a kept menu of the
    # page before would show up as the wrong link marked.
    for url in urls + list(reversed(urls)):
        menu = menu_of(client.get(url).content.decode())
        assert re.findall(r'href="([^"]+)" aria-current="page"', menu) == [url]
        assert re.findall(r'class="nav-link active" href="([^"]+)"', menu) == [url]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_inside_a_section_marks_the_section_active_and_nothing_current(client, language):
    partner = PartnerUniversityFactory()
    with translation.override(language):
        partner_page, partner_list, home = partner.get_absolute_url(), reverse("partners:list"), reverse("home")
    client.get(partner_list)
    menu = menu_of(client.get(partner_page).content.decode())
    assert 'aria-current="page"' not in menu
    assert re.findall(r'class="nav-link active" href="([^"]+)"', menu) == [partner_list]
    assert "active" not in menu_of(client.get(home).content.decode())


def test_the_menu_speaks_the_pages_language(client):
    english = menu_of(client.get("/en/about/").content.decode())
    chinese = menu_of(client.get("/zh-hant/about/").content.decode())
    assert "Exchange programmes" in english and "Exchange programmes" not in chinese
    with translation.override("zh-hant"):
        assert str(MAIN_MENU[0][1]) in chinese and 'href="/zh-hant/programmes/"' in chinese


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_site_settings_save_shows_on_the_next_page_in_every_part(client, language):
    about = f"/{language}/about/"
    site = SiteSettings.get_solo()
    site.phone = "+886 6 253 3131"
    site.save()
    before = client.get(about).content.decode()
    assert 'href="tel:+88662533131"' in before
    site.phone = "+886 6 000 1234"
    setattr(site, f"office_name_{language.replace('-', '_')}", "Global Engagement Office")
    site.short_name = "NEWU"
    site.save()
    after = client.get(about).content.decode()
    footer, header = after[after.index("<footer") :], after[: after.index("<main")]
    assert "+886 6 000 1234" in footer and 'href="tel:+88660001234"' in footer
    assert "+886 6 253 3131" not in after
    assert "Global Engagement Office" in footer and "Global Engagement Office" in header
    assert '<span class="brand-short">NEWU</span>' in header
