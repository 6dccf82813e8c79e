from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Long work done in the background (imports, publishing, large exports), with its
    progress and its result on a page that survives a reload."""

    name = "headway.jobs"
    label = "jobs"
