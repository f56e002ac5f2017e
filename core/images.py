"""The one way an image enters the portal: logos, portraits, covers.

Every upload is verified by Pillow, limited in pixels and bytes, re-encoded
(which drops EXIF, GPS included) and stored under a server-chosen name.
Small renditions are written beside it at save time so that list pages never
send the original.
"""

import io
import uuid
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 20_000_000
# Pillow format -> file extension of the re-encoded image.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = {"small": 480, "medium": 960}


def _image_limits():
    return _("JPEG, PNG or WebP image, at most %(mb)s MB and %(megapixels)s megapixels.") % {
        "mb": MAX_IMAGE_BYTES // (1024 * 1024),
        "megapixels": MAX_IMAGE_PIXELS // 1_000_000,
    }


# Lazy: help texts are built once, and read in each request's language.
image_limits_text = lazy(_image_limits, str)


def clean_image(upload):
    """Verify an uploaded image and return it re-encoded, under a new name.

    Raises ValidationError with a message for the person who uploaded it.
    """
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is %(mb)s MB.")
            % {"size": f"{upload.size / 1048576:.1f}", "mb": MAX_IMAGE_BYTES // (1024 * 1024)},
            code="image_too_large",
        )
    upload.seek(0)
    try:
        try:
            probe = Image.open(upload)
        except Image.DecompressionBombError:
            # Pillow refuses to even open an image of more than twice its own pixel limit:
            # that is a too-many-pixels image, and the person should be told so.
            raise ValidationError(
                _("The image has far more pixels than the limit of 20 megapixels."), code="image_too_many_pixels"
            ) from None
        with probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image_format")
            # Checked from the header, before any pixel is decoded.
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is %(width)s × %(height)s pixels; the limit is 20 megapixels.")
                    % {"width": width, "height": height},
                    code="image_too_many_pixels",
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            data = _encode(image, image_format)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not a valid image."), code="image_invalid") from None
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}")


def _encode(image, image_format):
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image_format == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    # No exif= or pnginfo= argument: metadata is not carried over.
    options = {"quality": 85, "optimize": True} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def rendition_name(name, size):
    path = PurePosixPath(name)
    return str(PurePosixPath("renditions") / path.parent / f"{path.stem}-{size}.webp")


def make_renditions(fieldfile):
    """Write the small renditions of a stored image beside it."""
    storage = fieldfile.storage
    with storage.open(fieldfile.name, "rb") as original, Image.open(original) as image:
        image.load()
        for size, width in RENDITION_WIDTHS.items():
            copy = image.copy()
            copy.thumbnail((width, width * 4))
            if copy.mode not in ("RGB", "RGBA"):
                copy = copy.convert("RGBA" if "A" in copy.mode else "RGB")
            buffer = io.BytesIO()
            copy.save(buffer, format="WEBP", quality=80)
            target = rendition_name(fieldfile.name, size)
            if storage.exists(target):
                storage.delete(target)
            storage.save(target, ContentFile(buffer.getvalue()))


def rendition_url(fieldfile, size="small"):
    """URL of a rendition; falls back to the original for images stored before."""
    if not fieldfile:
        return ""
    return fieldfile.storage.url(rendition_name(fieldfile.name, size))


class PortalImageFormField(forms.ImageField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        # A fresh upload (not the stored file, not a cleared value) is re-encoded.
        if upload and upload is not initial and hasattr(upload, "content_type"):
            return clean_image(upload)
        return upload


class PortalImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every way a file is stored (a form's upload committed in pre_save, or
        # field.save() from code) ends here, so each stored image has renditions.
        super().save(name, content, save=save)
        make_renditions(self)


class PortalImageField(models.ImageField):
    """ImageField whose uploads go through clean_image and get renditions."""

    attr_class = PortalImageFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def generate_filename(self, instance, filename):
        # The uploader's file name never reaches the storage.
        suffix = PurePosixPath(filename).suffix.lower() or ".jpg"
        return super().generate_filename(instance, f"{uuid.uuid4().hex}{suffix}")

    def formfield(self, **kwargs):
        # Staff read the limits clean_image enforces before they pick a file.
        help_text = format_lazy("{} {}", self.help_text, image_limits_text()) if self.help_text else image_limits_text()
        return super().formfield(**{"form_class": PortalImageFormField, "help_text": help_text, **kwargs})
