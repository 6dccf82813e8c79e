"""A council's own action-plan workbook, as an officer keeps it: a title row giving the date the
progress is as at, the heading row below it under the council's own headings, outcome areas
merged down over their actions, a "Lead officer" column of people's full names, RAG letters
and a half-and-half split, an update column, and a column Headway does not read."""

import io

from openpyxl import Workbook

TITLE = "Children's Services Improvement Plan \N{EM DASH} Progress as at 31 March 2013"
HEADINGS = [
    "No.",
    "Outcome area",
    "What we will do",
    "Lead officer",
    "By when",
    "RAG",
    "Progress update",
    "Notes",
]


def council_rows(**changes: dict[str, object]) -> list[list[object]]:
    """The actions' rows; ``changes`` maps a reference to the cells to change in its row."""
    rows = [
        ["1.1", "1. Leadership", "Publish the plan", "Safeguarding Lead", "31/03/2013", "G",
         "Published in March.", "Board agreed"],
        ["1.2", None, "Review panels", "quality manager", "Mar-13", "A", "Two of three held.",
         ""],
        ["2.1", "2. Quality of practice", "Audit case files", "quality.manager@example.org",
         "Q4 2012/13", "R", "Auditors not yet appointed.", ""],
        ["2.2", None, "Train social workers", "Safeguarding Lead", "Ongoing",
         "½ G, ½ A", "Half the teams trained.", ""],
    ]  # fmt: skip
    for row in rows:
        for heading, value in changes.get(row[0], {}).items():
            row[HEADINGS.index(heading)] = value
    return rows


def council_workbook(rows: list[list[object]] | None = None, *, title: str = TITLE) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Improvement plan"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADINGS))
    sheet.append([])
    sheet.append(HEADINGS)
    rows = council_rows() if rows is None else rows
    starts = []
    for number, row in enumerate(rows, start=4):
        sheet.append(row)
        if row[1]:
            starts.append(number)
    # Each area written once and merged down over its actions, as councils do.
    for start, end in zip(starts, [*starts[1:], 4 + len(rows)], strict=True):
        if end - 1 > start:
            sheet.merge_cells(start_row=start, start_column=2, end_row=end - 1, end_column=2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
