"""A council's own workbook imports: its headings are recognised, a mapping can be given (and is
refused naming the field when wrong), owners are found by full name, the statuses go in the
round as at the date its title gives, and re-importing it changes nothing."""

import datetime as dt
import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from headway.plans.models import Action, ProgressUpdate, ReviewRound
from headway.spreadsheets.as_at import as_at_in, parse_uk_date
from headway.spreadsheets.limits import plan_import_limits
from headway.spreadsheets.mapping import (
    headings_read,
    mapping_from_columns,
    mapping_parse,
    mapping_suggested,
)
from headway.spreadsheets.models import ColumnMapping
from headway.spreadsheets.plan_diff import OwnerChoice
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import Problem, SpreadsheetRefused
from headway.spreadsheets.problems_workbook import problems_workbook
from headway.spreadsheets.safety import read_sheets
from headway.testing.factories import UserFactory

from .council import HEADINGS, TITLE, council_rows, council_workbook
from .files import HEADER, action_row, csv_bytes

COUNCIL_MAPPING = {
    "reference": "No.",
    "area": "Outcome area",
    "title": "What we will do",
    "owner": "Lead officer",
    "timescale": "By when",
    "status": "RAG",
    "narrative": "Progress update",
}


@pytest.fixture
def people(db):
    return {
        "lead": UserFactory(username="sg-lead", first_name="Safeguarding", last_name="Lead"),
        "quality": UserFactory(
            username="qm",
            first_name="Quality",
            last_name="Manager",
            email="Quality.Manager@example.org",
        ),
    }


def _headings(data: bytes, filename: str = "plan.xlsx"):
    return headings_read(read_sheets(data, filename, limits=plan_import_limits()))


def test_the_councils_headings_are_recognised_by_their_synonyms():
    headings = _headings(council_workbook())

    assert headings.row == 3
    suggested = mapping_suggested(headings)
    by_heading = {headings.columns[i].text: key for i, key in enumerate(suggested.values())}
    named = {c.text: suggested.get(c.index, "") for c in headings.columns}
    assert named == {
        "No.": "reference",
        "Outcome area": "area",
        "What we will do": "title",
        "Lead officer": "owner",  # no Owner column: the lead officer's names are the owners
        "By when": "timescale",
        "RAG": "status",
        "Progress update": "narrative",
        "Notes": "",
    }
    assert by_heading  # and each column comes with values to show
    assert headings.columns[3].samples == ["Safeguarding Lead", "quality manager",
                                           "quality.manager@example.org"]  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Action owner", "owner"),
        ("Responsible officer", "owner"),
        ("Accountable", "owner"),
        ("By whom", "owner"),
        ("Deadline", "timescale"),
        ("Target date", "timescale"),
        ("Progress rating", "status"),
        ("RAG status", "status"),
        ("Commentary", "narrative"),
        ("Progress", "narrative"),
        ("Action number", "reference"),
        ("Actions", "title"),
        ("Theme", "area"),
        ("Priority", "area"),
    ],
)
def test_each_synonym_means_its_field(heading, field):
    headings = ["Ref", "What we will do", heading] if field not in ("reference", "title") else []
    row = headings or ["Outcome area", heading, "Owner"]
    data = csv_bytes([row, ["1", "2", "3"]])
    read = _headings(data, "plan.csv")
    suggested = mapping_suggested(read)
    assert suggested[row.index(heading)] == field


def test_a_mapping_with_a_needed_field_unchosen_or_chosen_twice_is_refused_naming_it():
    headings = _headings(council_workbook())
    keys = ["reference", "area", "title", "owner", "timescale", "status", "narrative", ""]
    chosen = {c.index: key for c, key in zip(headings.columns, keys, strict=True)}

    mapping, problems = mapping_from_columns(headings, chosen)
    assert not problems
    assert mapping == COUNCIL_MAPPING

    twice = {**chosen, 7: "owner"}  # Notes as the owner too
    _, problems = mapping_from_columns(headings, twice)
    assert [p.message for p in problems] == [
        "Columns D (Lead officer) and H (Notes) are both chosen as Owner: choose one of them, "
        "and Ignore the other or choose what it holds."
    ]

    unchosen = {**chosen, 4: ""}  # By when ignored
    _, problems = mapping_from_columns(headings, unchosen)
    assert len(problems) == 1 and "No column is chosen for Timescale" in problems[0].message


