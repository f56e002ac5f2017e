from django.urls import path

from abroad import feeds, views

app_name = "abroad"

urlpatterns = [
    path("courses/", views.CourseLibraryView.as_view(), name="courses"),
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("reports/rss/", feeds.ReportFeed(), name="reports-rss"),
    path("reports/atom/", feeds.ReportAtomFeed(), name="reports-atom"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("students/<str:token>/", views.AbroadView.as_view(), name="student"),
    path("students/<str:token>/learning-agreement.pdf", views.learning_agreement_pdf, name="learning-agreement-pdf"),
    path("students/<str:token>/recognition.pdf", views.recognition_pdf, name="recognition-pdf"),
]
