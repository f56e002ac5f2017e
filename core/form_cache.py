"""Filter forms rendered once per distinct form, not once per request.

crispy-forms renders every field and every <option> through templates: on the
finder, the partner list and the scholars directory that was a third or more
of the page's time, and it grew with the number of choices. A filter form's
HTML depends only on its class, the language, what was typed, its choices and
its errors, so that is the cache key: whatever changes, the key changes, and
nothing needs invalidating. Only GET forms without a CSRF token qualify.
"""

import hashlib

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from crispy_forms.utils import render_crispy_form
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.fragment_cache import kept


def form_fingerprint(form):
    """Everything the form's HTML shows, hashed; worked out once a form (a form drawn field by
    field asked for it once a field). By the time a form is drawn its data and errors are set."""
    if (known := form.__dict__.get("_fingerprint")) is not None:
        return known
    form._fingerprint = _fingerprint(form)
    return form._fingerprint


def _fingerprint(form):
    parts = [type(form).__module__, type(form).__qualname__, get_language(), form.prefix, form.is_bound]
    for name, field in form.fields.items():
        bound = form[name]
        parts.append((name, str(field.label), str(field.help_text), repr(bound.value()), repr(form.initial.get(name))))
        if hasattr(field, "choices"):
            parts.append([(str(value), str(label)) for value, label in field.choices])
    if form.is_bound:
        parts.append(sorted((name, [str(error) for error in errors]) for name, errors in form.errors.items()))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _kept(key, render):
    """crispy's HTML kept under `key`; `render()` makes it when it is not there."""
    return mark_safe(kept(key, lambda: str(render())))  # noqa: S308 - crispy's own output, escaped when it was rendered


def render_filter_form(form):
    return _kept(f"filter-form:{form_fingerprint(form)}", lambda: as_crispy_form(form))


def render_filter_field(bound_field):
    """`field|as_crispy_field` of one field of a GET filter form, cached like the whole form."""
    key = f"form-field:{bound_field.name}:{form_fingerprint(bound_field.form)}"
    return _kept(key, lambda: as_crispy_field(bound_field))


def render_blank_field(bound_field):
    """`field|as_crispy_field` of a POST form's field: cached while nobody has filled the form in
    (what a visitor typed, and its errors, are theirs: rendered as usual, never kept)."""
    if bound_field.form.is_bound:
        return as_crispy_field(bound_field)
    return render_filter_field(bound_field)


# Stands in for the visitor's CSRF token in a cached form; replaced on every request.
_CSRF_PLACEHOLDER = "csrf-token-placeholder-0d6f1c"


def render_blank_form(form, request):
    """`{% crispy form %}` of a form nobody has filled in yet, cached like a filter form.

    The application form lists every programme of the call three times; rendering
    it cost more than the rest of the page together. A blank form is the same for
    every visitor except the CSRF token, which is put in after the cache.
    A filled-in form (with the visitor's input and errors) is rendered as usual.
    """
    if form.is_bound:
        # The visitor's token too: without it the form sent back with errors could not be sent again.
        context = {"csrf_token": get_token(request), "request": request}
        return mark_safe(str(render_crispy_form(form, helper=getattr(form, "helper", None), context=context)))  # noqa: S308
    # The helper (layout) is built by the form's class, which the fingerprint names.
    key = f"blank-form:{form_fingerprint(form)}"
    context = {"csrf_token": _CSRF_PLACEHOLDER, "request": request}
    html = kept(key, lambda: str(render_crispy_form(form, helper=getattr(form, "helper", None), context=context)))
    return mark_safe(html.replace(_CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - our render, token is URL-safe
