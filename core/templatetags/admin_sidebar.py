"""The admin's lists of apps and models, kept drawn for each set of apps and links they show.

Every admin page draws Django's sidebar (admin/nav_sidebar.html), and the index its list of
apps with add and change links (admin/app_list.html): some forty models, each a row of links,
through the template language, the same for every page a user sees but for which app and
model are the current one. Each is drawn once without a current one and kept in this process
like the public frame's parts (render_frame_part), under everything it shows; each page marks
its own current app and model in the copy (tests compare the result with Django's drawing on
every admin address).
"""

from urllib.parse import quote

from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.fragment_cache import render_frame_part

register = template.Library()

SIDEBAR = "admin/nav_sidebar.html"
APP_LIST = "admin/app_list.html"


class _Nowhere:
    """A request at no address: the sidebar drawn with no app or model marked current."""

    path = ""


def _shown(apps):
    """Everything of the app list that the sidebar shows, as plain text."""
    return [
        (
            app["app_label"],
            str(app["name"]),
            app["app_url"],
            [
                (
                    model["object_name"],
                    str(model["name"]),
                    model.get("admin_url"),
                    model.get("add_url"),
                    model.get("view_only"),
                )
                for model in app["models"]
            ],
        )
        for app in apps
    ]


def _marked(html, apps, path):
    """The sidebar with the app and model of `path` marked as Django's template marks them."""
    here = quote(path, safe="/")  # the template's request.path|urlencode
    for app in apps:
        if app["app_url"] and app["app_url"] in here:
            label = app["app_label"]
            html = html.replace(f'<div class="app-{label} module">', f'<div class="app-{label} module current-app">', 1)
        for model in app["models"]:
            url = model.get("admin_url")
            if url and url in here:
                name = model["object_name"].lower()
                html = html.replace(f'<tr class="model-{name}">', f'<tr class="model-{name} current-model">', 1)
                link = escape(url)  # as the template writes it
                html = html.replace(f'<a href="{link}">', f'<a href="{link}" aria-current="page">', 1)
    return html


def _kept_drawing(context, template_name, apps, **drawn_with):
    def draw(context):
        with context.push(request=_Nowhere(), **drawn_with):
            return get_template(template_name).template.render(context)

    html = render_frame_part(context, template_name, (repr(_shown(apps)),), draw)
    # Django's own template, with the current app and model marked the way it marks them.
    return mark_safe(_marked(html, apps, context["request"].path))  # noqa: S308


@register.simple_tag(takes_context=True)
def kept_nav_sidebar(context):
    return _kept_drawing(context, SIDEBAR, context.get("available_apps") or [])


@register.simple_tag(takes_context=True)
def kept_app_list(context, app_list):
    """The index's apps with their add and change links (Django's index.html includes it so)."""
    return _kept_drawing(context, APP_LIST, app_list, app_list=app_list, show_changelinks=True)
