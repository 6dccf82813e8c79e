"""How big an upload may be once unpacked, and how many rows it may have, for each kind of sheet.

Both are checked before any row is read: the unpacked size from the zip's directory, the rows by
a streamed count of the sheet's XML (``package.py``) or of the CSV's records (``safety.py``). A
plan import has a configured cap; an update sheet holds one row per action and milestone of its
plan, so its limits follow from the plan and stay far below the import's.
"""

from dataclasses import dataclass

from django.conf import settings

# An update sheet row carries an action's title, two narratives and a risk: 64 KB of XML is far
# more than any real one, and the rest of a workbook (styles, theme, About sheet) is well under
# 2 MB.
_UPDATE_SHEET_BYTES_PER_ROW = 64 * 1024
_UPDATE_SHEET_FIXED_BYTES = 2 * 1024 * 1024
# Heading rows, the About sheet, and a few blank or added rows an owner may leave.
_UPDATE_SHEET_SPARE_ROWS = 50
# A plan has a few dozen columns (two per round); three-letter columns (from AAA) are not a plan.
MAX_COLUMNS = 702


@dataclass(frozen=True)
class Limits:
    what: str  # "a plan import": what the limits are for, in a message
    max_rows: int
    max_unpacked_bytes: int
    # Why the row limit is what it is, for the message: "…; Headway reads at most N rows <why>."
    rows_reason: str


def plan_import_limits() -> Limits:
    return Limits(
        what="a plan import",
        max_rows=settings.HEADWAY_IMPORT_MAX_ROWS,
        max_unpacked_bytes=settings.HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES,
        rows_reason="in a sheet of a plan import (the HEADWAY_IMPORT_MAX_ROWS setting)",
    )


def update_sheet_limits(*, actions: int, milestones: int) -> Limits:
    rows = actions + milestones + _UPDATE_SHEET_SPARE_ROWS
    return Limits(
        what="an update sheet for this plan",
        max_rows=rows,
        max_unpacked_bytes=min(
            settings.HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES,
            _UPDATE_SHEET_FIXED_BYTES + rows * _UPDATE_SHEET_BYTES_PER_ROW,
        ),
        rows_reason=(
            f"in an update sheet for this plan (one row for each of its {actions} actions and "
            f"{milestones} milestones, and {_UPDATE_SHEET_SPARE_ROWS} spare)"
        ),
    )
