from django.contrib import admin
from django.urls import include, path

from headway.core.health import healthz
from headway.plans.views import home

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("headway.accounts.urls")),
    path("", include("headway.jobs.urls")),
    path("", home, name="home"),
    path("", include("headway.plans.urls")),
    path("", include("headway.progress.urls")),
    path("", include("headway.progress.urls_rollover")),
    path("", include("headway.risks.urls")),
    path("", include("headway.indicators.urls")),
    path("inspections/", include("headway.inspections.urls")),
    path("", include("headway.reports.urls", namespace="reports")),
    path("api/v1/", include("headway.api.urls")),
    path("", include("headway.spreadsheets.urls")),
]
