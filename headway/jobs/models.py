"""A job: one piece of long work done in the background for one person."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from headway.core.models import TimeStampedModel

from .choices import FINISHED, JobKind, JobState


class Job(TimeStampedModel):
    # A random id: the job page's address says nothing about other people's jobs.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40, choices=JobKind.choices)
    title = models.CharField(max_length=300)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=20, choices=JobState.choices, default=JobState.QUEUED, db_index=True
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True, help_text="What is counted: rows, files.")
    stage = models.CharField(max_length=200, blank=True, help_text="What it is doing now.")
    message = models.TextField(blank=True, help_text="What happened, in words.")
    result = models.JSONField(default=dict, blank=True)
    next_url = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to="jobs/%Y/", blank=True, help_text="What the job made.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED

    def is_stalled(self, now: dt.datetime | None = None) -> bool:
        """Unfinished and silent for longer than a job reports progress: its worker died. What
        it was writing was rolled back with it."""
        if self.is_finished:
            return False
        silent = (now or timezone.now()) - self.updated_at
        return silent > dt.timedelta(seconds=settings.HEADWAY_JOB_STALLED_SECONDS)
