"""A bounded store of values in this process, the least recently used dropped first.

Shared by the fragment cache (rows, parts, the frame) and the content cache (values kept under
the versions of the tables they read); it imports nothing of ours, so both can build on it.
"""

import threading
from collections import OrderedDict


def _characters(value):
    """About how much text a kept value holds (HTML, or a dict or list of it)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, dict):
        return sum(_characters(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(_characters(item) for item in value)
    return 64


class KeptHere:
    """HTML kept in this process under keys that name everything it shows, so that a copy can
    never go stale, only unused: the least recently used is dropped beyond `at_most` entries
    or `characters` of text in all (a copy superseded by a new key is never read again).

    The shared cache holds the same HTML for every process; reading it from there cost a
    round trip and unpickling per list on every request, for HTML this process had
    already read a moment before.
    """

    def __init__(self, at_most, characters=4_000_000):
        self.at_most = at_most
        self.characters = characters
        self._kept = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()  # the development server and the live test server use threads

    def get(self, key):
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
            return html

    def get_many(self, keys):
        return {key: html for key in keys if (html := self.get(key)) is not None}

    def set_many(self, kept):
        with self._lock:
            for key, html in kept.items():
                if key in self._kept:
                    self._held -= _characters(self._kept[key])
                self._kept[key] = html
                self._held += _characters(html)
                self._kept.move_to_end(key)
            while self._kept and (len(self._kept) > self.at_most or self._held > self.characters):
                _key, dropped = self._kept.popitem(last=False)
                self._held -= _characters(dropped)

    def set(self, key, html):
        self.set_many({key: html})

    def clear(self):
        with self._lock:
            self._kept.clear()
            self._held = 0
