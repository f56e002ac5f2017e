"""Private documents: judged by content, sent only to staff with the permission."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from core.private_files import (
    MAX_DOCUMENT_BYTES,
    PrivateFileField,
    attachment_response,
    private_storage,
    validate_pdf,
)
from tests.core.factories import StaffUserFactory, UserFactory

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# The first bytes of a Windows executable ("MZ" header and DOS stub).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run in DOS mode." * 10
PERMISSION = "partners.view_agreement"


def test_pdf_is_accepted():
    document = SimpleUploadedFile("agreement.pdf", PDF, content_type="application/pdf")
    assert validate_pdf(document) is document


def test_renamed_executable_is_refused():
    document = SimpleUploadedFile("agreement.pdf", EXE, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        validate_pdf(document)
    assert error.value.code == "document_not_pdf"


def test_document_over_the_limit_is_refused():
    document = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        validate_pdf(document)
    assert error.value.code == "document_too_large"


def test_private_file_name_is_chosen_by_the_server():
    field = PrivateFileField(upload_to="agreements")
    name = field.generate_filename(None, "Signed MOU — Kyoto.PDF")
    assert name.startswith("agreements/") and name.endswith(".pdf") and "Kyoto" not in name


@pytest.fixture
def stored_pdf():
    name = private_storage().save("agreements/test.pdf", ContentFile(PDF))
    field = PrivateFileField(upload_to="agreements")
    fieldfile = field.attr_class(None, field, name)
    yield fieldfile
    private_storage().delete(name)


def request_by(user):
    request = RequestFactory().get("/admin/download/")
    request.user = user
    return request


def test_private_file_has_no_public_url(stored_pdf):
    with pytest.raises(AttributeError):
        stored_pdf.url  # noqa: B018


def test_attachment_refuses_anonymous_visitor(stored_pdf):
    with pytest.raises(PermissionDenied):
        attachment_response(request_by(AnonymousUser()), stored_pdf, "mou.pdf", PERMISSION)


@pytest.mark.django_db
def test_attachment_refuses_staff_without_the_permission(stored_pdf):
    user = StaffUserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_event"))
    with pytest.raises(PermissionDenied):
        attachment_response(request_by(user), stored_pdf, "mou.pdf", PERMISSION)


@pytest.mark.django_db
def test_attachment_refuses_non_staff_user_holding_the_permission(stored_pdf):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_agreement"))
    with pytest.raises(PermissionDenied):
        attachment_response(request_by(user), stored_pdf, "mou.pdf", PERMISSION)


@pytest.mark.django_db
def test_attachment_is_sent_to_staff_with_the_permission(stored_pdf):
    user = StaffUserFactory(groups=["Partnerships"])
    response = attachment_response(request_by(user), stored_pdf, "mou.pdf", PERMISSION)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment") and "mou.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF
