"""Large plans made fast with bulk_create, for query-count tests and benchmarks."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from headway.indicators.choices import ComparatorKind, Frequency, Polarity, Unit
from headway.indicators.models import Comparator, Indicator, IndicatorValue, Target
from headway.indicators.periods import add_months
from headway.plans.assessment import Assessment
from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import (
    Action,
    Milestone,
    OutcomeArea,
    Plan,
    PlanMembership,
    ProgressUpdate,
    ReviewRound,
)

_ASSESSMENTS = [
    Assessment.single(Status.ACHIEVED),
    Assessment.single(Status.SIGNIFICANT_PROGRESS),
    Assessment.single(Status.LIMITED_PROGRESS_RISK),
    Assessment.single(Status.NOT_STARTED),
    Assessment.from_shares({Status.ACHIEVED: "1/2", Status.SIGNIFICANT_PROGRESS: "1/2"}),
]


def make_large_plan(
    *, slug: str, actions: int, rounds: int = 2, areas: int = 5, seed: int = 1
) -> Plan:
    """A plan of ``actions`` actions over ``areas`` areas, each approved in every round."""
    rng = random.Random(seed)
    user_model = get_user_model()
    owners = [
        user_model.objects.get_or_create(
            username=f"{slug}-owner-{i}", defaults={"job_title": f"Team Manager {i}"}
        )[0]
        for i in range(10)
    ]
    plan = Plan.objects.create(
        title=f"Generated plan {slug}",
        slug=slug,
        period_start=dt.date(2012, 9, 1),
        period_end=dt.date(2013, 8, 31),
    )
    PlanMembership.objects.bulk_create(
        [PlanMembership(plan=plan, user=owner, role=PlanRole.OWNER) for owner in owners]
    )
    area_objs = OutcomeArea.objects.bulk_create(
        [OutcomeArea(plan=plan, number=i + 1, title=f"Outcome area {i + 1}") for i in range(areas)]
    )
    action_objs = Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                area=area_objs[i % areas],
                reference=f"{i % areas + 1}.{i // areas + 1}",
                position=i // areas,
                title=f"Generated action {i + 1}",
                owner=owners[i % len(owners)],
                timescale="March 2013",
                due_date=dt.date(2013, 3, 31),
            )
            for i in range(actions)
        ],
        batch_size=1000,
    )
    Milestone.objects.bulk_create(
        [
            Milestone(action=a, title="First milestone", due_date=dt.date(2013, 1, 31))
            for a in action_objs
        ],
        batch_size=1000,
    )
    round_objs = []
    for r in range(rounds):
        as_at = dt.date(2012, 10, 1) + dt.timedelta(days=60 * r)
        round_objs.append(
            ReviewRound.objects.create(
                plan=plan,
                title=f"Round {r + 1}",
                as_at=as_at,
                deadline=as_at - dt.timedelta(days=7),
                # One open round per plan: the latest; the earlier ones are closed.
                closed_at=None
                if r == rounds - 1
                else dt.datetime.combine(as_at, dt.time(17), tzinfo=dt.UTC),
            )
        )
    updates = [
        ProgressUpdate(
            action=a,
            round=rnd,
            author=a.owner,
            state=UpdateState.APPROVED,
            narrative="Generated progress.",
            **rng.choice(_ASSESSMENTS).as_sixtieths(),
        )
        for rnd in round_objs
        for a in action_objs
    ]
    ProgressUpdate.objects.bulk_create(updates, batch_size=1000)
    return plan


def add_indicators(
    plan: Plan, *, count: int, periods: int = 36, last: dt.date = dt.date(2013, 8, 1), seed: int = 1
) -> list[Indicator]:
    """``count`` monthly indicators on ``plan``, each with ``periods`` months of approved values,
    targets and an England comparator up to ``last``, half of them lower-is-better."""
    rng = random.Random(seed)
    owner = plan.actions.first().owner if plan.actions.exists() else None
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                plan=plan,
                reference=f"PI {i + 1}",
                position=i,
                title=f"Generated indicator {i + 1}",
                unit=Unit.PERCENTAGE,
                decimal_places=1,
                polarity=Polarity.LOWER_IS_BETTER if i % 2 else Polarity.HIGHER_IS_BETTER,
                frequency=Frequency.MONTHLY,
                owner=owner,
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    months = [add_months(last, -n) for n in range(periods)]
    values, targets, comparators = [], [], []
    for indicator in indicators:
        for month in months:
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    period=month,
                    value=Decimal(rng.randint(0, 1000)) / 10,
                    state=UpdateState.APPROVED,
                    author=owner,
                )
            )
            targets.append(
                Target(indicator=indicator, period=month, value=Decimal(50), tolerance=Decimal(5))
            )
            comparators.append(
                Comparator(
                    indicator=indicator,
                    period=month,
                    kind=ComparatorKind.ENGLAND,
                    name=ComparatorKind.ENGLAND.label,
                    value=Decimal(rng.randint(0, 1000)) / 10,
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    Target.objects.bulk_create(targets, batch_size=2000)
    Comparator.objects.bulk_create(comparators, batch_size=2000)
    return indicators
