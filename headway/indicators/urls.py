from django.urls import path

from . import views, views_setup, views_targets

app_name = "indicators"

urlpatterns = [
    path("plans/<slug:slug>/indicators/new/", views_setup.indicator_new, name="new"),
    path(
        "plans/<slug:slug>/indicators/new/check/",
        views_setup.indicator_new_check,
        name="new_check",
    ),
    path(
        "plans/<slug:slug>/indicators/new/<slug:step>/",
        views_setup.indicator_new_step,
        name="new_step",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/details/",
        views_setup.indicator_details,
        name="details",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/details/<slug:step>/",
        views_setup.indicator_details_step,
        name="details_step",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/targets/",
        views_targets.targets,
        name="targets",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/targets/<str:period>/",
        views_targets.target_edit,
        name="target",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:pk>/comparators/<str:period>/",
        views_targets.comparator_edit,
        name="comparator",
    ),
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
