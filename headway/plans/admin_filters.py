"""Admin list filters by status: an action's status is that of its approved update."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest

from .choices import SHARE_FIELDS, Status, UpdateState
from .models import ProgressUpdate, ReviewRound


class UpdateStatusFilter(admin.SimpleListFilter):
    """Updates whose assessment includes a status (a split counts under each of its parts)."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in Status.values:
            return queryset
        return queryset.filter(**{f"{SHARE_FIELDS[Status(self.value())]}__gt": 0})


class ActionStatusFilter(admin.SimpleListFilter):
    """Actions by their status in their plan's latest round."""

    title = "status in latest round"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [*Status.choices, ("none", "No update")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value not in (*Status.values, "none"):
            return queryset
        latest_round = ReviewRound.objects.filter(plan=OuterRef(OuterRef("plan"))).order_by(
            "-as_at"
        )
        counted = ProgressUpdate.objects.filter(
            action=OuterRef("pk"),
            state=UpdateState.APPROVED,
            round=Subquery(latest_round.values("pk")[:1]),
        )
        if value == "none":
            return queryset.filter(~Exists(counted))
        return queryset.filter(
            Exists(counted.filter(Q(**{f"{SHARE_FIELDS[Status(value)]}__gt": 0})))
        )
