"""What students read: e-mails and pages that read well in both languages (issue 12)."""

import datetime
import re

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone, translation

from core.images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, PortalImageField
from core.models import SiteSettings
from core.private_files import MAX_DOCUMENT_BYTES, PrivateFileField, validate_pdf
from exchanges import services
from exchanges.forms import ApplicationForm
from exchanges.models import Application, ApplicationDocument
from tests.exchanges.conftest import pdf_upload
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
)
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db

S = Application.Status
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _deliver_at_once(monkeypatch):
    """Mail leaves through the outbox after the transaction commits; here the test's
    transaction never commits, so each message is delivered as soon as it is queued."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def sentence_starts(text):
    """Every sentence that starts with a letter: at a line's start, or after ". ", "? " or "! "."""
    starts = []
    for line in text.splitlines():
        line = line.strip()
        if not line or "://" in line or re.match(r"^\d+\.", line):
            continue  # links and numbered choices are not sentences
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            letter = re.search(r"[A-Za-z]", sentence)
            if letter and sentence[: letter.start()].strip(" “\"(") == "":
                starts.append(sentence)
    return starts


def lowercase_starts(text):
    return [sentence for sentence in sentence_starts(text) if re.match(r"[“\"(]?[a-z]", sentence)]


@pytest.fixture
def kyoto_offer():
    partner = PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學")
    programme = ExchangeProgramFactory(
        partner=partner, title_en="Semester exchange at Kyoto University", title_zh_hant="京都大學學期交換"
    )
    return CallProgrammeFactory(programme=programme)


def submit(offer, language="en", **changes):
    data = {
        "name_en": "Wang Hsin-Yi", "name_zh": "王欣怡", "student_id": "4B1120001",
        "email": "4b1120001@stust.example.edu.tw", "department": "BA", "year_of_study": 2, "gpa": "3.80",
        "language_test": "ielts", "language_score": "7.0", "statement": "Marketing in Japan.",
        "programmes": [offer.programme], **changes,
    }
    documents = {ApplicationDocument.Kind.TRANSCRIPT: pdf_upload()}
    return services.submit_application(offer.call, data, documents, language=language)


def every_english_mail(offer):
    """The e-mails an applicant can get: received, each status change, the link again."""
    application = submit(offer)
    services.resend_status_links([application])
    services.change_status(application, S.UNDER_REVIEW, note="We are reading your documents.")
    services.change_status(application, S.NOMINATED, programme=offer.programme)
    services.change_status(application, S.ACCEPTED)
    services.change_status(application, S.WITHDRAWN)
    return mail.outbox


def test_english_mails_begin_every_sentence_with_a_capital_letter(kyoto_offer):
    messages = every_english_mail(kyoto_offer)
    assert len(messages) == 6
    for message in messages:
        assert sentence_starts(message.body), message.body
        assert lowercase_starts(message.body) == [], message.body


def test_sentence_check_finds_a_lowercase_start():
    assert lowercase_starts("Dear Ann,\n\nthe status of your application is now: Submitted.") == [
        "the status of your application is now: Submitted."
    ]


def test_chinese_mail_greets_the_student_by_the_chinese_name(kyoto_offer):
    submit(kyoto_offer, language="zh-hant")
    assert mail.outbox[-1].body.startswith("王欣怡")
    assert "Wang Hsin-Yi" not in mail.outbox[-1].body.splitlines()[0]


def test_chinese_mail_uses_the_english_name_when_no_chinese_name_was_given(kyoto_offer):
    submit(kyoto_offer, language="zh-hant", name_zh="")
    assert "Wang Hsin-Yi" in mail.outbox[-1].body.splitlines()[0]


def test_english_mail_greets_by_the_english_name(kyoto_offer):
    submit(kyoto_offer)
    assert mail.outbox[-1].body.startswith("Dear Wang Hsin-Yi,")


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_mails_have_no_doubled_punctuation(kyoto_offer, language):
    application = submit(kyoto_offer, language=language)
    services.change_status(application, S.UNDER_REVIEW, note="Thank you.")
    services.withdraw_by_applicant(application)
    assert len(mail.outbox) == 3  # received, under review with the note, withdrawn
    for message in mail.outbox:
        assert not re.search(r"(?<!\.)\.\.(?!\.)|。。|[.。][.。]", message.body), message.body


def test_a_call_not_open_yet_names_its_opening_time_without_a_doubled_full_stop(client):
    # 22:21 in Taipei: "p.m." in English, which used to take the sentence's own full stop.
    opens = timezone.make_aware(datetime.datetime(2027, 1, 26, 22, 21), timezone.get_fixed_timezone(480))
    call = ApplicationCallFactory(opens_at=opens, closes_at=opens + datetime.timedelta(days=20))
    offer = CallProgrammeFactory(call=call)
    for url in (call.get_apply_url(), offer.programme.get_absolute_url()):
        content = client.get(url).content.decode()
        assert "10:21 p.m." in content
        assert "p.m.." not in content and "p.m.</time>." not in content


