"""The demo plan's performance indicators: eight children's social care measures of the kind
such plans track, with monthly values for 2012/13, targets, tolerances and comparators.

Illustrative figures, not the council's: every indicator is flagged ``illustrative`` and each
page and document that shows one says so. Values are approved seed data, written directly
(like the demo's progress updates) with their history.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from headway.indicators.choices import ComparatorKind, Frequency, Polarity, Unit
from headway.indicators.models import Comparator, Indicator, IndicatorValue, RoundCollection, Target
from headway.indicators.periods import add_months
from headway.plans.choices import UpdateState
from headway.plans.models import Action, Plan, ReviewRound

from .people import ADMIN, LEAD

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
APRIL_2012 = dt.date(2012, 4, 1)
# The March 2013 committee round collects the quarter's months from owners.
COLLECTED = (dt.date(2013, 1, 1), dt.date(2013, 3, 31))


@dataclass(frozen=True)
class DemoIndicator:
    reference: str
    title: str
    definition: str
    unit: Unit
    places: int
    polarity: Polarity
    owner: str
    actions: tuple[str, ...]
    target: str
    tolerance: str
    england: str
    neighbours: str
    # April 2012 to March 2013
    values: tuple[str, ...]
    data_source: str = "Integrated Children's System (ICS) monthly performance report"


INDICATORS = (
    DemoIndicator(
        "PI 1",
        "Re-referrals within 12 months of a previous referral",
        "Referrals in the month that follow a previous referral of the same child within 12 "
        "months, as a percentage of all referrals in the month.",
        Unit.PERCENTAGE,
        1,
        LOWER,
        "owner-referral",
        ("1.6", "2.1"),
        "20.0",
        "2.0",
        "24.9",
        "22.6",
        (
            "26.1",
            "25.4",
            "24.8",
            "24.0",
            "23.2",
            "22.9",
            "21.8",
            "21.5",
            "20.6",
            "21.2",
            "19.8",
            "19.5",
        ),
    ),
    DemoIndicator(
        "PI 2",
        "Initial assessments completed within 10 working days of referral",
        "Initial assessments completed in the month within 10 working days of the referral, as a "
        "percentage of all initial assessments completed in the month.",
        Unit.PERCENTAGE,
        1,
        HIGHER,
        "owner-referral",
        ("2.1",),
        "80.0",
        "5.0",
        "75.5",
        "78.1",
        (
            "68.2",
            "70.5",
            "71.9",
            "73.4",
            "74.0",
            "76.8",
            "77.2",
            "79.5",
            "78.0",
            "81.3",
            "82.4",
            "83.0",
        ),
    ),
    DemoIndicator(
        "PI 3",
        "Core assessments completed within 35 working days",
        "Core assessments completed in the month within 35 working days of their start, as a "
        "percentage of all core assessments completed in the month.",
        Unit.PERCENTAGE,
        1,
        HIGHER,
        "owner-referral",
        ("2.2",),
        "75.0",
        "5.0",
        "74.3",
        "72.8",
        (
            "61.0",
            "63.4",
            "62.1",
            "65.7",
            "66.9",
            "68.2",
            "69.8",
            "70.1",
            "71.6",
            "72.4",
            "71.9",
            "73.5",
        ),
    ),
    DemoIndicator(
        "PI 4",
        "Children becoming the subject of a child protection plan for a second or subsequent time",
        "Children who became the subject of a child protection plan in the year to date and had "
        "been the subject of a plan before, as a percentage of all new plans.",
        Unit.PERCENTAGE,
        1,
        LOWER,
        "owner-cp",
        ("2.3", "3.3"),
        "13.0",
        "2.0",
        "14.9",
        "13.8",
        (
            "17.4",
            "16.9",
            "16.2",
            "15.8",
            "15.5",
            "15.9",
            "14.8",
            "14.6",
            "14.2",
            "13.9",
            "14.1",
            "13.6",
        ),
    ),
    DemoIndicator(
        "PI 5",
        "Looked after children with three or more placements in the year",
        "Children looked after at the month's end who have had three or more placements in the "
        "12 months before it, as a percentage of all children looked after.",
        Unit.PERCENTAGE,
        1,
        LOWER,
        "owner-lac",
        ("5.1", "5.2"),
        "10.0",
        "1.0",
        "11.0",
        "10.5",
        (
            "13.2",
            "13.0",
            "12.6",
            "12.1",
            "11.8",
            "11.5",
            "11.2",
            "10.9",
            "10.6",
            "10.4",
            "10.1",
            "9.8",
        ),
    ),
    DemoIndicator(
        "PI 6",
        "Care leavers in education, employment or training at 19",
        "Care leavers aged 19 in the month with whom the council is in touch who are in "
        "education, employment or training, as a percentage of all care leavers aged 19.",
        Unit.PERCENTAGE,
        1,
        HIGHER,
        "owner-lac",
        ("5.7",),
        "60.0",
        "5.0",
        "58.0",
        "56.5",
        (
            "48.0",
            "50.0",
            "52.2",
            "51.1",
            "53.3",
            "54.5",
            "55.6",
            "54.3",
            "56.8",
            "57.1",
            "58.5",
            "57.9",
        ),
    ),
    DemoIndicator(
        "PI 7",
        "Looked after children's reviews held within timescale",
        "Reviews of looked after children held in the month within the statutory timescale, as "
        "a percentage of all reviews due in the month.",
        Unit.PERCENTAGE,
        1,
        HIGHER,
        "owner-qa",
        ("5.10", "3.4"),
        "95.0",
        "3.0",
        "90.6",
        "92.0",
        (
            "91.2",
            "92.4",
            "93.0",
            "92.1",
            "94.3",
            "95.1",
            "96.0",
            "94.8",
            "95.5",
            "96.2",
            "97.1",
            "96.4",
        ),
    ),
    DemoIndicator(
        "PI 8",
        "Average days between entering care and moving in with an adoptive family",
        "For children adopted in the three years to the month's end, the average number of days "
        "between entering care and moving in with the family who adopted them.",
        Unit.DAYS,
        0,
        LOWER,
        "owner-fostering",
        ("5.4",),
        "639",
        "25",
        "636",
        "647",
        ("742", "738", "731", "725", "719", "714", "706", "698", "690", "684", "676", "671"),
        data_source="Adoption scorecard return (three-year rolling average)",
    ),
)


def create_demo_indicators(*, plan: Plan, users: dict[str, Any]) -> list[Indicator]:
    """The eight indicators on the demo plan, linked to their actions, with twelve months of
    approved values, targets and comparators, and the March round collecting the last quarter.
    """
    admin, lead = users[ADMIN], users[LEAD]
    actions = {a.reference: a for a in Action.objects.filter(plan=plan)}
    months = [add_months(APRIL_2012, i) for i in range(12)]
    indicators, values, targets, comparators = [], [], [], []
    for position, spec in enumerate(INDICATORS, start=1):
        indicator = Indicator(
            plan=plan,
            reference=spec.reference,
            position=position,
            title=spec.title,
            definition=spec.definition,
            unit=spec.unit,
            decimal_places=spec.places,
            polarity=spec.polarity,
            frequency=Frequency.MONTHLY,
            owner=users[spec.owner],
            data_source=spec.data_source,
            illustrative=True,
        )
        indicator.full_clean(exclude=["plan", "owner"], validate_constraints=False)
        indicator._history_user = admin
        indicator.save()
        indicator.actions.set([actions[reference] for reference in spec.actions])
        indicator.areas.set(sorted({actions[r].area for r in spec.actions}, key=lambda a: a.pk))
        indicators.append(indicator)
        for i, (month, figure) in enumerate(zip(months, spec.values, strict=True)):
            # Entered in the second week after the month, approved two days later.
            submitted = timezone.make_aware(
                dt.datetime.combine(
                    add_months(month, 1) + dt.timedelta(days=7 + i % 3), dt.time(10)
                )
            )
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    period=month,
                    value=Decimal(figure),
                    state=UpdateState.APPROVED,
                    author=indicator.owner,
                    submitted_at=submitted,
                    decided_at=submitted + dt.timedelta(days=2, hours=5),
                    decided_by=lead,
                )
            )
            targets.append(
                Target(
                    indicator=indicator,
                    period=month,
                    value=Decimal(spec.target),
                    tolerance=Decimal(spec.tolerance),
                )
            )
            comparators += [
                Comparator(
                    indicator=indicator,
                    period=month,
                    kind=ComparatorKind.ENGLAND,
                    name=ComparatorKind.ENGLAND.label,
                    value=Decimal(spec.england),
                ),
                Comparator(
                    indicator=indicator,
                    period=month,
                    kind=ComparatorKind.STATISTICAL_NEIGHBOURS,
                    name=ComparatorKind.STATISTICAL_NEIGHBOURS.label,
                    value=Decimal(spec.neighbours),
                ),
            ]
    bulk_create_with_history(values, IndicatorValue, default_user=lead)
    bulk_create_with_history(targets, Target, default_user=admin)
    bulk_create_with_history(comparators, Comparator, default_user=admin)
    march = ReviewRound.objects.filter(plan=plan, closed_at__isnull=True).order_by("-as_at").first()
    if march is not None:
        collection = RoundCollection(
            round=march, period_start=COLLECTED[0], period_end=COLLECTED[1]
        )
        collection._history_user = admin
        collection.save()
    return indicators
