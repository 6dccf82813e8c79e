from django.urls import path

from . import views

app_name = "spreadsheets"

urlpatterns = [
    path("plans/<slug:slug>/spreadsheets/", views.spreadsheet_index, name="index"),
    path(
        "plans/<slug:slug>/spreadsheets/export.<str:format>",
        views.plan_download,
        name="export",
    ),
    path("plans/<slug:slug>/spreadsheets/template.xlsx", views.template_download, name="template"),
    path("plans/<slug:slug>/spreadsheets/import/", views.plan_upload, name="import"),
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
