"""The changes of the stay abroad, each in one transaction, called by the student's pages and the admin."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abroad.models import (
    AbroadMessage,
    CourseEquivalence,
    CourseLine,
    ExperienceReport,
    LearningAgreement,
    LearningAgreementVersion,
    Recognition,
    RecognitionLine,
    ReportPhoto,
)
from exchanges.models import Application, MobilityRecord
from outbox.mail import absolute_url, send_templated_mail

V = LearningAgreementVersion.Status
MAX_COURSES = 20


class AbroadError(ValidationError):
    pass


@dataclass
class Course:
    host_code: str
    host_title: str
    host_credits: Decimal
    home_code: str
    home_title: str
    home_credits: Decimal


def may_propose(application):
    """The partner accepted the student: the courses abroad can be agreed."""
    return application.status == Application.Status.ACCEPTED and application.nominated_programme_id is not None


def programme_of(application):
    return application.nominated_programme


def propose(application, courses, note=""):
    """A new version of the student's learning agreement, awaiting the department."""
    if not may_propose(application):
        raise AbroadError(
            _("A learning agreement can be proposed once the partner has accepted you."), code="not_accepted"
        )
    courses = list(courses)
    if not courses:
        raise AbroadError(_("Add at least one course."), code="no_courses")
    if len(courses) > MAX_COURSES:
        raise AbroadError(_("At most %(count)s courses.") % {"count": MAX_COURSES}, code="too_many_courses")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        agreement, _created = LearningAgreement.objects.get_or_create(application=locked)
        if agreement.versions.filter(status=V.PROPOSED).exists():
            raise AbroadError(_("A version is already waiting for the department's decision."), code="pending_version")
        if hasattr(agreement, "recognition") and agreement.recognition.status == Recognition.Status.RECOGNISED:
            raise AbroadError(_("The credits of this stay are already recognised."), code="recognised")
        number = (agreement.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = LearningAgreementVersion.objects.create(agreement=agreement, number=number, student_note=note.strip())
        CourseLine.objects.bulk_create(
            CourseLine(version=version, position=index, **course.__dict__) for index, course in enumerate(courses)
        )
    return version


def decide(version, *, approve, comment="", by=None):
    """The department approves a proposed version, or returns it with a comment; the student is told."""
    comment = (comment or "").strip()
    if not approve and not comment:
        raise AbroadError(_("Say what should change: a returned version needs a comment."), code="comment_required")
    with transaction.atomic():
        locked = (
            LearningAgreementVersion.objects.select_for_update(of=("self",))
            .select_related("agreement__application")
            .get(pk=version.pk)
        )
        if locked.status != V.PROPOSED:
            raise AbroadError(_("This version has already been decided."), code="decided")
        locked.status = V.APPROVED if approve else V.RETURNED
        locked.comment = comment
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.save(update_fields=["status", "comment", "decided_at", "decided_by"])
        application = locked.agreement.application
        send_templated_mail(
            "abroad/email/agreement_decided",
            {"application": application, "version": locked, "status_url": absolute_url(application.get_status_url())},
            to=application.email,
            language=application.language,
            about=locked.agreement,
        )
    return locked


def upload_transcript(application, upload):
    """The host transcript, back home: private, for the office to recognise the credits."""
    agreement = LearningAgreement.objects.filter(application=application).first()
    if agreement is None or agreement.approved_version() is None:
        raise AbroadError(_("The transcript comes after an approved learning agreement."), code="no_agreement")
    with transaction.atomic():
        recognition, _created = Recognition.objects.select_for_update().get_or_create(agreement=agreement)
        if recognition.status == Recognition.Status.RECOGNISED:
            raise AbroadError(_("The credits of this stay are already recognised."), code="recognised")
        if recognition.transcript:
            recognition.transcript.delete(save=False)
        recognition.transcript = upload
        recognition.transcript_size = upload.size
        recognition.transcript_uploaded_at = timezone.now()
        recognition.status = Recognition.Status.RECEIVED
        recognition.save()
    return recognition


def recognise(recognition, results, by=None):
    """Record grade and credits per course of the approved version, note the total on the mobility
    record, add each course to the public library, and tell the student.

    `results`: {course line pk: (grade, recognised credits)} for every course of the approved version.
    """
    with transaction.atomic():
        locked = (
            Recognition.objects.select_for_update(of=("self",))
            .select_related("agreement__application__nominated_programme__partner")
            .get(pk=recognition.pk)
        )
        if locked.status == Recognition.Status.RECOGNISED:
            raise AbroadError(_("The credits of this stay are already recognised."), code="recognised")
        version = locked.agreement.approved_version()
        if version is None:
            raise AbroadError(_("There is no approved learning agreement to recognise."), code="no_agreement")
        courses = list(version.courses.all())
        missing = [course.host_code for course in courses if course.pk not in results]
        if missing:
            raise AbroadError(
                _("Give a grade and credits for every course: %(codes)s.") % {"codes": ", ".join(missing)},
                code="missing_courses",
            )
        application = locked.agreement.application
        programme = application.nominated_programme
        record = application.mobility_record_or_none()
        year = record.academic_year if record else application.call.year_abroad()
        lines, library = [], []
        for course in courses:
            grade, credits = results[course.pk]
            lines.append(RecognitionLine(recognition=locked, course=course, grade=grade, recognised_credits=credits))
            if Decimal(credits) > 0:
                library.append(
                    CourseEquivalence(
                        partner=programme.partner,
                        programme=programme,
                        department=application.department,
                        academic_year=year,
                        host_code=course.host_code,
                        host_title=course.host_title,
                        host_credits=course.host_credits,
                        home_code=course.home_code,
                        home_title=course.home_title,
                        home_credits=credits,
                    )
                )
        RecognitionLine.objects.filter(recognition=locked).delete()
        RecognitionLine.objects.bulk_create(lines)
        for row in library:
            row.save()  # save(): each record gets its search words
        total = sum((Decimal(line.recognised_credits) for line in lines), Decimal("0"))
        locked.status = Recognition.Status.RECOGNISED
        locked.recognised_at = timezone.now()
        locked.recognised_by = by
        locked.save(update_fields=["status", "recognised_at", "recognised_by"])
        if record is not None:
            MobilityRecord.objects.filter(pk=record.pk).update(credits_recognised=total)
        send_templated_mail(
            "abroad/email/credits_recognised",
            {"application": application, "total": total, "status_url": absolute_url(application.get_status_url())},
            to=application.email,
            language=application.language,
            about=locked,
        )
    return locked


def may_report(application):
    return may_propose(application) and application.mobility_record_or_none() is not None


def submit_report(application, *, title, body, language, show_name, consent, photos=()):
    """The returnee's report (a new one, or a change that goes back to moderation)."""
    if not may_report(application):
        raise AbroadError(_("Reports are written after the stay abroad."), code="not_abroad")
    programme = application.nominated_programme
    record = application.mobility_record
    with transaction.atomic():
        report, _created = ExperienceReport.objects.select_for_update().get_or_create(
            application=application,
            defaults={
                "partner_id": programme.partner_id,
                "academic_year": record.academic_year,
                "title": title,
                "body": body,
            },
        )
        report.partner_id, report.programme = programme.partner_id, programme
        report.academic_year = record.academic_year
        report.title, report.body, report.language = title.strip(), body.strip(), language
        report.show_name, report.consent = show_name, consent
        report.author_name = (
            application.name_zh if language == "zh-hant" and application.name_zh else application.name_en
        )
        report.status = ExperienceReport.Status.SUBMITTED
        report.published_at = None
        report.submitted_at = timezone.now()
        report.save()
        start = report.photos.count()
        for index, (image, caption) in enumerate(photos):
            ReportPhoto.objects.create(report=report, image=image, caption=caption, position=start + index)
    return report


def moderate(reports, *, publish, note=""):
    """Publish reports (only those with consent) or decline them; returns how many changed."""
    changed = 0
    with transaction.atomic():
        for report in ExperienceReport.objects.select_for_update().filter(pk__in=[r.pk for r in reports]):
            if publish and not report.consent:
                continue
            report.status = ExperienceReport.Status.PUBLISHED if publish else ExperienceReport.Status.REJECTED
            report.published_at = timezone.now() if publish else None
            if note:
                report.moderation_note = note
            report.save()
            changed += 1
    return changed


def message_students_abroad(*, country, city, subject, body, by, on=None):
    """E-mail everyone abroad today in `country` (and `city`, when given) in one bulk send, logged."""
    from abroad.now import abroad_today
    from outbox.services import start_batch

    rows = abroad_today(on=on).filter(partner__country=country)
    if city:
        rows = rows.filter(partner__city__iexact=city.strip())
    count = rows.filter(application__isnull=False).count()
    if not count:
        raise AbroadError(_("Nobody is abroad there today."), code="nobody")
    with transaction.atomic():
        message = AbroadMessage.objects.create(
            country=country,
            city=city.strip(),
            subject=subject.strip(),
            body=body.strip(),
            sent_by=by,
            recipient_count=count,
        )
        batch = start_batch(
            builder="abroad.now.message_builder",
            description=f"{message.country.name} {message.city}: {message.subject}"[:200],
            params={"message": message.pk, "on": (on or timezone.localdate()).isoformat()},
            created_by=by,
        )
        message.batch = batch
        message.save(update_fields=["batch"])
    return message
