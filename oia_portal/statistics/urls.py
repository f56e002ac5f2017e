from django.urls import path

from oia_portal.statistics.views import StatisticsView

app_name = "statistics"

urlpatterns = [
    path("", StatisticsView.as_view(), name="index"),
]
