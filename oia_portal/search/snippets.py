"""Short excerpts of a result's text with the matches wrapped in <mark>.

Everything that comes from the database is escaped; the only markup in a
snippet is the <mark> elements added here.
"""

import re
import secrets

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 200
_LEAD = 60  # characters kept before the first match


class HeadlineMarkers:
    """Start/stop strings for PostgreSQL's ts_headline.

    A fresh random token per search means stored text cannot contain (or forge)
    them, so after escaping the headline only these become <mark> tags.
    """

    def __init__(self):
        token = secrets.token_hex(8)
        self.start = f"hlstart{token}"
        self.stop = f"hlstop{token}"

    def to_html(self, headline):
        """The headline escaped, with the markers turned into <mark> tags;
        "" when PostgreSQL highlighted nothing (e.g. a Chinese substring match)."""
        if not headline or self.start not in headline:
            return ""
        html = escape(" ".join(headline.split()))
        html = html.replace(self.start, "<mark>").replace(self.stop, "</mark>")
        return mark_safe(html)  # noqa: S308 - escaped above; only our <mark> tags remain


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An escaped excerpt of `text` around the first term found, terms in <mark>.

    Without any match, the beginning of the text.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    pattern = (
        re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
        if terms
        else None
    )
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - _LEAD) if first else 0
    if start:
        # Start at a word boundary when there is one close by (not in Chinese).
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    excerpt = text[start : start + length]
    parts = []
    position = 0
    for match in pattern.finditer(excerpt) if pattern else ():
        parts.append(escape(excerpt[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(excerpt[position:]))
    html = "".join(parts)
    if start:
        html = "… " + html
    if start + length < len(text):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece of text was escaped above
