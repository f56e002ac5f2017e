"""The Redis cache backend keeps one client per connection pool (no Redis server is needed to check it)."""

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