def test_programme_choices_name_the_partner_once(client, kyoto_offer):
    other = CallProgrammeFactory(
        call=kyoto_offer.call,
        programme=ExchangeProgramFactory(title_en="Summer school", partner__name_en="Lund University"),
    )
    application = submit(kyoto_offer, programmes=[kyoto_offer.programme, other.programme])
    body = mail.outbox[-1].body
    assert "1. Semester exchange at Kyoto University\n" in body
    assert "2. Summer school — Lund University\n" in body
    page = client.get(application.get_status_url()).content.decode()
    assert "Kyoto University — Kyoto University" not in page and "Semester exchange at Kyoto University" in page
    labels = dict(label for _country, group in ApplicationForm(call=kyoto_offer.call).fields["choice_1"].choices[1:] for label in group)
    assert labels[kyoto_offer.programme.pk] == "Semester exchange at Kyoto University"
    assert labels[other.programme.pk] == "Summer school — Lund University"


def test_nomination_mail_names_the_partner_once(kyoto_offer):
    application = submit(kyoto_offer)
    services.change_status(application, S.UNDER_REVIEW)
    services.change_status(application, S.NOMINATED, programme=kyoto_offer.programme)
    body = mail.outbox[-1].body
    assert "Programme: Semester exchange at Kyoto University\n" in body
    assert body.count("Kyoto University") == 1


def image_fields():
    return [field for model in apps.get_models() for field in model._meta.fields if isinstance(field, PortalImageField)]


def pdf_fields():
    return [
        field for model in apps.get_models() for field in model._meta.fields
        if isinstance(field, PrivateFileField) and validate_pdf in field.validators
    ]


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_every_image_field_states_the_size_and_pixel_limits(language):
    assert image_fields()
    for field in image_fields():
        with translation.override(language):
            help_text = str(field.formfield().help_text)
        assert f"{MAX_IMAGE_BYTES // MB} MB" in help_text, (field, help_text)
        assert str(MAX_IMAGE_PIXELS // 1_000_000) in help_text, (field, help_text)
        if field.help_text:
            assert str(field.help_text) in help_text  # the field's own explanation stays


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_every_pdf_field_states_the_size_limit(language):
    assert pdf_fields()
    for field in pdf_fields():
        with translation.override(language):
            assert f"{MAX_DOCUMENT_BYTES // MB} MB" in str(field.formfield().help_text), field


def test_application_form_states_every_upload_limit(kyoto_offer):
    form = ApplicationForm(call=kyoto_offer.call)
    for name in ("transcript", "extra_document"):
        assert f"{MAX_DOCUMENT_BYTES // MB} MB" in str(form.fields[name].help_text)
    certificate = str(form.fields["language_certificate"].help_text)
    assert f"{MAX_DOCUMENT_BYTES // MB} MB" in certificate
    assert f"{MAX_IMAGE_BYTES // MB} MB" in certificate and f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels" in certificate


def test_chinese_help_text_is_translated(kyoto_offer):
    with translation.override("zh-hant"):
        help_text = str(ApplicationForm(call=kyoto_offer.call).fields["language_certificate"].help_text)
    assert "MB" in help_text and "PDF" in help_text and not re.search(r"at most|megapixels", help_text)


@pytest.mark.parametrize(("language", "heading", "kind"), [("en", "Documents received", "Transcript"), ("zh-hant", "已收到的文件", "成績單")])
def test_status_page_lists_the_documents_received(client, language, heading, kind):
    application = ApplicationFactory(language=language)
    ApplicationDocumentFactory(application=application, kind=ApplicationDocument.Kind.TRANSCRIPT)
    content = client.get(application.get_status_url()).content.decode()
    assert heading in content and kind in content
    assert "transcript.pdf" not in content  # the name the student uploaded is not kept, nor shown


def test_status_page_says_when_no_document_was_received(client):
    application = ApplicationFactory()
    assert "No documents were received" in client.get(application.get_status_url()).content.decode()


def test_withdrawal_mail_says_what_to_do_if_it_was_not_them(kyoto_offer):
    site = SiteSettings.get_solo()
    site.email = "oia@stust.example.edu.tw"
    site.save()
    application = submit(kyoto_offer)
    services.withdraw_by_applicant(application)
    body = mail.outbox[-1].body
    assert "If you did not withdraw this application yourself" in body and "oia@stust.example.edu.tw" in body


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_status_change_mail_says_what_to_do_if_it_was_not_them(kyoto_offer, language):
    application = submit(kyoto_offer, language=language)
    services.change_status(application, S.UNDER_REVIEW)
    body = mail.outbox[-1].body
    expected = "If you did not apply" if language == "en" else "如果您沒有提出申請"
    assert expected in body
