"""Queries per request for each key page, measured in-process on the current database.

Run by bench/run.py as `python -m bench.queries OUT.json [--urls IN.json]`: without
--urls it picks the pages (a real partner, programme, call, event and article of
this database) and writes them with the counts; with --urls it measures those.
Staff pages are requested as a superuser; the session made for that is written
too (`staff_cookie`), so that wrk can ask for the same pages.
"""

import json
import os
import statistics
import sys
import time

import django

# How many cold renders of each page are timed (BENCH_RENDER_REPEAT).
RENDER_REPEAT = int(os.environ.get("BENCH_RENDER_REPEAT", "5"))

# Pages asked for as staff (a superuser's session); every other page anonymously.
STAFF_PAGES = {
    "admin dashboard": "/admin/",
    "admin partners": "/admin/partners/partneruniversity/",
    "admin agreements": "/admin/partners/agreement/",
    "admin applications": "/admin/exchanges/application/",
    "admin registrations": "/admin/events/registration/",
    "admin mobility records": "/admin/exchanges/mobilityrecord/",
}


def pick_pages():
    from django.utils import timezone

    from events.models import Event, NewsArticle
    from exchanges.models import ApplicationCall, ExchangeProgram
    from partners.models import PartnerUniversity

    now = timezone.now()
    partner = PartnerUniversity.objects.published().order_by("slug").first()
    programme = ExchangeProgram.objects.published().order_by("slug").first()
    article = NewsArticle.objects.published().order_by("slug").first()
    # The demo's own rows, not a copy made for a larger scale (slug "…-10"): they exist at every scale.
    event = Event.objects.upcoming().exclude(slug__regex=r"-[0-9]+$").order_by("starts_at", "pk").first()
    call = ApplicationCall.objects.open(now).order_by("closes_at").first()
    # A student on a large call's form who chose one programme and looks for another by a city.
    offered = ExchangeProgram.objects.offered_in(call).order_by("slug").first() if call else None
    apply_search = f"?programme={offered.slug}&find=Kyoto" if offered else ""
    pages = {
        # The floor: the site's frame (header, menu, footer) around a few lines of text.
        "about (frame only)": "/en/about/",
        "home": "/en/",
        "partner list": "/en/partners/",
        "partner page": partner.get_absolute_url() if partner else "/en/partners/",
        "map": "/en/partners/map/",
        "statistics": "/en/statistics/",
        "finder": "/en/programmes/",
        "finder (filtered)": "/en/programmes/?region=east-asia&kind=semester&gpa=3.5&open_now=on&sort=deadline",
        "programme page": programme.get_absolute_url() if programme else "/en/programmes/",
        "apply form": f"/en/programmes/calls/{call.slug}/apply/" if call else "/en/programmes/",
        "apply form (programme search)": f"/en/programmes/calls/{call.slug}/apply/{apply_search}" if call else "/en/programmes/",
        "events": "/en/events/",
        "event page": event.get_absolute_url() if event else "/en/events/",
        "news": "/en/news/",
        "news page": article.get_absolute_url() if article else "/en/news/",
        "scholars": "/en/scholars/",
        # Broad: a word in nearly every row. Selective: one city's partners.
        "search EN broad": "/en/search/?q=university",
        "search EN selective": "/en/search/?q=kyoto",
        "search ZH broad": "/zh-hant/search/?q=%E5%A4%A7%E5%AD%B8",  # 大學
        "search ZH selective": "/zh-hant/search/?q=%E4%BA%AC%E9%83%BD",  # 京都
    }
    return pages | STAFF_PAGES


def staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    client = Client()
    client.force_login(user)
    return client


def render_times(client, url, repeat=RENDER_REPEAT):
    """Median wall and CPU milliseconds of a cold request in this process.

    The CPU time is this process's alone (the database's work is not in it), so
    it changes little when other work shares the machine; the wall time does.
    """
    from django.core.cache import cache

    walls, cpus = [], []
    for _ in range(repeat):
        cache.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {"wall_ms": statistics.median(walls), "cpu_ms": statistics.median(cpus)}


def count_queries(pages):
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous, staff = Client(), staff_client()
    counts = {}
    # Opening the connection runs a few set-up queries (type look-ups); they are
    # not the first page's.
    connection.ensure_connection()
    for name, url in pages.items():
        client = staff if name in STAFF_PAGES else anonymous
        client.get(url)  # once, so that per-process look-ups (site settings, content types) are made
        cache.clear()  # the cold request: what the page itself asks of the database
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts[name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "staff": name in STAFF_PAGES,
            **render_times(client, url),
        }
    # A session of its own for wrk's requests, made after the last cache.clear().
    counts["_staff_cookie"] = f"{settings.SESSION_COOKIE_NAME}={staff_client().cookies[settings.SESSION_COOKIE_NAME].value}"
    return counts


def main(argv):
    django.setup()
    out = argv[1]
    if "--urls" in argv:
        with open(argv[argv.index("--urls") + 1]) as handle:
            pages = {name: row["url"] for name, row in json.load(handle).items() if not name.startswith("_")}
    else:
        pages = pick_pages()
    with open(out, "w") as handle:
        json.dump(count_queries(pages), handle, indent=2)


if __name__ == "__main__":
    main(sys.argv)
