"""Large plans made fast with bulk_create, for query-count tests and benchmarks."""

import datetime as dt
import random

from django.contrib.auth import get_user_model

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
