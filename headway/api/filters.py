"""Filters for the API's lists: by plan, outcome area, status, owner and round."""

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from headway.inspections.models import Finding
from headway.plans.choices import SHARE_FIELDS, Status, UpdateState
from headway.plans.models import Action, Milestone, OutcomeArea, ProgressUpdate, ReviewRound
from headway.risks.models import Risk, RiskStatus

# Whole numbers within the database's range, so an absurd value is a 400, never a crash.
_ID_RANGE = {"min_value": 0, "max_value": 2**31 - 1}


def _number(**kwargs) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(**kwargs, **_ID_RANGE)


class _PlanFilterSet(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__slug", help_text="The plan's slug.")


class OutcomeAreaFilter(_PlanFilterSet):
    class Meta:
        model = OutcomeArea
        fields = ["plan"]


class ReviewRoundFilter(_PlanFilterSet):
    class Meta:
        model = ReviewRound
        fields = ["plan"]


class ActionFilter(_PlanFilterSet):
    area = _number(
        field_name="area__number", help_text="The outcome area's number within its plan."
    )
    owner = django_filters.CharFilter(field_name="owner__username", help_text="A username.")
    status = django_filters.ChoiceFilter(
        choices=Status.choices,
        method="filter_status",
        help_text=(
            "Actions whose approved update in the round (the plan's latest round unless "
            "'round' is given) has a share at this status."
        ),
    )
    round = _number(method="filter_round", help_text="A review round's id, for 'status'.")

    class Meta:
        model = Action
        fields = ["plan", "area", "owner", "status", "round"]

    def filter_round(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset  # read by filter_status

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        round_id = self.form.cleaned_data.get("round")
        if round_id is None:
            round_id = Subquery(
                ReviewRound.objects.filter(plan_id=OuterRef(OuterRef("plan_id")))
                .order_by("-as_at")
                .values("pk")[:1]
            )
        counted = ProgressUpdate.objects.filter(
            action_id=OuterRef("pk"),
            round_id=round_id,
            state=UpdateState.APPROVED,
            **{f"{SHARE_FIELDS[Status(value)]}__gt": 0},
        )
        return queryset.filter(Exists(counted))


class MilestoneFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="action__plan__slug")
    action = _number(field_name="action_id")

    class Meta:
        model = Milestone
        fields = ["plan", "action"]


class ProgressUpdateFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="action__plan__slug")
    action = _number(field_name="action_id")
    round = _number(field_name="round_id")
    area = _number(field_name="action__area__number")
    owner = django_filters.CharFilter(field_name="action__owner__username")
    state = django_filters.ChoiceFilter(choices=UpdateState.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices, method="filter_status")

    class Meta:
        model = ProgressUpdate
        fields = ["plan", "action", "round", "area", "owner", "state", "status"]

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(**{f"{SHARE_FIELDS[Status(value)]}__gt": 0}))


class RiskFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__slug")
    action = _number(field_name="actions", distinct=True)
    area = _number(field_name="actions__area__number", distinct=True)
    status = django_filters.ChoiceFilter(choices=RiskStatus.choices)
    named_in_report = django_filters.BooleanFilter()

    class Meta:
        model = Risk
        fields = ["plan", "action", "area", "status", "named_in_report"]


class FindingFilter(django_filters.FilterSet):
    inspection = _number(field_name="inspection_id")

    class Meta:
        model = Finding
        fields = ["inspection"]
