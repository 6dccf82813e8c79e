from django.urls import path

from . import views, views_import, views_indicators

app_name = "spreadsheets"

urlpatterns = [
    path("plans/<slug:slug>/spreadsheets/", views.spreadsheet_index, name="index"),
    path(
        "plans/<slug:slug>/spreadsheets/export.<str:format>",
        views.plan_download,
        name="export",
    ),
    path("plans/<slug:slug>/spreadsheets/template.xlsx", views.template_download, name="template"),
    path(
        "plans/<slug:slug>/spreadsheets/indicators.xlsx",
        views_indicators.indicators_download,
        name="indicators_export",
    ),
    path(
        "plans/<slug:slug>/spreadsheets/indicators/import/",
        views_indicators.indicators_upload,
        name="indicators_import",
    ),
    path("plans/<slug:slug>/spreadsheets/import/", views_import.plan_upload, name="import"),
    path("spreadsheets/import/", views_import.plan_upload_new, name="import_new"),
    path(
        "spreadsheets/import/<str:token>/columns/",
        views_import.import_columns,
        name="import_columns",
    ),
    path("spreadsheets/import/<str:token>/plan/", views_import.import_plan, name="import_plan"),
    path("spreadsheets/import/<str:token>/as-at/", views_import.import_as_at, name="import_as_at"),
    path(
        "spreadsheets/import/<str:token>/owners/", views_import.import_owners, name="import_owners"
    ),
    path(
        "spreadsheets/import/<str:token>/check/", views_import.import_preview, name="import_preview"
    ),
    path(
        "spreadsheets/import/<str:token>/problems.xlsx",
        views_import.import_problems,
        name="import_problems",
    ),
    path(
        "plans/<slug:slug>/spreadsheets/rounds/<int:round_pk>/update-sheet.xlsx",
        views.update_sheet_download,
        name="update_sheet",
    ),
    path(
        "plans/<slug:slug>/spreadsheets/rounds/<int:round_pk>/update-sheets.zip",
        views.update_sheets_download,
        name="update_sheets",
    ),
    path(
        "plans/<slug:slug>/spreadsheets/rounds/<int:round_pk>/upload/",
        views.update_sheet_upload,
        name="update_upload",
    ),
]
