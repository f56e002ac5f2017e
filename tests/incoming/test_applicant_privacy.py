"""Incoming students' private addresses answer a stranger identically whether or not a student exists.

The inbound side has no public apply or resend form (a partner's coordinator nominates through
the partner's link); what a stranger can try are guessed tokens: the student's page, the letter,
the partner's nomination link and the privacy pages of every kind of private link.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from privacy.registry import registry
from tests.exchanges.test_applicant_privacy import answer, stranger
from tests.incoming.factories import IncomingApplicationFactory, NominationLinkFactory

pytestmark = pytest.mark.django_db

GUESS = "A" * 43


def addresses(token):
    with translation.override("en"):
        found = {
            "student page": reverse("incoming:application", kwargs={"token": token}),
            "acceptance letter": reverse("incoming:letter", kwargs={"token": token}),
            "nomination link": reverse("incoming:nominate", kwargs={"token": token}),
        }
        for subject in registry.subjects():  # generated: every kind of private link
            found[f"privacy page ({subject.slug})"] = reverse(
                "privacy:subject", kwargs={"slug": subject.slug, "token": token}
            )
            found[f"own export ({subject.slug})"] = reverse(
                "privacy:export", kwargs={"slug": subject.slug, "token": token}
            )
    return found


def test_guessed_tokens_answer_the_same_before_and_after_students_exist():
    nobody = {name: answer(stranger().get(path), GUESS) for name, path in addresses(GUESS).items()}
    student = IncomingApplicationFactory(accepted=True)
    NominationLinkFactory(partner=student.partner)
    somebody = {name: answer(stranger().get(path), GUESS) for name, path in addresses(GUESS).items()}
    near = student.token[:-1] + ("A" if student.token[-1] != "A" else "B")
    almost = {name: answer(stranger().get(path), near) for name, path in addresses(near).items()}
    assert {name: result[0] for name, result in nobody.items()} == dict.fromkeys(nobody, 404)
    assert nobody == somebody == almost
    assert "incoming" in {subject.slug for subject in registry.subjects()}


def test_posting_to_a_guessed_address_tells_nothing_either():
    nobody = {name: stranger().post(path, {"ask": "on"}).status_code for name, path in addresses(GUESS).items()}
    IncomingApplicationFactory(accepted=True)
    somebody = {name: stranger().post(path, {"ask": "on"}).status_code for name, path in addresses(GUESS).items()}
    assert nobody == somebody
    assert set(nobody.values()) <= {403, 404, 405}
