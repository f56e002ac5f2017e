"""Public uploads under production settings: served at /media/ only when DJANGO_SERVE_MEDIA is on (README)."""

import importlib
import io

import pytest
from django.urls import clear_url_caches
from PIL import Image

import oia_portal.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def logo_in_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "partners").mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    (tmp_path / "partners" / "logo.png").write_bytes(buffer.getvalue())
    return "/media/partners/logo.png"


@pytest.fixture
def urls_with(settings):
    """Reload the root URLconf under the given settings (it decides on media at import), then restore it."""

    def load(**values):
        for name, value in values.items():
            setattr(settings, name, value)
        importlib.reload(oia_portal.urls)
        clear_url_caches()

    yield load
    settings.SERVE_MEDIA = False
    settings.DEBUG = False
    importlib.reload(oia_portal.urls)
    clear_url_caches()


def test_production_settings_do_not_serve_media_by_default(client, logo_in_media, urls_with):
    urls_with(DEBUG=False, SERVE_MEDIA=False)
    assert client.get(logo_in_media).status_code == 404


def test_serve_media_serves_media_root_at_media(client, logo_in_media, urls_with):
    urls_with(DEBUG=False, SERVE_MEDIA=True)
    response = client.get(logo_in_media)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_serve_media_serves_no_private_document(client, settings, logo_in_media, urls_with, tmp_path):
    urls_with(DEBUG=False, SERVE_MEDIA=True)
    assert client.get("/media/../private/agreement.pdf").status_code in (400, 404)  # refused, never read
