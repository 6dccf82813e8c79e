"""The progress forms' addresses (namespace "progress"), beside the read pages of a plan."""

from django.urls import path

from . import views_progress as views

app_name = "progress"

urlpatterns = [
    path("plans/<slug:slug>/actions/<int:pk>/progress/", views.progress_record, name="record"),
    path("plans/<slug:slug>/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("plans/<slug:slug>/approvals/", views.approvals, name="approvals"),
    path("plans/<slug:slug>/approvals/<int:pk>/", views.approval_decide, name="decide"),
    path("plans/<slug:slug>/rounds/<int:pk>/close/", views.round_close_confirm, name="round_close"),
    path("plans/<slug:slug>/risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("plans/<slug:slug>/evidence/<int:pk>/", views.evidence_file, name="evidence"),
]
