"""The admin of a call's selection: scoring inputs, the placement preview and confirmation,
published results, nominations to partners and the hosts' decisions."""

import time

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.private_files import attachment_response, validate_pdf
from exchanges import nominations, placement, services
from exchanges.models import (
    Application,
    ApplicationCall,
    CriterionScore,
    LanguageScoreBand,
    Nomination,
    PartnerDispatch,
    PlacementOverride,
    ScoringCriterion,
    WaitingListEntry,
)
from partners.models import PartnerUniversity
from privacy.admin_tools import AccessLoggedAdmin


class ScoringCriterionInline(admin.TabularInline):
    model = ScoringCriterion
    extra = 0
    fields = ("name", "weight")
    verbose_name_plural = _("other scoring criteria (scores entered on each application)")


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0
    fields = ("criterion", "points")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion", "application")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterion":
            application_pk = request.resolver_match.kwargs.get("object_id")
            call_pk = Application.objects.filter(pk=application_pk).values("call_id")[:1]
            kwargs["queryset"] = ScoringCriterion.objects.filter(call_id__in=call_pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(LanguageScoreBand)
class LanguageScoreBandAdmin(admin.ModelAdmin):
    list_display = ("test", "minimum", "level", "points")
    list_editable = ("points",)
    list_filter = ("test",)
    ordering = ("test", "-points")


class OverrideForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=20)
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("pin", _("Pin to the programme")),
            ("exclude", _("Exclude from placement")),
            ("clear", _("Remove the pin or exclusion")),
        ],
    )
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["programme"].queryset = call.programmes.order_by("title")

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        application = Application.objects.filter(call=self.call, reference=reference).first()
        if application is None:
            raise ValidationError(_("No application %(reference)s in this call.") % {"reference": reference})
        self.application = application
        return reference

    def clean(self):
        data = super().clean()
        if data.get("action") == "pin" and not data.get("programme"):
            self.add_error("programme", _("Choose the programme to pin the applicant to."))
        return data


class SendNominationsForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=PartnerUniversity.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    resend = forms.BooleanField(
        label=_("Send again to partners that already received this call's nominations"), required=False
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = nominations.partners_to_send(call)


class PlacementAdminMixin:
    """URLs of ApplicationCallAdmin for the placement, results and nominations."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/placement/", view(self.placement_view), name="exchanges_applicationcall_placement"),
            path("<int:pk>/nominations/", view(self.send_nominations_view), name="exchanges_applicationcall_nominations"),
        ] + super().get_urls()

    @admin.display(description=_("selection"))
    def selection_links(self, call):
        if not call.pk:
            return "—"
        placement_url = reverse("admin:exchanges_applicationcall_placement", args=[call.pk])
        nominations_url = reverse("admin:exchanges_applicationcall_nominations", args=[call.pk])
        if call.placement_confirmed_at:
            checklists_url = reverse("admin:exchanges_applicationcall_checklists", args=[call.pk])
            return format_html(
                '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>', placement_url, _("Placement"),
                nominations_url, _("Send nominations"), checklists_url, _("Checklists"),
            )
        return format_html('<a href="{}">{}</a>', placement_url, _("Preview the placement"))

    def _call_for(self, request, pk, change=True):
        call = get_object_or_404(ApplicationCall, pk=pk)
        allowed = self.has_change_permission(request, call) if change else self.has_view_permission(request, call)
        if not allowed:
            raise PermissionDenied
        return call

    def placement_view(self, request, pk):
        call = self._call_for(request, pk, change=request.method == "POST")
        override_form = OverrideForm(call=call)
        if request.method == "POST":
            if "confirm" in request.POST:
                try:
                    placement.confirm_placement(call, by=request.user, expected_digest=request.POST.get("digest"))
                except ValidationError as error:
                    self.message_user(request, error.messages[0], messages.ERROR)
                else:
                    self.message_user(
                        request, _("The placement is confirmed: nominations made and applicants e-mailed."),
                        messages.SUCCESS,
                    )
                return redirect("admin:exchanges_applicationcall_placement", call.pk)
            override_form = OverrideForm(request.POST, call=call)
            if override_form.is_valid():
                data = override_form.cleaned_data
                kind = None if data["action"] == "clear" else data["action"]
                try:
                    placement.set_override(call, override_form.application, kind, data.get("programme"), by=request.user)
                except ValidationError as error:
                    override_form.add_error(None, error)
                else:
                    return redirect("admin:exchanges_applicationcall_placement", call.pk)
        started = time.perf_counter()
        result = None if call.placement_confirmed_at else placement.compute_placement(call)
        elapsed_ms = (time.perf_counter() - started) * 1000
        context = {
            **self.admin_site.each_context(request),
            "title": _("Placement of %(call)s") % {"call": call},
            "call": call,
            "placement": result,
            "elapsed_ms": elapsed_ms,
            "override_form": override_form,
            "overrides": PlacementOverride.objects.filter(call=call).select_related("application", "programme"),
            "tie_break_rule": placement.TIE_BREAK_RULE,
            "confirmed": _confirmed_lists(call) if call.placement_confirmed_at else None,
            "opts": self.model._meta,
            "original": call,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/exchanges/applicationcall/placement.html", context)

    def send_nominations_view(self, request, pk):
        call = self._call_for(request, pk, change=request.method == "POST")
        form = SendNominationsForm(request.POST or None, call=call)
        if request.method == "POST" and form.is_valid():
            sent, refused = 0, []
            for partner in form.cleaned_data["partners"]:
                try:
                    nominations.send_nominations(call, partner, by=request.user, resend=form.cleaned_data["resend"])
                    sent += 1
                except ValidationError as error:
                    refused.append(error.messages[0])
            if sent:
                self.message_user(request, _("Nominations e-mailed to %(count)s partners.") % {"count": sent})
            for message in refused:
                self.message_user(request, message, messages.WARNING)
            return redirect("admin:exchanges_applicationcall_nominations", call.pk)
        partners = list(form.fields["partners"].queryset.prefetch_related("contacts"))
        last = {}
        for dispatch in PartnerDispatch.objects.filter(call=call).order_by("sent_at"):
            last[dispatch.partner_id] = dispatch
        rows = [(p, last.get(p.pk), nominations.exchange_contact(p)) for p in partners]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send the nominations of %(call)s") % {"call": call},
            "call": call,
            "form": form,
            "rows": rows,
            "opts": self.model._meta,
            "original": call,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/exchanges/applicationcall/send_nominations.html", context)

    @admin.action(description=_("Publish the results of the selected calls now"), permissions=["change"])
    def publish_results(self, request, queryset):
        unconfirmed = queryset.filter(placement_confirmed_at__isnull=True)
        if unconfirmed.exists():
            self.message_user(
                request, _("Confirm the placement before publishing the results of: %(calls)s")
                % {"calls": ", ".join(str(call) for call in unconfirmed)}, messages.ERROR,
            )
            return
        count = queryset.filter(results_published_at__isnull=True).update(results_published_at=timezone.now())
        self.message_user(request, _("Results published for %(count)s calls.") % {"count": count}, messages.SUCCESS)


def _confirmed_lists(call):
    """Per programme: current nominees and the waiting list, as saved."""
    offers = list(call.offers.select_related("programme__partner").order_by("programme__title"))
    held = {}
    for application in Application.objects.filter(call=call, status__in=Application.SEAT_HOLDING).order_by(
        "-score", "reference"
    ):
        held.setdefault(application.nominated_programme_id, []).append(application)
    waiting = {}
    for entry in WaitingListEntry.objects.filter(call=call).select_related("application").order_by("position"):
        waiting.setdefault(entry.programme_id, []).append(entry)
    return [
        {"offer": offer, "held": held.get(offer.programme_id, []), "waiting": waiting.get(offer.programme_id, [])}
        for offer in offers
        if held.get(offer.programme_id) or waiting.get(offer.programme_id)
    ]


class NominationDecisionForm(forms.ModelForm):
    new_decision = forms.ChoiceField(
        label=_("Record the partner's decision"),
        required=False,
        choices=[("", "—"), (Nomination.Decision.ACCEPTED, _("Accepted")), (Nomination.Decision.REJECTED, _("Rejected"))],
        help_text=_("Accepted moves the application to “accepted”; rejected declines it and gives the seat to the "
                    "waiting list."),
    )
    letter = forms.FileField(label=_("Acceptance letter (PDF)"), required=False)

    class Meta:
        model = Nomination
        fields = []

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        return validate_pdf(letter) if letter else letter

    def clean_new_decision(self):
        decision = self.cleaned_data.get("new_decision")
        if decision and self.instance.decision != Nomination.Decision.AWAITING:
            raise ValidationError(_("The partner's decision is already recorded."))
        if decision and self.instance.application.status != Application.Status.NOMINATED:
            raise ValidationError(_("Only a student still nominated can be accepted or rejected."))
        return decision


@admin.register(Nomination)
class NominationAdmin(AccessLoggedAdmin):
    form = NominationDecisionForm
    list_display = ("application", "call", "partner", "programme", "sent_at", "decision", "decided_at")
    list_filter = ("call", "decision", "partner", ("sent_at", admin.EmptyFieldListFilter))
    list_select_related = ("application", "call", "partner", "programme")
    search_fields = ("application__reference", "application__name_en", "partner__name_en", "partner__name_zh_hant")
    readonly_fields = ("application", "call", "partner", "programme", "nominated_at", "dispatch", "sent_at", "decision",
                       "decided_at", "letter_link")
    fields = readonly_fields + ("new_decision", "letter")

    def has_add_permission(self, request):
        return False  # nominations come from the placement and from nominating an application

    def get_urls(self):
        return [
            path("<int:pk>/letter/", self.admin_site.admin_view(self.letter_view), name="exchanges_nomination_letter"),
        ] + super().get_urls()

    def letter_view(self, request, pk):
        nomination = get_object_or_404(Nomination.objects.select_related("application"), pk=pk)
        return attachment_response(
            request, nomination.acceptance_letter, f"{nomination.application.reference}-acceptance-letter.pdf",
            "exchanges.view_nomination",
        )

    @admin.display(description=_("acceptance letter"))
    def letter_link(self, nomination):
        if not nomination.acceptance_letter:
            return "—"
        return format_html('<a href="{}">{}</a>', nomination.get_letter_download_url(), _("Download"))

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("new_decision")
        letter = form.cleaned_data.get("letter")
        try:
            if decision:
                services.record_host_decision(obj, decision, by=request.user, letter=letter)
            elif letter:
                obj.acceptance_letter = letter
                obj.save(update_fields=["acceptance_letter"])
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)


@admin.register(PartnerDispatch)
class PartnerDispatchAdmin(admin.ModelAdmin):
    list_display = ("partner", "call", "recipient", "nominee_count", "sent_at", "sent_by", "is_resend")
    list_filter = ("call", "is_resend")
    list_select_related = ("partner", "call", "sent_by")
    readonly_fields = ("partner", "call", "recipient", "nominee_count", "sent_at", "sent_by", "is_resend")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WaitingListEntry)
class WaitingListEntryAdmin(AccessLoggedAdmin):
    list_display = ("programme", "position", "application", "promoted_at")
    list_filter = ("call",)
    list_select_related = ("programme", "application")
    search_fields = ("application__reference", "programme__title_en")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
