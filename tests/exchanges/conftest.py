import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.demo_images import minimal_pdf
from tests.exchanges.factories import ApplicationCallFactory, CallProgrammeFactory


def pdf_upload(name="transcript.pdf", text="Transcript"):
    return SimpleUploadedFile(name, minimal_pdf(text), content_type="application/pdf")


def png_upload(name="certificate.png", size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png_upload(side=6000):
    """A few kilobytes that decode to side × side pixels (36 megapixels by default)."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = (b"\x00" + b"\x00" * ((side + 7) // 8)) * side
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(rows, 9))
    data += _png_chunk(b"IEND", b"")
    return SimpleUploadedFile("certificate.png", data, content_type="image/png")


def exe_as_pdf_upload():
    return SimpleUploadedFile("transcript.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, content_type="application/pdf")


def oversized_pdf_upload():
    return SimpleUploadedFile(
        "transcript.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )


@pytest.fixture
def open_call():
    return ApplicationCallFactory(title_en="2027–28 outbound exchange", title_zh_hant="2027–28 學年度出國交換")


@pytest.fixture
def offers(open_call):
    return [CallProgrammeFactory(call=open_call, seats=2) for _ in range(3)]


@pytest.fixture
def form_data(offers):
    return {
        "name_en": "Lin Chia-Hao",
        "name_zh": "林家豪",
        "student_id": "4a1120034",
        "email": "4A1120034@stust.example.edu.tw",
        "department": "EE",
        "year_of_study": "3",
        "gpa": "3.65",
        "language_test": "toefl-ibt",
        "language_score": "88",
        "statement": "I want to take the partner's power electronics courses and bring the lab skills home.",
        "choice_1": str(offers[0].programme.pk),
        "choice_2": str(offers[1].programme.pk),
        "choice_3": "",
        "website": "",
    }


@pytest.fixture
def form_files():
    return {"transcript": pdf_upload(), "language_certificate": pdf_upload("toefl.pdf", "TOEFL")}
