"""What every admin of personal data does: log who looked, show lists only what the work needs."""

import functools

from django.contrib import admin

from privacy.models import AccessLogEntry
from privacy.registry import registry


class AccessLoggedAdmin(admin.ModelAdmin):
    """ModelAdmin for a model in the personal-data registry: record views, hide sensitive columns."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Runs for the page shown to a staff member (GET, or a POST sent back with errors).
        if obj is not None and not add:
            from privacy.services import log_access

            log_access(request, AccessLogEntry.Action.VIEW, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            obj = self.get_object(request, admin.utils.unquote(object_id))
            if obj is not None:
                from privacy.services import log_access

                log_access(request, AccessLogEntry.Action.VIEW, obj)
        return response

    def private_tokens(self):
        """A person's private-link tokens: whoever holds one acts as that person, so no page shows it."""
        return {field.name for field in self.model._meta.concrete_fields if "token" in field.name}

    def get_fieldsets(self, request, obj=None):
        hidden = self.private_tokens()
        return [
            (name, {**options, "fields": [line for line in map(_without(hidden), options["fields"]) if line]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_list_display(self, request):
        entry = registry.get(self.model)
        columns = super().get_list_display(request)
        hidden = self.private_tokens() | (entry.sensitive if entry else set())
        return [column for column in columns if column not in hidden]


def _without(names):
    """A fieldset line (a field name, or a tuple of names side by side) without `names`."""

    def strip(line):
        if isinstance(line, str):
            return None if line in names else line
        return tuple(name for name in line if name not in names)

    return strip


def logged_export(records=None):
    """Decorate an admin action that sends personal data as a file: the export is logged.

    `records(queryset)` gives the personal records the file holds when they are not the
    selected rows themselves (a call's export holds its applications).
    """

    def decorate(action):
        @functools.wraps(action)
        def wrapper(modeladmin, request, queryset):
            from privacy.services import log_access

            response = action(modeladmin, request, queryset)
            exported = records(queryset) if records else queryset
            entry = registry.get(exported.model)
            total = exported.count()
            names = [entry.describe(row) if entry else str(row.pk) for row in exported.order_by("pk")[:5]]
            label = f"{total} × {exported.model._meta.verbose_name_plural}: " + ", ".join(names)
            log_access(
                request,
                AccessLogEntry.Action.EXPORT,
                None,
                model=exported.model,
                rows=total,
                label=label + (" …" if total > len(names) else ""),
            )
            return response

        return wrapper

    return decorate
