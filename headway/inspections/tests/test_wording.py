"""An inspection reads in a committee report as an officer would write it."""

import datetime as dt

import pytest

from headway.inspections.models import Inspection
from headway.inspections.wording import inspection_period, inspection_sentence


def _inspection(**kwargs) -> Inspection:
    fields = {"inspectorate": "Ofsted", "service": "Fostering Service"}
    fields.update(kwargs)
    fields.setdefault("started_on", dt.date(2011, 5, 9))
    return Inspection(**fields)


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        (
            {"judgement": "Good"},
            "The Fostering Service was inspected in May 2011 and was found to be good.",
        ),
        (
            {
                "service": "Contact and Referral Service",
                "started_on": dt.date(2011, 4, 12),
                "ended_on": dt.date(2011, 4, 13),
                "judgement": "No priority areas for action",
            },
            "The Contact and Referral Service was inspected in April 2011 and found no priority "
            "areas for action.",
        ),
        (
            {
                "service": "Three Children's Centres",
                "started_on": dt.date(2011, 6, 1),
                "ended_on": dt.date(2012, 3, 31),
                "judgement": "Good with outstanding features",
            },
            "Three Children's Centres were inspected between June 2011 and March 2012 and were "
            "found to be good with outstanding features.",
        ),
        (
            {"service": "Youth Offending Team", "judgement": "Minimum improvement"},
            "The Youth Offending Team was inspected in May 2011 and was given the judgement "
            "\u2018Minimum improvement\u2019.",
        ),
        ({"judgement": ""}, "The Fostering Service was inspected in May 2011."),
    ],
)
def test_a_drafted_sentence_reads_as_an_officer_would_write_it(fields, sentence):
    assert inspection_sentence(_inspection(**fields)) == sentence


def test_an_inspection_that_ran_through_a_year_gives_its_whole_period():
    assert inspection_period(dt.date(2011, 6, 1), dt.date(2011, 12, 20)) == (
        "between June and December 2011"
    )
    assert inspection_period(dt.date(2011, 6, 1), None) == "in June 2011"


def test_the_officers_own_wording_wins():
    inspection = _inspection(
        judgement="Good",
        report_wording="Three Children's Centres were inspected throughout the year and all "
        "were deemed good with outstanding features",
    )
    assert inspection_sentence(inspection) == (
        "Three Children's Centres were inspected throughout the year and all were deemed good "
        "with outstanding features."
    )
