from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_changelist import QuickRowsMixin, RowNumberInput
from core.admin_readonly import DocumentInline, ReadOnlyInline, StatusHistoryInline
from core.admin_widgets import BlankOptionAutocompleteMixin
from core.private_files import attachment_response
from core.spreadsheets import export_actions
from exchanges import exports, placement, services
from exchanges.checklist_admin import ChecklistAdminMixin, ChecklistItemInline
from exchanges.models import (
    Application,
    ApplicationCall,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    CallProgramme,
    ExchangeProgram,
    MobilityRecord,
)
from exchanges.models.applications import next_statuses
from exchanges.selection_admin import CriterionScoreInline, PlacementAdminMixin, ScoringCriterionInline
from privacy.admin_tools import AccessLoggedAdmin, logged_export


@admin.register(ExchangeProgram)
class ExchangeProgramAdmin(BlankOptionAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ("title", "partner", "kind", "level", "language", "seats", "is_published")
    list_filter = ("kind", "level", "language", "terms", "is_published")
    list_select_related = ("partner",)
    search_fields = ("title_en", "title_zh_hant", "partner__name_en", "partner__name_zh_hant")
    autocomplete_fields = ("partner", "agreement")
    prepopulated_fields = {"slug": ("title_en",)}


class CallProgrammeInline(admin.TabularInline):
    """The programmes a call offers: seats editable, programme fixed (a call offers hundreds)."""

    model = CallProgramme
    extra = 0
    fields = ("programme", "seats", "seats_used")
    readonly_fields = ("programme", "seats_used")
    verbose_name_plural = _("programmes offered")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A read-only programme renders from the joined row: one query for all offers.
        return super().get_queryset(request).select_related("call", "programme").with_seats_claimed()

    @admin.display(description=_("seats used / available"))
    def seats_used(self, offer):
        return f"{offer.seats_claimed} / {offer.seats_unclaimed}"


class NewCallProgrammeInline(BlankOptionAutocompleteMixin, admin.TabularInline):
    """Add programmes to a call, one autocomplete field each."""

    model = CallProgramme
    extra = 1
    fields = ("programme", "seats")
    autocomplete_fields = ("programme",)
    verbose_name_plural = _("add programmes to this call")

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).none()


def export_call_applications(modeladmin, request, queryset):
    calls = list(queryset)
    return (
        exports.applications_dataset(exports.calls_applications(calls)),
        exports.export_filename(calls[0] if len(calls) == 1 else None),
    )


def export_selected_applications(modeladmin, request, queryset):
    calls = {application.call for application in queryset.select_related("call")}
    return exports.applications_dataset(queryset), exports.export_filename(calls.pop() if len(calls) == 1 else None)


