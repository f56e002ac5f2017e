"""The student's pages after departure (behind the application's private link) and the public
course library and experience reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_protect
from django.views.generic import DetailView, ListView

from abroad import pdfs, services
from abroad.forms import CourseFormSet, DepartmentFilterForm, ProposalNoteForm, ReportForm, TranscriptForm
from abroad.models import (
    CourseEquivalence,
    ExperienceReport,
    LearningAgreement,
    LearningAgreementVersion,
    Recognition,
    RecognitionLine,
)
from core.models import Department
from core.pagination import NearestPageMixin
from core.pdf import pdf_response
from core.private_files import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB
from core.ratelimit import RateLimit, client_ip
from exchanges.models import Application
from partners.models import PartnerUniversity

# Wrong private links per address per ten minutes before every link answers 404 for a while.
MISS_LIMIT = RateLimit("abroad-private-link-miss", limit=20, window=600)
LIBRARY_PAGE = 50
REPORTS_PAGE = 12


def private_application(request, token):
    """The application behind a private link, with everything the page shows, in a fixed number of queries."""
    if MISS_LIMIT.is_blocked(client_ip(request)):
        raise Http404
    versions = LearningAgreementVersion.objects.prefetch_related("courses")
    application = (
        Application.objects.select_related(
            "call",
            "nominated_programme__partner",
            "mobility_record",
            "learning_agreement__recognition",
            "experience_report",
        )
        .prefetch_related(
            Prefetch("learning_agreement__versions", queryset=versions),
            Prefetch(
                "learning_agreement__recognition__lines", queryset=RecognitionLine.objects.select_related("course")
            ),
            "experience_report__photos",
        )
        .filter(token=token)
        .first()
    )
    if application is None:
        MISS_LIMIT.hit_request(request)
        raise Http404
    return application


def _related_or_none(obj, name):
    try:
        return getattr(obj, name)
    except (LearningAgreement.DoesNotExist, Recognition.DoesNotExist, ExperienceReport.DoesNotExist):
        return None


@method_decorator(csrf_protect, name="dispatch")
class AbroadView(View):
    """The student's stay abroad: learning agreement versions, the transcript, the report."""

    template_name = "abroad/abroad.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_DOCUMENT_BYTES + 1024 * 1024:
                messages.error(request, _("The file is too large; the limit is %(mb)s MB.") % {"mb": MAX_DOCUMENT_MB})
                return redirect(request.path)
            request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return self.render(private_application(request, token))

    def post(self, request, token):
        application = private_application(request, token)
        action = request.POST.get("action")
        handler = {"propose": self.propose, "transcript": self.transcript, "report": self.report}.get(action)
        if handler is None:
            return redirect(request.path)
        return handler(application)

    def propose(self, application):
        formset = CourseFormSet(self.request.POST, prefix="course")
        note = ProposalNoteForm(self.request.POST)
        if formset.is_valid() and note.is_valid():
            try:
                version = services.propose(application, formset.courses(), note.cleaned_data["note"])
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(
                    self.request, _("Version %(number)s sent to your department.") % {"number": version.number}
                )
                return redirect(f"{self.request.path}#learning-agreement")
        return self.render(application, formset=formset, note_form=note, status=400)

    def transcript(self, application):
        form = TranscriptForm(self.request.POST, self.request.FILES)
        if form.is_valid():
            try:
                services.upload_transcript(application, form.cleaned_data["transcript"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("Transcript received: the office will recognise your credits."))
                return redirect(f"{self.request.path}#recognition")
        return self.render(application, transcript_form=form, status=400)

    def report(self, application):
        form = ReportForm(self.request.POST, self.request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            photos = [(data["photo"], data["caption"])] if data.get("photo") else []
            try:
                services.submit_report(
                    application,
                    title=data["title"],
                    body=data["body"],
                    language=data["language"],
                    show_name=data["show_name"],
                    consent=data["consent"],
                    photos=photos,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("Thank you! The office reads every report before publishing it."))
                return redirect(f"{self.request.path}#report")
        return self.render(application, report_form=form, status=400)

    def render(self, application, formset=None, note_form=None, transcript_form=None, report_form=None, status=200):
        agreement = _related_or_none(application, "learning_agreement")
        recognition = _related_or_none(agreement, "recognition") if agreement else None
        report = _related_or_none(application, "experience_report")
        pending = agreement.pending_version() if agreement else None
        approved = agreement.approved_version() if agreement else None
        if formset is None:
            latest = agreement.versions_newest_first()[0] if agreement and agreement.versions.all() else None
            initial = [
                {
                    field: getattr(line, field)
                    for field in ("host_code", "host_title", "host_credits", "home_code", "home_title", "home_credits")
                }
                for line in (latest.courses.all() if latest else [])
            ]
            formset = CourseFormSet(prefix="course", initial=initial)
        if report_form is None:
            initial = (
                {
                    "title": report.title,
                    "body": report.body,
                    "language": report.language,
                    "show_name": report.show_name,
                    "consent": report.consent,
                }
                if report
                else None
            )
            report_form = ReportForm(initial=initial)
        context = {
            "application": application,
            "agreement": agreement,
            "versions": agreement.versions_newest_first() if agreement else [],
            "pending": pending,
            "approved": approved,
            "may_propose": services.may_propose(application)
            and pending is None
            and not (recognition and recognition.status == Recognition.Status.RECOGNISED),
            "formset": formset,
            "note_form": note_form or ProposalNoteForm(),
            "recognition": recognition,
            "transcript_form": transcript_form or TranscriptForm(),
            "may_upload": approved is not None
            and not (recognition and recognition.status == Recognition.Status.RECOGNISED),
            "report": report,
            "report_form": report_form,
            "may_report": services.may_report(application),
        }
        response = render(self.request, self.template_name, context, status=status)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response


def learning_agreement_pdf(request, token):
    application = private_application(request, token)
    agreement = _related_or_none(application, "learning_agreement")
    version = agreement.approved_version() if agreement else None
    if version is None:
        raise Http404
    response = pdf_response(pdfs.learning_agreement(version), f"{application.reference}-learning-agreement.pdf")
    response["X-Robots-Tag"] = "noindex"
    return response


def recognition_pdf(request, token):
    application = private_application(request, token)
    agreement = _related_or_none(application, "learning_agreement")
    recognition = _related_or_none(agreement, "recognition") if agreement else None
    if recognition is None or recognition.status != Recognition.Status.RECOGNISED:
        raise Http404
    response = pdf_response(pdfs.recognition_form(recognition), f"{application.reference}-recognition.pdf")
    response["X-Robots-Tag"] = "noindex"
    return response


class CourseLibraryView(NearestPageMixin, ListView):
    """Every course recognised before: host course → home course, by partner and department."""

    template_name = "abroad/course_library.html"
    context_object_name = "courses"
    paginate_by = LIBRARY_PAGE

    def get_queryset(self):
        self.form = DepartmentFilterForm(
            self.request.GET, departments=[(d.code, d.name) for d in Department.objects.active()]
        )
        rows = (
            CourseEquivalence.objects.published()
            .select_related("partner", "department")
            .order_by("partner__name", "host_code", "-academic_year", "pk")
        )
        self.partner = None
        if self.form.is_valid():
            if self.form.cleaned_data["department"]:
                rows = rows.filter(department_id=self.form.cleaned_data["department"])
            if self.form.cleaned_data["partner"]:
                self.partner = (
                    PartnerUniversity.objects.published().filter(slug=self.form.cleaned_data["partner"]).first()
                )
                rows = rows.filter(partner=self.partner) if self.partner else rows.none()
        return rows

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, partner=self.partner, **kwargs)


class ReportListView(NearestPageMixin, ListView):
    template_name = "abroad/report_list.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PAGE

    def get_queryset(self):
        return (
            ExperienceReport.objects.published()
            .select_related("partner")
            .prefetch_related("photos")
            .order_by("-published_at", "-pk")
        )


class ReportDetailView(DetailView):
    template_name = "abroad/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return ExperienceReport.objects.published().select_related("partner", "programme").prefetch_related("photos")
