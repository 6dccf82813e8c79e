"""factory_boy factories for tests across the apps. Role titles only: never people's names."""

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth import get_user_model

from headway.indicators.choices import Frequency, Polarity, Unit
from headway.indicators.models import Indicator, IndicatorValue, Target
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
from headway.risks.models import Risk

TEST_PASSWORD = "a-long-test-password-42"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"officer{n}")
    job_title = factory.Sequence(lambda n: f"Service Manager {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Performance Improvement Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    division = "Children's Social Care"
    period_start = dt.date(2012, 9, 1)
    period_end = dt.date(2013, 8, 31)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanMembership

    plan = factory.SubFactory(PlanFactory)
    user = factory.SubFactory(UserFactory)
    role = PlanRole.READER


class OutcomeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeArea

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Outcome area {n + 1}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    area = factory.SubFactory(OutcomeAreaFactory)
    plan = factory.LazyAttribute(lambda o: o.area.plan)
    reference = factory.Sequence(lambda n: f"A{n + 1}")
    title = factory.Sequence(lambda n: f"Improve practice area {n + 1}")
    objective = "Improve the timeliness of assessments."
    desired_outcome = "Children are seen and assessed promptly."
    owner = factory.SubFactory(UserFactory)
    timescale = "March 2013"
    due_date = dt.date(2013, 3, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Milestone {n + 1}")
    due_date = dt.date(2013, 1, 31)


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRound

    plan = factory.SubFactory(PlanFactory)
    title = factory.LazyAttribute(lambda o: f"Update as at {o.as_at:%d %B %Y}")
    as_at = dt.date(2013, 3, 12)
    deadline = factory.LazyAttribute(lambda o: o.as_at - dt.timedelta(days=14))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A plan has at most one open round (``one_open_round_per_plan``): an open round made
        beside another keeps the newer one open and closes the older, as opening a round in the
        app does (``plans.services.review_round_open``)."""
        if kwargs.get("closed_at") is None:
            plan, as_at = kwargs["plan"], kwargs["as_at"]
            closed_at = dt.datetime.combine(as_at, dt.time(17), tzinfo=dt.UTC)
            newer = ReviewRound.objects.filter(plan=plan, closed_at__isnull=True, as_at__gt=as_at)
            if newer.exists():
                kwargs["closed_at"] = closed_at
            else:
                for older in ReviewRound.objects.filter(plan=plan, closed_at__isnull=True):
                    older.closed_at = dt.datetime.combine(older.as_at, dt.time(17), tzinfo=dt.UTC)
                    older.save(update_fields=["closed_at"])
        return super()._create(model_class, *args, **kwargs)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """An approved update at a single status unless told otherwise."""

    class Meta:
        model = ProgressUpdate
        exclude = ("status",)

    status = Status.SIGNIFICANT_PROGRESS
    action = factory.SubFactory(ActionFactory)
    round = factory.LazyAttribute(lambda o: ReviewRoundFactory(plan=o.action.plan))
    author = factory.LazyAttribute(lambda o: o.action.owner or UserFactory())
    state = UpdateState.APPROVED
    narrative = "Work is under way."

    @factory.lazy_attribute
    def share_achieved(self):
        return Assessment.single(self.status).as_sixtieths()["share_achieved"]

    @factory.lazy_attribute
    def share_significant_progress(self):
        return Assessment.single(self.status).as_sixtieths()["share_significant_progress"]

    @factory.lazy_attribute
    def share_limited_progress_risk(self):
        return Assessment.single(self.status).as_sixtieths()["share_limited_progress_risk"]

    @factory.lazy_attribute
    def share_not_started(self):
        return Assessment.single(self.status).as_sixtieths()["share_not_started"]

    @factory.lazy_attribute
    def share_dropped(self):
        return Assessment.single(self.status).as_sixtieths()["share_dropped"]


class RiskFactory(factory.django.DjangoModelFactory):
    """A risk on ``action`` (made if not given), or on ``actions`` (a list, all of one plan);
    its plan is theirs."""

    class Meta:
        model = Risk

    actions = None
    action = factory.Maybe(
        "actions", yes_declaration=None, no_declaration=factory.SubFactory(ActionFactory)
    )
    plan = factory.LazyAttribute(lambda o: (o.actions[0] if o.actions else o.action).plan)

    @classmethod
    def _create(cls, model_class: type[Risk], *args: Any, **kwargs: Any) -> Risk:
        action, actions = kwargs.pop("action", None), kwargs.pop("actions", None)
        risk = model_class.objects.create(*args, **kwargs)
        risk.actions.set(actions or [action])
        return risk

    title = "Partner resourcing"
    cause = "The partner agency has too few staff to attend."
    impact = "Strategy meetings are delayed."
    mitigation = "Escalated; interim arrangements agreed."


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A monthly percentage, lower is better, owned by an officer of its own."""

    class Meta:
        model = Indicator

    plan = factory.SubFactory(PlanFactory)
    reference = factory.Sequence(lambda n: f"PI {n + 1}")
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Re-referrals within 12 months ({n + 1})")
    definition = "Referrals within 12 months of a previous referral, as a share of all referrals."
    unit = Unit.PERCENTAGE
    decimal_places = 1
    polarity = Polarity.LOWER_IS_BETTER
    frequency = Frequency.MONTHLY
    owner = factory.SubFactory(UserFactory)
    data_source = "Case management system"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = dt.date(2012, 9, 1)
    value = Decimal("10.0")
    tolerance = Decimal("2.0")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    """An approved value unless told otherwise."""

    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period = dt.date(2012, 9, 1)
    value = Decimal("9.5")
    state = UpdateState.APPROVED
    author = factory.LazyAttribute(lambda o: o.indicator.owner)
