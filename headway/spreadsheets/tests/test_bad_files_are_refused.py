"""A corpus of bad files: each is refused with its own message and not one row is written.

Every case builds its file here or in ``hostile_files`` (no binary fixtures to go stale). The row
count of every model is compared before and after, so a half-written import cannot hide. The
same hostile files, made from an update sheet, are refused on its upload too
(``test_bad_update_sheets_are_refused``).
"""

import io
import zipfile

import openpyxl
import pytest
from defusedxml import DefusedXmlException
from django.apps import apps

from headway.spreadsheets import safety
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.testing.factories import ReviewRoundFactory, UserFactory

from . import hostile_files as hostile
from .files import HEADER, action_row, csv_bytes, rewrite_zip, simple_plan_rows, xlsx

DASH = "\N{EN DASH}"
XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    b"</sheetData></worksheet>"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si>'
    b"</sst>"
)


def _without(column: str) -> bytes:
    index = HEADER.index(column)
    rows = simple_plan_rows(2)
    return xlsx([[v for i, v in enumerate(row) if i != index] for row in rows])


def _with_row(**overrides) -> bytes:
    return xlsx([HEADER, action_row("1.1"), action_row("1.2", **overrides)])


def _zip_bomb() -> bytes:
    good = xlsx(simple_plan_rows(1))
    return rewrite_zip(good, {"xl/worksheets/sheet1.xml": b" " * (12 * 1024 * 1024)})


def _many_entries() -> bytes:
    good = xlsx(simple_plan_rows(1))
    return rewrite_zip(good, {}, add={f"xl/media/p{i}.xml": b"<a/>" for i in range(600)})


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return buffer.getvalue()


