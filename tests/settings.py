"""Settings for the test suite: the portal's own settings with test defaults.

The database still comes from DATABASE_URL (PostgreSQL in CI).
"""

import os
import tempfile

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")

from oia_portal.settings import *  # noqa: E402,F403
from oia_portal.settings import STORAGES  # noqa: E402

_TEST_FILES = tempfile.mkdtemp(prefix="oia-tests-")
# WhiteNoise looks at STATIC_ROOT when the handler starts; tests serve from the finders.
STATIC_ROOT = os.path.join(_TEST_FILES, "static")
os.makedirs(STATIC_ROOT, exist_ok=True)
MEDIA_ROOT = os.path.join(_TEST_FILES, "media")
PRIVATE_MEDIA_ROOT = os.path.join(_TEST_FILES, "private")
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    # Hashed names need collectstatic; tests render templates without it.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Pages are rendered for real in tests (query counts measure the view);
# tests/core/test_page_cache.py turns the page cache on where it is tested.
PAGE_CACHE_SECONDS = 0
# Most tests run inside a transaction that is never committed, where no worker
# could see a job: there each job runs in-process when the test's on-commit
# callbacks are run (same outbox records, same delivery code). tests/jobs/ and
# tests/outbox/ run real procrastinate workers against committed data.
TASK_QUEUE = os.environ.get("TASK_QUEUE", "inline")
EMAIL_BACKEND = os.environ.get("TEST_EMAIL_BACKEND", EMAIL_BACKEND)
# Seconds, not minutes, between delivery attempts, so a fault test can wait for them.
OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "1"))
