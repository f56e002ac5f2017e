"""Security headers on public pages (issue 6): CSP, framing, sniffing, referrer, features, COOP, HSTS."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.core import users

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/en/", "/zh-hant/", "/en/about/", "/en/partners/", "/en/programmes/", "/en/events/", "/en/news/"]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.fixture
def home(client):
    return client.get("/en/")


def test_csp_allows_scripts_only_from_the_site_itself(home):
    directives = csp_directives(home)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in home["Content-Security-Policy"]
    assert "'unsafe-eval'" not in home["Content-Security-Policy"]


def test_csp_forbids_framing_plugins_and_foreign_bases(home):
    directives = csp_directives(home)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


def test_page_may_not_be_framed(home):
    assert home["X-Frame-Options"] == "DENY"


def test_content_type_sniffing_is_off(home):
    assert home["X-Content-Type-Options"] == "nosniff"


def test_referrer_policy_keeps_paths_to_ourselves(home):
    assert home["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_permissions_policy_turns_off_powerful_features(home):
    policy = home["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in policy


def test_cross_origin_opener_policy_isolates_the_window(home):
    assert home["Cross-Origin-Opener-Policy"] == "same-origin"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_hsts_is_sent_over_https_in_production(client):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_is_not_sent_without_it_configured(home):
    # Tests run with SECURE_HSTS_SECONDS=0, as a development machine does.
    assert "Strict-Transport-Security" not in home


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_inline_script_or_event_handler(client, path):
    html = client.get(path).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(" src=" in tag for tag in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "style=" not in html


def test_csrf_and_session_cookies_are_http_only(client):
    user = users.superuser()
    response = client.get(reverse("admin:login"))
    assert response.cookies["csrftoken"]["httponly"]
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": users.PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_admin_pages_carry_the_same_policy(client):
    client.force_login(users.superuser())
    response = client.get(reverse("admin:index"))
    assert csp_directives(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
