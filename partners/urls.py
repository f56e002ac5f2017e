from django.urls import path

from partners import views

app_name = "partners"

# A partner's own page and fact sheet read programmes and scholars too: oia_portal/partner_pages.py.

urlpatterns = [
    path("", views.PartnerListView.as_view(), name="list"),
    path("map/", views.PartnerMapView.as_view(), name="map"),
]
