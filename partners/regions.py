"""World regions the public filters by, derived from a partner's country.

A region is not stored: it follows from the ISO country code, so it can never
disagree with the country.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    EAST_ASIA = "east-asia", _("East Asia")
    SOUTHEAST_ASIA = "southeast-asia", _("Southeast Asia")
    SOUTH_ASIA = "south-asia", _("South Asia")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north-america", _("North America")
    LATIN_AMERICA = "latin-america", _("Latin America")
    OCEANIA = "oceania", _("Oceania")
    MIDDLE_EAST_AFRICA = "middle-east-africa", _("Middle East and Africa")


COUNTRY_REGIONS = {
    Region.EAST_ASIA: ["CN", "HK", "JP", "KR", "MN", "MO", "TW"],
    Region.SOUTHEAST_ASIA: ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"],
    Region.SOUTH_ASIA: ["BD", "IN", "LK", "NP", "PK"],
    Region.EUROPE: [
        "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR",
        "HU", "IE", "IS", "IT", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU",
        "SE", "SI", "SK", "UA",
    ],
    Region.NORTH_AMERICA: ["CA", "US"],
    Region.LATIN_AMERICA: ["AR", "BR", "CL", "CO", "MX", "PE"],
    Region.OCEANIA: ["AU", "FJ", "NZ"],
    Region.MIDDLE_EAST_AFRICA: ["AE", "EG", "IL", "JO", "KE", "SA", "TR", "ZA"],
}

REGION_OF_COUNTRY = {code: region for region, codes in COUNTRY_REGIONS.items() for code in codes}


def region_of(country_code):
    return REGION_OF_COUNTRY.get(str(country_code))


def countries_in(region):
    return COUNTRY_REGIONS.get(region, [])
