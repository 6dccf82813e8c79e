"""The one limit on free text that people type: narratives, risk descriptions, comments, report
paragraphs, objectives and outcomes.

20,000 characters is several pages of prose, far more than any real narrative, yet well below
the 32,767 characters an Excel cell holds (so an export never truncates) and small enough that
a report of a plan's narratives renders in time. The database does not enforce it: Django's
``TextField(max_length=…)`` only reaches forms (and the API's model serialisers), so every
field made here also carries a ``MaxLengthValidator`` that ``full_clean`` applies, and the
imports check it cell by cell.
"""

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

LONG_TEXT_MAX = 20_000


def long_text(**kwargs: Any) -> models.TextField:
    """A ``TextField`` for typed prose, limited to ``LONG_TEXT_MAX`` characters."""
    return models.TextField(
        max_length=LONG_TEXT_MAX, validators=[MaxLengthValidator(LONG_TEXT_MAX)], **kwargs
    )


def too_long(text: str, limit: int | None) -> str:
    """Why ``text`` does not fit a field of ``limit`` characters ('' when it fits), in the
    words every refusal of an over-long text uses."""
    if limit is None or len(text) <= limit:
        return ""
    return f"At most {limit:,} characters (this has {len(text):,})."


def fit(text: str, *, note: str) -> str:
    """``text`` within ``LONG_TEXT_MAX``: whole as it is when it fits, else cut at the last line
    or sentence that fits and ended with ``note``. For text Headway drafts from the data (a
    report's list of risks grows with the plan), which must fit the field a person then edits."""
    if len(text) <= LONG_TEXT_MAX:
        return text
    kept = text[: LONG_TEXT_MAX - len(note) - 1]
    end = max(kept.rfind("\n"), kept.rfind(". ") + 1)
    return (kept[:end] if end > 0 else kept).rstrip() + " " + note
