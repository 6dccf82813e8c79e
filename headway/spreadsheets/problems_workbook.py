"""The uploaded workbook given back with its problems written in: a "Problems" column beside
each row that has one, and a "Problems" sheet listing them all, so the person fixing the file
works in it rather than beside a list. A CSV upload comes back as an .xlsx workbook."""

import io
from collections import defaultdict

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from .cells import for_export
from .limits import plan_import_limits
from .problems import Problem
from .safety import CSV, file_kind, read_csv

PROBLEMS = "Problems"
_FILL = PatternFill("solid", fgColor="F6D7D2")  # GOV.UK's light red


def problems_workbook(
    data: bytes, filename: str, problems: list[Problem], *, heading_rows: dict[str, int]
) -> bytes:
    """``data`` (already checked safe to open) with ``problems`` written in; ``heading_rows``
    says, for a sheet, which row holds its headings (row 1 otherwise)."""
    if file_kind(filename) == CSV:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "CSV"
        for _, row in read_csv(data, limits=plan_import_limits()):
            sheet.append([for_export(value) for value in row])
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(data))
    by_sheet: dict[str, dict[int, list[Problem]]] = defaultdict(lambda: defaultdict(list))
    for problem in problems:
        if problem.sheet in workbook.sheetnames and problem.row is not None:
            by_sheet[problem.sheet][problem.row].append(problem)
    for name, rows in by_sheet.items():
        sheet = workbook[name]
        column = sheet.max_column + 1
        heading = sheet.cell(row=heading_rows.get(name, 1), column=column, value=PROBLEMS)
        heading.font = Font(bold=True)
        for number, found in rows.items():
            cell = sheet.cell(
                row=number,
                column=column,
                value=for_export("\n".join(_line(p) for p in found)),
            )
            cell.fill = _FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = 80
    listing = workbook.create_sheet(_free_name(workbook.sheetnames), 0)
    listing.append(["Sheet", "Row", "Column", "Value", "What is wrong", "How to fix it"])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        listing.append(
            [
                for_export(value)
                for value in (
                    problem.sheet,
                    problem.row,
                    problem.column,
                    problem.value,
                    problem.message,
                    problem.how_to_fix,
                )
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _line(problem: Problem) -> str:
    column = f"{problem.column}: " if problem.column else ""
    return f"{column}{problem.message}"


def _free_name(names: list[str]) -> str:
    name, n = PROBLEMS, 1
    while name in names:
        n += 1
        name = f"{PROBLEMS} ({n})"
    return name
