from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from headway.plans.assessment import Assessment
from headway.plans.choices import Status


def test_a_single_status_is_the_whole_action():
    assessment = Assessment.single(Status.ACHIEVED)
    assert assessment.share_of(Status.ACHIEVED) == 1
    assert not assessment.is_split
    assert str(assessment) == "Achieved"
    assert assessment.as_sixtieths()["share_achieved"] == 60


def test_a_split_keeps_exact_halves():
    assessment = Assessment.from_shares(
        {Status.SIGNIFICANT_PROGRESS: Fraction(1, 2), Status.ACHIEVED: Fraction(1, 2)}
    )
    assert assessment.is_split
    assert assessment.statuses == [Status.ACHIEVED, Status.SIGNIFICANT_PROGRESS]
    assert str(assessment) == "½ Achieved, ½ Significant progress"
    assert assessment.as_sixtieths() == {
        "share_achieved": 30,
        "share_significant_progress": 30,
        "share_limited_progress_risk": 0,
        "share_not_started": 0,
        "share_dropped": 0,
    }


def test_shares_that_do_not_add_to_one_are_refused_with_the_total():
    with pytest.raises(ValidationError, match="add up to one whole; these add up to ¾"):
        Assessment.from_shares({Status.ACHIEVED: "1/2", Status.SIGNIFICANT_PROGRESS: "1/4"})


def test_a_negative_share_is_refused():
    with pytest.raises(ValidationError, match="cannot be negative"):
        Assessment.from_shares({Status.ACHIEVED: "3/2", Status.SIGNIFICANT_PROGRESS: "-1/2"})


def test_a_share_that_is_not_whole_sixtieths_is_refused():
    with pytest.raises(ValidationError, match="not a half, third"):
        Assessment.from_shares({Status.ACHIEVED: "1/7", Status.SIGNIFICANT_PROGRESS: "6/7"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Achieved", {Status.ACHIEVED: 1}),
        ("green", {Status.ACHIEVED: 1}),
        ("Amber", {Status.SIGNIFICANT_PROGRESS: 1}),
        ("R", {Status.LIMITED_PROGRESS_RISK: 1}),
        ("Limited progress/risk", {Status.LIMITED_PROGRESS_RISK: 1}),
        (
            "½ achieved, ½ significant progress",
            {Status.ACHIEVED: Fraction(1, 2), Status.SIGNIFICANT_PROGRESS: Fraction(1, 2)},
        ),
        (
            "1/3 Green + 2/3 Amber",
            {Status.ACHIEVED: Fraction(1, 3), Status.SIGNIFICANT_PROGRESS: Fraction(2, 3)},
        ),
    ],
)
def test_parse_reads_the_words_real_plans_use(text, expected):
    assert Assessment.parse(text) == Assessment.from_shares(expected)


def test_parse_names_an_unknown_status():
    with pytest.raises(ValidationError, match="'Purple' is not a status"):
        Assessment.parse("Purple")


def test_rank_orders_assessments():
    achieved = Assessment.single(Status.ACHIEVED)
    split = Assessment.parse("½ achieved, ½ significant progress")
    significant = Assessment.single(Status.SIGNIFICANT_PROGRESS)
    assert achieved.rank_sixtieths > split.rank_sixtieths > significant.rank_sixtieths


def test_every_status_has_a_definition():
    for status in Status:
        assert len(status.definition) > 40
