"""The progress forms' addresses (namespace "progress"), beside the read pages of a plan."""

from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("plans/<slug:slug>/actions/<int:pk>/progress/", views.progress_record, name="record"),
    path(
        "plans/<slug:slug>/actions/<int:pk>/progress/<slug:step>/",
        views.progress_step,
        name="step",
    ),
    path("plans/<slug:slug>/approvals/", views.approvals, name="approvals"),
    path("plans/<slug:slug>/approvals/<int:pk>/", views.approval_decide, name="decide"),
    path("plans/<slug:slug>/rounds/<int:pk>/close/", views.round_close_confirm, name="round_close"),
    path("plans/<slug:slug>/evidence/<int:pk>/", views.evidence_file, name="evidence"),
]
