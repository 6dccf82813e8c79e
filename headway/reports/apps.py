from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "headway.reports"
    label = "reports"
