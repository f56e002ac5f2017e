"""What every admin of personal data does: log who looked, show lists only what the work needs."""

import functools

from django.contrib import admin

from privacy.models import AccessLogEntry
from privacy.registry import registry


class AccessLoggedAdmin(admin.ModelAdmin):
    """ModelAdmin for a model in the personal-data registry: record views, hide sensitive columns."""

    @property
    def urls(self):
        # Every page of this admin (its own and those a subclass adds in get_urls: status changes,
        # documents, letters) goes through one check, so a view added later is logged unasked.
        urls = self.get_urls()
        for url in urls:
            url.callback = self._logged_view(url.callback)
        return urls

    def _logged_view(self, view):
        @functools.wraps(view)
        def logged(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                self.log_response(request, response, already=getattr(request, "access_logged", False))
            return response

        return logged

    def log_response(self, request, response, already=False):
        """One entry for what the page showed: the record, or the list of records on the page."""
        from privacy.services import log_access

        if already:  # a private file's download, an export: logged where it was sent
            return
        context = getattr(response, "context_data", None) or {}
        record = context.get("original") or context.get("object")
        # A file made from the record (an acceptance letter, a learning agreement), shown or saved.
        attachment = response.has_header("Content-Disposition") or not response.get("Content-Type", "").startswith(
            "text/"
        )
        if not isinstance(record, self.model):
            # The record named in the address, where the admin's conventions say it is this model's:
            # `object_id` (Django's and simple-history's views, simple-history's unnamed groups) and,
            # for a file made from the record, the view's `pk`. Any other
            # page of a person's record puts it in its context as `original`, as the admin does.
            match = request.resolver_match
            key = match.kwargs.get("object_id") or next(iter(match.args), None)
            if key is None and attachment:
                key = match.kwargs.get("pk")
            record = self.get_object(request, admin.utils.unquote(str(key))) if key else None
        if record is not None:
            action = AccessLogEntry.Action.DOWNLOAD if attachment else AccessLogEntry.Action.VIEW
            log_access(request, action, record, path=request.get_full_path())
        elif context.get("cl") is not None:
            shown = list(context["cl"].result_list)
            entry = registry.get(self.model)
            names = [entry.describe(row) if entry else str(row.pk) for row in shown[:5]]
            label = f"{len(shown)} × {self.model._meta.verbose_name_plural}: " + ", ".join(names)
            log_access(
                request,
                AccessLogEntry.Action.VIEW,
                None,
                model=self.model,
                rows=len(shown),
                label=label + (" …" if len(shown) > len(names) else ""),
                path=request.get_full_path(),
            )

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
