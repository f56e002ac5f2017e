from django.urls import path

from scholars import views

app_name = "scholars"

urlpatterns = [
    path("", views.ScholarListView.as_view(), name="list"),
    path("teacher-exchange/", views.TeacherExchangeView.as_view(), name="teacher-exchange"),
    path("<slug:slug>/", views.ScholarDetailView.as_view(), name="detail"),
]
