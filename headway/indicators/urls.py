from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("plans/<slug:slug>/indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/values/<str:period>/",
        views.value_enter,
        name="value",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/values/<str:period>/check/",
        views.value_check,
        name="value_check",
    ),
    path("plans/<slug:slug>/indicator-approvals/", views.approvals, name="approvals"),
    path(
        "plans/<slug:slug>/indicator-collection/",
        views.round_collection,
        name="round_collection",
    ),
    path(
        "plans/<slug:slug>/indicator-approvals/<int:pk>/",
        views.approval_decide,
        name="decide",
    ),
]