@admin.register(ApplicationCall)
class ApplicationCallAdmin(ChecklistAdminMixin, PlacementAdminMixin, TabbedTranslationAdmin):
    list_display = ("title", "opens_at", "closes_at", "is_open_now", "application_count", "selection_links")
    search_fields = ("title_en", "title_zh_hant")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "opens_at"
    inlines = [CallProgrammeInline, NewCallProgrammeInline, ScoringCriterionInline, ChecklistItemInline]
    actions = [
        *export_actions(
            "export_applications",
            _("Export the applications of the selected calls"),
            export_call_applications,
            logged=logged_export(records=lambda calls: Application.objects.filter(call__in=calls)),
        ),
        "publish_results",
    ]
    readonly_fields = ("selection_links", "placement_confirmed_at", "placement_confirmed_by")
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "academic_year", "opens_at", "closes_at")}),
        (
            _("Scoring"),
            {
                "fields": ("weight_gpa", "weight_language", "weight_interview"),
                "description": format_lazy(
                    _(
                        "Each applicant's score is the weighted average of the GPA (on {scale}, as 0–100), the language "
                        "result on the language score scale, the interview and the other criteria below (0–100 each)."
                    ),
                    scale=settings.GPA_SCALE,
                ),
            },
        ),
        (
            _("Placement and results"),
            {"fields": ("selection_links", "placement_confirmed_at", "placement_confirmed_by", "results_published_at")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_total=Count("applications"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Weights or criteria may have changed: every applicant's score follows.
        placement.rescore(form.instance)
        # Seats below the nominations are refused by CallProgramme.clean(); more seats than the
        # programme has in a year may be a deliberate one-off, so staff are warned, not stopped.
        for offer in form.instance.offers.select_related("programme"):
            if offer.exceeds_programme_seats:
                self.message_user(
                    request,
                    _("%(programme)s: %(seats)d seats in this call, but the programme has %(per_year)d seats per year.")
                    % {"programme": offer.programme, "seats": offer.seats, "per_year": offer.programme.seats},
                    messages.WARNING,
                )

    @admin.display(description=_("open now"), boolean=True)
    def is_open_now(self, call):
        return call.is_open()

    @admin.display(description=_("applications"), ordering="application_total")
    def application_count(self, call):
        url = reverse("admin:exchanges_application_changelist") + f"?call__id__exact={call.pk}"
        return format_html('<a href="{}">{}</a>', url, call.application_total)



class ApplicationChoiceInline(ReadOnlyInline):
    model = ApplicationChoice
    fields = ("rank", "programme", "seats")
    readonly_fields = ("rank", "programme", "seats")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme__partner", "application")

    @admin.display(description=_("seats used / available in this call"))
    def seats(self, choice):
        offer = (
            CallProgramme.objects.filter(call_id=choice.application.call_id, programme_id=choice.programme_id)
            .with_seats_claimed()
            .first()
        )
        return f"{offer.seats_claimed} / {offer.seats_unclaimed}" if offer else "—"


class ApplicationDocumentInline(DocumentInline):
    model = ApplicationDocument
    fields = ("kind", "download", "content_type", "size", "uploaded_at")
    readonly_fields = fields


class ApplicationStatusChangeInline(StatusHistoryInline):
    model = ApplicationStatusChange


class ProgrammeChosenFilter(admin.SimpleListFilter):
    title = _("programme chosen")
    parameter_name = "programme"

    # The sidebar lists the most chosen programmes only: listing every programme
    # ever chosen made the changelist grow with the data (thousands of links).
    LISTED = 25

    def lookups(self, request, model_admin):
        chosen = (
            # Only the columns shown: grouping every choice with each programme's whole row
            # (descriptions, search vector) was most of the query's time.
            ExchangeProgram.objects.only("pk", "title")
            .annotate(times_chosen=Count("application_choices"))
            .filter(times_chosen__gt=0)
            .order_by("-times_chosen", "title")[: self.LISTED]
        )
        return [(programme.pk, programme.title) for programme in chosen]

    def queryset(self, request, queryset):
        if self.value():
            try:
                return queryset.filter(choices__programme_id=int(self.value())).distinct()
            except ValueError:
                return queryset.none()
        return queryset


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    programme = forms.ModelChoiceField(
        label=_("Nominate to"),
        queryset=ExchangeProgram.objects.none(),
        required=False,
        help_text=_("Needed for “nominated”: one of the student's choices with a seat left."),
    )
    note = forms.CharField(
        label=_("Note to the applicant"), required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        # No preselected status: the coordinator picks one on purpose.
        statuses = next_statuses(application.status)
        self.fields["to_status"].choices = [("", "—")] + [(s.value, s.label) for s in statuses] if statuses else []
        self.fields["programme"].queryset = ExchangeProgram.objects.filter(
            application_choices__application=application
        ).order_by("application_choices__rank")


@admin.register(Application)
class ApplicationAdmin(QuickRowsMixin, AccessLoggedAdmin):
    list_display = (
        "reference", "name_en", "name_zh", "student_id", "department", "call", "status", "nominated_programme",
        "interview_score", "score", "created_at",
    )
    list_editable = ("interview_score",)
    list_filter = ("call", "status", ProgrammeChosenFilter, "department", "year_of_study")

    def get_changelist_form(self, request, **kwargs):
        # The score boxes of the rows have no <label>: each needs a name for screen readers.
        kwargs.setdefault("widgets", {"interview_score": RowNumberInput(attrs={"aria-label": _("Interview score")})})
        return super().get_changelist_form(request, **kwargs)
    list_select_related = ("call", "nominated_programme", "department")
    search_fields = ("reference", "name_en", "name_zh", "student_id", "email")
    date_hierarchy = "created_at"
    inlines = [ApplicationChoiceInline, CriterionScoreInline, ApplicationDocumentInline, ApplicationStatusChangeInline]
    actions = [
        "mark_under_review",
        "create_mobility_records",
        *export_actions(
            "export_csv", _("Export the selected applications"), export_selected_applications, logged=logged_export()
        ),
    ]
    readonly_fields = (
        "reference", "call", "status_with_actions", "nominated_programme", "created_at", "language", "mobility_record_link",
        "score",
    )
    fieldsets = (
        (None, {"fields": ("reference", "call", "status_with_actions", "nominated_programme", "created_at", "language")}),
        (_("Applicant"), {"fields": ("name_en", "name_zh", "student_id", "email", "department", "year_of_study")}),
        (_("Grades and language"), {"fields": ("gpa", "language_test", "language_score", "statement")}),
        (_("Scoring"), {"fields": ("interview_score", "score")}),
        (_("Abroad"), {"fields": ("mobility_record_link",)}),
    )

    def has_add_permission(self, request):
        # Applications come from students through the public form, with their documents.
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: criterion scores count too. The changelist's interview column saves here as well.
        placement.rescore(form.instance.call, Application.objects.filter(pk=form.instance.pk))

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/status/",
                self.admin_site.admin_view(self.change_status_view),
                name="exchanges_application_status",
            ),
            path(
                "<int:pk>/documents/<int:document_pk>/",
                self.admin_site.admin_view(self.document_view),
                name="exchanges_application_document",
            ),
        ]
        return urls + super().get_urls()

    @admin.display(description=_("status"))
    def status_with_actions(self, application):
        if not application.pk or not next_statuses(application.status):
            return application.get_status_display()
        url = reverse("admin:exchanges_application_status", args=[application.pk])
        return format_html(
            '{} <a class="button" href="{}">{}</a>', application.get_status_display(), url, _("Change status…")
        )

    @admin.display(description=_("mobility record"))
    def mobility_record_link(self, application):
        record = MobilityRecord.objects.filter(application=application).first()
        if not record:
            return "—"
        url = reverse("admin:exchanges_mobilityrecord_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    def document_view(self, request, pk, document_pk):
        document = get_object_or_404(
            ApplicationDocument.objects.select_related("application"), pk=document_pk, application_id=pk
        )
        return attachment_response(
            request, document.file, document.download_name(), "exchanges.view_applicationdocument"
        )

    def change_status_view(self, request, pk):
        application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
        if not self.has_change_permission(request, application):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        form = StatusChangeForm(request.POST or None, application=application)
        if request.method == "POST" and form.is_valid():
            try:
                services.change_status(
                    application,
                    form.cleaned_data["to_status"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                    programme=form.cleaned_data["programme"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("%(reference)s is now “%(status)s”; the applicant was e-mailed.")
                    % {"reference": application.reference, "status": application.get_status_display()},
                    messages.SUCCESS,
                )
                return redirect("admin:exchanges_application_change", application.pk)
        seats = (
            CallProgramme.objects.filter(call=application.call, programme__application_choices__application=application)
            .select_related("programme")
            .with_seats_claimed()
            .order_by("programme__application_choices__rank")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of %(reference)s") % {"reference": application.reference},
            "application": application,
            "form": form,
            "offers": seats,
            "opts": self.model._meta,
            "original": application,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/exchanges/application/change_status.html", context)

    @admin.action(description=_("Move the selected applications to “under review”"), permissions=["change"])
    def mark_under_review(self, request, queryset):
        self._apply(request, queryset, lambda a: services.change_status(a, Application.Status.UNDER_REVIEW, by=request.user))

    @admin.action(description=_("Create mobility records for the selected accepted applications"), permissions=["change"])
    def create_mobility_records(self, request, queryset):
        self._apply(request, queryset, services.create_mobility_record)


    def _apply(self, request, queryset, operation):
        done, refused = 0, []
        for application in queryset.select_related("call"):
            try:
                operation(application)
                done += 1
            except ValidationError as error:
                refused.append(error.messages[0])
        if done:
            self.message_user(request, _("%(count)s applications updated.") % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(
                request, format_html_join("", "<div>{}</div>", ((message,) for message in refused)), messages.ERROR
            )


@admin.register(MobilityRecord)
class MobilityRecordAdmin(QuickRowsMixin, BlankOptionAutocompleteMixin, AccessLoggedAdmin):
    list_display = ("student_name", "direction", "department", "partner", "programme", "academic_year")
    list_filter = ("direction", "academic_year", "programme__kind")
    list_select_related = ("partner", "programme")
    search_fields = ("student_name", "department", "partner__name_en")
    autocomplete_fields = ("partner", "programme")
    raw_id_fields = ("application",)


