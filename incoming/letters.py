"""The acceptance letter and the fact sheet as PDFs, from site settings and the fact sheet.

Both languages stand side by side in the letter (embassies read the English, families the
Chinese); the fact sheet comes in the language of the page it was asked from.
"""

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import SiteSettings
from core.pdf import Document
from incoming.models import FactSheet, IncomingApplication
from outbox.mail import absolute_url


def _both(instance, field):
    """(English, Chinese) of a translated field; the Chinese falls back to the English."""
    english = getattr(instance, f"{field}_en", "") or getattr(instance, field, "")
    chinese = getattr(instance, f"{field}_zh_hant", "") or english
    return english, chinese


def _in(language, callable_):
    with translation.override(language):
        return str(callable_())


def acceptance_letter(application):
    site = SiteSettings.get_solo()
    sheet = FactSheet.get_solo()
    institution_en, institution_zh = _both(site, "institution_name")
    office_en, office_zh = _both(site, "office_name")
    head_en, head_zh = _both(sheet, "head_of_office")
    title_en, title_zh = _both(sheet, "head_of_office_title")
    partner_en, partner_zh = _both(application.partner, "name")
    accepted_on = timezone.localtime(application.accepted_at).date()
    verify = absolute_url(application.get_verification_url())

    def term(language):
        return _in(language, application.get_term_display)

    def department(language):
        return _in(language, application.get_wanted_department_display) if application.wanted_department else "—"

    def level(language):
        return _in(language, application.get_study_level_display)

    document = Document(title=f"{application.reference} Letter of Acceptance 入學許可書", author=institution_en)
    document.paragraph(f"{institution_en}\n{institution_zh}", size=13, bold=True)
    document.paragraph(f"{office_en} · {office_zh}", size=10)
    document.rule()
    document.heading("Letter of Acceptance  入學許可書", size=18)
    document.rows(
        [
            ("Reference 編號", application.reference),
            ("Date 日期", accepted_on.isoformat()),
        ]
    )
    document.space(2)
    document.paragraph(
        f"Dear {application.name},\n\n"
        f"On behalf of {institution_en}, we are pleased to accept you as an exchange student nominated by "
        f"{partner_en} for the {term('en').lower()} of the academic year {application.academic_year_text}."
    )
    document.paragraph(
        f"{application.name} 同學您好：\n\n"
        f"{institution_zh}欣然同意接受您以{partner_zh}推薦之交換學生身分，"
        f"於 {application.academic_year_text} 學年{term('zh-hant')}至本校研修。"
    )
    document.rows(
        [
            ("Name 姓名", application.name),
            ("Home university 原就讀學校", partner_en if partner_en == partner_zh else f"{partner_en} / {partner_zh}"),
            ("Study level 學制", f"{level('en')} / {level('zh-hant')}"),
            ("Field of study 就讀領域", application.field_of_study),
            ("Host department 接待系所", f"{department('en')} / {department('zh-hant')}"),
            ("Period 期間", f"{application.academic_year_text} {term('en')} / {term('zh-hant')}"),
        ]
    )
    document.space(2)
    document.paragraph(
        "Please complete the arrival checklist (housing, insurance, visa, arrival date) on your application page "
        "before you travel.\n請於出發前在申請頁面完成抵達檢核表（住宿、保險、簽證、抵達日期）。",
        size=10,
    )
    document.space(6)
    signer_en = ", ".join(part for part in (head_en, title_en) if part)
    signer_zh = " ".join(part for part in (title_zh, head_zh) if part)
    if signer_en:
        document.paragraph(f"{signer_en}\n{signer_zh}", bold=True)
    document.paragraph(f"{office_en}, {institution_en}\n{institution_zh}{office_zh}", size=10)
    document.rule()
    document.paragraph(
        f"Verify this letter 驗證本文件: {verify}\nVerification code 驗證碼: {application.letter_code}", size=9
    )
    return document.render()


def fact_sheet(sheet, language):
    """Our fact sheet in one language, as the public page shows it."""
    site = SiteSettings.get_solo()
    with translation.override(language):
        document = Document(title=f"{site.institution_name} — {_('Fact sheet')}", author=site.institution_name)
        document.paragraph(site.institution_name, size=13, bold=True)
        document.paragraph(site.office_name, size=10)
        document.rule()
        document.heading(_("Fact sheet for exchange students"), size=17)
        document.heading(_("Deadlines"), size=12)
        document.rows(
            [
                (
                    label,
                    _("nominations by %(nomination)s, applications by %(application)s")
                    % {"nomination": nomination, "application": application},
                )
                for label, nomination, application in sheet.deadlines()
            ]
            + [
                (
                    _("Our decision"),
                    _("within %(weeks)s weeks of the application deadline") % {"weeks": sheet.decision_weeks},
                ),
                (
                    _("Transcript of records"),
                    _("within %(weeks)s weeks of the end of the term") % {"weeks": sheet.transcript_weeks},
                ),
            ]
        )
        sections = [
            (_("Language requirements"), sheet.language_requirements, ""),
            (_("Academic calendar"), sheet.academic_calendar, ""),
            (_("Housing"), sheet.housing_info, sheet.housing_url),
            (_("Visa"), sheet.visa_info, sheet.visa_url),
            (_("Insurance"), sheet.insurance_info, sheet.insurance_url),
        ]
        for heading, text, url in sections:
            if text or url:
                document.heading(str(heading), size=12)
                document.paragraph("\n".join(part for part in (text, url) if part), size=10)
        document.heading(_("Contact"), size=12)
        document.rows(
            [
                (_("E-mail"), sheet.contact_email or site.email),
                (_("Phone"), sheet.contact_phone or site.phone),
                (_("Address"), site.address),
            ]
        )
        return document.render()


# A PDF takes about half a second of CPU to build (bench/results/pdf.md): too long to spend in
# a request each time. The letter is built once by a worker when the student is accepted and
# kept as issued; the fact sheet is kept in the cache and rebuilt by a worker when it changes.
FACT_SHEET_PDF_KEY = "incoming:fact-sheet-pdf:{language}"


def issue_acceptance_letter(application_id):
    """Build and keep the letter of an accepted student; a second run keeps the first letter."""
    with transaction.atomic():
        application = (
            IncomingApplication.objects.select_for_update(of=("self",))
            .select_related("partner")
            .accepted()
            .filter(pk=application_id)
            .first()
        )
        if application is None or application.letter_pdf:
            return False
        application.letter_pdf.save(
            f"{application.reference}.pdf", ContentFile(acceptance_letter(application)), save=False
        )
        IncomingApplication.objects.filter(pk=application.pk).update(letter_pdf=application.letter_pdf.name)
    return True


def acceptance_letter_pdf(application):
    """The issued letter; built now only if no worker has issued it yet."""
    if application.letter_pdf:
        try:
            with application.letter_pdf.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:
            pass
    return acceptance_letter(application)


def fact_sheet_pdf(language):
    """The fact sheet's PDF in `language`, from the cache (built now on a miss)."""
    key = FACT_SHEET_PDF_KEY.format(language=language)
    data = cache.get(key)
    if data is None:
        data = fact_sheet(FactSheet.get_solo(), language)
        cache.set(key, data, 30 * 24 * 3600)
    return data


def rebuild_fact_sheet_pdfs():
    """After the fact sheet or the site settings changed: build each language's PDF afresh."""
    from django.conf import settings

    for language, _name in settings.LANGUAGES:
        cache.set(FACT_SHEET_PDF_KEY.format(language=language), fact_sheet(FactSheet.get_solo(), language), 30 * 24 * 3600)
