"""Core's background tasks, for the database worker (``manage.py db_worker``)."""

from typing import Any

from django_tasks import task

from .file_sweep import media_orphans_delete


@task()
def sweep_files() -> dict[str, Any]:
    """Delete stored files no row refers to (older than an hour); the names deleted."""
    deleted = media_orphans_delete()
    return {"deleted": deleted, "count": len(deleted)}
