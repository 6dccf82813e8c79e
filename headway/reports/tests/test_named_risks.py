"""``reports/risks.py``: the report names only the open risks the plan lead marked, in the plan's
order of their first action, and counts them in words an officer would write."""

import datetime as dt

import pytest

from headway.plans.choices import Status
from headway.reports.risks import report_risks, risk_items, risks_paragraph
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(plan):
    first = OutcomeAreaFactory(plan=plan, number=1)
    second = OutcomeAreaFactory(plan=plan, number=2)
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    actions = {
        ref: ActionFactory(area=area, reference=ref, position=int(ref.split(".")[1]))
        for ref, area in (("1.5", first), ("1.8", first), ("2.3", second), ("4.2", second))
    }
    for action in actions.values():
        ProgressUpdateFactory(action=action, round=round, status=Status.LIMITED_PROGRESS_RISK)
    return plan, round, actions


def test_only_open_risks_named_in_the_report_are_named(world):
    plan, round, a = world
    police = RiskFactory(
        actions=[a["2.3"], a["1.5"]],
        title="The development of better working with the Metropolitan Police",
        cause="Resourcing issues within the Metropolitan Police have slowed it",
        escalated_to="Bromley Safeguarding Children Board",
        named_in_report=True,
    )
    files = RiskFactory(
        action=a["1.8"], title="The introduction of family files", named_in_report=True
    )
    RiskFactory(action=a["4.2"], title="Unnamed", named_in_report=False)
    RiskFactory(action=a["4.2"], title="Closed", named_in_report=True, status="closed")

    risks = report_risks(plan=plan, round=round)

    assert risks == [police, files]  # police's first action, 1.5, comes before 1.8
    items = risk_items(risks)
    assert items[0]["action_references"] == ["1.5", "2.3"]
    assert items[0]["reference"] == "1.5, 2.3"
    assert items[0]["escalated_to"] == "Bromley Safeguarding Children Board"
    assert {"title", "cause", "escalation", "exempt", "action"} <= set(items[0])
    assert items[1]["action_references"] == ["1.8"]

    Risk.objects.filter(pk=files.pk).update(named_in_report=False)
    assert report_risks(plan=plan, round=round) == [police]


def test_two_risks_read_as_the_officers_wrote_them(world):
    _, _, a = world
    police = RiskFactory(
        action=a["2.3"],
        title="The development of better working with the Metropolitan Police around child "
        "protection strategy meetings",
        cause="Resourcing issues within the Metropolitan Police have impacted negatively on "
        "taking this forward",
        external_dependency="Metropolitan Police",
        escalated_to="Bromley Safeguarding Children Board",
    )
    files = RiskFactory(
        action=a["1.8"],
        title="The introduction of family files",
        cause="This is delayed due to the timescales of producing the software by OLM, "
        "Bromley's Integrated Children's System provider.",
        external_dependency="OLM",
    )

    assert risks_paragraph([police, files]) == (
        "Two areas of risk have been identified. One is the development of better working with "
        "the Metropolitan Police around child protection strategy meetings. Resourcing issues "
        "within the Metropolitan Police have impacted negatively on taking this forward and "
        "this is an issue that has been referred to Bromley Safeguarding Children Board. The "
        "other area of risk is the introduction of family files and this is delayed due to the "
        "timescales of producing the software by OLM, Bromley's Integrated Children's System "
        "provider."
    )


def test_one_and_three_risks_read_naturally_and_name_their_dependency(world):
    _, _, a = world
    advocacy = RiskFactory(
        action=a["4.2"],
        title="The lack of a provider for child protection advocacy",
        cause="The tender was combined with the wider contract.",
        external_dependency="Commissioned advocacy provider",
        escalated_to="Corporate Parenting Board",
        escalated_on=dt.date(2013, 2, 14),
    )
    assert risks_paragraph([advocacy]) == (
        "One area of risk has been identified. It is the lack of a provider for child "
        "protection advocacy. "
        "The tender was combined with the wider contract and this is an issue that has been "
        "referred to Corporate Parenting Board on 14 February 2013. It depends on Commissioned "
        "advocacy provider."
    )
    three = risks_paragraph([advocacy, advocacy, advocacy])
    assert three.startswith("Three areas of risk have been identified. The first is the lack")
    assert "The second is the lack" in three and "The third is the lack" in three
    assert risks_paragraph([]) == "No areas of risk have been identified."
