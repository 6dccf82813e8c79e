"""`plan_summary` prints the source committee report's table 3.7 from the demo plan's data."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

# Table 3.7 of the source report (seed/): the acceptance figures for the demo plan.
SOURCE_TABLE_3_7 = [
    ["Strategic Vision and Leadership", "10", "2", "7", "1"],
    ["Building a Quality Service", "14", "6½", "6½", "1"],
    ["Assuring Quality", "9", "9", "0", "0"],
    ["Listening to Children", "7", "2", "3", "2"],
    ["Improving Outcomes for LAC", "16", "2", "12", "2"],
    ["TOTAL", "56", "21½", "28½", "6"],
]


@pytest.fixture
def demo(db):
    call_command("load_demo", "--password", "a-long-demo-password-1", stdout=StringIO())


def _run(*args: str) -> str:
    out = StringIO()
    call_command("plan_summary", "childrens-social-care-2012-13", *args, stdout=out)
    return out.getvalue()


def _split_row(line: str, columns: int) -> list[str]:
    """Split a table line into the label and its figures (labels contain spaces)."""
    parts = line.split()
    return [" ".join(parts[: len(parts) - columns + 1]), *parts[len(parts) - columns + 1 :]]


def test_the_table_format_prints_table_3_7_exactly(demo):
    lines = _run("--round", "2013-03-12").splitlines()
    assert lines[0] == "Children's Social Care Performance Improvement Plan 2012/13"
    header, *rows = lines[2:]
    assert header.split() == [
        "Actions",
        "Achieved",
        "Significant",
        "progress",
        "Limited",
        "progress/risk",
    ]
    assert [_split_row(row, 5) for row in rows] == SOURCE_TABLE_3_7


def test_the_latest_round_is_the_default(demo):
    assert _run() == _run("--round", "2013-03-12")


def test_json_counts_are_plain_numbers(demo):
    data = json.loads(_run("--round", "2013-03-12", "--format", "json"))
    assert data["plan"] == "childrens-social-care-2012-13"
    assert data["round"] == "2013-03-12"
    assert [
        (
            a["area"],
            a["actions"],
            a["achieved"],
            a["significant_progress"],
            a["limited_progress_risk"],
            a["not_started"],
            a["dropped"],
        )
        for a in data["areas"]
    ] == [
        ("Strategic Vision and Leadership", 10, 2, 7, 1, 0, 0),
        ("Building a Quality Service", 14, 6.5, 6.5, 1, 0, 0),
        ("Assuring Quality", 9, 9, 0, 0, 0, 0),
        ("Listening to Children", 7, 2, 3, 2, 0, 0),
        ("Improving Outcomes for LAC", 16, 2, 12, 2, 0, 0),
    ]
    assert data["total"]["actions"] == 56
    assert data["total"]["achieved"] == 21.5
    assert data["total"]["significant_progress"] == 28.5
    assert data["total"]["limited_progress_risk"] == 6


def test_the_autumn_round_differs_and_shows_movement_from_nowhere(demo):
    autumn = json.loads(_run("--round", "2012-11-15", "--format", "json"))
    assert autumn["total"]["actions"] == 56
    assert autumn["total"]["achieved"] < 21.5
    assert autumn["movement"]["previous_round"] is None
    march = json.loads(_run("--format", "json"))
    assert march["movement"]["previous_round"] == "2012-11-15"
    assert march["movement"]["up"] and march["movement"]["down"]
