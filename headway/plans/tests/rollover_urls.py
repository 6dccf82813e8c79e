"""The project's addresses plus the roll-forward pages, for their tests until config/urls.py
includes ``headway.plans.urls_rollover`` itself (a duplicate include is then harmless)."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("", include("headway.plans.urls_rollover")),
]
