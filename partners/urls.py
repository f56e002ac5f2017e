from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.PartnerListView.as_view(), name="list"),
    path("map/", views.PartnerMapView.as_view(), name="map"),
    path("<slug:slug>/", views.PartnerDetailView.as_view(), name="detail"),
    path("<slug:slug>/fact-sheet/", views.PartnerFactSheetView.as_view(), name="fact-sheet"),
]
