"""Spreadsheets made in memory for the tests: good plans, and the bad files they must refuse."""

import csv
import io
import zipfile

from openpyxl import Workbook

HEADER = [
    "Outcome area",
    "Reference",
    "Action",
    "Objective",
    "Desired outcome",
    "Owner",
    "Timescale",
    "Milestones",
    "Status",
    "Progress narrative",
]


def action_row(reference="1.1", **overrides) -> list[object]:
    values = {
        "Outcome area": "1. Strategic vision and leadership",
        "Reference": reference,
        "Action": f"Action {reference}",
        "Objective": "Improve timeliness.",
        "Desired outcome": "Children are seen promptly.",
        "Owner": "owner",
        "Timescale": "March 2013",
        "Milestones": "Audit complete \N{EN DASH} 31/01/2013",
        "Status": "",
        "Progress narrative": "",
    }
    values.update({key.replace("_", " "): value for key, value in overrides.items()})
    return [values.get(column, "") for column in HEADER]


def xlsx(rows: list[list[object]], *, title: str = "Actions", extra=None) -> bytes:
    """A workbook whose first sheet holds ``rows``; ``extra`` maps more sheet names to rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, extra_rows in (extra or {}).items():
        other = workbook.create_sheet(name)
        for row in extra_rows:
            other.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def simple_plan_rows(count: int = 3) -> list[list[object]]:
    return [HEADER] + [action_row(f"1.{i + 1}") for i in range(count)]


def rewrite_zip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None):
    """The same .xlsx with some parts replaced or added (to forge hostile workbooks)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()
