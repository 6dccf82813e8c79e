from django.urls import path

from . import views, views_body, views_defaults, views_templates


def _body_urls(prefix: str, name: str) -> list:
    """The body pages under ``prefix``: a draft report's, or a layer of defaults'."""
    return [
        path(f"{prefix}body/", views_body.body_page, name=name),
        path(f"{prefix}body/change/", views_body.body_action, name=f"{name}_action"),
        path(f"{prefix}body/block/<str:block_id>/", views_body.block_edit, name=f"{name}_block"),
        path(f"{prefix}body/add/", views_body.block_add, name=f"{name}_add"),
        path(f"{prefix}body/section/", views_body.section_edit, name=f"{name}_section"),
    ]


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
    *_body_urls("reports/<int:pk>/", "body"),
    *_body_urls("reports/defaults/", "defaults_body"),
    *_body_urls("plans/<slug:slug>/reports/defaults/", "plan_defaults_body"),
    path(
        "reports/word-templates/<int:pk>/remove/",
        views_templates.word_template_remove,
        name="word_template_remove",
    ),
]