def test_a_mapping_naming_a_column_the_file_does_not_have_is_refused_naming_the_field(
    plan, admin_user, people
):
    mapping = {**COUNCIL_MAPPING, "owner": "Responsible person"}
    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=council_workbook(), filename="p.xlsx", plan=plan, by=admin_user,
                    mapping=mapping, as_at=dt.date(2013, 3, 31))  # fmt: skip
    assert str(refused.value.problems[0]).endswith(
        "Owner is to be read from a column headed 'Responsible person', but the file has no "
        "such column: choose another, or correct the heading."
    )
    with pytest.raises(SpreadsheetRefused, match="names Owner twice"):
        mapping_parse(["owner=Lead officer", "Owner=Notes"])
    assert Action.objects.count() == 0


def test_owners_are_found_by_full_name_username_or_email_in_any_case(plan, admin_user, people):
    report = plan_import(data=council_workbook(), filename="p.xlsx", plan=plan, by=admin_user,
                         mapping=COUNCIL_MAPPING, as_at=dt.date(2013, 3, 31))  # fmt: skip

    owners = dict(Action.objects.filter(plan=plan).values_list("reference", "owner__username"))
    assert owners == {"1.1": "sg-lead", "1.2": "qm", "2.1": "qm", "2.2": "sg-lead"}
    assert report.rows_read == 4


def test_names_matching_no_one_are_listed_once_each_and_nothing_is_written(
    plan, admin_user, people
):
    rows = council_rows(**{"1.2": {"Lead officer": "Interim Service Manager"},
                           "2.1": {"Lead officer": "interim service manager"},
                           "2.2": {"Lead officer": "Virtual School Head"}})  # fmt: skip
    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=council_workbook(rows), filename="p.xlsx", plan=plan, by=admin_user,
                    mapping=COUNCIL_MAPPING, as_at=dt.date(2013, 3, 31))  # fmt: skip
    assert refused.value.unmatched_owners == {
        "Interim Service Manager": 5,
        "interim service manager": 6,
        "Virtual School Head": 7,
    }
    assert Action.objects.count() == 0


def test_owner_choices_match_invite_or_leave_unassigned(plan, admin_user, people):
    rows = council_rows(**{"1.2": {"Lead officer": "Interim Service Manager"},
                           "2.1": {"Lead officer": "Virtual School Head"},
                           "2.2": {"Lead officer": "Agency Worker"}})  # fmt: skip
    choices = {
        "Interim Service Manager": OwnerChoice(user=people["quality"].pk),
        "virtual school head": OwnerChoice(email="vsh@example.org"),
        "Agency Worker": OwnerChoice(),
    }
    plan_import(data=council_workbook(rows), filename="p.xlsx", plan=plan, by=admin_user,
                mapping=COUNCIL_MAPPING, as_at=dt.date(2013, 3, 31), owners=choices)  # fmt: skip

    owners = dict(Action.objects.filter(plan=plan).values_list("reference", "owner__email"))
    assert owners == {"1.1": "sg-lead@example.org", "1.2": "Quality.Manager@example.org",
                      "2.1": "vsh@example.org", "2.2": None}  # fmt: skip
    invited = Action.objects.get(reference="2.1").owner
    assert invited.get_full_name() == "Virtual School Head"
    assert not invited.has_usable_password()


def test_the_as_at_date_is_found_in_the_title_rows_in_common_uk_forms():
    assert _headings(council_workbook()).as_at == dt.date(2013, 3, 31)
    for text in (
        "Progress as at 30 September 2013",
        "Position at 30th Sept 2013",
        "Update as of 30.09.13",
        "Progress as at 30/09/2013 (draft)",
        "Children's plan 2012/13 \N{EM DASH} as at 2013-09-30",
        "Board report 30-Sep-2013",
    ):
        assert as_at_in([text]) == dt.date(2013, 9, 30), text
    assert as_at_in(["Plan 2012/13"]) is None
    assert parse_uk_date("31 February 2013") is None


