"""The apply, resend and status views answer a stranger identically whether or not a
student applied: same status, same redirect, same page (DESIGN.md: private links
never answer differently for data that exists and data that does not).
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from exchanges.models import Application
from tests.exchanges.conftest import pdf_upload
from tests.exchanges.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

# Per-request noise that differs between any two answers: CSRF tokens, nonces.
NOISE = re.compile(rb'(csrfmiddlewaretoken" value="|nonce="|csrftoken=)[^";]+')


def answer(response, asked=""):
    """What a stranger sees: status, where it leads, and the page (after following the redirect).

    `asked` (the token in the address) is blanked: the page names its own address.
    """
    location = response.get("Location", "")
    client = response.client
    page = client.get(location) if location else response
    content = NOISE.sub(rb"\1", page.content)
    if asked:
        content = content.replace(asked.encode(), b"<asked>")
    return response.status_code, location, page.status_code, content


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"exchanges:{name}", kwargs=kwargs or None)


def stranger():
    return Client()


@pytest.mark.parametrize("same", ["student_id", "email", "both"])
def test_apply_answers_the_same_whether_or_not_the_student_applied(open_call, form_data, same):
    def post():
        files = {"transcript": pdf_upload(), "language_certificate": pdf_upload("toefl.pdf", "TOEFL")}
        return stranger().post(open_call.get_apply_url(), {**form_data, **files})

    fresh = answer(post())  # nobody had applied: this creates the application
    assert Application.objects.count() == 1
    existing = Application.objects.get()
    if same == "student_id":
        form_data = {**form_data, "email": "someone.else@stust.example.edu.tw"}
    elif same == "email":
        form_data = {**form_data, "student_id": "4Z9999999"}
    again = answer(post())  # the student exists now: nothing may tell
    assert again == fresh
    assert existing.reference.encode() not in again[3]
    assert Application.objects.count() == 1


def test_resend_answers_the_same_for_an_existing_and_an_unknown_student(django_capture_on_commit_callbacks):
    ApplicationFactory(student_id="4A7777777", email="4a7777777@stust.example.edu.tw")
    with django_capture_on_commit_callbacks(execute=True):
        known = answer(stranger().post(url("resend-link"), {"student_id": "4A7777777", "email": "4a7777777@stust.example.edu.tw"}))
    unknown = answer(stranger().post(url("resend-link"), {"student_id": "4A0000000", "email": "4a0000000@stust.example.edu.tw"}))
    wrong_email = answer(stranger().post(url("resend-link"), {"student_id": "4A7777777", "email": "x@stust.example.edu.tw"}))
    assert known == unknown == wrong_email
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["4a7777777@stust.example.edu.tw"]


def test_status_answers_the_same_for_a_wrong_token_whether_or_not_applications_exist():
    guess = "A" * 43
    nobody = answer(stranger().get(url("status", token=guess)), guess)
    application = ApplicationFactory()
    near_miss = application.token[:-1] + ("A" if application.token[-1] != "A" else "B")
    somebody = answer(stranger().get(url("status", token=guess)), guess)
    almost = answer(stranger().get(url("status", token=near_miss)), near_miss)
    assert nobody[0] == 404
    assert nobody == somebody == almost
