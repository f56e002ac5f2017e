import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from exchanges.forms import ApplicationForm, FinderForm
from exchanges.models import ExchangeProgram
from tests.exchanges.conftest import (
    bomb_png_upload,
    exe_as_pdf_upload,
    oversized_pdf_upload,
    pdf_upload,
    png_upload,
)
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
)
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db


def finder(params):
    form = FinderForm(params, country_codes=["JP", "FR", "US"])
    form.is_valid()
    return list(form.ordered(form.filter(ExchangeProgram.objects.published().select_related("partner"))))


def application_form(call, data, files):
    return ApplicationForm(data, files, call=call)


# --- Finder ---------------------------------------------------------------------------------

def test_finder_region_keeps_programmes_of_that_region_only():
    in_europe = ExchangeProgramFactory(partner=PartnerUniversityFactory(country="FR"))
    ExchangeProgramFactory(partner=PartnerUniversityFactory(country="JP"))
    assert finder({"region": "europe"}) == [in_europe]


def test_finder_country_filter():
    french = ExchangeProgramFactory(partner=PartnerUniversityFactory(country="FR"))
    ExchangeProgramFactory(partner=PartnerUniversityFactory(country="US"))
    assert finder({"country": "FR"}) == [french]


def test_finder_gpa_hides_programmes_asking_for_more():
    easy = ExchangeProgramFactory(min_gpa=Decimal("2.50"))
    no_minimum = ExchangeProgramFactory(min_gpa=None)
    ExchangeProgramFactory(min_gpa=Decimal("3.20"))
    assert set(finder({"gpa": "3.00"})) == {easy, no_minimum}


def test_finder_gpa_equal_to_minimum_is_enough():
    exact = ExchangeProgramFactory(min_gpa=Decimal("3.00"))
    assert finder({"gpa": "3.00"}) == [exact]


def test_finder_level_undergraduate_includes_programmes_for_all_levels():
    both = ExchangeProgramFactory(level=ExchangeProgram.Level.ALL)
    undergraduate = ExchangeProgramFactory(level=ExchangeProgram.Level.UNDERGRADUATE)
    ExchangeProgramFactory(level=ExchangeProgram.Level.GRADUATE)
    assert set(finder({"level": "undergraduate"})) == {both, undergraduate}


def test_finder_fall_term_includes_fall_or_spring_programmes():
    either = ExchangeProgramFactory(terms=ExchangeProgram.Term.FALL_OR_SPRING)
    ExchangeProgramFactory(terms=ExchangeProgram.Term.SUMMER)
    assert finder({"term": "fall"}) == [either]


def test_finder_open_now_keeps_programmes_of_an_open_call():
    offered = CallProgrammeFactory().programme
    ExchangeProgramFactory()
    closed_call = ApplicationCallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=60), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    CallProgrammeFactory(call=closed_call)
    assert finder({"open_now": "on"}) == [offered]


def test_finder_text_search_matches_chinese_partner_name():
    wanted = ExchangeProgramFactory(partner=PartnerUniversityFactory(name_zh_hant="京都工藝纖維大學"))
    ExchangeProgramFactory()
    assert finder({"q": "工藝"}) == [wanted]


def test_finder_text_search_matches_chinese_programme_title():
    wanted = ExchangeProgramFactory(title_zh_hant="暑期日語研習")
    ExchangeProgramFactory()
    assert finder({"q": "日語"}) == [wanted]


def test_finder_sorts_by_nearest_deadline_with_unoffered_programmes_last():
    later = CallProgrammeFactory(call=ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=30)))
    sooner = CallProgrammeFactory(call=ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=3)))
    unoffered = ExchangeProgramFactory(title_en="AAA first by name")
    assert finder({"sort": "deadline"}) == [sooner.programme, later.programme, unoffered]


def test_finder_sorts_by_name():
    b = ExchangeProgramFactory(title_en="Beta")
    a = ExchangeProgramFactory(title_en="Alpha")
    assert finder({"sort": "name"}) == [a, b]


