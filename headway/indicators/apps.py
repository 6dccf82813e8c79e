from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "headway.indicators"
    label = "indicators"
    verbose_name = "Performance indicators"
