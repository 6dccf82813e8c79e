"""Find and delete stored files that no row refers to.

Files are not transactional: an evidence file stored before a save that is then refused (a stale
version), or a report file stored by a publication killed before its commit, stays on disk with
no row pointing at it. This sweep finds them.

It knows no domain app. It asks Django's app registry for every model's file fields: the folders
they upload to (the first part of ``upload_to``, e.g. ``evidence/`` and ``reports/``) are the only
ones it looks in, and a file any row of any of those fields names (history rows included) is
kept. A file newer than an hour is kept too, so an upload whose row is not yet committed is never
taken.
"""

import datetime as dt
import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)

MIN_AGE = dt.timedelta(hours=1)


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def swept_folders() -> list[str]:
    """The top-level MEDIA_ROOT folders that file fields upload to, e.g. ``["evidence", ...]``.

    A callable ``upload_to`` names no fixed folder: its files are kept wherever they are.
    """
    folders = set()
    for model, name in _file_fields():
        upload_to = model._meta.get_field(name).upload_to
        if isinstance(upload_to, str):
            top = upload_to.strip("/").split("/")[0]
            if top and "%" not in top:
                folders.add(top)
    return sorted(folders)


def _referenced_names() -> set[str]:
    names: set[str] = set()
    for model, name in _file_fields():
        rows = model._base_manager.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
        names.update(rows.values_list(name, flat=True).iterator())
    return names


def media_orphans_find(*, min_age: dt.timedelta = MIN_AGE) -> list[str]:
    """Files under the swept folders, older than ``min_age``, that no row names (relative to
    MEDIA_ROOT, sorted)."""
    root = Path(settings.MEDIA_ROOT)
    cutoff = time.time() - min_age.total_seconds()
    # Files first, rows second: a row committed in between protects its file.
    candidates = set()
    for folder in swept_folders():
        for path in (root / folder).rglob("*"):
            if path.is_symlink() or not path.is_file():
                continue  # never follow a link out of MEDIA_ROOT, nor delete one
            if path.stat().st_mtime <= cutoff:
                candidates.add(path.relative_to(root).as_posix())
    return sorted(candidates - _referenced_names())


def media_orphans_delete(*, min_age: dt.timedelta = MIN_AGE, dry_run: bool = False) -> list[str]:
    """Delete the files ``media_orphans_find`` finds (none with ``dry_run``); their names."""
    root = Path(settings.MEDIA_ROOT)
    orphans = media_orphans_find(min_age=min_age)
    if not dry_run:
        for name in orphans:
            (root / name).unlink(missing_ok=True)
            logger.info("Deleted %s: no row refers to it", name, extra={"file": name})
    return orphans
