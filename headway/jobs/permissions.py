"""Who sees a job: the person it runs for, and administrators."""

from typing import Any

from .models import Job


def can_view_job(user: Any, job: Job) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return job.user_id == user.pk or bool(getattr(user, "is_administrator", False))
