from django.test import RequestFactory

from core.ratelimit import RateLimit, client_ip


def test_forwarded_for_header_is_ignored_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def test_behind_one_proxy_the_address_it_added_is_used(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.9"


def test_limit_refuses_the_hit_after_the_last_allowed():
    limit = RateLimit("test-scope", limit=3, window=60)
    assert [limit.hit("198.51.100.7") for _ in range(4)] == [True, True, True, False]
    assert limit.is_blocked("198.51.100.7")


def test_limit_counts_each_address_separately():
    limit = RateLimit("test-scope-2", limit=1, window=60)
    assert limit.hit("198.51.100.7")
    assert limit.hit("198.51.100.8")
    assert not limit.hit("198.51.100.7")
