"""The admin of pre-departure checklists: items per call, who has done what, attendance, reminders."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.private_files import attachment_response
from exchanges import checklists
from exchanges.models import Application, ApplicationCall, ChecklistAnswer, ChecklistItem
from privacy.admin_tools import AccessLoggedAdmin


class ChecklistItemInline(TranslationTabularInline):
    model = ChecklistItem
    extra = 0
    fields = ("position", "kind", "title", "instructions", "due_on")
    verbose_name_plural = _("pre-departure checklist (documents, information, sessions)")


class ChecklistAdminMixin:
    """The call's checklist overview: one row per accepted nominee, one column per item."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/checklists/",
                self.admin_site.admin_view(self.checklists_view),
                name="exchanges_applicationcall_checklists",
            ),
        ] + super().get_urls()

    def checklists_view(self, request, pk):
        call = get_object_or_404(ApplicationCall, pk=pk)
        allowed = self.has_change_permission(request, call) if request.method == "POST" else self.has_view_permission(
            request, call
        )
        if not allowed:
            raise PermissionDenied
        if request.method == "POST":
            if "remind" in request.POST:
                sent = checklists.send_due_reminders()
                self.message_user(request, _("%(count)s reminders sent.") % {"count": len(sent)}, messages.SUCCESS)
            else:
                application = get_object_or_404(Application, pk=request.POST.get("application"), call=call)
                item = get_object_or_404(ChecklistItem, pk=request.POST.get("item"), call=call)
                try:
                    checklists.answer(application, item, by=request.user)
                except ValidationError as error:
                    self.message_user(request, error.messages[0], messages.ERROR)
                else:
                    self.message_user(
                        request,
                        _("Attendance of %(reference)s at “%(item)s” ticked.")
                        % {"reference": application.reference, "item": item.title},
                        messages.SUCCESS,
                    )
            return redirect("admin:exchanges_applicationcall_checklists", call.pk)
        items, rows = checklists.progress(call)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pre-departure checklists of %(call)s") % {"call": call},
            "call": call,
            "items": items,
            "rows": rows,
            "today": timezone.localdate(),
            "opts": self.model._meta,
            "original": call,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/exchanges/applicationcall/checklists.html", context)


@admin.register(ChecklistAnswer)
class ChecklistAnswerAdmin(AccessLoggedAdmin):
    list_display = ("application", "item", "completed_at", "document_link", "ticked_by")
    list_filter = ("item__call", "item__kind")
    list_select_related = ("application", "item", "ticked_by")
    search_fields = ("application__reference", "application__name_en")
    readonly_fields = ("application", "item", "completed_at", "document_link", "text", "ticked_by")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False  # students answer from their status page; staff tick sessions in the overview

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/document/",
                self.admin_site.admin_view(self.document_view),
                name="exchanges_checklistanswer_document",
            ),
        ] + super().get_urls()

    def document_view(self, request, pk):
        answer = get_object_or_404(ChecklistAnswer.objects.select_related("application"), pk=pk)
        return attachment_response(request, answer.document, answer.download_name(), "exchanges.view_checklistanswer")

    @admin.display(description=_("document"))
    def document_link(self, answer):
        if not answer.document:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:exchanges_checklistanswer_document", args=[answer.pk]),
                           _("Download"))