def test_statuses_go_in_the_round_as_at_the_date_given_created_if_missing(plan, admin_user, people):
    plan_import(data=council_workbook(), filename="p.xlsx", plan=plan, by=admin_user,
                mapping=COUNCIL_MAPPING, as_at=dt.date(2013, 3, 31))  # fmt: skip

    review_round = ReviewRound.objects.get(plan=plan)
    assert review_round.as_at == dt.date(2013, 3, 31)
    updates = {
        u.action.reference: (str(u.assessment), u.narrative)
        for u in ProgressUpdate.objects.filter(round=review_round).select_related("action")
    }
    assert updates["1.1"] == ("Achieved", "Published in March.")
    assert updates["2.2"] == ("½ Achieved, ½ Significant progress", "Half the teams trained.")


def test_an_as_at_date_outside_the_plans_period_is_refused_with_both_dates(
    plan, admin_user, people
):
    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=council_workbook(), filename="p.xlsx", plan=plan, by=admin_user,
                    mapping=COUNCIL_MAPPING, as_at=dt.date(2013, 9, 30))  # fmt: skip
    message = str(refused.value)
    assert "30/09/2013" in message and "01/09/2012 to 31/08/2013" in message
    assert ReviewRound.objects.count() == 0 and Action.objects.count() == 0


def test_five_different_problems_are_all_listed_and_nothing_is_written(plan, admin_user, people):
    rows = council_rows(**{
        "1.1": {"By when": "31/02/2013"},  # no such day
        "1.2": {"RAG": "Purple"},  # no such status
        "2.1": {"What we will do": ""},  # no title
    })  # fmt: skip
    rows.append(["2.2", None, "Train foster carers", "qm", "Ongoing", "", "", ""])  # used twice
    rows.append(["3.1", "3. Voice of the child", "Survey children", "Nobody Known", "Mar-13", "",
                 "", ""])  # fmt: skip
    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=council_workbook(rows), filename="p.xlsx", plan=plan, by=admin_user,
                    mapping=COUNCIL_MAPPING, as_at=dt.date(2013, 3, 31))  # fmt: skip
    problems = refused.value.problems
    assert len(problems) == 5, [str(p) for p in problems]
    messages = " | ".join(str(p) for p in problems)
    for expected in ("28 days", "'Purple' is not a status", "needs a title",
                     "also used on row 7", "No person has this username"):  # fmt: skip
        assert expected in messages
    assert Action.objects.count() == 0 and ReviewRound.objects.count() == 0


def test_the_problems_workbook_writes_each_problem_beside_its_row():
    data = council_workbook(council_rows(**{"1.2": {"RAG": "Purple"}}))
    problems = [
        Problem(
            sheet="Improvement plan",
            row=5,
            column="F (RAG)",
            value="Purple",
            message="'Purple' is not a status.",
        ),
        Problem(message="No column is chosen for Owner."),
    ]
    back = openpyxl.load_workbook(
        io.BytesIO(
            problems_workbook(data, "p.xlsx", problems, heading_rows={"Improvement plan": 3})
        )
    )
    sheet = back["Improvement plan"]
    assert sheet.cell(row=3, column=len(HEADINGS) + 1).value == "Problems"
    assert sheet.cell(row=5, column=len(HEADINGS) + 1).value == "F (RAG): 'Purple' is not a status."
    assert sheet.cell(row=4, column=len(HEADINGS) + 1).value is None
    assert sheet["A1"].value == TITLE  # the workbook is the officer's own, title and all
    listing = back["Problems"]
    assert [c.value for c in listing[2]][:5] == ["Improvement plan", 5, "F (RAG)", "Purple",
                                                 "'Purple' is not a status."]  # fmt: skip
    assert listing.max_row == 3

    csv_back = problems_workbook(
        csv_bytes([HEADER, action_row("1.1", Timescale="31/02/2013")]), "p.csv",
        [Problem(sheet="CSV", row=2, column="G (Timescale)", message="Not a real date.")],
        heading_rows={"CSV": 1},
    )  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(csv_back))["CSV"]
    assert sheet.cell(row=1, column=len(HEADER) + 1).value == "Problems"
    assert sheet.cell(row=2, column=len(HEADER) + 1).value == "G (Timescale): Not a real date."


