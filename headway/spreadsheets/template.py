"""The blank plan template: the heading row with each column's note, and a status list."""

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from .cells import status_validation
from .columns import ACTION_COLUMNS, ACTIONS_SHEET

TEMPLATE_ROWS = 500


def plan_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ACTIONS_SHEET
    sheet.append([column.header for column in ACTION_COLUMNS])
    for cell, column in zip(sheet[1], ACTION_COLUMNS, strict=True):
        cell.font = Font(bold=True)
        also = f" Also read as: {', '.join(column.synonyms)}." if column.synonyms else ""
        required = " Required." if column.required else ""
        cell.comment = Comment(f"{column.note}{required}{also}", "Headway", width=300, height=160)
        sheet.column_dimensions[cell.column_letter].width = 24
    status_column = next(cell.column_letter for cell in sheet[1] if cell.value == "Status")
    sheet.add_data_validation(
        status_validation(f"{status_column}2:{status_column}{TEMPLATE_ROWS + 1}")
    )
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("Notes")
    notes.append(["Column", "Required", "What to write", "Also read as"])
    for column in ACTION_COLUMNS:
        notes.append(
            [
                column.header,
                "Yes" if column.required else "",
                column.note,
                ", ".join(column.synonyms),
            ]
        )
    notes.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
