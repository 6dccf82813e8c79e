from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("headway.accounts.urls")),
    path("", include("headway.plans.urls")),
]
