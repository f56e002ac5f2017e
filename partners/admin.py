from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_changelist import ChoicesInUseFilter, QuickRowsMixin
from core.admin_widgets import BlankOptionAutocompleteMixin
from core.forms import country_name
from core.private_files import attachment_response
from core.spreadsheets import EXPORT_FORMATS
from partners import services
from partners.models import (
    EXPIRY_WINDOWS,
    Agreement,
    AgreementDocument,
    AgreementReminder,
    CooperationCondition,
    PartnerContact,
    PartnerUniversity,
    renewal_chain_of,
)
from partners.regions import Region
from partners.resources import AgreementResource, AgreementWithoutNotesResource, PartnerResource
from privacy.admin_tools import AccessLoggedAdmin

# Who may download a signed agreement: those who manage agreements, not every
# staff member who can look at a partner.
DOCUMENT_PERMISSION = "partners.change_agreementdocument"


def status_badge(agreement):
    status = agreement.status
    return format_html(
        '<span class="agreement-status agreement-status-{}">{}</span>', status, Agreement.Status(status).label
    )


def period_text(agreement):
    start = agreement.starts_on.isoformat() if agreement.starts_on else "…"
    end = agreement.ends_on.isoformat() if agreement.ends_on else _("open-ended")
    return f"{start} – {end}"


def download_link(document):
    """A link to the permission-checked download view (private files have no URL of their own)."""
    if not document.pk or not document.file:
        return "—"
    return format_html('<a href="{}">{}</a>', document.get_download_url(), _("Download PDF"))


class AgreementStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Agreement.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Agreement.Status.values:
            return queryset.with_status(self.value())
        return queryset


class EndsWithinFilter(admin.SimpleListFilter):
    title = _("in force and ending within")
    parameter_name = "ends_within"
    WINDOWS = EXPIRY_WINDOWS

    def lookups(self, request, model_admin):
        return [(str(days), ngettext("%(days)d day", "%(days)d days", days) % {"days": days}) for days in self.WINDOWS]

    def queryset(self, request, queryset):
        if self.value() in {str(days) for days in self.WINDOWS}:
            return queryset.expiring(within=int(self.value()))
        return queryset