def test_finder_ignores_invalid_values_and_reports_them():
    programme = ExchangeProgramFactory()
    form = FinderForm({"region": "mars", "gpa": "five"}, country_codes=[])
    assert not form.is_valid()
    assert set(form.errors) == {"region", "gpa"}
    assert list(form.filter(ExchangeProgram.objects.all())) == [programme]


def test_finder_rejects_gpa_above_scale():
    form = FinderForm({"gpa": "4.31"}, country_codes=[])
    assert "gpa" in form.errors


# --- Application form -----------------------------------------------------------------------

def test_valid_application_form(open_call, form_data, form_files):
    form = application_form(open_call, form_data, form_files)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["student_id"] == "4A1120034"
    assert len(form.cleaned_data["programmes"]) == 2


@pytest.mark.parametrize("gpa", ["-0.01", "4.31", "5"])
def test_gpa_outside_scale_is_refused(open_call, form_data, form_files, gpa):
    form = application_form(open_call, {**form_data, "gpa": gpa}, form_files)
    assert "gpa" in form.errors


@pytest.mark.parametrize("gpa", ["0.00", "4.30"])
def test_gpa_bounds_are_accepted(open_call, form_data, form_files, gpa):
    form = application_form(open_call, {**form_data, "gpa": gpa}, form_files)
    assert form.is_valid(), form.errors


def test_same_programme_twice_is_refused(open_call, form_data, form_files):
    data = {**form_data, "choice_2": form_data["choice_1"]}
    form = application_form(open_call, data, form_files)
    assert form.errors["choice_2"] == ["Choose each programme only once."]


def test_choice_asking_for_a_higher_gpa_is_refused_with_both_figures(open_call, offers, form_data, form_files):
    demanding = offers[1].programme
    demanding.min_gpa = Decimal("3.80")
    demanding.save()
    form = application_form(open_call, form_data, form_files)
    assert form.errors["choice_2"] == ["This programme asks for a GPA of at least 3.80; yours is 3.65."]


def test_choice_whose_minimum_equals_the_gpa_is_accepted(open_call, offers, form_data, form_files):
    exact = offers[0].programme
    exact.min_gpa = Decimal("3.65")
    exact.save()
    form = application_form(open_call, form_data, form_files)
    assert form.is_valid(), form.errors


def test_programme_of_another_call_is_refused(open_call, form_data, form_files):
    elsewhere = CallProgrammeFactory().programme
    form = application_form(open_call, {**form_data, "choice_1": str(elsewhere.pk)}, form_files)
    assert "choice_1" in form.errors


def test_unpublished_programme_cannot_be_chosen(open_call, offers, form_data, form_files):
    hidden = CallProgrammeFactory(call=open_call, programme=ExchangeProgramFactory(is_published=False)).programme
    form = application_form(open_call, {**form_data, "choice_3": str(hidden.pk)}, form_files)
    assert "choice_3" in form.errors


def test_statement_over_limit_is_refused(open_call, form_data, form_files):
    form = application_form(open_call, {**form_data, "statement": "x" * 3001}, form_files)
    assert "statement" in form.errors


def test_transcript_is_required(open_call, form_data):
    form = application_form(open_call, form_data, {"language_certificate": pdf_upload()})
    assert "transcript" in form.errors


def test_renamed_executable_is_not_a_pdf(open_call, form_data, form_files):
    form = application_form(open_call, form_data, {**form_files, "transcript": exe_as_pdf_upload()})
    assert form.errors["transcript"] == ["This file is not a PDF document."]


def test_file_over_ten_megabytes_is_refused(open_call, form_data, form_files):
    form = application_form(open_call, form_data, {**form_files, "transcript": oversized_pdf_upload()})
    assert "limit is 10 MB" in form.errors["transcript"][0]


def test_certificate_may_be_an_image(open_call, form_data, form_files):
    form = application_form(open_call, form_data, {**form_files, "language_certificate": png_upload()})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["language_certificate"].name.endswith(".png")


def test_decompression_bomb_png_certificate_is_refused(open_call, form_data, form_files):
    form = application_form(open_call, form_data, {**form_files, "language_certificate": bomb_png_upload()})
    assert "20 megapixels" in form.errors["language_certificate"][0]


