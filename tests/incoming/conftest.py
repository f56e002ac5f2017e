import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader


def pdf_upload(name="document.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def pdf_text(data):
    """All the text of a PDF, as a reader's copy-and-paste would give it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def documents():
    return {"passport": pdf_upload("passport.pdf"), "transcript": pdf_upload("transcript.pdf")}
