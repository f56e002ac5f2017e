"""Site-wide search over partners, programmes, scholars, events and news."""

from oia_portal.search.views import SearchView

__all__ = ["SearchView"]
