"""Production settings refuse unsafe start-up, and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET_KEY = secrets.token_urlsafe(50)
# The environment a production deployment (and CI's deployment check) runs with.
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": REAL_SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "portal.example.edu",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_COOKIES": "1",
}


def run_python(code, **env_changes):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(env_changes)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def import_settings(**env):
    return run_python("import oia_portal.settings", **env)


def test_debug_off_with_the_default_secret_key_refuses_to_start():
    result = import_settings(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="portal.example.edu")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr


def test_debug_off_with_a_short_secret_key_refuses_to_start():
    result = import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="portal.example.edu")
    assert result.returncode != 0
    assert "shorter than 32 characters" in result.stderr


def test_debug_off_with_empty_allowed_hosts_refuses_to_start():
    result = import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=REAL_SECRET_KEY)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_ALLOWED_HOSTS is empty" in result.stderr


def test_debug_off_with_real_settings_starts():
    result = import_settings(**PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_debug_on_starts_with_the_development_defaults():
    result = run_python(
        "import oia_portal.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)", DJANGO_DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True ['127.0.0.1', 'localhost']"


def test_production_settings_turn_on_secure_cookies_and_hsts():
    code = (
        "import oia_portal.settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = run_python(code, **PRODUCTION_ENV)
    assert result.stdout.split() == ["True"] * 6, result.stderr


@pytest.mark.django_db
def test_deployment_check_passes_with_production_settings():
    database = {"DATABASE_URL": os.environ["DATABASE_URL"]} if "DATABASE_URL" in os.environ else {}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env={
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            **database,
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "oia_portal.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_builds_hashed_compressed_files_for_production(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=PROJECT_ROOT,
        env={
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "oia_portal.settings",
            "STATIC_ROOT": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    for name in ["css/portal.css", "bootstrap/css/bootstrap.min.css", "jquery-ui/jquery-ui.min.js", "img/favicon.svg"]:
        assert f'"{name}"' in manifest
    assert list(tmp_path.glob("css/portal.*.css.gz"))


@pytest.mark.django_db
def test_the_portals_database_sessions_plan_without_parallel_workers_or_jit():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
