from django.urls import path

from incoming import views

app_name = "incoming"

urlpatterns = [
    path("fact-sheet/", views.FactSheetView.as_view(), name="factsheet"),
    path("fact-sheet.pdf", views.fact_sheet_pdf, name="factsheet-pdf"),
    path("nominate/<str:token>/", views.NominateView.as_view(), name="nominate"),
    path("applications/<str:token>/", views.ApplicationView.as_view(), name="application"),
    path("applications/<str:token>/acceptance-letter.pdf", views.AcceptanceLetterView.as_view(), name="letter"),
    path("letters/<str:code>/", views.VerifyLetterView.as_view(), name="verify"),
]