def test_extra_document_must_be_a_pdf(open_call, form_data, form_files):
    form = application_form(open_call, form_data, {**form_files, "extra_document": png_upload()})
    assert form.errors["extra_document"] == ["This file is not a PDF document."]


def test_language_test_needs_a_certificate(open_call, form_data):
    form = application_form(open_call, form_data, {"transcript": pdf_upload()})
    assert "language_certificate" in form.errors


def test_no_language_test_needs_no_certificate(open_call, form_data):
    data = {**form_data, "language_test": "none", "language_score": ""}
    form = application_form(open_call, data, {"transcript": pdf_upload()})
    assert form.is_valid(), form.errors


def test_form_says_nothing_about_an_existing_application(open_call, form_data, form_files):
    first = ApplicationFactory(call=open_call, student_id="4A1120034")
    form = application_form(open_call, form_data, form_files)
    assert form.is_valid(), form.errors  # the view answers as for a new application
    assert first.reference not in str(form.errors)


def test_same_student_may_apply_to_another_call(open_call, form_data, form_files):
    ApplicationFactory(student_id="4A1120034")
    assert application_form(open_call, form_data, form_files).is_valid()


def test_form_with_errors_says_files_must_be_chosen_again(open_call, form_data, form_files):
    form = application_form(open_call, {**form_data, "gpa": "9"}, form_files)
    assert not form.is_valid()
    assert form.files_were_dropped


def test_honeypot_filled_catches_a_bot_without_an_error_message(open_call, form_data, form_files):
    form = application_form(open_call, {**form_data, "website": "http://spam.example"}, form_files)
    assert form.caught_a_bot
    assert form.is_valid() and "website" not in form.errors


def test_honeypot_left_empty_is_a_person(open_call, form_data, form_files):
    assert not application_form(open_call, form_data, form_files).caught_a_bot


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("4a1120034@stust.example.edu.tw", True),
        ("4a1120034@mail.stust.example.edu.tw", True),
        ("4a1120034@evilstust.example.edu.tw", False),
        ("4a1120034@stust.example.edu.tw.evil.com", False),
    ],
)
def test_email_domain_matches_exactly_or_as_a_subdomain(open_call, form_data, form_files, settings, email, allowed):
    settings.STUDENT_EMAIL_DOMAINS = ("stust.example.edu.tw",)
    form = application_form(open_call, {**form_data, "email": email}, form_files)
    form.is_valid()
    assert ("email" not in form.errors) is allowed, form.errors.get("email")


def test_statement_line_breaks_count_as_one_character_like_the_browser(open_call, form_data, form_files):
    from exchanges.models.applications import STATEMENT_MAX_CHARS

    paragraphs = "x" * 99 + "\n"  # 100 characters in the browser's counter
    typed = paragraphs * (STATEMENT_MAX_CHARS // 100)
    assert len(typed) == STATEMENT_MAX_CHARS
    sent = typed.replace("\n", "\r\n")  # what the browser sends
    form = application_form(open_call, {**form_data, "statement": sent}, form_files)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["statement"] == typed.strip()
    too_long = application_form(open_call, {**form_data, "statement": sent + "y"}, form_files)
    assert "statement" in too_long.errors


def test_pdf_named_otherwise_is_stored_as_pdf(open_call, form_data, form_files):
    form = application_form(open_call, form_data, {**form_files, "transcript": pdf_upload("transcript.exe")})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["transcript"].name == "document.pdf"
    assert form.cleaned_data["transcript"].content_type == "application/pdf"


def test_a_certificate_beyond_pillows_bomb_guard_is_not_called_an_unknown_file(open_call, form_data):
    from tests.exchanges.conftest import bomb_png_upload

    files = {"transcript": pdf_upload(), "language_certificate": bomb_png_upload(side=14_000)}
    form = application_form(open_call, form_data, files)
    assert not form.is_valid()
    assert "20 megapixels" in form.errors["language_certificate"][0]
