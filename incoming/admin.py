from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from solo.admin import SingletonModelAdmin

from core.admin_readonly import DocumentInline, StatusHistoryInline
from core.pdf import pdf_response
from core.private_files import attachment_response
from incoming import letters, services
from incoming.models import (
    FactSheet,
    IncomingApplication,
    IncomingDocument,
    IncomingStatusChange,
    NominationLink,
    NominationLogEntry,
)
from outbox.mail import absolute_url
from privacy.admin_tools import AccessLoggedAdmin


class IncomingDocumentInline(DocumentInline):
    model = IncomingDocument
    fields = ("kind", "download", "size", "uploaded_at")
    readonly_fields = fields


class IncomingStatusChangeInline(StatusHistoryInline):
    model = IncomingStatusChange


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note to the student"), required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = application.next_statuses()
        self.fields["to_status"].choices = [("", "—")] + [(s.value, s.label) for s in statuses] if statuses else []


@admin.register(IncomingApplication)
class IncomingApplicationAdmin(AccessLoggedAdmin):
    list_display = (
        "reference", "name", "partner", "academic_year", "term", "study_level", "wanted_department", "status",
        "checklist_progress", "created_at",
    )
    list_filter = ("status", "academic_year", "term", "study_level", "wanted_department", "housing", "needs_visa", "partner")
    list_select_related = ("partner", "wanted_department")
    search_fields = ("reference", "name", "email", "partner__name_en", "partner__name_zh_hant", "coordinator_email")
    date_hierarchy = "created_at"
    inlines = [IncomingDocumentInline, IncomingStatusChangeInline]
    actions = ["mark_under_review", "resend_links"]
    readonly_fields = (
        "reference", "partner", "status_with_actions", "created_at", "submitted_at", "accepted_at", "letter_links",
        "mobility_record_link", "language", "coordinator_name", "coordinator_email",
    )
    fieldsets = (
        (None, {"fields": ("reference", "partner", "status_with_actions", "created_at", "submitted_at", "language")}),
        (_("Nomination"), {"fields": ("coordinator_name", "coordinator_email", "name", "email", "study_level", "field_of_study", "academic_year", "term")}),
        (_("Student"), {"fields": ("date_of_birth", "nationality", "passport_number", "phone", "wanted_department", "housing", "needs_visa", "needs_notes")}),
        (_("Acceptance"), {"fields": ("accepted_at", "letter_links", "mobility_record_link")}),
        (_("Arrival checklist"), {"fields": ("insurance_provider", "insurance_policy_number", "visa_letter_requested", "visa_letter_sent_on", "arrival_date")}),
    )

    def has_add_permission(self, request):
        # Incoming applications come from partners' nomination links.
        return False

    def get_urls(self):
        urls = [
            path("<int:pk>/status/", self.admin_site.admin_view(self.change_status_view), name="incoming_incomingapplication_status"),
            path("<int:pk>/documents/<int:document_pk>/", self.admin_site.admin_view(self.document_view), name="incoming_incomingapplication_document"),
            path("<int:pk>/acceptance-letter.pdf", self.admin_site.admin_view(self.letter_view), name="incoming_incomingapplication_letter"),
        ]
        return urls + super().get_urls()

    @admin.display(description=_("arrival checklist"))
    def checklist_progress(self, application):
        if application.status != IncomingApplication.Status.ACCEPTED:
            return "—"
        return f"{application.checklist_done} / {len(application.checklist())}"

    @admin.display(description=_("status"))
    def status_with_actions(self, application):
        if not application.pk or not application.next_statuses():
            return application.get_status_display()
        url = reverse("admin:incoming_incomingapplication_status", args=[application.pk])
        return format_html('{} <a class="button" href="{}">{}</a>', application.get_status_display(), url, _("Change status…"))

    @admin.display(description=_("acceptance letter"))
    def letter_links(self, application):
        if application.status != IncomingApplication.Status.ACCEPTED:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:incoming_incomingapplication_letter", args=[application.pk]), _("Download the letter (PDF)"),
            application.get_verification_url(), _("Verification page"),
        )

    @admin.display(description=_("mobility record"))
    def mobility_record_link(self, application):
        if not application.mobility_record_id:
            return "—"
        url = reverse("admin:exchanges_mobilityrecord_change", args=[application.mobility_record_id])
        return format_html('<a href="{}">{}</a>', url, _("Incoming mobility record"))

    def document_view(self, request, pk, document_pk):
        document = get_object_or_404(IncomingDocument.objects.select_related("application"), pk=document_pk, application_id=pk)
        return attachment_response(request, document.file, document.download_name(), "incoming.view_incomingdocument")

    def letter_view(self, request, pk):
        application = get_object_or_404(IncomingApplication.objects.select_related("partner").accepted(), pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        return pdf_response(
            letters.acceptance_letter_pdf(application), f"{application.reference}-acceptance-letter.pdf", attachment=True
        )

    def change_status_view(self, request, pk):
        application = get_object_or_404(IncomingApplication, pk=pk)
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        form = StatusChangeForm(request.POST or None, application=application)
        if request.method == "POST" and form.is_valid():
            try:
                services.change_status(application, form.cleaned_data["to_status"], by=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("%(reference)s is now “%(status)s”; the student was e-mailed.")
                    % {"reference": application.reference, "status": application.get_status_display()},
                    messages.SUCCESS,
                )
                return redirect("admin:incoming_incomingapplication_change", application.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of %(reference)s") % {"reference": application.reference},
            "application": application,
            "form": form,
            "opts": self.model._meta,
            "original": application,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/exchanges/application/change_status.html", context)

    @admin.action(description=_("Move the selected applications to “under review”"), permissions=["change"])
    def mark_under_review(self, request, queryset):
        done, refused = 0, []
        for application in queryset:
            try:
                services.change_status(application, IncomingApplication.Status.UNDER_REVIEW, by=request.user)
                done += 1
            except ValidationError as error:
                refused.append(f"{application.reference}: {error.messages[0]}")
        if done:
            self.message_user(request, _("%(count)s applications updated.") % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(request, format_html_join("", "<div>{}</div>", ((m,) for m in refused)), messages.ERROR)

    @admin.action(description=_("E-mail the selected students their private link again"), permissions=["change"])
    def resend_links(self, request, queryset):
        for application in queryset:
            services.resend_private_link(application)
        self.message_user(request, _("Links sent again."), messages.SUCCESS)


@admin.register(NominationLink)
class NominationLinkAdmin(admin.ModelAdmin):
    list_display = ("partner", "is_enabled", "link", "created_at", "rotated_at")
    list_filter = ("is_enabled",)
    list_select_related = ("partner",)
    search_fields = ("partner__name_en", "partner__name_zh_hant")
    autocomplete_fields = ("partner",)
    readonly_fields = ("link", "created_at", "rotated_at")
    fields = ("partner", "is_enabled", "link", "created_at", "rotated_at")
    actions = ["rotate"]

    @admin.display(description=_("nomination link (send it to the partner's coordinator only)"))
    def link(self, link):
        if not link.pk:
            return _("Save to create the link.")
        url = absolute_url(link.get_absolute_url())
        return format_html('<code class="nomination-link">{}</code>', url)

    @admin.action(description=_("Rotate the selected links (the old addresses stop working)"), permissions=["change"])
    def rotate(self, request, queryset):
        for link in queryset:
            services.rotate_link(link)
        self.message_user(
            request, _("%(count)s links rotated; send the new addresses to the partners.") % {"count": len(queryset)}, messages.SUCCESS
        )


@admin.register(NominationLogEntry)
class NominationLogEntryAdmin(AccessLoggedAdmin):
    list_display = ("created_at", "partner", "outcome", "coordinator_email", "nominee_email", "ip_address", "link_fingerprint")
    list_filter = ("outcome", "partner")
    list_select_related = ("partner",)
    date_hierarchy = "created_at"
    search_fields = ("coordinator_email", "nominee_email", "ip_address")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A log is evidence of who used a partner's link: nobody removes a line of it here.
        return False


@admin.register(FactSheet)
class FactSheetAdmin(SingletonModelAdmin, TabbedTranslationAdmin):
    fieldsets = (
        (None, {"fields": ("hei_id", "head_of_office", "head_of_office_title")}),
        (
            _("Deadlines and turnaround"),
            {"fields": (
                ("autumn_nomination_deadline", "autumn_application_deadline"),
                ("spring_nomination_deadline", "spring_application_deadline"),
                ("decision_weeks", "transcript_weeks"),
            )},
        ),
        (_("Requirements and information"), {"fields": (
            "language_requirements", "academic_calendar", "housing_info", "housing_url", "visa_info", "visa_url",
            "insurance_info", "insurance_url",
        )}),
        (_("Contact"), {"fields": ("contact_email", "contact_phone")}),
    )
