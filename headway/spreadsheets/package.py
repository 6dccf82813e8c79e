"""Checking an .xlsx package before openpyxl reads a row of it.

First the zip's directory alone (number of parts, declared sizes, compression ratio, encryption),
so a zip bomb is refused without inflating anything. Then every part is streamed once, whole,
never further than the size its directory declares (zipfile stops there, and a part that does not
match its checksum is refused as damaged): entity declarations are refused wherever they are, as
is XML in an encoding a byte scan cannot read; and each sheet's formulas, rows, highest row
number and declared size are noted, so that ``check_sheet`` can refuse a sheet
before openpyxl is asked for its rows (openpyxl pads a sheet out to the size its <dimension>
claims, and fills every gap between row numbers).
"""

import re
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import range_boundaries

from .limits import MAX_COLUMNS, Limits
from .problems import Problem, SpreadsheetRefused

MAX_ZIP_ENTRIES = 500
# Spreadsheet XML compresses about tenfold; a thousandfold entry is a bomb, not a plan.
MAX_COMPRESSION_RATIO = 200
_RATIO_APPLIES_ABOVE = 1024 * 1024
_CHUNK = 1024 * 1024
# No tag of a real workbook is this long; a longer one would have to be held whole to be read.
_MAX_TAG = 1024 * 1024

# Each search starts from a literal, so a part streams at the speed of zlib, not of a regex tried
# at every '<'; the rarer prefixed spellings (<x:f>) are looked for only where their text occurs.
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA_TAGS = (b"<f>", b"<f ", b"<f/", b"<f\t", b"<f\n", b"<f\r")
_PREFIXED_FORMULA = re.compile(rb"<[A-Za-z_][\w.-]*:f[\s>/]")
_PREFIXED_ROW = re.compile(rb"<[A-Za-z_][\w.-]*:row[\s>/]")
# How Excel and openpyxl write a row's number. Any other spelling is still counted as a row, and
# ``safety.sheet_rows`` stops a sheet whose rows, however numbered, run past the limit.
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_DIMENSION = re.compile(rb"dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)")
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
# How XML in UTF-16, UTF-32 or EBCDIC begins (the XML specification's appendix F): in these
# '<!DOCTYPE' is not the bytes searched for, so such parts are refused (Excel writes UTF-8).
_NOT_UTF8_STARTS = (
    b"\xfe\xff",
    b"\xff\xfe",
    b"\x00\x00\xfe\xff",
    b"<\x00",
    b"\x00<",
    b"\x00\x00\x00<",
    b"\x4c\x6f\xa7\x94",
)

ENTITY_MESSAGE = (
    "The workbook's XML declares entities (a DOCTYPE), which Excel never writes and attacks "
    "use; Headway refuses it. Save the data into a new workbook from Excel."
)
_DAMAGED_MESSAGE = (
    "This file is not a readable Excel workbook: its zip package is damaged ({detail}). Save "
    "it from Excel as 'Excel Workbook (.xlsx)' and upload it again."
)


@dataclass
class PartScan:
    """What one streamed part holds, as far as the checks need to know."""

    has_formula: bool = False
    rows: int = 0
    last_row: int = 0
    dimension: str = ""


def check_directory(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse what would be dangerous to unpack, using only the zip's directory."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise SpreadsheetRefused(
            f"The workbook's package holds {len(entries)} parts; a spreadsheet has a few dozen "
            f"and Headway accepts at most {MAX_ZIP_ENTRIES}."
        )
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise SpreadsheetRefused(
                "The workbook is encrypted; remove the password and save it again."
            )
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_APPLIES_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise SpreadsheetRefused(
                f"The workbook's part {entry.filename!r} would unpack to "
                f"{entry.file_size / 1024 / 1024:.0f} MB from "
                f"{entry.compress_size / 1024:.0f} KB (a zip bomb); Headway refuses it."
            )
    if total > limits.max_unpacked_bytes:
        raise SpreadsheetRefused(
            f"The workbook would unpack to {total / 1024 / 1024:.1f} MB; Headway unpacks at most "
            f"{limits.max_unpacked_bytes / 1024 / 1024:.1f} MB for {limits.what}."
        )
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SpreadsheetRefused(
            "This zip file is not an Excel workbook (it has no xl/workbook.xml); save it from "
            "Excel as 'Excel Workbook (.xlsx)'."
        )


