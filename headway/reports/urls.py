from django.urls import path

from . import views, views_defaults, views_templates

app_name = "reports"

urlpatterns = [
    path("plans/<slug:slug>/reports/", views.report_list, name="list"),
    path("plans/<slug:slug>/reports/new/", views.report_create, name="create"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="edit"),
    path("reports/<int:pk>/redraft/", views.report_redraft_view, name="redraft"),
    path("reports/<int:pk>/publish/", views.report_publish_view, name="publish"),
    path("reports/<int:pk>/new-edition/", views.report_new_edition, name="new_edition"),
    path("reports/<int:pk>/<str:audience>.<str:fmt>", views.report_download, name="download"),
    path("reports/word-templates/", views_templates.word_templates, name="word_templates"),
    path("reports/defaults/", views_defaults.report_defaults_edit, name="defaults"),
    path(
        "plans/<slug:slug>/reports/defaults/",
        views_defaults.report_defaults_edit,
        name="plan_defaults",
    ),
    path(
        "reports/word-templates/<int:pk>/remove/",
        views_templates.word_template_remove,
        name="word_template_remove",
    ),
]