def _counts() -> tuple[int, int, int]:
    return Action.objects.count(), ProgressUpdate.objects.count(), ReviewRound.objects.count()


def test_import_plan_with_map_and_as_at_and_again_changes_nothing(
    plan, admin_user, people, tmp_path
):
    path = tmp_path / "council.xlsx"
    path.write_bytes(council_workbook())
    args = [str(path), "--plan", plan.slug, "--as-at", "2013-03-31", "--user", "admin",
            "--map", "owner=Lead officer", "--map", "narrative=Progress update"]  # fmt: skip

    out = StringIO()
    call_command("import_plan", *args, stdout=out, stderr=StringIO())
    assert "Did create" in out.getvalue()
    assert _counts() == (4, 4, 1)
    saved = ColumnMapping.objects.get(plan=plan).mapping
    assert saved["owner"] == "Lead officer" and saved["status"] == "RAG"
    versions = dict(Action.objects.values_list("reference", "version"))

    again = StringIO()
    call_command("import_plan", *args, stdout=again, stderr=StringIO())
    assert "Did create 0, change 0, remove 0; 4 unchanged." in again.getvalue()
    assert _counts() == (4, 4, 1)
    assert dict(Action.objects.values_list("reference", "version")) == versions

    # The saved mapping is used when no --map is given.
    third = StringIO()
    call_command("import_plan", str(path), "--plan", plan.slug, "--as-at", "2013-03-31",
                 "--user", "admin", stdout=third, stderr=StringIO())  # fmt: skip
    assert "4 unchanged" in third.getvalue()


def test_import_plan_lists_an_unknown_owner_with_the_other_problems(
    plan, admin_user, people, tmp_path
):
    rows = council_rows(**{"1.2": {"Lead officer": "Nobody Known"}, "2.1": {"RAG": "Purple"}})
    path = tmp_path / "council.xlsx"
    path.write_bytes(council_workbook(rows))
    err = StringIO()
    with pytest.raises(CommandError, match=r"2 problem\(s\)"):
        call_command("import_plan", str(path), "--plan", plan.slug, "--as-at", "2013-03-31",
                     "--user", "admin", "--map", "owner=Lead officer", stdout=StringIO(),
                     stderr=err)  # fmt: skip
    assert "'Nobody Known'" in err.getvalue() and "'Purple'" in err.getvalue()
    assert _counts() == (0, 0, 0)
    with pytest.raises(CommandError, match="not a date"):
        call_command("import_plan", str(path), "--plan", plan.slug, "--as-at", "31/03/2013",
                     "--user", "admin", stdout=StringIO(), stderr=StringIO())  # fmt: skip


def test_the_plans_own_export_still_imports_after_a_council_mapping_is_saved(
    plan, admin_user, people, tmp_path
):
    from headway.spreadsheets.plan_export import plan_export

    council = tmp_path / "council.xlsx"
    council.write_bytes(council_workbook())
    call_command("import_plan", str(council), "--plan", plan.slug, "--as-at", "2013-03-31",
                 "--user", "admin", "--map", "owner=Lead officer", stdout=StringIO(),
                 stderr=StringIO())  # fmt: skip
    assert ColumnMapping.objects.filter(plan=plan).exists()
    export = tmp_path / "export.xlsx"
    export.write_bytes(plan_export(plan=plan, format="xlsx"))

    out = StringIO()
    call_command("import_plan", str(export), "--plan", plan.slug, "--user", "admin",
                 stdout=out, stderr=StringIO())  # fmt: skip

    assert "Did create 0, change 0, remove 0; 4 unchanged." in out.getvalue()
