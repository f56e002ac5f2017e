import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone, translation

from core.models import SiteSettings
from tests.core import users
from tests.core.factories import UserFactory
from tests.events.factories import NewsArticleFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the portal's own output, parsed in a test


@pytest.fixture
def scheduled():
    return NewsArticleFactory(title_en="Tomorrow's secret", published_at=timezone.now() + datetime.timedelta(days=1))


@pytest.fixture
def draft():
    return NewsArticleFactory(title_en="Unfinished draft", is_published=False)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_news_list_shows_published_articles(client, language):
    article = NewsArticleFactory()
    html = client.get(url("events:news-list", language)).content.decode()
    with translation.override(language):
        assert article.title in html


def test_news_list_hides_scheduled_and_draft_articles(client, scheduled, draft):
    html = client.get(url("events:news-list")).content.decode()
    assert scheduled.title not in html
    assert draft.title not in html


def test_news_list_filters_by_category(client):
    exchange = NewsArticleFactory(category="exchange")
    partnership = NewsArticleFactory(category="partnership")
    html = client.get(url("events:news-list"), {"category": "exchange"}).content.decode()
    assert exchange.title in html
    assert partnership.title not in html


def test_unknown_category_shows_all_news(client):
    article = NewsArticleFactory()
    response = client.get(url("events:news-list"), {"category": "<script>"})
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_news_list_is_paginated(client):
    NewsArticleFactory.create_batch(13)
    assert len(client.get(url("events:news-list")).context["articles"]) == 12
    assert len(client.get(url("events:news-list"), {"page": 2}).context["articles"]) == 1


def test_scheduled_article_detail_is_404_until_its_time(client, scheduled):
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_once_its_time_has_come(client, scheduled):
    scheduled.published_at = timezone.now() - datetime.timedelta(seconds=1)
    scheduled.save()
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_draft_detail_is_404(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_news_detail_shows_related_news_of_the_same_category_only(client):
    article = NewsArticleFactory(category="exchange")
    related = NewsArticleFactory(category="exchange")
    other = NewsArticleFactory(category="partnership")
    hidden = NewsArticleFactory(category="exchange", published_at=timezone.now() + datetime.timedelta(days=1))
    response = client.get(article.get_absolute_url())
    assert list(response.context["related"]) == [related]
    html = response.content.decode()
    assert other.title not in html
    assert hidden.title not in html


def test_news_detail_has_opengraph_and_twitter_tags(client):
    article = NewsArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert '<meta name="twitter:card"' in html


# --- preview -------------------------------------------------------------

def test_staff_with_permission_previews_a_draft(client, draft):
    client.force_login(users.staff(groups=["Communications"]))
    response = client.get(url("events:news-preview", pk=draft.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert draft.title in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_anonymous_visitor_cannot_preview(client, draft):
    response = client.get(url("events:news-preview", pk=draft.pk))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_staff_without_news_permission_cannot_preview(client, draft):
    client.force_login(users.staff(groups=["Partnerships"]))
    assert client.get(url("events:news-preview", pk=draft.pk)).status_code == 403


def test_non_staff_user_cannot_preview(client, draft):
    client.force_login(UserFactory())
    assert client.get(url("events:news-preview", pk=draft.pk)).status_code == 403


# --- feeds and sitemap ---------------------------------------------------

@pytest.mark.parametrize("feed", ["events:news-rss", "events:news-atom"])
def test_news_feeds_are_xml_with_published_articles_only(client, feed, scheduled, draft):
    article = NewsArticleFactory()
    response = client.get(url(feed))
    root = parse_xml(response.content)
    text = ET.tostring(root, encoding="unicode")
    assert article.title in text
    assert scheduled.title not in text
    assert draft.title not in text


def test_rss_feed_lists_items(client):
    NewsArticleFactory.create_batch(2)
    root = parse_xml(client.get(url("events:news-rss")).content)
    assert len(root.findall("./channel/item")) == 2


def test_atom_feed_lists_entries(client):
    NewsArticleFactory.create_batch(2)
    root = parse_xml(client.get(url("events:news-atom")).content)
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) == 2


def test_sitemap_leaves_out_scheduled_and_draft_news(client, scheduled, draft):
    article = NewsArticleFactory()
    response = client.get("/sitemap.xml")
    parse_xml(response.content)
    xml = response.content.decode()
    assert article.slug in xml
    assert scheduled.slug not in xml
    assert draft.slug not in xml


def test_news_pages_link_feeds_in_head(client):
    article = NewsArticleFactory()
    for path in (url("events:news-list"), article.get_absolute_url()):
        html = client.get(path).content.decode()
        head = html[: html.index("</head>")]
        assert url("events:news-rss") in head and url("events:news-atom") in head


# --- query counts --------------------------------------------------------

def test_news_list_runs_constant_queries(client, django_assert_num_queries):
    NewsArticleFactory.create_batch(3)
    path = url("events:news-list")
    client.get(path)
    with django_assert_num_queries(2):
        client.get(path)
    NewsArticleFactory.create_batch(27)
    with django_assert_num_queries(3):  # the count, the cards' keys, the new cards read whole
        client.get(path)
    with django_assert_num_queries(2):
        client.get(path)


def test_news_detail_runs_constant_queries(client, django_assert_num_queries):
    SiteSettings.get_solo()  # made by the first page otherwise: a save, which redraws every kept part once
    article = NewsArticleFactory(category="exchange")
    NewsArticleFactory.create_batch(3, category="exchange")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(1):  # the article; its part (with the related news) is kept
        client.get(article.get_absolute_url())
    NewsArticleFactory.create_batch(27, category="exchange")
    with django_assert_num_queries(3):  # the article, the next scheduled one, the related news
        client.get(article.get_absolute_url())
    with django_assert_num_queries(1):
        client.get(article.get_absolute_url())


def test_home_page_leaves_out_scheduled_and_draft_news(client, scheduled, draft):
    article = NewsArticleFactory()
    html = client.get("/en/").content.decode()
    assert article.title in html
    assert scheduled.title not in html
    assert draft.title not in html
