"""A job's states and kinds.

Transitions, each made by ``services`` only:
- QUEUED → RUNNING: the worker picked it up.
- RUNNING → SUCCEEDED: the work finished; its result is recorded.
- QUEUED or RUNNING → FAILED: the work was refused or broke; what happened, in words. Work
  that writes does so in one transaction, so a failed job has written nothing.
"""

from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


FINISHED = (JobState.SUCCEEDED, JobState.FAILED)


class JobKind(models.TextChoices):
    PLAN_IMPORT = "plan_import", "Plan import"
    UPDATE_SHEET_IMPORT = "update_sheet_import", "Update sheet"
    REPORT_PUBLISH = "report_publish", "Publishing a report"
    PLAN_EXPORT = "plan_export", "Plan export"
