from django.conf import settings

from core.models import SiteSettings


def site(request):
    """The institution's details for the header and footer of every page."""
    return {"site": SiteSettings.get_solo(), "gpa_scale": settings.GPA_SCALE}
