from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    name = "headway.spreadsheets"
    label = "spreadsheets"
