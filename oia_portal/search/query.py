"""What a visitor typed, made safe to search with."""

import unicodedata

MAX_QUERY_LENGTH = 200
# Each term adds a few conditions per searched column; a cap keeps the SQL small.
MAX_TERMS = 6
# websearch syntax words that are operators, not text to find.
_OPERATOR_WORDS = {"or"}


def clean_query(raw):
    """The query with control and format characters turned into spaces, runs of
    spaces collapsed, and cut to MAX_QUERY_LENGTH characters.

    PostgreSQL refuses NUL in a string, and other control characters only make
    the page odd, so none of them reaches the database or the template.
    """
    if not raw:
        return ""
    visible = "".join(" " if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") else char for char in raw)
    return " ".join(visible.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words to look for as substrings, in order, without duplicates.

    Chinese is written without spaces, so a Chinese query is usually one term
    that is matched as a substring (京都 inside 京都大學).
    """
    terms = []
    for word in query.split():
        term = word.strip("\"'")
        if _too_short(term) or term.casefold() in _OPERATOR_WORDS or term.casefold() in {t.casefold() for t in terms}:
            continue
        terms.append(term)
    return terms[:MAX_TERMS]


def _too_short(term):
    # One Latin letter or digit is inside nearly every text; one Chinese
    # character (日, 德) can be a whole word.
    return not term or (len(term) == 1 and term.isascii())
