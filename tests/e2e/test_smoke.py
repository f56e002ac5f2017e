import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_in_chromium(live_server, page):
    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").first.is_visible()
