from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "headway.inspections"
    label = "inspections"
