"""The one image validator: verified, limited, re-encoded, renamed, with renditions."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.images import (
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    PortalImageFormField,
    clean_image,
    rendition_name,
)
from tests.partners.factories import PartnerUniversityFactory

GPS_IFD = 0x8825
MAKE_TAG = 0x010F


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), "#336699")
    exif = Image.Exif()
    exif[MAKE_TAG] = "Test Camera Co."
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (22.0, 59.0, 30.0)
    gps[3] = "E"
    gps[4] = (120.0, 13.0, 10.0)
    return encoded(image, "JPEG", exif=exif)


def test_oversize_image_is_refused_by_its_pixel_count():
    image = Image.new("RGB", (5000, 4001), "white")  # 20.005 megapixels, a small PNG
    data = encoded(image, "PNG")
    assert image.width * image.height > MAX_IMAGE_PIXELS and len(data) < MAX_IMAGE_BYTES
    with pytest.raises(ValidationError) as error:
        clean_image(upload(data, "big.png", "image/png"))
    assert error.value.code == "image_too_many_pixels"


def test_file_over_five_megabytes_is_refused():
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    data = encoded(noise, "PNG")
    assert len(data) > MAX_IMAGE_BYTES
    with pytest.raises(ValidationError) as error:
        clean_image(upload(data, "noise.png", "image/png"))
    assert error.value.code == "image_too_large"


def test_text_named_like_a_jpeg_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_image(upload(b"this is not an image at all\n" * 20, "holiday.jpg"))
    assert error.value.code == "image_invalid"


def test_truncated_jpeg_is_refused():
    data = jpeg_with_gps()
    with pytest.raises(ValidationError):
        clean_image(upload(data[: len(data) // 2]))


def test_gif_is_refused_as_a_format():
    data = encoded(Image.new("P", (20, 20)), "GIF")
    with pytest.raises(ValidationError) as error:
        clean_image(upload(data, "anim.gif", "image/gif"))
    assert error.value.code == "image_format"


def test_exif_and_gps_are_gone_after_re_encoding():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(GPS_IFD)  # the test image really carries GPS
    cleaned = clean_image(upload(original))
    with Image.open(io.BytesIO(cleaned.read())) as after:
        assert after.format == "JPEG"
        assert not after.getexif()
        assert "exif" not in after.info


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_allowed_formats_are_kept_and_renamed_by_the_server(image_format):
    data = encoded(Image.new("RGB", (30, 20), "red"), image_format)
    cleaned = clean_image(upload(data, "../../etc/My Holiday Photo.bin", f"image/{image_format.lower()}"))
    name = cleaned.name
    assert "Holiday" not in name and "/" not in name
    stem, extension = name.rsplit(".", 1)
    assert len(stem) == 32 and extension == {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]


def test_form_field_returns_the_re_encoded_image():
    field = PortalImageFormField()
    cleaned = field.clean(upload(jpeg_with_gps(), "me.jpg"))
    assert cleaned.name != "me.jpg"
    with Image.open(io.BytesIO(cleaned.read())) as after:
        assert not after.getexif()


def test_form_field_shows_the_reason_for_a_refused_gif():
    field = PortalImageFormField()
    data = encoded(Image.new("P", (20, 20)), "GIF")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            field.clean(upload(data, "anim.gif", "image/gif"))
        # The message is lazy: read it while English is still the language.
        message = " ".join(error.value.messages)
    assert "JPEG, PNG or WebP" in message


@pytest.mark.django_db
def test_saved_image_gets_a_server_name_and_renditions():
    partner = PartnerUniversityFactory()
    data = encoded(Image.new("RGB", (1200, 800), "navy"), "JPEG")
    partner.logo.save("Rector's portrait.jpg", SimpleUploadedFile("x.jpg", data))
    storage = partner.logo.storage
    assert "portrait" not in partner.logo.name
    for size, width in (("small", 480), ("medium", 960)):
        target = rendition_name(partner.logo.name, size)
        assert storage.exists(target)
        with storage.open(target) as handle, Image.open(handle) as rendition:
            assert rendition.format == "WEBP" and rendition.width == width


@pytest.mark.django_db
def test_image_assigned_through_a_form_gets_renditions_once_saved():
    data = encoded(Image.new("RGB", (800, 600), "teal"), "PNG")
    partner = PartnerUniversityFactory()
    partner.logo = PortalImageFormField().clean(upload(data, "logo.png", "image/png"))
    partner.save()
    assert partner.logo.storage.exists(rendition_name(partner.logo.name, "small"))


def test_image_beyond_pillows_own_bomb_guard_gets_the_pixel_limit_message():
    from tests.exchanges.conftest import bomb_png_upload

    side = 14_000  # 196 megapixels: more than twice Pillow's limit, so Image.open itself refuses it
    assert side * side > 2 * Image.MAX_IMAGE_PIXELS
    with pytest.raises(ValidationError) as error:
        clean_image(bomb_png_upload(side=side))
    assert error.value.code == "image_too_many_pixels"
    assert "20 megapixels" in error.value.messages[0]

