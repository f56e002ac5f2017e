"""The Redis cache backend keeps one client per connection pool (no Redis server is needed to check it)."""

from django.core.cache.backends.redis import RedisCache

from core import redis_cache
from core.redis_cache import PooledClientRedisCache, PooledClientRedisCacheClient
from tests.oia_portal.test_settings import PRODUCTION_ENV, run_python


def test_one_client_per_connection_pool_not_one_per_cache_operation():
    backend = PooledClientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test"})
    client = backend._cache
    assert isinstance(client, PooledClientRedisCacheClient)
    first = client.get_client("a-key")
    assert client.get_client("another-key") is first
    assert client.get_client("a-key", write=True) is first  # one server: reads and writes share its pool
    assert first.connection_pool is client._get_connection_pool(write=False)


def test_two_servers_get_a_client_each():
    backend = PooledClientRedisCache("redis://127.0.0.1:6379/14,redis://127.0.0.1:6380/14", {})
    client = backend._cache
    writer = client.get_client("key", write=True)  # writes go to the first server
    assert writer is client.get_client("other", write=True)
    assert writer.connection_pool is client._get_connection_pool(write=True)


def test_the_portal_uses_it_when_redis_is_configured():
    code = "import oia_portal.settings as s; print(s.CACHES['default']['BACKEND'])"
    result = run_python(code, REDIS_URL="redis://127.0.0.1:6379/3", **PRODUCTION_ENV)
    assert result.stdout.strip() == "core.redis_cache.PooledClientRedisCache", result.stderr


def test_keys_are_made_once_and_the_same_as_django_makes_them():
    backend = PooledClientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test"})
    plain = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test"})
    assert backend.make_and_validate_key("content-cache:table:x") == plain.make_and_validate_key(
        "content-cache:table:x"
    )
    assert backend.make_and_validate_key("k", version=3) == plain.make_and_validate_key("k", version=3)
    assert "content-cache:table:x" in backend._made_keys
    assert "k" not in backend._made_keys  # a key asked for with its own version is not remembered


def test_made_keys_are_bounded(monkeypatch):
    monkeypatch.setattr(redis_cache, "MADE_KEYS_AT_MOST", 3)
    backend = PooledClientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test"})
    made = [backend.make_and_validate_key(f"key-{number}") for number in range(10)]
    assert len(backend._made_keys) == 3
    assert made[9] == RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test"}).make_and_validate_key("key-9")
