from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "headway.demo"
    label = "demo"
