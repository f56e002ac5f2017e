"""The personal data of the stay abroad. Only the fields that are *not* personal are named;
the course-equivalence library is anonymous by construction (no link to any student)."""

from django.utils.translation import gettext_lazy as _

from abroad.models import (
    CourseLine,
    ExperienceReport,
    LearningAgreement,
    LearningAgreementVersion,
    Recognition,
    RecognitionLine,
    ReportPhoto,
)
from privacy.registry import RetentionKind, add_retention, register

register(LearningAgreement, keep=("created_at",), purpose=_("The courses agreed for a stay abroad."))
register(
    LearningAgreementVersion,
    keep=("number", "status", "proposed_at", "decided_at"),
    label=lambda version: f"{version.agreement.application.reference} v{version.number}",
    purpose=_("Each version of a learning agreement, with the student's note and the department's comment."),
)
register(
    CourseLine,
    keep=("position", "host_credits", "home_credits"),
    label=lambda line: f"{line.version.agreement.application.reference} v{line.version.number} #{line.position}",
    purpose=_("The courses a student planned to take abroad and the home courses they replace."),
)
register(
    Recognition,
    keep=("status", "transcript_size", "transcript_uploaded_at", "recognised_at"),
    label=lambda recognition: recognition.agreement.application.reference,
    purpose=_("The host transcript, to recognise the credits of the stay at home."),
)
register(
    RecognitionLine,
    keep=("recognised_credits",),
    label=lambda line: f"{line.recognition.agreement.application.reference} {line.course_id}",
    purpose=_("The grade at the host and the credits recognised, per course."),
)
register(
    ExperienceReport,
    keep=("academic_year", "language", "status", "show_name", "consent", "submitted_at", "published_at", "updated_at"),
    label=lambda report: f"{report.application.reference} report",
    purpose=_("A returnee's experience report, published only with their consent."),
)
register(
    ReportPhoto,
    keep=("position",),
    delete_rows=True,
    label=lambda photo: f"{photo.report.application.reference} photo {photo.position}",
    purpose=_("Photos sent with an experience report."),
)


def delete_recognised_transcripts(cutoff):
    """The transcript goes some time after the credits are recognised; the results stay."""
    removed = 0
    for recognition in Recognition.objects.filter(recognised_at__lt=cutoff).exclude(transcript=""):
        recognition.transcript.delete(save=False)
        Recognition.objects.filter(pk=recognition.pk).update(transcript="")
        removed += 1
    return removed


add_retention(
    RetentionKind(
        code="abroad.transcripts",
        label=_("Host transcripts of students back from abroad"),
        starts=_("after the credits are recognised"),
        default_months=12,
        apply=delete_recognised_transcripts,
        order=25,
    )
)
