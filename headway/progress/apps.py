from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """Recording progress: the owner's update with its evidence, milestones, risk and revised
    timescale; the lead's approvals; closing a round; carrying unfinished actions into next
    year's plan. It composes ``plans`` with ``risks``, which know nothing of each other's forms."""

    name = "headway.progress"
    label = "progress"
