"""The source document's plan, built with factories: five areas, 56 actions, table 3.7's figures.

Used until (and beside) the demo loader: the acceptance figures must come out of the data, so the
data here is the source's own — including the one action in area 2 split ½ Achieved and
½ Significant progress, which is how the table reaches 6½ and 21½.
"""

import datetime as dt
from dataclasses import dataclass

from headway.inspections.models import Inspection
from headway.plans.assessment import Assessment
from headway.plans.choices import PlanRole, Status
from headway.plans.models import Plan, ReviewRound
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
    UserFactory,
)

A, S, L = Status.ACHIEVED, Status.SIGNIFICANT_PROGRESS, Status.LIMITED_PROGRESS_RISK
HALF_AND_HALF = Assessment.from_shares({A: "1/2", S: "1/2"})

# (title, short title, [assessments]) — the source's table 3.7 row by row.
AREAS = [
    ("Strategic vision and leadership", "Strategic Vision and Leadership", [A] * 2 + [S] * 7 + [L]),
    (
        "Building a quality service",
        "Building a Quality Service",
        [A] * 6 + [S] * 6 + [L] + [HALF_AND_HALF],
    ),
    ("Assuring quality", "Assuring Quality", [A] * 9),
    (
        "Listening to children, young people and their families",
        "Listening to Children",
        [A] * 2 + [S] * 3 + [L] * 2,
    ),
    (
        "Improving outcomes for Looked After Children",
        "Improving Outcomes for LAC",
        [A] * 2 + [S] * 12 + [L] * 2,
    ),
]

SOURCE_TABLE = [
    ("Strategic Vision and Leadership", "10", "2", "7", "1"),
    ("Building a Quality Service", "14", "6½", "6½", "1"),
    ("Assuring Quality", "9", "9", "0", "0"),
    ("Listening to Children", "7", "2", "3", "2"),
    ("Improving Outcomes for LAC", "16", "2", "12", "2"),
    ("TOTAL", "56", "21½", "28½", "6"),
]


@dataclass
class SourcePlan:
    plan: Plan
    round: ReviewRound
    previous_round: ReviewRound
    lead: object


def make_source_plan(*, slug: str = "childrens-social-care-2012-13", lead=None) -> SourcePlan:
    plan = PlanFactory(
        slug=slug,
        title="Children's Social Care Performance Improvement Plan 2012/13",
        period_start=dt.date(2012, 9, 1),
        period_end=dt.date(2013, 8, 31),
    )
    if lead is None:
        lead = UserFactory(username=f"{slug}-lead", job_title="Assistant Director")
    MembershipFactory(plan=plan, user=lead, role=PlanRole.LEAD)
    previous = ReviewRoundFactory(
        plan=plan, title="Update to committee, 13 November 2012", as_at=dt.date(2012, 11, 13)
    )
    current = ReviewRoundFactory(
        plan=plan, title="Update to committee, 12 March 2013", as_at=dt.date(2013, 3, 12)
    )
    owner = UserFactory(username=f"{slug}-owner", job_title="Head of Service")
    for number, (title, short, statuses) in enumerate(AREAS, start=1):
        area = OutcomeAreaFactory(plan=plan, number=number, title=title, short_title=short)
        for position, status in enumerate(statuses, start=1):
            action = ActionFactory(
                plan=plan,
                area=area,
                reference=f"{number}.{position}",
                position=position,
                owner=owner,
                title=f"{short}: action {position}",
            )
            assessment = status if isinstance(status, Assessment) else Assessment.single(status)
            # Two in three actions were reported last round, the achieved ones one step lower.
            if position % 3:
                before = Assessment.single(status if status in (S, L) else S)
                ProgressUpdateFactory(
                    action=action, round=previous, author=owner, **before.as_sixtieths()
                )
            update = ProgressUpdateFactory(
                action=action,
                round=current,
                author=owner,
                narrative=f"Progress on {short.lower()} action {position}.",
                **assessment.as_sixtieths(),
            )
            if status == L:
                _risk_for(action, update, number)
    _inspections()
    return SourcePlan(plan=plan, round=current, previous_round=previous, lead=lead)


def _risk_for(action, update, area_number: int) -> None:
    if area_number == 1:
        RiskFactory(
            action=action,
            raised_in=update,
            title="Working with the Metropolitan Police on strategy meetings",
            cause="Resourcing issues within the Metropolitan Police",
            impact="Child protection strategy meetings are delayed.",
            mitigation="Interim arrangements agreed with the police.",
            external_dependency="Metropolitan Police",
            escalated_to="Bromley Safeguarding Children Board",
            escalated_on=dt.date(2013, 1, 15),
            named_in_report=True,
        )
    elif (
        area_number == 4
        and not action.plan.actions.filter(risks__isnull=False, area=action.area).exists()
    ):
        RiskFactory(
            action=action,
            raised_in=update,
            title="Introduction of family files",
            cause="The timescales of producing the software by the ICS provider",
            impact="Family files are delayed.",
            mitigation="Monitored monthly with the supplier.",
            external_dependency="OLM (ICS software supplier)",
            named_in_report=True,
        )


def _inspections() -> None:
    rows = [
        ("Ofsted", "Contact and Referral Service", dt.date(2011, 4, 5), ""),
        ("Ofsted", "Fostering Service", dt.date(2011, 5, 9), "good"),
        ("HMI Probation", "Youth Offending Team", dt.date(2011, 11, 14), "minimum improvement"),
        ("Ofsted", "Safeguarding disabled children (thematic)", dt.date(2012, 2, 6), ""),
        ("Ofsted", "Protection of children", dt.date(2012, 7, 2), "adequate"),
    ]
    for inspectorate, service, started, judgement in rows:
        Inspection.objects.create(
            inspectorate=inspectorate, service=service, started_on=started, judgement=judgement
        )
