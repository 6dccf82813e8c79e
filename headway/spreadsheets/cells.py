"""Cell values in and out: the one place exported cells are made safe (``for_export``), the
undoing of it on the way in; the statuses' drop-down every sheet offers."""

import datetime as dt
import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.datavalidation import DataValidation

from headway.plans.choices import Status

# A spreadsheet runs a cell that starts with any of these as a formula (or DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run is prefixed with an apostrophe, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def for_export(value: object) -> object:
    """A value safe to put in an exported cell, .xlsx or .csv: without the control characters
    (vertical tabs pasted from Word, escapes sent through the API) that the .xlsx format cannot
    hold and a CSV reader should not be handed, and then neutralised; in that order, so that a
    control character cannot hide a formula from ``neutralise``."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise(value)


def restore(text: str) -> str:
    """Undo ``neutralise``, so that an exported narrative imports back exactly."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def text_of(value: object) -> str:
    """A cell as text: numbers without a trailing .0, dates as 31/03/2013, whitespace trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    # Strip before restoring: a neutralised tab or carriage return is content, not padding.
    return restore(str(value).replace("\r\n", "\n").strip())


def normalise_header(value: object) -> str:
    text = str(value or "").lower().replace("e-mail", "email")
    text = re.sub(r"[\s_]+", " ", text).strip().rstrip(":*").strip()
    return text


def is_blank(row: tuple[object, ...]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def status_validation(cells: str) -> DataValidation:
    """The statuses' drop-down for ``cells`` (e.g. ``"H2:H57"``). A warning, not a refusal: a
    split such as "½ Achieved, ½ Significant progress" is typed in, and the import checks it."""
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(status.label for status in Status) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Not one of the statuses",
        error="Choose a status, or write a split such as '½ Achieved, ½ Significant progress'.",
    )
    validation.add(cells)
    return validation
