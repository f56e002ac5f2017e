"""Queries per request for each key page, measured in-process on the current database.

Run by bench/run.py as `python -m bench.queries OUT.json [--urls IN.json]`: without
--urls it picks the pages (a real partner, programme and article of this
database) and writes them with the counts; with --urls it measures those.
"""

import json
import sys

import django


def pick_pages():
    from events.models import NewsArticle
    from exchanges.models import ExchangeProgram
    from partners.models import PartnerUniversity

    partner = PartnerUniversity.objects.published().order_by("slug").first()
    programme = ExchangeProgram.objects.published().order_by("slug").first()
    article = NewsArticle.objects.published().order_by("slug").first()
    return {
        "bare view": "/bench/bare/",
        "home": "/en/",
        "partner list": "/en/partners/",
        "partner detail": partner.get_absolute_url() if partner else "/en/partners/",
        "programme finder (filtered)": "/en/programmes/?region=east-asia&kind=semester&gpa=3.5&open_now=on&sort=deadline",
        "programme page": programme.get_absolute_url() if programme else "/en/programmes/",
        "events": "/en/events/",
        "news list": "/en/news/",
        "news detail": article.get_absolute_url() if article else "/en/news/",
        "search": "/en/search/?q=university",
    }


def count_queries(pages):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    # Opening the connection runs a few set-up queries (type look-ups); they are
    # not the first page's.
    connection.ensure_connection()
    for name, url in pages.items():
        cache.clear()  # the cold request: what the page itself asks of the database
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts[name] = {"url": url, "status": response.status_code, "queries": len(captured.captured_queries)}
    return counts


def main(argv):
    django.setup()
    out = argv[1]
    if "--urls" in argv:
        with open(argv[argv.index("--urls") + 1]) as handle:
            pages = {name: row["url"] for name, row in json.load(handle).items()}
    else:
        pages = pick_pages()
    with open(out, "w") as handle:
        json.dump(count_queries(pages), handle, indent=2)


if __name__ == "__main__":
    main(sys.argv)
