import pytest

from tests.events.factories import NewsArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["en", "zh-hant"]


@pytest.fixture
def article():
    article = NewsArticleFactory(category="exchange")
    NewsArticleFactory(category="exchange")
    NewsArticleFactory(category="partnership")
    return article


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_list_is_accessible(live_server, page, assert_accessible, article, language):
    page.goto(f"{live_server.url}/{language}/news/")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_detail_is_accessible(live_server, page, assert_accessible, article, language):
    page.goto(f"{live_server.url}/{language}/news/{article.slug}/")
    assert_accessible(page)
