"""Site search: what is found, in which order, how it is shown, and what is never shown."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.models import SiteSettings
from oia_portal.search import backends
from oia_portal.search.kinds import KINDS, KINDS_BY_KEY
from oia_portal.search.query import MAX_QUERY_LENGTH, clean_query, query_terms
from oia_portal.search.results import search_group
from oia_portal.search.snippets import HeadlineMarkers, highlight
from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import ExchangeProgramFactory
from tests.partners.factories import PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory

pytestmark = pytest.mark.django_db


def search_url(language="en", **params):
    with translation.override(language):
        url = reverse("search")
    return url, params


def get_search(client, language="en", **params):
    url, params = search_url(language, **params)
    return client.get(url, params)


def found_titles(kind_key, query, language="en"):
    with translation.override(language):
        return [result.title for result in search_group(KINDS_BY_KEY[kind_key], query, 10).results]


# --- Cleaning what was typed --------------------------------------------------------------


def test_clean_query_turns_control_characters_into_spaces():
    assert clean_query("kyoto\x00\x07univ\u200bersity\r\n") == "kyoto univ ersity"


def test_clean_query_caps_the_length():
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH


def test_query_terms_skip_single_latin_letters_but_keep_single_chinese_characters():
    assert query_terms('a "Kyoto" or 日 kyoto b2') == ["Kyoto", "日", "b2"]


# --- Snippets -----------------------------------------------------------------------------


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight("<b>Kyoto</b> & kyoto", ["kyoto"])
    assert html == "&lt;b&gt;<mark>Kyoto</mark>&lt;/b&gt; &amp; <mark>kyoto</mark>"


def test_highlight_cuts_long_text_around_the_first_match():
    text = "word " * 100 + "京都大學 is here " + "more " * 100
    html = highlight(text, ["京都"])
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>京都</mark>大學" in html
    assert len(html) < 260


def test_headline_markers_become_mark_tags_and_nothing_else_is_markup():
    markers = HeadlineMarkers()
    headline = f"<img src=x onerror=alert(1)> {markers.start}exchange{markers.stop} hlstartforged"
    assert markers.to_html(headline) == "&lt;img src=x onerror=alert(1)&gt; <mark>exchange</mark> hlstartforged"


def test_headline_without_markers_gives_nothing_so_python_builds_the_snippet():
    assert HeadlineMarkers().to_html("京都大學位於京都") == ""


# --- Finding and ranking (PostgreSQL path) -------------------------------------------------


def test_title_match_outranks_body_only_match():
    NewsArticleFactory(title_en="Campus life update", body_en="A short note about Fulbright grants.")
    NewsArticleFactory(title_en="Fulbright grants announced", body_en="Details follow.")
    assert found_titles("news", "Fulbright") == ["Fulbright grants announced", "Campus life update"]


def test_chinese_query_finds_partner_by_part_of_its_name():
    PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學")
    PartnerUniversityFactory(name_en="Osaka University", name_zh_hant="大阪大學", city_zh_hant="大阪")
    assert found_titles("partners", "京都", "zh-hant") == ["京都大學"]


def test_two_chinese_characters_find_a_news_title():
    NewsArticleFactory(title_en="Summer camp", title_zh_hant="暑期營隊報名開始", body_zh_hant="歡迎報名。")
    NewsArticleFactory(title_en="Other news", title_zh_hant="其他消息", body_zh_hant="沒有關係。")
    assert found_titles("news", "營隊", "zh-hant") == ["暑期營隊報名開始"]


def test_common_chinese_word_finds_many():
    for name in ("京都大學", "大阪大學", "釜山大學"):
        PartnerUniversityFactory(name_zh_hant=name)
    assert search_group(KINDS_BY_KEY["partners"], "大學", 2).total == 3


def test_english_plural_finds_singular_through_stemming():
    # In the description: names also match by trigram similarity, which would hide a stemming bug.
    ExchangeProgramFactory(title_en="Semester in Kyoto", description_en="A one-term exchange with a partner.")
    ExchangeProgramFactory(title_en="Summer school", description_en="Courses in July.")
    assert found_titles("programmes", "exchanges") == ["Semester in Kyoto"]


def test_typo_in_a_name_still_finds_it():
    PartnerUniversityFactory(name_en="Kyoto Institute of Design")
    assert found_titles("partners", "Kyotto") == ["Kyoto Institute of Design"]


def test_country_name_in_chinese_finds_partners_in_that_country():
    PartnerUniversityFactory(name_en="Kyoto University", country="JP")
    PartnerUniversityFactory(name_en="Busan University", country="KR")
    assert found_titles("partners", "日本") == ["Kyoto University"]


def test_english_query_finds_chinese_name_shown_in_current_language(client):
    PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學")
    response = get_search(client, "zh-hant", q="Kyoto")
    assert ">京都大學</a>" in response.content.decode()


def test_postgresql_headline_highlights_stemmed_match():
    NewsArticleFactory(title_en="Grants", summary_en="", body_en="Three students joined the exchange this spring.")
    with translation.override("en"):
        [result] = search_group(KINDS_BY_KEY["news"], "exchanges", 5).results
    assert "<mark>exchange</mark>" in result.snippet


# --- Never found ---------------------------------------------------------------------------


def test_unpublished_partner_is_never_found():
    PartnerUniversityFactory(name_en="Hidden Lakes University", is_published=False)
    assert found_titles("partners", "Hidden Lakes") == []


def test_unpublished_programme_is_never_found():
    ExchangeProgramFactory(title_en="Secret semester", is_published=False)
    assert found_titles("programmes", "Secret semester") == []


def test_programme_of_unpublished_partner_is_never_found():
    ExchangeProgramFactory(title_en="Secret semester", partner=PartnerUniversityFactory(is_published=False))
    assert found_titles("programmes", "Secret semester") == []


def test_unpublished_scholar_is_never_found():
    ScholarFactory(name_en="Ada Hidden", is_published=False)
    assert found_titles("scholars", "Ada Hidden") == []


def test_unpublished_event_is_never_found():
    EventFactory(title_en="Secret seminar", is_published=False)
    assert found_titles("events", "Secret seminar") == []


def test_unpublished_news_is_never_found():
    NewsArticleFactory(title_en="Draft announcement", is_published=False)
    assert found_titles("news", "Draft announcement") == []


def test_scheduled_news_is_not_found_before_its_time():
    NewsArticleFactory(title_en="Embargoed announcement", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert found_titles("news", "Embargoed") == []


def test_page_never_mentions_unpublished_things_or_counts_them(client):
    NewsArticleFactory(title_en="Embargoed results", published_at=timezone.now() + datetime.timedelta(days=1))
    EventFactory(title_en="Embargoed event", is_published=False)
    NewsArticleFactory(title_en="Public results")
    content = get_search(client, q="results").content.decode()
    assert "Embargoed" not in content
    assert "1 result for" in content


# --- The page ------------------------------------------------------------------------------


def test_empty_query_shows_help_and_runs_no_search(client, django_assert_num_queries):
    SiteSettings.get_solo()
    with django_assert_num_queries(0):
        response = get_search(client, q="   ")
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_nothing_found_suggests_what_to_try(client):
    response = get_search(client, q="zzzqqq")
    assert "Nothing found for “zzzqqq”" in response.content.decode()
    assert "Check the spelling" in response.content.decode()


def test_results_are_grouped_by_kind_with_counts(client):
    PartnerUniversityFactory(name_en="Harbour University")
    EventFactory(title_en="Harbour festival")
    NewsArticleFactory(title_en="Harbour news")
    content = get_search(client, q="Harbour").content.decode()
    assert "3 results for “Harbour”" in content
    positions = [content.index(f'id="results-{key}"') for key in ("partners", "events", "news")]
    assert positions == sorted(positions)
    assert 'id="results-scholars"' not in content


def test_group_shows_a_few_results_and_links_to_all_of_them(client):
    for number in range(7):
        EventFactory(title_en=f"Harbour festival {number}")
    response = get_search(client, q="Harbour")
    group = response.context["groups"][KINDS.index(KINDS_BY_KEY["events"])]
    assert (group.total, len(group.results)) == (7, 5)
    assert "Show all 7 results in Events" in response.content.decode()
    assert "kind=events" in response.content.decode()


def test_kind_filter_pages_through_one_kind(client):
    for number in range(23):
        EventFactory(title_en=f"Harbour festival {number}")
    PartnerUniversityFactory(name_en="Harbour University")
    response = get_search(client, q="Harbour", kind="events", page=2)
    [group] = response.context["groups"]
    assert (group.kind.key, group.total, len(group.results)) == ("events", 23, 3)
    assert "Harbour University" not in response.content.decode()


def test_unknown_kind_or_page_is_ignored(client):
    PartnerUniversityFactory(name_en="Harbour University")
    assert get_search(client, q="Harbour", kind="nonsense").status_code == 200
    response = get_search(client, q="Harbour", kind="partners", page="x'")
    assert response.status_code == 200
    assert "Harbour University" in response.content.decode()


def test_query_is_kept_in_both_search_boxes(client):
    content = get_search(client, q="京都").content.decode()
    assert content.count('value="京都"') == 2


def test_page_is_in_chinese_on_the_chinese_site(client):
    PartnerUniversityFactory(name_en="Harbour University", name_zh_hant="港灣大學")
    content = get_search(client, "zh-hant", q="港灣").content.decode()
    assert '<html lang="zh-hant">' in content
    assert ">港灣大學</a>" in content
    assert "搜尋" in content


def test_snippet_is_taken_from_the_current_language(client):
    PartnerUniversityFactory(
        name_en="Harbour University", description_en="By the sea.", description_zh_hant="港灣旁的大學。"
    )
    content = get_search(client, "zh-hant", q="Harbour").content.decode()
    assert "港灣旁的大學。" in content
    assert "By the sea." not in content


def test_result_shows_where_a_programme_is(client):
    ExchangeProgramFactory(title_en="Harbour semester", partner=PartnerUniversityFactory(name_en="Busan University"))
    assert "Busan University · Semester exchange" in get_search(client, q="Harbour").content.decode()


def test_scholar_result_does_not_name_an_unpublished_home_partner(client):
    hidden = PartnerUniversityFactory(name_en="Hidden Lakes University", is_published=False)
    ScholarFactory(name_en="Ada Harbour", home_partner=hidden)
    content = get_search(client, q="Harbour").content.decode()
    assert "Ada Harbour" in content
    assert "Hidden Lakes" not in content


def test_search_pages_ask_not_to_be_indexed(client):
    assert '<meta name="robots" content="noindex">' in get_search(client, q="Harbour").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE partners_partneruniversity; --",
        "100% _match_ \\",
        '<script>alert("x")</script>',
        "a\x00b\x1b[31m",
        '& | ! ( ) :* <-> "unclosed',
        "京都" * 500,
        "or",
        "-",
    ],
)
def test_hostile_queries_never_fail_and_are_escaped(client, query):
    PartnerUniversityFactory(name_en="Harbour University")
    response = get_search(client, q=query)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "\x00" not in content


def test_substring_match_takes_percent_and_underscore_literally():
    news = KINDS_BY_KEY["news"]
    NewsArticleFactory(title_en="Scholarship covers 100% of tuition")
    NewsArticleFactory(title_en="Scholarship covers 1000 dollars")
    matching = news.queryset().filter(backends.substring_filter(news, ["100%"]))
    assert [article.title for article in matching] == ["Scholarship covers 100% of tuition"]
    assert not news.queryset().filter(backends.substring_filter(news, ["s_h"])).exists()


def test_stored_script_in_a_body_comes_out_escaped(client):
    NewsArticleFactory(
        title_en="Exchange fair", summary_en="", body_en="<script>alert('x')</script> exchange fair today"
    )
    content = get_search(client, q="fair").content.decode()
    assert "<script>alert" not in content
    assert "<mark>fair</mark>" in content


def test_stored_script_in_a_title_comes_out_escaped(client):
    PartnerUniversityFactory(name_en="<script>alert('x')</script> Harbour University")
    content = get_search(client, q="Harbour").content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Harbour University" in content


# --- Query counts --------------------------------------------------------------------------


def make_rows_of_every_kind(count):
    for number in range(count):
        partner = PartnerUniversityFactory(name_en=f"Harbour University {number}")
        ExchangeProgramFactory(title_en=f"Harbour exchange {number}", partner=partner)
        ScholarFactory(name_en=f"Harbour Scholar {number}", home_partner=partner)
        EventFactory(title_en=f"Harbour festival {number}")
        NewsArticleFactory(title_en=f"Harbour news {number}")


# The ranking of each kind, then the rows shown of each of the five kinds that found some.
OVERVIEW_QUERIES = len(KINDS) + 5


@pytest.mark.parametrize("rows", [3, 30])
def test_results_page_runs_two_queries_per_kind_at_most(client, django_assert_num_queries, rows):
    make_rows_of_every_kind(rows)
    SiteSettings.get_solo()  # cached on every page in production
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = get_search(client, q="Harbour")
    assert response.context["total"] == 5 * rows


@pytest.mark.parametrize("rows", [3, 30])
def test_rows_found_again_come_from_their_kept_cards(client, django_assert_num_queries, rows):
    make_rows_of_every_kind(rows)
    SiteSettings.get_solo()
    first = get_search(client, q="Harbour").content.decode()
    with django_assert_num_queries(len(KINDS)):  # the rankings only: no row is read again
        again = get_search(client, q="Harbour").content.decode()
    strip = lambda html: re.sub(r"hlst\w+", "", html)  # noqa: E731 - each search marks with its own tokens
    assert strip(again) == strip(first)


def test_a_kept_card_follows_its_row_and_the_rows_it_names(client):
    partner = PartnerUniversityFactory(name_en="Harbour University", city_en="Keelung")
    ExchangeProgramFactory(title_en="Harbour exchange", partner=partner)
    ScholarFactory(name_en="Harbour Scholar", home_partner=partner, home_institution="Somewhere Institute")
    get_search(client, q="Harbour")  # every card kept

    partner.city_en = "Tamsui"
    partner.save()
    content = get_search(client, q="Harbour").content.decode()
    assert "Tamsui" in content and "Keelung" not in content  # the partner's own card
    partner.name_en = "Renamed Harbour University"
    partner.save()
    content = get_search(client, q="Harbour exchange").content.decode()
    assert "Renamed Harbour University" in content  # the programme's card names its partner
    def scholars_institution():
        with translation.override("en"):
            return search_group(KINDS_BY_KEY["scholars"], "Harbour Scholar", 5).results[0].details[-1]

    assert scholars_institution() == "Renamed Harbour University"
    partner.is_published = False
    partner.save()
    assert scholars_institution() == "Somewhere Institute"  # an unpublished partner is no longer named


@pytest.mark.parametrize("rows", [3, 30])
def test_one_kind_page_runs_a_count_and_a_page_query(client, django_assert_num_queries, rows):
    make_rows_of_every_kind(rows)
    SiteSettings.get_solo()
    with django_assert_num_queries(2):
        response = get_search(client, q="Harbour", kind="programmes")
    assert response.context["total"] == rows


# --- Substring matching, which the full-text search ORs in ------------------------------------


def test_substring_ranks_title_match_before_body_match():
    NewsArticleFactory(title_en="Campus life update", body_en="A short note about Fulbright grants.")
    NewsArticleFactory(title_en="Fulbright grants announced", body_en="Details follow.")
    assert found_titles("news", "Fulbright") == ["Fulbright grants announced", "Campus life update"]


def test_substring_finds_chinese_substring():
    PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學")
    PartnerUniversityFactory(name_en="Osaka University", name_zh_hant="大阪大學", city_zh_hant="大阪")
    assert found_titles("partners", "京都", "zh-hant") == ["京都大學"]


def test_substring_needs_every_word():
    EventFactory(title_en="Harbour festival")
    EventFactory(title_en="Harbour lecture")
    assert found_titles("events", "festival harbour") == ["Harbour festival"]


def test_substring_never_finds_scheduled_news():
    NewsArticleFactory(title_en="Embargoed announcement", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert found_titles("news", "Embargoed") == []


def test_substring_query_count_is_the_overviews(client, django_assert_num_queries):
    make_rows_of_every_kind(3)
    SiteSettings.get_solo()
    with django_assert_num_queries(OVERVIEW_QUERIES):
        get_search(client, q="Harbour")
