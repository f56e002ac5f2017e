"""The learning agreement and the recognition form as PDFs, English and Traditional Chinese side by side
(the host reads the English, the home department the Chinese), from the site settings."""

from django.utils import timezone, translation

from core.models import SiteSettings
from core.pdf import Document


def _both(instance, field):
    english = getattr(instance, f"{field}_en", "") or getattr(instance, field, "")
    chinese = getattr(instance, f"{field}_zh_hant", "") or english
    return english, chinese


def _in(language, callable_):
    with translation.override(language):
        return str(callable_())


def _header(document, title_en, title_zh):
    site = SiteSettings.get_solo()
    institution_en, institution_zh = _both(site, "institution_name")
    office_en, office_zh = _both(site, "office_name")
    document.author = institution_en
    document.paragraph(f"{institution_en}\n{institution_zh}", size=13, bold=True)
    contact = " · ".join(part for part in (site.address, site.email, site.phone) if part)
    document.paragraph(f"{office_en} · {office_zh}" + (f"\n{contact}" if contact else ""), size=9)
    document.rule()
    document.heading(f"{title_en}  {title_zh}", size=17)
    return site


def _student_rows(application):
    programme = application.nominated_programme
    partner_en, partner_zh = _both(programme.partner, "name") if programme else ("—", "—")
    record = application.mobility_record_or_none()
    period = "—"
    if record and record.starts_on and record.ends_on:
        period = f"{record.starts_on.isoformat()} – {record.ends_on.isoformat()}"
    return [
        ("Reference 編號", application.reference),
        ("Student 學生", " ".join(part for part in (application.name_en, application.name_zh) if part)),
        ("Student ID 學號", application.student_id),
        (
            "Department 系所",
            f"{_in('en', application.get_department_display)} / {_in('zh-hant', application.get_department_display)}",
        ),
        ("Host university 接待學校", partner_en if partner_en == partner_zh else f"{partner_en} / {partner_zh}"),
        ("Programme 計畫", programme.title if programme else "—"),
        ("Period 期間", period),
    ]


def learning_agreement(version):
    agreement = version.agreement
    application = agreement.application
    document = Document(title=f"{application.reference} Learning Agreement 學習協議書")
    _header(document, "Learning Agreement", "學習協議書")
    document.rows(
        _student_rows(application)
        + [
            (
                "Version 版本",
                f"{version.number} — {_in('en', version.get_status_display)} / {_in('zh-hant', version.get_status_display)}",
            ),
        ]
    )
    document.space(2)
    document.heading("Courses at the host and their recognition at home  研修課程與抵免對照", size=12)
    for line in version.courses.all():
        home = line.home_label() if line.home_title else "Elective credits 選修學分"
        document.rows(
            [
                (f"{line.host_code} ({line.host_credits})", line.host_title),
                ("→ Home course 本校課程", f"{home} ({line.home_credits})"),
            ],
            size=9,
        )
    document.rows(
        [
            ("Host credits 接待學校學分", str(version.total_host_credits())),
            ("Home credits 本校學分", str(version.total_home_credits())),
        ]
    )
    document.space(4)
    if version.decided_at:
        decided = timezone.localtime(version.decided_at).date().isoformat()
        document.paragraph(f"Approved by the department on {decided}.\n系所已於 {decided} 核准。", size=10)
    document.space(8)
    document.paragraph("Student 學生 ______________________    Department 系所 ______________________", size=10)
    return document.render()


def recognition_form(recognition):
    application = recognition.agreement.application
    document = Document(title=f"{application.reference} Credit Recognition 學分抵免表")
    _header(document, "Credit Recognition", "學分抵免表")
    document.rows(_student_rows(application))
    document.space(2)
    document.heading("Courses recognised  抵免課程", size=12)
    for line in recognition.lines.all():
        course = line.course
        home = course.home_label() if course.home_title else "Elective credits 選修學分"
        document.rows(
            [
                (f"{course.host_code} ({course.host_credits})", course.host_title),
                ("Grade 成績", line.grade),
                ("→ Recognised as 抵免為", f"{home}: {line.recognised_credits}"),
            ],
            size=9,
        )
    document.rows([("Credits recognised 抵免學分合計", str(recognition.total_recognised()))])
    if recognition.recognised_at:
        day = timezone.localtime(recognition.recognised_at).date().isoformat()
        document.paragraph(f"Recognised on {day}.\n抵免日期：{day}。", size=10)
    document.space(8)
    document.paragraph("Department 系所 ______________________    Registry 註冊組 ______________________", size=10)
    return document.render()
