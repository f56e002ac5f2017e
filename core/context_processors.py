from django.conf import settings

from core import content_cache
from core.models import SiteSettings


def site(request):
    """The institution's details for the header and footer of every page: kept in the process
    under their table's version, which the request reads anyway (solo's copy was a round trip
    to the shared cache on every page)."""
    return {"site": content_cache.cached("site-settings", SiteSettings.get_solo), "gpa_scale": settings.GPA_SCALE}