class AgreementInForceFilter(admin.SimpleListFilter):
    title = _("agreement in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.with_agreements_in_force()
        if self.value() == "no":
            return queryset.without_agreement_in_force()
        return queryset


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return Region.choices

    def queryset(self, request, queryset):
        if self.value() in Region.values:
            return queryset.in_region(self.value())
        return queryset


class PartnerContactInline(admin.TabularInline):
    model = PartnerContact
    extra = 0
    fields = ("name", "role", "email", "phone", "receives_nominations")


class AgreementInline(BlankOptionAutocompleteMixin, admin.TabularInline):
    model = Agreement
    fk_name = "partner"
    extra = 0
    fields = ("kind", "status_display", "signed_on", "starts_on", "ends_on", "terminated_on", "renewal_of", "owner")
    readonly_fields = ("status_display",)
    autocomplete_fields = ("renewal_of", "owner")
    show_change_link = True

    @admin.display(description=_("status"))
    def status_display(self, agreement):
        return status_badge(agreement) if agreement.pk else "—"


class DocumentForm(forms.ModelForm):
    class Meta:
        model = AgreementDocument
        fields = ("agreement", "title", "language", "file")
        # Private files have no URL: the plain input avoids the "Currently: <link>" widget.
        widgets = {"file": forms.FileInput(attrs={"accept": "application/pdf,.pdf"})}


class CooperationConditionInline(admin.StackedInline):
    model = CooperationCondition
    extra = 0
    fields = (
        ("direction", "mobility_type"),
        ("first_academic_year", "last_academic_year"),
        ("mobilities_per_year", "total_months_per_year"),
        ("subject_areas", "eqf_levels", "language_skills"),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # List fields with a callable default get a hidden "initial" copy that Django gives the help
        # text's aria-describedby, which is invalid on a hidden input; the change is detected without it.
        if field is not None and db_field.name in ("subject_areas", "eqf_levels"):
            field.show_hidden_initial = False
        return field


class AgreementDocumentInline(admin.TabularInline):
    model = AgreementDocument
    form = DocumentForm
    extra = 1
    fields = ("title", "language", "file", "download", "uploaded_at")
    readonly_fields = ("download", "uploaded_at")

    @admin.display(description=_("signed copy"))
    def download(self, document):
        return download_link(document)


class GuardedImportExportAdmin(ImportExportModelAdmin):
    """Import needs the right to add and change rows; without a setting import-export lets any viewer import.

    Import and export go through the portal's safe spreadsheet formats (no live formulae, BOM in CSV).
    """

    import_formats = EXPORT_FORMATS
    export_formats = EXPORT_FORMATS
    # One bad row and the whole file is rolled back.
    rollback_on_validation_errors = True
    # Every bad row listed as "Row 3, column ends_on: …" (partners.resources.import_error_lines).
    import_template_name = "admin/partners/import.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)


class PartnerAdminMedia:
    css = {"all": ("css/partners_admin.css",)}


@admin.register(PartnerUniversity)
class PartnerUniversityAdmin(QuickRowsMixin, GuardedImportExportAdmin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    resource_classes = [PartnerResource]
    list_display = ("name", "country_name", "city", "is_published", "agreements_in_force", "updated_at")
    list_filter = ("is_published", AgreementInForceFilter, RegionFilter, ("country", ChoicesInUseFilter))
    search_fields = ("name_en", "name_zh_hant", "city_en", "city_zh_hant", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [AgreementInline, PartnerContactInline]
    readonly_fields = ("renewal_chains",)
    Media = PartnerAdminMedia
    fieldsets = (
        (
            None,
            {"fields": ("name", "slug", "country", "city", "website", "hei_id", "logo", "description", "is_published")},
        ),
        (_("Map position"), {"fields": ("latitude", "longitude")}),
        (
            _("Fact sheet"),
            {
                "fields": (
                    "academic_calendar",
                    "language_requirements",
                    "nomination_deadlines",
                    "application_deadlines",
                    "decision_weeks",
                    "courses_url",
                    "international_office_email",
                    "international_office_url",
                )
            },
        ),
        (_("Renewals"), {"fields": ("renewal_chains",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_active_agreement_count()

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, partner):
        # The admin shows a choices field through its flattened choices, which django-countries
        # rebuilds (about 250 of them) for every row; the names are kept once per language.
        return country_name(partner.country.code)

    @admin.display(description=_("agreements in force"), ordering="active_agreement_count")
    def agreements_in_force(self, partner):
        return partner.active_agreement_count

    @admin.display(description=_("renewal chains"))
    def renewal_chains(self, partner):
        """Each agreement that was renewed, followed by its renewals, oldest first."""
        if not partner.pk:
            return "—"
        agreements = list(partner.agreements.all())
        starts = [a for a in agreements if a.renewal_of_id is None and any(b.renewal_of_id == a.pk for b in agreements)]
        if not starts:
            return _("No agreement of this partner has been renewed yet.")
        chains = []
        for start in starts:
            links = [
                (reverse("admin:partners_agreement_change", args=[item.pk]), item.get_kind_display(),
                 period_text(item), Agreement.Status(item.status).label)
                for item in renewal_chain_of(start, agreements)
            ]
            chains.append((format_html_join(" → ", '<a href="{}">{} ({}, {})</a>', links),))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", chains))


@admin.register(Agreement)
class AgreementAdmin(QuickRowsMixin, BlankOptionAutocompleteMixin, GuardedImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [AgreementResource]
    list_display = ("partner", "kind", "status_display", "starts_on", "ends_on", "outbound_seats", "inbound_seats", "owner")
    list_filter = (AgreementStatusFilter, EndsWithinFilter, "kind", "auto_renews")
    list_select_related = ("partner", "owner")
    search_fields = ("partner__name_en", "partner__name_zh_hant", "subject_areas")
    autocomplete_fields = ("partner", "renewal_of", "owner")
    date_hierarchy = "ends_on"
    ordering = ("ends_on", "partner__name")
    inlines = [CooperationConditionInline, AgreementDocumentInline]
    actions = ["prepare_renewal"]
    readonly_fields = ("status_display", "renewal_chain_display")
    Media = PartnerAdminMedia
    fieldsets = (
        (None, {"fields": ("partner", "kind", "status_display", "owner", "level", "owning_unit")}),
        (_("Dates"), {"fields": ("signed_on", "starts_on", "ends_on", "terminated_on", "auto_renews")}),
        (_("Terms"), {"fields": ("outbound_seats", "inbound_seats", "subject_areas")}),
        (_("Renewal"), {"fields": ("renewal_of", "renewal_chain_display")}),
        (_("Staff only"), {"fields": ("internal_notes",)}),
    )

    @admin.display(description=_("status"), ordering="ends_on")
    def status_display(self, agreement):
        return status_badge(agreement) if agreement.pk else "—"

    # Internal notes stay with Partnerships and superusers: the change page, its
    # history and the export leave them out for anyone else who may view agreements.
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if Agreement.internal_notes_readable_by(request.user):
            return fieldsets
        return [(name, options) for name, options in fieldsets if "internal_notes" not in options["fields"]]

    def get_export_resource_classes(self, request):
        if Agreement.internal_notes_readable_by(request.user):
            return [AgreementResource]
        return [AgreementWithoutNotesResource]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        if Agreement.internal_notes_readable_by(request.user):
            return super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=["internal_notes"], foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current
        return None

    @admin.display(description=_("renewal chain"))
    def renewal_chain_display(self, agreement):
        if not agreement.pk:
            return "—"
        chain = agreement.renewal_chain()
        if len(chain) < 2:
            return _("Not a renewal and not renewed yet.")
        return format_html_join(
            " → ",
            '<a href="{}"{}>{} ({})</a>',
            (
                (reverse("admin:partners_agreement_change", args=[item.pk]),
                 format_html(' aria-current="{}"', "true") if item.pk == agreement.pk else "",
                 period_text(item), Agreement.Status(item.status).label)
                for item in chain
            ),
        )

    @admin.action(description=_("Prepare renewal (a draft with the same terms)"), permissions=["add"])
    def prepare_renewal(self, request, queryset):
        drafts = []
        for agreement in queryset.select_related("partner"):
            draft, created = services.prepare_renewal(agreement, user=request.user)
            drafts.append(draft)
            if not created:
                self.message_user(
                    request,
                    _("A renewal of “%(agreement)s” was already being prepared.") % {"agreement": agreement},
                    messages.WARNING,
                )
        self.message_user(
            request,
            ngettext("%(count)d renewal draft ready.", "%(count)d renewal drafts ready.", len(drafts))
            % {"count": len(drafts)},
            messages.SUCCESS,
        )
        if len(drafts) == 1:
            return redirect("admin:partners_agreement_change", drafts[0].pk)
        return None

    def get_urls(self):
        download = path(
            "documents/<int:pk>/download/",
            self.admin_site.admin_view(self.download_document),
            name="partners_agreementdocument_download",
        )
        return [download, *super().get_urls()]

    def download_document(self, request, pk):
        document = get_object_or_404(AgreementDocument.objects.select_related("agreement__partner"), pk=pk)
        return attachment_response(request, document.file, document.download_name, DOCUMENT_PERMISSION)


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(BlankOptionAutocompleteMixin, SimpleHistoryAdmin):
    """Every signed copy in one list; each change (a replaced file too) is in its history."""

    form = DocumentForm
    list_display = ("title", "agreement", "language", "uploaded_at", "download")
    list_filter = ("language",)
    list_select_related = ("agreement__partner",)
    search_fields = ("title", "agreement__partner__name_en", "agreement__partner__name_zh_hant")
    autocomplete_fields = ("agreement",)
    readonly_fields = ("download", "uploaded_at")
    fields = ("agreement", "title", "language", "file", "download", "uploaded_at")
    date_hierarchy = "uploaded_at"

    @admin.display(description=_("signed copy"))
    def download(self, document):
        return download_link(document)


@admin.register(AgreementReminder)
class AgreementReminderAdmin(admin.ModelAdmin):
    list_display = ("agreement", "threshold_days", "ends_on", "recipient", "sent_at")
    list_filter = ("threshold_days",)
    list_select_related = ("agreement__partner",)
    search_fields = ("agreement__partner__name_en", "recipient")
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False  # written by send_agreement_reminders only

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PartnerContact)
class PartnerContactAdmin(BlankOptionAutocompleteMixin, AccessLoggedAdmin, SimpleHistoryAdmin):
    list_display = ("name", "role", "partner", "email", "phone")
    list_select_related = ("partner",)
    search_fields = ("name", "email", "partner__name_en", "partner__name_zh_hant")
    autocomplete_fields = ("partner",)
