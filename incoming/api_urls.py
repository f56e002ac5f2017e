"""Stable addresses of the machine-readable documents (README, "JSON for partners' systems")."""

from django.urls import path

from incoming import api

app_name = "api"

urlpatterns = [
    path("partners.json", api.partners, name="partners"),
    path("agreements.json", api.agreements, name="agreements"),
    path("agreements/<int:iia_id>.json", api.agreement, name="agreement"),
    path("factsheet.json", api.factsheet, name="factsheet"),
]
