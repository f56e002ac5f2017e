from django.urls import path

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    path("events/past/", views.EventListView.as_view(period="past"), name="past"),
    path("events/calendar/", views.EventCalendarView.as_view(), name="calendar-current"),
    path("events/calendar/<int:year>/<int:month>/", views.EventCalendarView.as_view(), name="calendar"),
    path("events/calendar.ics", views.upcoming_ics, name="ical-feed"),
    path("events/rss/", feeds.EventFeed(), name="rss"),
    path("events/atom/", feeds.EventAtomFeed(), name="atom"),
    path("events/registrations/<str:token>/cancel/", views.CancelRegistrationView.as_view(), name="cancel-registration"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("news/", views.NewsListView.as_view(), name="news-list"),
    path("news/rss/", feeds.NewsFeed(), name="news-rss"),
    path("news/atom/", feeds.NewsAtomFeed(), name="news-atom"),
    path("news/preview/<int:pk>/", views.NewsPreviewView.as_view(), name="news-preview"),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
]
