"""Opening an uploaded spreadsheet safely: limits first, then a streaming, values-only read.

An .xlsx file is a zip of XML, checked by ``package.py`` before openpyxl reads a row: the zip's
directory (so a zip bomb is refused without inflating it), then every part streamed whole for
entity declarations, and each sheet's formulas, rows and size against the upload's ``Limits``.
A CSV file's rows are counted against them too. Headway takes values, never a spreadsheet's
computations; a damaged file is refused with a message, wherever reading it fails.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings

from .cells import column_letter
from .limits import MAX_COLUMNS, Limits
from .package import ENTITY_MESSAGE, check_directory, check_sheet, scan_parts
from .problems import Problem, SpreadsheetRefused

MAX_BYTES = settings.HEADWAY_SPREADSHEET_MAX_BYTES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

XLSX = "xlsx"
CSV = "csv"


@dataclass
class SheetRows:
    """One sheet's rows as plain values, numbered as the spreadsheet numbers them."""

    name: str
    rows: Iterator[tuple[int, tuple[object, ...]]]


def file_kind(filename: str) -> str:
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        return XLSX
    if lowered.endswith(".csv"):
        return CSV
    raise SpreadsheetRefused(
        f"{filename!r} is neither an Excel workbook (.xlsx) nor a CSV file (.csv). "
        "Older .xls workbooks must be saved as .xlsx first."
    )


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise SpreadsheetRefused(
            f"The file is {size / 1024 / 1024:.1f} MB; the largest Headway accepts is "
            f"{MAX_BYTES / 1024 / 1024:.0f} MB."
        )
    if size == 0:
        raise SpreadsheetRefused("The file is empty.")


def read_sheets(data: bytes, filename: str, *, limits: Limits) -> list[SheetRows]:
    """The file's sheets (a CSV file is one sheet), checked and streamed."""
    check_size(len(data))
    kind = file_kind(filename)
    if kind == CSV:
        return [SheetRows("CSV", iter(read_csv(data, limits=limits)))]
    workbook = open_workbook(data, limits=limits)
    return [
        SheetRows(sheet.title, sheet_rows(sheet, limits=limits)) for sheet in workbook.worksheets
    ]


def sheet_rows(
    sheet, *, limits: Limits, min_row: int = 1
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """A sheet's rows as values, numbered as the spreadsheet numbers them.

    Rows are parsed as they are read, so a sheet whose XML is damaged part-way (cut short, say)
    fails here, mid-read: it is refused with the row it was read as far as, not a server error.
    ``open_workbook`` has counted the rows already; this is the budget that holds however they
    are written: openpyxl makes up the rows between row numbers, and pads rows to the width of
    the widest cell or the sheet's declared size.
    """
    rows = sheet.iter_rows(min_row=min_row, values_only=True)
    number = min_row - 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except DefusedXmlException:
            raise SpreadsheetRefused(ENTITY_MESSAGE) from None
        except Exception as exc:  # the XML parser's and zipfile's errors, of several kinds
            raise SpreadsheetRefused(
                Problem(
                    sheet=sheet.title,
                    row=number + 1,
                    message=(
                        f"The sheet cannot be read from this row on ({type(exc).__name__}: "
                        f"{exc}); the file is damaged. Save it from Excel again and upload it."
                    ),
                )
            ) from None
        number += 1
        if number > limits.max_rows:
            raise SpreadsheetRefused(
                Problem(
                    sheet=sheet.title,
                    row=number,
                    message=(
                        f"The sheet goes on past row {limits.max_rows:,}; Headway reads at most "
                        f"{limits.max_rows:,} rows {limits.rows_reason}."
                    ),
                )
            )
        if len(row) > MAX_COLUMNS:
            raise SpreadsheetRefused(
                Problem(
                    sheet=sheet.title,
                    row=number,
                    message=(
                        f"This row is {len(row):,} columns wide; Headway reads columns A to ZZ "
                        f"({MAX_COLUMNS}) only, and a plan has a few dozen."
                    ),
                )
            )
        yield number, row


def open_workbook(data: bytes, *, limits: Limits) -> openpyxl.Workbook:
    """Open an .xlsx read-only and values-only, after checking it is safe to unpack and that no
    sheet is over ``limits``."""
    check_size(len(data))
    if data.startswith(_OLE_MAGIC):
        raise SpreadsheetRefused(
            "This is an old-style Excel file (.xls) or a password-protected workbook, not an "
            ".xlsx workbook; open it in Excel and save it as 'Excel Workbook (.xlsx)'."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise SpreadsheetRefused(
            "This file is not an Excel workbook: an .xlsx file is a zip package, and this one "
            "is something else renamed. Save it from Excel as 'Excel Workbook (.xlsx)'."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SpreadsheetRefused(
            f"This file is not a readable Excel workbook: its zip package is damaged ({exc})."
        ) from None
    with archive:
        check_directory(archive, limits)
        scans = scan_parts(archive)
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except DefusedXmlException:
            raise SpreadsheetRefused(ENTITY_MESSAGE) from None
        except Exception as exc:  # openpyxl raises many kinds for a malformed package
            raise SpreadsheetRefused(
                f"This file could not be read as an Excel workbook ({type(exc).__name__}: {exc})."
            ) from None
        for sheet in workbook.worksheets:
            # openpyxl opens only the parts the workbook's relationships name as its sheets.
            part = sheet._worksheet_path
            check_sheet(archive, scans[part], part=part, title=sheet.title, limits=limits)
    return workbook


def read_csv(data: bytes, *, limits: Limits) -> list[tuple[int, tuple[object, ...]]]:
    """A CSV file's rows, numbered from 1. Only UTF-8 text is accepted, with or without a BOM."""
    check_size(len(data))
    if b"\x00" in data:
        raise SpreadsheetRefused(
            "This file is not a CSV text file (it holds binary data). If it is a workbook, "
            "upload it as .xlsx."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise SpreadsheetRefused(
            Problem(
                row=row,
                value=f"byte 0x{data[exc.start]:02x}",
                message=(
                    "The file is not UTF-8 text, so its letters cannot be read reliably. "
                    "Expected UTF-8: in Excel choose 'Save as' → 'CSV UTF-8 (Comma delimited)'."
                ),
            )
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        rows = [(number, tuple(row)) for number, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise SpreadsheetRefused(f"The CSV file could not be read: {exc}.") from None
    if len(rows) > limits.max_rows:
        raise SpreadsheetRefused(
            f"The file has {len(rows):,} rows; Headway reads at most {limits.max_rows:,} rows "
            f"{limits.rows_reason}."
        )
    _refuse_csv_formulas(rows)
    return rows


def _refuse_csv_formulas(rows: list[tuple[int, tuple[object, ...]]]) -> None:
    """A CSV cell starting with '=' is a formula to any spreadsheet that opens the file.

    Headway's own exports neutralise such text with an apostrophe, which imports back as text.
    """
    problems = [
        Problem(
            row=number,
            column=column_letter(index),
            value=str(value)[:80],
            message=(
                "This cell is a formula. Headway imports values only; if it is meant as text, "
                "put an apostrophe before the '='."
            ),
        )
        for number, row in rows
        for index, value in enumerate(row)
        if isinstance(value, str) and value.lstrip().startswith("=")
    ]
    if problems:
        raise SpreadsheetRefused(problems)
