"""Django's Redis cache with one client per connection pool instead of one per operation.

Django's Redis backend builds a new redis-py client (and its table of response
callbacks) for every get and set: a third of a cache read's time, and a page reads
the cache several times. A client is only a handle on its connection pool and is
safe to share between threads, so each pool's client is made once.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# Keys are made once a process: a request reads the versions of every content table under the
# same keys, and making each (the prefix, then memcached's checks of every character) cost more
# than Redis took to answer. Bounded: past this many, keys are made each time as before.
MADE_KEYS_AT_MOST = 10_000


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PooledClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient
        self._made_keys = {}

    def make_and_validate_key(self, key, version=None):
        if version is not None:
            return super().make_and_validate_key(key, version)
        made = self._made_keys.get(key)
        if made is None:
            made = super().make_and_validate_key(key, version)
            if len(self._made_keys) < MADE_KEYS_AT_MOST:
                self._made_keys[key] = made
        return made
