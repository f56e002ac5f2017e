"""The admin of the stay abroad: department decisions on learning agreements, credit recognition,
the course library, report moderation, and who is abroad now (with the messages sent to them).

Department approvers see only their own department's students: every list and every view
here goes through abroad.access.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from import_export import resources

from abroad import now, pdfs, services
from abroad.access import department_scope, scoped
from abroad.models import (
    AbroadMessage,
    CourseEquivalence,
    CourseLine,
    DepartmentStaff,
    ExperienceReport,
    LearningAgreement,
    LearningAgreementVersion,
    Recognition,
    RecognitionLine,
    ReportPhoto,
)
from core.admin_changelist import ChoicesInUseFilter
from core.pdf import pdf_response
from core.private_files import attachment_response
from core.spreadsheets import SafeCSV, SafeXLSX, dataset, export_response
from partners.admin import GuardedImportExportAdmin
from privacy.admin_tools import AccessLoggedAdmin
from privacy.models import AccessLogEntry
from privacy.services import log_access

VERSIONS_WITH_COURSES = Prefetch(
    "versions", queryset=LearningAgreementVersion.objects.select_related("decided_by").prefetch_related("courses")
)


class DepartmentScopedAdmin(AccessLoggedAdmin):
    """Lists and objects narrowed to the staff member's departments."""

    department_path = "application__department"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self.has_view_or_change_permission(request):
            return queryset  # refused by the permission check that follows, not by a missing row
        return scoped(queryset, request.user, self.department_path)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Every version and every recognition is kept; erasure requests go through the privacy app.
        return request.user.is_superuser

    def scoped_object(self, request, queryset, pk):
        """The object if the user may see it: 403 without the permission, 404 outside their departments."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(scoped(queryset, request.user, self.department_path), pk=pk)


def versions_html(agreement, decide_url=None):
    rows = []
    for version in agreement.versions_newest_first():
        courses = format_html_join(
            "",
            "<li>{} {} ({}) → {} ({})</li>",
            (
                (c.host_code, c.host_title, c.host_credits, c.home_label(), c.home_credits)
                for c in version.courses.all()
            ),
        )
        decided = ""
        if version.decided_at:
            decided = format_html(
                " · {} {}", timezone.localtime(version.decided_at).strftime("%Y-%m-%d"), version.decided_by or ""
            )
        action = ""
        if decide_url and version.status == LearningAgreementVersion.Status.PROPOSED:
            action = format_html(' · <a href="{}">{}</a>', decide_url(version), _("Approve or return"))
        rows.append(
            format_html(
                "<div class='la-version'><strong>{} {}</strong> — {}{}{}<ul>{}</ul>{}{}</div>",
                _("Version"),
                version.number,
                version.get_status_display(),
                decided,
                action,
                courses,
                format_html("<p>{}: {}</p>", _("Student's note"), version.student_note) if version.student_note else "",
                format_html("<p>{}: {}</p>", _("Comment"), version.comment) if version.comment else "",
            )
        )
    return format_html_join("", "{}", ((row,) for row in rows)) or "—"


@admin.register(LearningAgreement)
class LearningAgreementAdmin(DepartmentScopedAdmin):
    list_display = ("reference", "student", "department", "partner", "latest_status", "created_at")
    list_select_related = ("application__nominated_programme__partner",)
    list_filter = ("versions__status",)
    search_fields = ("application__reference", "application__name_en", "application__name_zh")
    fields = ("application_link", "department", "partner", "versions_list", "pdf_link")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(VERSIONS_WITH_COURSES)

    def has_change_permission(self, request, obj=None):
        return False  # versions are proposed by the student and decided on their own page

    def get_urls(self):
        return [
            path(
                "<int:pk>/learning-agreement.pdf",
                self.admin_site.admin_view(self.pdf_view),
                name="abroad_learningagreement_pdf",
            ),
            path(
                "versions/<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="abroad_learningagreement_decide",
            ),
        ] + super().get_urls()

    @admin.display(description=_("reference"), ordering="application__reference")
    def reference(self, agreement):
        return agreement.application.reference

    @admin.display(description=_("student"))
    def student(self, agreement):
        return agreement.application.name_en

    @admin.display(description=_("department"))
    def department(self, agreement):
        return agreement.application.get_department_display()

    @admin.display(description=_("partner university"))
    def partner(self, agreement):
        programme = agreement.application.nominated_programme
        return programme.partner.name if programme else "—"

    @admin.display(description=_("latest version"))
    def latest_status(self, agreement):
        versions = agreement.versions_newest_first()
        return f"v{versions[0].number}: {versions[0].get_status_display()}" if versions else "—"

    @admin.display(description=_("application"))
    def application_link(self, agreement):
        return f"{agreement.application.reference} {agreement.application.name_en}"

    @admin.display(description=_("versions"))
    def versions_list(self, agreement):
        return versions_html(
            agreement, lambda version: reverse("admin:abroad_learningagreement_decide", args=[version.pk])
        )

    @admin.display(description=_("printable"))
    def pdf_link(self, agreement):
        if agreement.approved_version() is None:
            return _("No approved version yet.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:abroad_learningagreement_pdf", args=[agreement.pk]),
            _("Learning agreement (PDF)"),
        )

    def pdf_view(self, request, pk):
        queryset = LearningAgreement.objects.select_related(
            "application__nominated_programme__partner"
        ).prefetch_related(VERSIONS_WITH_COURSES)
        agreement = self.scoped_object(request, queryset, pk)
        version = agreement.approved_version()
        if version is None:
            raise PermissionDenied
        return pdf_response(
            pdfs.learning_agreement(version), f"{agreement.application.reference}-learning-agreement.pdf"
        )

    def decide_view(self, request, pk):
        if not request.user.has_perm("abroad.change_learningagreementversion"):
            raise PermissionDenied
        version = get_object_or_404(
            scoped(
                LearningAgreementVersion.objects.select_related("agreement__application__nominated_programme__partner"),
                request.user,
                "agreement__application__department",
            ),
            pk=pk,
        )
        agreement = LearningAgreement.objects.prefetch_related(VERSIONS_WITH_COURSES).get(pk=version.agreement_id)
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decide(
                    version, approve="approve" in request.POST, comment=form.cleaned_data["comment"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("Decision recorded; the student is told by e-mail."), messages.SUCCESS)
                return redirect("admin:abroad_learningagreement_change", agreement.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Learning agreement %(reference)s, version %(number)s")
            % {"reference": agreement.application.reference, "number": version.number},
            "opts": self.model._meta,
            "original": agreement,  # the record the page shows: breadcrumbs and the access log read it
            "agreement": agreement,
            "version": version,
            "versions": versions_html(agreement),
            "form": form,
            "is_pending": version.status == LearningAgreementVersion.Status.PROPOSED,
        }
        return TemplateResponse(request, "admin/abroad/decide.html", context)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the student"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the version."),
    )


@admin.register(Recognition)
class RecognitionAdmin(DepartmentScopedAdmin):
    department_path = "agreement__application__department"
    list_display = ("reference", "student", "status", "transcript_uploaded_at", "recognised_at")
    list_filter = ("status",)
    list_select_related = ("agreement__application",)
    search_fields = ("agreement__application__reference", "agreement__application__name_en")
    fields = (
        "reference",
        "student",
        "status",
        "transcript_link",
        "transcript_uploaded_at",
        "recognised_at",
        "recognised_by",
        "actions_links",
    )
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        # The change page is read-only; recording the results is the recognise view's (which asks for change).
        return False

    def may_recognise(self, request):
        return request.user.has_perm("abroad.change_recognition")

    def get_urls(self):
        return [
            path(
                "<int:pk>/transcript/",
                self.admin_site.admin_view(self.transcript_view),
                name="abroad_recognition_transcript",
            ),
            path(
                "<int:pk>/recognise/",
                self.admin_site.admin_view(self.recognise_view),
                name="abroad_recognition_recognise",
            ),
            path("<int:pk>/recognition.pdf", self.admin_site.admin_view(self.pdf_view), name="abroad_recognition_pdf"),
        ] + super().get_urls()

    @admin.display(description=_("reference"), ordering="agreement__application__reference")
    def reference(self, recognition):
        return recognition.agreement.application.reference

    @admin.display(description=_("student"))
    def student(self, recognition):
        return recognition.agreement.application.name_en

    @admin.display(description=_("host transcript"))
    def transcript_link(self, recognition):
        if not recognition.transcript:
            return "—"
        return format_html('<a href="{}">{}</a>', recognition.get_download_url(), _("Download"))

    @admin.display(description=_("actions"))
    def actions_links(self, recognition):
        links = [(reverse("admin:abroad_recognition_recognise", args=[recognition.pk]), _("Grades and credits"))]
        if recognition.status == Recognition.Status.RECOGNISED:
            links.append((reverse("admin:abroad_recognition_pdf", args=[recognition.pk]), _("Recognition form (PDF)")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def base(self):
        return Recognition.objects.select_related(
            "agreement__application__nominated_programme__partner", "agreement__application__mobility_record"
        ).prefetch_related(
            Prefetch("agreement__versions", queryset=VERSIONS_WITH_COURSES.queryset),
            Prefetch("lines", queryset=RecognitionLine.objects.select_related("course")),
        )

    def transcript_view(self, request, pk):
        recognition = self.scoped_object(request, self.base(), pk)
        return attachment_response(
            request, recognition.transcript, recognition.download_name(), "abroad.view_recognition"
        )

    def pdf_view(self, request, pk):
        recognition = self.scoped_object(request, self.base(), pk)
        if recognition.status != Recognition.Status.RECOGNISED:
            raise PermissionDenied
        return pdf_response(
            pdfs.recognition_form(recognition), f"{recognition.agreement.application.reference}-recognition.pdf"
        )

    def recognise_view(self, request, pk):
        recognition = self.scoped_object(request, self.base(), pk)
        if request.method == "POST" and not self.may_recognise(request):
            raise PermissionDenied
        version = recognition.agreement.approved_version()
        courses = list(version.courses.all()) if version else []
        done = {line.course_id: line for line in recognition.lines.all()}
        errors = []
        if request.method == "POST":
            results = {}
            for course in courses:
                grade = request.POST.get(f"grade-{course.pk}", "").strip()[:20]
                try:
                    credits = Decimal(request.POST.get(f"credits-{course.pk}", "").strip())
                    if credits < 0 or credits > 99:
                        raise InvalidOperation
                except InvalidOperation:
                    errors.append(
                        _("%(code)s: the credits recognised must be a number from 0 to 99.")
                        % {"code": course.host_code}
                    )
                    continue
                if not grade:
                    errors.append(_("%(code)s: give the grade at the host.") % {"code": course.host_code})
                    continue
                results[course.pk] = (grade, credits)
            if not errors:
                try:
                    services.recognise(recognition, results, by=request.user)
                except ValidationError as error:
                    errors.extend(error.messages)
                else:
                    self.message_user(
                        request, _("Credits recognised and added to the course library."), messages.SUCCESS
                    )
                    return redirect("admin:abroad_recognition_change", recognition.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Credit recognition of %(reference)s")
            % {"reference": recognition.agreement.application.reference},
            "opts": self.model._meta,
            "original": recognition,  # the record the page shows: the access log reads it
            "recognition": recognition,
            "rows": [
                (
                    course,
                    done.get(course.pk),
                    request.POST.get(f"grade-{course.pk}", ""),
                    request.POST.get(f"credits-{course.pk}", ""),
                )
                for course in courses
            ],
            "errors": errors,
            "editable": self.may_recognise(request) and recognition.status != Recognition.Status.RECOGNISED,
        }
        return TemplateResponse(request, "admin/abroad/recognise.html", context)


class CourseEquivalenceResource(resources.ModelResource):
    class Meta:
        model = CourseEquivalence
        fields = (
            "id",
            "partner",
            "programme",
            "department",
            "academic_year",
            "host_code",
            "host_title",
            "host_credits",
            "home_code",
            "home_title",
            "home_credits",
            "is_published",
        )


@admin.register(CourseEquivalence)
class CourseEquivalenceAdmin(GuardedImportExportAdmin):
    resource_classes = [CourseEquivalenceResource]
    list_display = (
        "host_code",
        "host_title",
        "home_label",
        "home_credits",
        "partner",
        "department",
        "academic_year",
        "is_published",
    )
    list_filter = ("is_published", "department", "academic_year")
    list_select_related = ("partner",)
    search_fields = ("host_code", "host_title", "home_code", "home_title", "partner__name_en")
    autocomplete_fields = ("partner",)
    raw_id_fields = ("programme",)
    list_editable = ("is_published",)


class ReportPhotoInline(admin.TabularInline):
    model = ReportPhoto
    extra = 0
    fields = ("image", "caption", "position")


@admin.register(ExperienceReport)
class ExperienceReportAdmin(AccessLoggedAdmin):
    list_display = ("title", "partner", "academic_year", "language", "status", "consent", "show_name", "submitted_at")
    list_filter = ("status", "language", "consent")
    list_select_related = ("partner",)
    search_fields = ("title", "body", "partner__name_en")
    readonly_fields = (
        "application",
        "partner",
        "programme",
        "academic_year",
        "author_name",
        "show_name",
        "consent",
        "submitted_at",
        "published_at",
        "status",
    )
    fields = (
        "application",
        "partner",
        "programme",
        "academic_year",
        "language",
        "title",
        "body",
        "author_name",
        "show_name",
        "consent",
        "status",
        "moderation_note",
        "submitted_at",
        "published_at",
    )
    inlines = [ReportPhotoInline]
    actions = ["publish", "decline"]

    def has_add_permission(self, request):
        return False  # students write reports from their status page

    @admin.action(description=_("Publish the selected reports (those with consent)"), permissions=["change"])
    def publish(self, request, queryset):
        count = services.moderate(list(queryset), publish=True)
        self.message_user(request, _("%(count)s reports published.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Do not publish the selected reports"), permissions=["change"])
    def decline(self, request, queryset):
        count = services.moderate(list(queryset), publish=False)
        self.message_user(request, _("%(count)s reports set aside.") % {"count": count}, messages.SUCCESS)


class MessageForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), required=False, max_length=100, help_text=_("Empty: the whole country."))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + [(code, countries.name(code)) for code in country_codes]


@admin.register(AbroadMessage)
class AbroadMessageAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "country", "city", "subject", "recipient_count", "sent_by")
    list_filter = (("country", ChoicesInUseFilter),)
    fields = ("sent_at", "country", "city", "subject", "body", "recipient_count", "sent_by", "batch")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # sent from the "Who is abroad now" page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the log of what was sent stays

    def get_urls(self):
        return [
            path("now/", self.admin_site.admin_view(self.now_view), name="abroad_abroadmessage_now"),
            path("now/export/", self.admin_site.admin_view(self.export_view), name="abroad_abroadmessage_now_export"),
        ] + super().get_urls()

    def rows_for(self, request):
        if not request.user.has_perm("abroad.view_abroadnow"):
            raise PermissionDenied
        contacts = request.user.has_perm("abroad.see_emergencycontacts")
        return now.rows(departments=department_scope(request.user), with_contacts=contacts), contacts

    def now_view(self, request):
        rows, contacts = self.rows_for(request)
        # A list of people (with emergency contacts for some roles): looked at, so logged.
        log_access(request, AccessLogEntry.Action.VIEW, model=now.MobilityRecord, rows=len(rows), label=f"{len(rows)} × abroad now")
        may_send = request.user.has_perm("abroad.add_abroadmessage")
        codes = sorted({row.record.partner.country.code for row in rows})
        form = MessageForm(request.POST or None, country_codes=codes)
        if request.method == "POST":
            if not may_send:
                raise PermissionDenied
            if form.is_valid():
                try:
                    message = services.message_students_abroad(by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(
                        request,
                        _("Message to %(count)s students in %(place)s is being sent.")
                        % {
                            "count": message.recipient_count,
                            "place": ", ".join(filter(None, (message.city, message.country.name))),
                        },
                        messages.SUCCESS,
                    )
                    return redirect("admin:abroad_abroadmessage_now")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Who is abroad now"),
            "opts": self.model._meta,
            "groups": now.by_country(rows),
            "total": len(rows),
            "contacts": contacts,
            "form": form if may_send else None,
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "admin/abroad/abroad_now.html", context)

    def export_view(self, request):
        rows, contacts = self.rows_for(request)
        headers = [
            _("Country"),
            _("City"),
            _("Partner university"),
            _("Student"),
            _("E-mail"),
            _("Starts on"),
            _("Ends on"),
        ]
        if contacts:
            headers.append(_("Emergency contact"))
        cells = []
        for row in rows:
            record = row.record
            line = [
                record.partner.country.name,
                record.partner.city,
                record.partner.name,
                record.student_name,
                row.email,
                record.starts_on,
                record.ends_on,
            ]
            if contacts:
                line.append(row.emergency_contact)
            cells.append(line)
        file_format = SafeXLSX if request.GET.get("format") == "xlsx" else SafeCSV
        log_access(
            request,
            AccessLogEntry.Action.EXPORT,
            None,
            model=now.MobilityRecord,
            rows=len(rows),
            label=f"{len(rows)} × abroad now",
        )
        return export_response(dataset(headers, cells, title="abroad"), file_format, f"abroad-{timezone.localdate()}")


@admin.register(DepartmentStaff)
class DepartmentStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "department")
    list_filter = ("department",)
    autocomplete_fields = ("user",)


# Rows reached only through the pages above; registered nowhere else.
__all__ = ["CourseLine", "RecognitionLine"]
