from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.PrivacyNoticeView.as_view(), name="notice"),
    path("<slug:slug>/<str:token>/", views.SubjectView.as_view(), name="subject"),
    path("<slug:slug>/<str:token>/export/", views.ExportView.as_view(), name="export"),
]
