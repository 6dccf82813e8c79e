from django.contrib import admin
from django.urls import include, path

from headway.core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("headway.accounts.urls")),
    path("", include("headway.plans.urls")),
]
