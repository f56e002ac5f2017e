"""Every URL the portal answers, found by walking the URL resolver, with real arguments.

The permission matrix and the hostile-text sweep both start here, so that a URL
added later is tested without anyone listing it. Arguments come from one sample
row of every model (`samples`): an admin URL's object is a row of its ModelAdmin's
model, a slug or token is tried on every sample until the URL finds something.
A URL whose arguments cannot be found fails loudly (UnbuildableURL).
"""

import inspect
import itertools
import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver
from django.utils import translation

ADMIN_NAME = re.compile(r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<view>\w+)$")


class UnbuildableURL(AssertionError):
    pass


@dataclass(frozen=True)
class Route:
    key: str  # the route with a language placeholder: how the tables name it
    name: str | None
    pattern: str
    callback: object

    @property
    def is_admin(self):
        return self.key.startswith("admin/")

    @property
    def model_admin(self):
        """The ModelAdmin behind an admin view (its own views and those it adds in get_urls)."""
        view = self.callback
        while view is not None:
            if isinstance(getattr(view, "model_admin", None), admin.ModelAdmin):
                return view.model_admin
            if isinstance(getattr(view, "__self__", None), admin.ModelAdmin):
                return view.__self__
            view = getattr(view, "__wrapped__", None)
        match = ADMIN_NAME.match(self.name or "")
        if match:
            try:
                return admin.site._registry.get(apps.get_model(match["app"], match["model"]))
            except LookupError:
                return None
        return None

    @property
    def kwargs(self):
        """The names of the route's arguments; unnamed regex groups take the view's parameter names."""
        named = [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", self.pattern)]
        unnamed = re.findall(r"\((?!\?)", self.pattern)
        if unnamed and not named:
            view = self.callback
            while getattr(view, "__wrapped__", None) is not None:
                view = view.__wrapped__
            parameters = [p for p in inspect.signature(view).parameters if p not in ("self", "request")]
            return parameters[: len(unnamed)]
        return named


def routes():
    """Every URL pattern, depth first, with its full route and namespaced name."""
    with translation.override("en"):
        yield from _walk(get_resolver(), "", None)


def _walk(resolver, prefix, namespace):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            route = prefix + str(pattern.pattern)
            key = re.sub(r"^en/", "<lang>/", route)
            yield Route(key=key, name=name, pattern=route, callback=pattern.callback)


@dataclass(frozen=True)
class Target:
    key: str  # the row of the tables
    route: Route
    path: str  # for the language the sample was built in ("en")

    def in_language(self, language):
        return re.sub(r"^/en/", f"/{language}/", self.path)


def targets(samples, finds):
    """Concrete URLs for every route. `finds(path)` says whether a URL reaches something
    (as a superuser: not 404); candidates are tried until one does."""
    for route in routes():
        yield from _targets_for(route, samples, finds)


def _targets_for(route, samples, finds):
    names = route.kwargs
    if "app_label" in names and "url" not in names:
        for label in sorted({model._meta.app_label for model in admin.site._registry}):
            yield Target(f"admin/{label}/", route, f"/admin/{label}/")
        return
    if names == ["url"]:  # the admin's catch-all: an address that is nothing
        yield Target("admin/<anything else>", route, "/admin/no-such-page/")
        return
    if route.name == "admin:view_on_site":
        for model, sample in sorted(samples.items(), key=lambda item: item[0]._meta.label):
            if hasattr(sample, "get_absolute_url") and model in admin.site._registry:
                content_type = ContentType.objects.get_for_model(model).pk
                key = f"admin/r/<{model._meta.label_lower}>/"
                yield Target(key, route, f"/admin/r/{content_type}/{sample.pk}/")
        return
    if route.name == "admin:autocomplete":
        for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
            for field in model_admin.autocomplete_fields:
                query = f"app_label={model._meta.app_label}&model_name={model._meta.model_name}&field_name={field}"
                yield Target(f"admin/autocomplete/?{query}", route, f"/admin/autocomplete/?{query}&term=")
        return
    if not names:
        yield Target(route.key, route, "/" + _unregex(route.pattern))
        return
    key = route.key
    if not re.search(r"<(?:\w+:)?\w+>|\(\?P<\w+>", route.pattern):  # unnamed groups: name them in the key
        key = _fill(route.key, {name: f"<{name}>" for name in names})
    for values in itertools.product(*(_candidates(route, name, samples) for name in names)):
        path = "/" + _fill(route.pattern, dict(zip(names, values, strict=True)))
        if finds(path):
            yield Target(key, route, path)
            return
    raise UnbuildableURL(f"No sample makes {route.key} ({route.name}) find anything: give tests/urlwalk.py a way to fill {names}.")


def _unregex(pattern):
    return pattern.replace("^", "").replace("$", "")


def _fill(pattern, values):
    if not re.search(r"<(?:\w+:)?\w+>|\(\?P<\w+>", pattern):  # unnamed groups, in order
        positional = iter(values.values())
        return re.sub(r"\((?!\?)[^)]*\)", lambda match: str(next(positional)), _unregex(pattern))

    def replace(match):
        return str(values[match.group(1) or match.group(2)])

    return re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", replace, _unregex(pattern))


def _candidates(route, name, samples):
    model_admin = route.model_admin
    main = samples.get(model_admin.model) if model_admin else None
    if name == "object_id" and main is not None:
        return [main.pk]
    if name in ("pk", "id") and main is not None:
        return [main.pk, *(s.pk for s in samples.values())]
    if name == "version_id" and main is not None:
        return [main.history.latest("history_date").history_id]
    if name.endswith("_pk") and main is not None:
        related = [
            sample
            for sample in samples.values()
            if name.removesuffix("_pk") in sample._meta.model_name
            and any(getattr(sample, f.attname, None) == main.pk for f in sample._meta.concrete_fields if f.is_relation)
        ]
        return [sample.pk for sample in related]
    if name == "year":
        return sorted({s.starts_at.year for s in samples.values() if hasattr(s, "starts_at")})
    if name == "month":
        return sorted({s.starts_at.month for s in samples.values() if hasattr(s, "starts_at")})
    if name == "pk":
        return [s.pk for s in samples.values()]
    if name == "object_id" or name.endswith("_id"):  # iia_id and other ids named for what they are
        return [s.pk for s in samples.values()]
    # slug, token...: every sample's field of that name, or ending with it (cancel_token);
    # a slug may also name a kind of private link (the privacy pages' /<slug>/<token>/).
    extra = []
    if name == "slug":
        from privacy.registry import registry

        extra = [entry.slug for entry in registry.subjects()]
    return extra + [
        getattr(sample, field.attname)
        for sample in samples.values()
        for field in sample._meta.concrete_fields
        if field.attname == name or field.attname.endswith(f"_{name}")
    ]
