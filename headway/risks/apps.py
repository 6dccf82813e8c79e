from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "headway.risks"
    label = "risks"
