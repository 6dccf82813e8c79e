"""Uploads waiting between their preview and their confirmation.

The file waits in media storage under a random token kept in the uploader's session, bound to
where it was previewed: the plan, the round (for an update sheet), the person and the kind of
upload. Confirming it anywhere else is refused, so a preview of one plan's file can never be
applied to another plan.
"""

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone

FOLDER = "spreadsheet-uploads"
LIFETIME = dt.timedelta(days=1)
_SESSION_KEY = "headway_pending_uploads"

PLAN_IMPORT = "import"
UPDATE_SHEET = "updates"
INDICATORS = "indicators"
_KIND_NAMES = {
    PLAN_IMPORT: "a plan import",
    UPDATE_SHEET: "an update sheet",
    INDICATORS: "an indicators import",
}


@dataclass(frozen=True)
class Binding:
    """Where an upload was previewed, and so the only place it may be confirmed."""

    kind: str
    plan: int | None  # None: a plan import that creates a new plan
    round: int | None
    user: int


class PendingRefused(Exception):
    """The token exists but belongs elsewhere; the message says where."""


def pending_upload_save(
    *,
    request: HttpRequest,
    binding: Binding,
    data: bytes,
    filename: str,
    steps: dict | None = None,
) -> str:
    _sweep()
    token = uuid.uuid4().hex
    path = default_storage.save(f"{FOLDER}/{token}.upload", ContentFile(data))
    pending = request.session.get(_SESSION_KEY, {})
    pending[token] = {**asdict(binding), "path": path, "filename": filename}
    if steps:
        pending[token]["steps"] = steps
    request.session[_SESSION_KEY] = pending
    return token


def pending_upload_waiting(*, request: HttpRequest, binding: Binding, token: str) -> dict | None:
    """The waiting upload's ``path`` and ``filename``, left waiting; None if it is not (or no
    longer) waiting in this session for this binding."""
    entry = request.session.get(_SESSION_KEY, {}).get(token)
    if entry is None:
        return None
    try:
        _check_binding(entry, binding)
    except PendingRefused:
        return None
    return {"path": entry["path"], "filename": entry["filename"]}


def pending_upload_claim(*, request: HttpRequest, binding: Binding, token: str) -> dict | None:
    """Take the waiting upload out of the session for a background job: its stored ``path`` and
    ``filename`` (the job reads and deletes the file). None if expired or already taken.

    Raises PendingRefused, leaving the upload waiting, when it was previewed somewhere else.
    """
    pending = request.session.get(_SESSION_KEY, {})
    entry = pending.get(token)
    if entry is None:
        return None
    _check_binding(entry, binding)
    del pending[token]
    request.session[_SESSION_KEY] = pending
    if not default_storage.exists(entry["path"]):
        return None
    return {"path": entry["path"], "filename": entry["filename"], "steps": entry.get("steps", {})}


def pending_upload_get(*, request: HttpRequest, token: str) -> dict | None:
    """A waiting upload of the person's own session, with its binding and what they have said
    about it so far (``steps``: the plan import's column mapping, owners, as-at date), or None
    if expired, already confirmed, or not theirs."""
    entry = request.session.get(_SESSION_KEY, {}).get(token)
    if entry is None or entry.get("user") != request.user.pk:
        return None
    if not default_storage.exists(entry["path"]):
        return None
    return entry


def pending_upload_step(*, request: HttpRequest, token: str, **answers: object) -> dict:
    """Keep answers about a waiting upload (JSON values) until it is confirmed."""
    pending = request.session.get(_SESSION_KEY, {})
    entry = pending[token]
    entry["steps"] = {**entry.get("steps", {}), **answers}
    request.session[_SESSION_KEY] = pending
    request.session.modified = True
    return entry


PROBLEMS_SUFFIX = ".problems.xlsx"


def pending_upload_attach(path: str, suffix: str, data: bytes) -> str:
    """Keep a file made from a waiting upload (its problems workbook) beside it; swept with it."""
    name = f"{path}{suffix}"
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def pending_upload_read(path: str, *, keep: bool = False) -> bytes:
    """The upload's bytes. A claimed upload's file is deleted once read, whatever happens
    next; ``keep`` leaves it waiting (the check before the preview reads it so)."""
    try:
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    finally:
        if not keep:
            default_storage.delete(path)


def _check_binding(entry: dict, binding: Binding) -> None:
    nothing = "Nothing has been changed; upload the file again on this page."
    if entry.get("user") != binding.user:
        raise PendingRefused(f"That upload was previewed by someone else. {nothing}")
    if entry.get("kind") != binding.kind:
        was = _KIND_NAMES.get(entry.get("kind"), "another kind of upload")
        raise PendingRefused(
            f"That upload was previewed as {was}, not as {_KIND_NAMES[binding.kind]}. {nothing}"
        )
    if entry.get("plan") != binding.plan:
        raise PendingRefused(f"That upload was previewed for another plan. {nothing}")
    if entry.get("round") != binding.round:
        raise PendingRefused(f"That upload was previewed for another round. {nothing}")


def _sweep() -> None:
    """Delete uploads previewed but never confirmed, once they are a day old."""
    if not default_storage.exists(FOLDER):
        return
    cutoff = timezone.now() - LIFETIME
    for name in default_storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue  # removed meanwhile, or a storage that cannot tell its files' ages