def scan_parts(archive: zipfile.ZipFile) -> dict[str, PartScan]:
    """Stream every part once, whole; refuse entity declarations and unreadable encodings."""
    scans = {}
    for entry in archive.infolist():
        try:
            scans[entry.filename] = _scan(archive, entry)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise SpreadsheetRefused(
                _DAMAGED_MESSAGE.format(detail=f"{entry.filename}: {exc}")
            ) from None
    return scans


def _scan(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> PartScan:
    scan = PartScan()
    carry = b""
    first = True
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            if first:
                _check_encoding(entry.filename, chunk)
                first = False
            buffer = carry + chunk
            # Every token looked for starts with '<': an unfinished tag waits for the next chunk.
            cut = buffer.rfind(b"<")
            if cut == -1 or buffer.find(b">", cut) != -1:
                cut = len(buffer)
            carry = buffer[cut:]
            if len(carry) > _MAX_TAG:
                raise SpreadsheetRefused(
                    f"The workbook's part {entry.filename!r} is not XML as Excel writes it; "
                    "save the data into a new workbook from Excel."
                )
            _note(scan, buffer[:cut])
    _note(scan, carry)
    return scan


def _check_encoding(name: str, head: bytes) -> None:
    encoding = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    declared = encoding[1].decode("ascii", "replace").lower() if encoding else "utf-8"
    if head.startswith(_NOT_UTF8_STARTS) or declared not in ("utf-8", "utf8", "us-ascii"):
        raise SpreadsheetRefused(
            f"The workbook's part {name!r} is not UTF-8 text, which Excel always writes; "
            "Headway refuses it. Save the data into a new workbook from Excel."
        )


def _note(scan: PartScan, text: bytes) -> None:
    if _DECLARATION.search(text):
        raise SpreadsheetRefused(ENTITY_MESSAGE)
    if not scan.has_formula:
        scan.has_formula = any(tag in text for tag in _FORMULA_TAGS) or (
            b":f" in text and bool(_PREFIXED_FORMULA.search(text))
        )
    scan.rows += text.count(b"<row")
    if b":row" in text:
        scan.rows += len(_PREFIXED_ROW.findall(text))
    numbers = _ROW_NUMBER.findall(text)
    if numbers:
        scan.last_row = max(scan.last_row, *(int(n) for n in numbers))
    at = -1 if scan.dimension else text.find(b"dimension")
    if at != -1 and (dimension := _DIMENSION.search(text, at)):
        scan.dimension = dimension[1].decode("ascii", "replace")


def check_sheet(
    archive: zipfile.ZipFile, scan: PartScan, *, part: str, title: str, limits: Limits
) -> None:
    """Refuse a sheet with formulas, too many rows or too wide, before any row is read."""
    if scan.has_formula:
        raise SpreadsheetRefused(
            Problem(
                sheet=title,
                column=_first_formula_cell(archive, part),
                message=(
                    "This cell holds a formula. Headway imports values only: copy the sheet and "
                    "'Paste values' over the formulas, then upload again."
                ),
            )
        )
    rows = max(scan.rows, scan.last_row)
    if rows > limits.max_rows:
        raise SpreadsheetRefused(
            Problem(
                sheet=title,
                message=(
                    f"The sheet has {rows:,} rows; Headway reads at most {limits.max_rows:,} "
                    f"rows {limits.rows_reason}."
                ),
            )
        )
    if scan.dimension:
        _check_dimension(scan.dimension, title, limits)


def _check_dimension(ref: str, title: str, limits: Limits) -> None:
    try:
        _min_col, _min_row, max_col, max_row = range_boundaries(ref.split(":")[-1])
    except (ValueError, TypeError):
        raise SpreadsheetRefused(
            Problem(sheet=title, value=ref[:80], message="The sheet's size cannot be read.")
        ) from None
    if (max_row or 0) > limits.max_rows or (max_col or 0) > MAX_COLUMNS:
        raise SpreadsheetRefused(
            Problem(
                sheet=title,
                value=ref[:80],
                message=(
                    f"The sheet declares itself this size; Headway reads at most "
                    f"{limits.max_rows:,} rows {limits.rows_reason}, and columns A to ZZ."
                ),
            )
        )


def _first_formula_cell(archive: zipfile.ZipFile, name: str) -> str:
    cell = ""
    try:
        with archive.open(name) as stream:
            for _event, element in iterparse(stream, events=("start",)):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "c":
                    cell = element.get("r", "")
                elif tag == "f":
                    return cell
    except DefusedXmlException:
        raise SpreadsheetRefused(ENTITY_MESSAGE) from None
    except Exception:  # noqa: S110 - the formula itself is already reason enough to refuse
        pass
    return cell
