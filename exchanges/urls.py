from django.urls import path

from exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("calls/<slug:slug>/apply/", views.ApplyView.as_view(), name="apply"),
    path("calls/<slug:slug>/received/", views.ApplicationReceivedView.as_view(), name="apply-received"),
    path("calls/<slug:slug>/results/", views.CallResultsView.as_view(), name="results"),
    # Before the token pattern, which would otherwise take "resend" for a token.
    path("applications/resend/", views.ResendLinkView.as_view(), name="resend-link"),
    path("applications/<str:token>/", views.ApplicationStatusView.as_view(), name="status"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="detail"),
]
