"""Addresses of the roll-forward form and the multi-year view (namespace "rollover")."""

from django.urls import path

from . import views_rollover as views

app_name = "rollover"

urlpatterns = [
    path("plans/<slug:slug>/roll-forward/", views.plan_roll_forward_form, name="roll_forward"),
    path("plans/<slug:slug>/years/", views.plan_years, name="years"),
]
