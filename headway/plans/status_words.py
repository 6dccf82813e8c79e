"""The words and colours that real plans use for each status, for reading spreadsheets and text."""

import re

from django.core.exceptions import ValidationError

from .choices import Status

STATUS_WORDS: dict[str, Status] = {
    "achieved": Status.ACHIEVED,
    "complete": Status.ACHIEVED,
    "completed": Status.ACHIEVED,
    "done": Status.ACHIEVED,
    "green": Status.ACHIEVED,
    "g": Status.ACHIEVED,
    "significant progress": Status.SIGNIFICANT_PROGRESS,
    "significant": Status.SIGNIFICANT_PROGRESS,
    "on track": Status.SIGNIFICANT_PROGRESS,
    "in progress": Status.SIGNIFICANT_PROGRESS,
    "amber": Status.SIGNIFICANT_PROGRESS,
    "a": Status.SIGNIFICANT_PROGRESS,
    "limited progress / risk": Status.LIMITED_PROGRESS_RISK,
    "limited progress/risk": Status.LIMITED_PROGRESS_RISK,
    "limited progress": Status.LIMITED_PROGRESS_RISK,
    "limited": Status.LIMITED_PROGRESS_RISK,
    "risk": Status.LIMITED_PROGRESS_RISK,
    "at risk": Status.LIMITED_PROGRESS_RISK,
    "red": Status.LIMITED_PROGRESS_RISK,
    "r": Status.LIMITED_PROGRESS_RISK,
    "not started": Status.NOT_STARTED,
    "not yet started": Status.NOT_STARTED,
    "dropped": Status.DROPPED,
    "dropped/merged": Status.DROPPED,
    "merged": Status.DROPPED,
    "withdrawn": Status.DROPPED,
}
for _status in Status:
    STATUS_WORDS.setdefault(_status.value.replace("_", " "), _status)
    STATUS_WORDS.setdefault(_status.label.lower(), _status)


def status_from_word(word: str) -> Status:
    key = re.sub(r"\s+", " ", word.strip().lower())
    key = re.sub(r"\s*/\s*", "/", key) if key not in STATUS_WORDS else key
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    if key.replace("/", " / ") in STATUS_WORDS:
        return STATUS_WORDS[key.replace("/", " / ")]
    known = ", ".join(sorted({status.label for status in Status}))
    raise ValidationError(
        f"{word.strip()!r} is not a status Headway knows; expected one of {known} "
        f"(or Green, Amber, Red).",
        code="unknown_status",
    )