def _formula(formula: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(HEADER)
    sheet.append(action_row("1.1"))
    sheet["C2"] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _same_email_twice():
    UserFactory(username="twin-1", email="twin@example.org")
    UserFactory(username="twin-2", email="TWIN@example.org")


def _deactivated():
    UserFactory(username="gone", is_active=False)


CASES = [
    # (id, file bytes or builder, filename, expected message, setup)
    ("missing-reference-column", lambda: _without("Reference"), "x.xlsx", "No heading row", None),
    ("missing-owner-column", lambda: _without("Owner"), "x.xlsx", "No column for owner", None),
    ("missing-timescale", lambda: _without("Timescale"), "x.xlsx", "No column for timescale", None),
    (
        "missing-area-column",
        lambda: _without("Outcome area"),
        "x.xlsx",
        "No outcome area for this action",
        None,
    ),
    (
        "wrong-columns",
        lambda: xlsx([["Name", "Colour", "Size"], ["a", "b", "c"]]),
        "x.xlsx",
        "No heading row found",
        None,
    ),
    (
        "duplicate-columns",
        lambda: xlsx([[*HEADER, "Lead"], [*action_row(), "owner"]]),
        "x.xlsx",
        "means the same as column F",
        None,
    ),
    (
        "unknown-status",
        lambda: _with_row(Status="Purple"),
        "x.xlsx",
        "'Purple' is not a status",
        "round",
    ),
    (
        "split-not-one",
        lambda: _with_row(Status="½ achieved, ¼ significant progress"),
        "x.xlsx",
        "add up to one whole; these add up to ¾",
        "round",
    ),
    (
        "split-not-exact",
        lambda: _with_row(Status="1/7 achieved, 6/7 amber"),
        "x.xlsx",
        "whole number of sixtieths",
        "round",
    ),
    ("impossible-date", lambda: _with_row(Timescale="31/02/2013"), "x.xlsx", "28 days", None),
    ("unreadable-timescale", lambda: _with_row(Timescale="Soon"), "x.xlsx", "'Soon' is not", None),
    (
        "not-a-financial-year",
        lambda: _with_row(Timescale="Q4 2012/14"),
        "x.xlsx",
        "financial",
        None,
    ),
    (
        "duplicate-reference",
        lambda: xlsx([HEADER, action_row("1.1"), action_row("1.1")]),
        "x.xlsx",
        "also used on row 2",
        None,
    ),
    ("unknown-owner", lambda: _with_row(Owner="nobody@example.org"), "x.xlsx", "No person", None),
    (
        "ambiguous-owner-email",
        lambda: _with_row(Owner="twin@example.org"),
        "x.xlsx",
        "More than one person",
        _same_email_twice,
    ),
    ("deactivated-owner", lambda: _with_row(Owner="gone"), "x.xlsx", "deactivated", _deactivated),
    ("missing-title", lambda: _with_row(Action=""), "x.xlsx", "needs a title", None),
    (
        "missing-reference",
        lambda: xlsx([HEADER, action_row("1.1"), action_row("")]),
        "x.xlsx",
        "needs a reference",
        None,
    ),
    (
        "no-area",
        lambda: xlsx([HEADER, action_row("1.1", Outcome_area="")]),
        "x.xlsx",
        "No outcome area",
        None,
    ),
    (
        "narrative-without-status",
        lambda: _with_row(Progress_narrative="Going well"),
        "x.xlsx",
        "needs a status beside it",
        None,
    ),
    (
        "revised-without-reason",
        lambda: xlsx([[*HEADER, "Revised timescale"], [*action_row(), "June 2013"]]),
        "x.xlsx",
        "needs the reason",
        None,
    ),
    (
        "milestone-after-plan-end",
        lambda: _with_row(Milestones=f"Review {DASH} 31/12/2013"),
        "x.xlsx",
        "after the plan ends",
        None,
    ),
    (
        "milestone-done-date-unreadable",
        lambda: _with_row(Milestones=f"Review {DASH} 31/01/2013 {DASH} done whenever"),
        "x.xlsx",
        "done date cannot be read",
        None,
    ),
    ("reference-too-long", lambda: _with_row(Reference="R" * 30), "x.xlsx", "At most 20", None),
    (
        "statuses-without-round",
        lambda: _with_row(Status="Green"),
        "x.xlsx",
        "no review round",
        None,
    ),
    ("no-actions", lambda: xlsx([HEADER]), "x.xlsx", "No actions below", None),
    (
        "csv-broken-encoding",
        lambda: csv_bytes([HEADER, action_row(Action="Budget £5k")], encoding="cp1252"),
        "x.csv",
        "not UTF-8 text",
        None,
    ),
    ("csv-binary", lambda: b"Reference,Title\x00\x00\x01", "x.csv", "binary data", None),
    (
        "csv-formula",
        lambda: csv_bytes([HEADER, action_row(Action="=cmd|' /C calc'!A0")]),
        "x.csv",
        "This cell is a formula",
        None,
    ),
    (
        "xlsx-really-text",
        lambda: b"Reference,Title\n1.1,x\n",
        "x.xlsx",
        "not an Excel workbook",
        None,
    ),
    ("xlsx-really-pdf", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "x.xlsx", "zip package", None),
    (
        "xls-renamed",
        lambda: safety._OLE_MAGIC + b"\x00" * 512,
        "x.xlsx",
        "old-style Excel file",
        None,
    ),
    ("zip-not-workbook", _plain_zip, "x.xlsx", "no xl/workbook.xml", None),
    ("damaged-zip", lambda: b"PK\x03\x04" + b"\x00" * 100, "x.xlsx", "damaged", None),
    ("oversized", lambda: b"PK\x03\x04" + b"\x00" * (21 * 1024 * 1024), "x.xlsx", "largest", None),
    ("empty", lambda: b"", "x.csv", "empty", None),
    ("wrong-extension", lambda: b"anything", "plan.xls", "neither an Excel", None),
    ("zip-bomb", _zip_bomb, "x.xlsx", "zip bomb", None),
    ("too-many-zip-entries", _many_entries, "x.xlsx", "holds 6", None),
    (
        "xml-external-entity",
        lambda: rewrite_zip(xlsx(simple_plan_rows(1)), {"xl/worksheets/sheet1.xml": XXE}),
        "x.xlsx",
        "declares entities",
        None,
    ),
    (
        "billion-laughs",
        lambda: rewrite_zip(
            xlsx(simple_plan_rows(1)), {}, add={"xl/sharedStrings.xml": BILLION_LAUGHS}
        ),
        "x.xlsx",
        "declares entities",
        None,
    ),
    ("formula", lambda: _formula("=SUM(1,2)"), "x.xlsx", "holds a formula", None),
    ("dde-formula", lambda: _formula("=cmd|' /C calc'!A0"), "x.xlsx", "holds a formula", None),
    # Too big to read: checked before a row is, against limits set low here (SMALL_LIMITS).
    ("too-many-rows", lambda: _plan(hostile.many_rows, 30), "x.xlsx", "has 32 rows", "small"),
    ("csv-too-many-rows", lambda: csv_bytes(simple_plan_rows(30)), "x.csv", "has 31 ", "small"),
    ("unpacks-too-far", lambda: _plan(hostile.padded, 1.5), "x.xlsx", "at most 1.0 MB", "small"),
    (
        "claims-a-million-rows",
        lambda: _plan(hostile.declared_size, "A1:J1048576"),
        "x.xlsx",
        "declares itself this size",
        None,
    ),
    ("row-a-million-down", lambda: _plan(hostile.far_row), "x.xlsx", "has 1,048,576 rows", None),
    ("cell-in-column-xfd", lambda: _plan(hostile.wide_cell), "x.xlsx", "16,384 columns", None),
    (
        "doctype-after-70-kb",
        lambda: _plan(hostile.doctype_after_comment),
        "x.xlsx",
        "declares entities",
        None,
    ),
    ("xml-in-utf-16", lambda: _plan(hostile.doctype_in_utf16), "x.xlsx", "not UTF-8", None),
    ("under-declared-size", lambda: _plan(hostile.under_declared), "x.xlsx", "damaged", None),
    ("truncated-sheet-xml", lambda: _plan(hostile.truncated), "x.xlsx", "damaged", None),
]
SMALL_LIMITS = {"HEADWAY_IMPORT_MAX_ROWS": 20, "HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES": 1 << 20}


def _plan(forge, *args) -> bytes:
    return forge(xlsx(simple_plan_rows(1)), *args)


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.parametrize(
    ("build", "filename", "message", "setup"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_file_is_refused_with_its_message_and_nothing_written(
    plan, admin_user, owner, build, filename, message, setup, settings
):
    if setup == "round":
        ReviewRoundFactory(plan=plan)
    elif setup == "small":
        for name, value in SMALL_LIMITS.items():
            setattr(settings, name, value)
    elif setup is not None:
        setup()
    data = build()
    before = _row_counts()

    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=data, filename=filename, plan=plan, by=admin_user)

    assert message in "\n".join(str(p) for p in refused.value.problems)
    assert _row_counts() == before


def test_the_corpus_has_at_least_thirty_distinct_bad_files():
    assert len({case[0] for case in CASES}) >= 30


def test_problems_name_sheet_row_column_value_and_what_was_expected(plan, admin_user, owner):
    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(
            data=_with_row(Timescale="31/02/2013"), filename="x.xlsx", plan=plan, by=admin_user
        )
    problem = refused.value.problems[0]
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "Actions",
        3,
        "G (Timescale)",
        "31/02/2013",
    )


def test_every_problem_in_the_file_is_reported_not_just_the_first(plan, admin_user, owner):
    data = xlsx([HEADER, action_row("1.1", Timescale="Soon"), action_row("1.2", Owner="nobody")])
    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=data, filename="x.xlsx", plan=plan, by=admin_user)
    # the timescale is found while reading, the owner while comparing: reading problems first
    assert "Soon" in str(refused.value.problems[0])


def test_openpyxl_itself_refuses_entities_because_defusedxml_is_installed():
    """Belt and braces: even without Headway's own check, openpyxl would not expand them."""
    data = rewrite_zip(xlsx(simple_plan_rows(1)), {"xl/worksheets/sheet1.xml": XXE})
    with pytest.raises(Exception) as raised:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        list(workbook.active.iter_rows(values_only=True))
    chain, error = [], raised.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, DefusedXmlException) for e in chain)
