"""Starting, running and reporting on a job. The work itself is the domain's: a task function
in the app that owns it calls ``job_run`` with a function that does the work and reports its
progress through the ``Progress`` it is given.

Progress is written in short transactions of its own, between the work's steps, so a work
function must report outside its own write transaction (an import validates every row before
it writes anything, in one transaction: progress is reported while it reads).
"""

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from .choices import FINISHED, JobKind, JobState
from .models import Job

logger = logging.getLogger(__name__)

# Progress is written at most this often, however often the work reports it.
PROGRESS_EVERY_SECONDS = 0.5


@dataclass(frozen=True)
class Outcome:
    """What finished work says: a sentence, where to go next, and any figures to show."""

    message: str
    next_url: str = ""
    result: dict[str, Any] = field(default_factory=dict)


class JobFailed(Exception):
    """The work was refused: ``message`` says why, ``result`` holds what to show (problems),
    ``next_url`` where to put it right (the upload page, to send a corrected file)."""

    def __init__(
        self, message: str, result: dict[str, Any] | None = None, next_url: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.result = result or {}
        self.next_url = next_url


class Progress:
    """Reports a job's progress: ``progress(done, total, stage=...)``, written at most every
    half second (and always when ``done`` reaches ``total``)."""

    def __init__(self, job_id: uuid.UUID, *, unit: str = "") -> None:
        self.job_id = job_id
        self.unit = unit
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, *, stage: str = "") -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY_SECONDS and (total is None or done < total):
            return
        self._last = now
        changes: dict[str, Any] = {"done": done, "updated_at": timezone.now()}
        if total is not None:
            changes["total"] = total
        if stage:
            changes["stage"] = stage
        if self.unit:
            changes["unit"] = self.unit
        Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(**changes)


def job_store_file(*, job_id: uuid.UUID | str, filename: str, data: bytes) -> str:
    """Keep what the job made; the address its person downloads it from."""
    job = Job.objects.get(pk=job_id)
    job.file.save(filename, ContentFile(data), save=False)
    Job.objects.filter(pk=job.pk).update(file=job.file.name, updated_at=timezone.now())
    return reverse("jobs:file", kwargs={"pk": job.pk})


def job_create(*, kind: JobKind, title: str, user: Any) -> Job:
    """A queued job for ``user``; enqueue its task with ``job.pk`` next."""
    return Job.objects.create(kind=kind, title=title[:300], user=user)


def job_run(*, job_id: uuid.UUID | str, work: Callable[[Progress], Outcome], unit: str = "") -> Job:
    """Run ``work`` for the job and record how it ended. Never raises for the work's own
    failures: a refusal (``JobFailed``) is recorded in its words, anything else as an
    unexpected stop (with the traceback in the log, not on the page)."""
    job = Job.objects.get(pk=job_id)
    # Only a queued job is started: a task delivered twice, even at once, does its work once.
    started = Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), updated_at=timezone.now(), unit=unit
    )
    if not started:
        return job
    try:
        outcome = work(Progress(job.pk, unit=unit))
    except JobFailed as failure:
        _finish(job, JobState.FAILED, failure.message, failure.result, failure.next_url)
    except Exception:
        logger.exception("Job %s (%s) stopped unexpectedly", job.pk, job.kind)
        _finish(
            job,
            JobState.FAILED,
            "This stopped unexpectedly and nothing was written. Try again; if it happens "
            "again, tell the performance team (the error is in the service's log).",
        )
    else:
        _finish(job, JobState.SUCCEEDED, outcome.message, outcome.result, outcome.next_url)
    job.refresh_from_db()
    return job


def _finish(
    job: Job, state: JobState, message: str, result: dict | None = None, next_url: str = ""
) -> None:
    Job.objects.filter(pk=job.pk).update(
        state=state,
        message=message,
        result=result or {},
        next_url=next_url,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def jobs_prune(*, min_age_days: int, dry_run: bool = False) -> int:
    """Delete finished jobs older than ``min_age_days`` (their files go with the next
    ``sweep_files``); how many. A job still queued or running is never taken."""
    cutoff = timezone.now() - dt.timedelta(days=min_age_days)
    old = Job.objects.filter(state__in=FINISHED, finished_at__lt=cutoff)
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted
