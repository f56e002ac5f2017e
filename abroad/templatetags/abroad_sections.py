"""Sections other apps' pages show: the courses recognised before and returnees' reports on partner
and programme pages, the stay abroad on the student's status page.

They are template tags so that partners and exchanges never import this app: their templates
ask for the section, and it runs a fixed number of queries whatever the rows.
"""

from django import template

from abroad.models import CourseEquivalence, ExperienceReport

register = template.Library()

SECTION_COURSES = 25
SECTION_REPORTS = 4


def _sections(courses, reports, more_url):
    courses = list(courses.order_by("host_code", "-academic_year", "pk")[: SECTION_COURSES + 1])
    return {
        "library": courses[:SECTION_COURSES],
        "library_more": len(courses) > SECTION_COURSES,
        "reports": list(reports.order_by("-published_at", "-pk")[:SECTION_REPORTS]),
        "more_url": more_url,
    }


@register.inclusion_tag("abroad/includes/sections.html")
def partner_abroad_sections(partner):
    """Two queries: the library rows and the reports (with their photos' first in one join-free pass)."""
    from django.urls import reverse

    return _sections(
        CourseEquivalence.objects.published().filter(partner=partner).select_related("department"),
        ExperienceReport.objects.published().filter(partner=partner),
        f"{reverse('abroad:courses')}?partner={partner.slug}",
    )


@register.inclusion_tag("abroad/includes/sections.html")
def programme_abroad_sections(programme):
    from django.urls import reverse

    return _sections(
        CourseEquivalence.objects.published().filter(programme=programme).select_related("department"),
        ExperienceReport.objects.published().filter(programme=programme),
        f"{reverse('abroad:courses')}?partner={programme.partner.slug}",
    )


@register.inclusion_tag("abroad/includes/status_panel.html")
def abroad_status_panel(application):
    """On the status page: the way to the stay-abroad page once the partner has accepted."""
    from abroad.services import may_propose

    return {"application": application, "shown": may_propose(application)}
