"""Indicators in the API: thin views over the same permissions, selectors and services as the
pages. Every queryset starts from the plans the user may see, so another plan's indicator
answers 404 as its page does."""

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from headway.core.concurrency import StaleVersionError
from headway.core.pagecache import request_stamp
from headway.indicators.models import Indicator, IndicatorValue
from headway.indicators.selectors import scorecard
from headway.indicators.services import (
    indicator_value_approve,
    indicator_value_return,
    indicator_value_save_draft,
    indicator_value_submit,
)
from headway.indicators.units import parse_value
from headway.plans.choices import UpdateState
from headway.plans.models import ReviewRound
from headway.plans.permissions import visible_plans

from . import indicator_serializers as serializers

SCORECARD_CACHE_SECONDS = 600
_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="What was wrong, by field."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed for this user."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="No such record visible to you."),
}


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """A plan's indicators (``?plan=<slug>`` for one plan's)."""

    serializer_class = serializers.IndicatorSerializer
    filter_backends: list[Any] = []

    @extend_schema(parameters=[OpenApiParameter("plan", str, description="A plan's slug.")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Indicator]:
        indicators = Indicator.objects.filter(plan__in=visible_plans(self.request.user))
        plan = self.request.query_params.get("plan")
        if plan:
            indicators = indicators.filter(plan__slug=plan)
        return (
            indicators.select_related("plan", "owner")
            .prefetch_related("actions", "areas")
            .order_by("plan_id", "position", "reference")
        )


class IndicatorValueViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Indicator values. A draft is seen only by its author and the indicator's owner and
    delegates, as on the pages."""

    serializer_class = serializers.IndicatorValueSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[IndicatorValue]:
        values = IndicatorValue.objects.filter(indicator__plan__in=visible_plans(self.request.user))
        if not getattr(self, "swagger_fake_view", False):
            user = self.request.user
            values = values.filter(
                ~Q(state=UpdateState.DRAFT)
                | Q(author=user)
                | Q(indicator__owner=user)
                | Q(indicator__delegates=user)
            ).distinct()
            indicator = self.request.query_params.get("indicator")
            if indicator and indicator.isdigit():
                values = values.filter(indicator_id=int(indicator))
        return values.select_related("author", "decided_by", "indicator").order_by(
            "indicator_id", "period", "pk"
        )

    @extend_schema(
        request=serializers.IndicatorValueCreateSerializer,
        responses={201: serializers.IndicatorValueSerializer, **_ERRORS},
    )
    def create(self, request: Request) -> Response:
        """Start a draft value for a period of an indicator you own or enter for its owner."""
        data = _valid(serializers.IndicatorValueCreateSerializer, request.data)
        indicator = (
            Indicator.objects.filter(plan__in=visible_plans(request.user), pk=data["indicator"])
            .select_related("plan")
            .first()
        )
        if indicator is None:
            raise ValidationError({"indicator": ["No such indicator in a plan you can see."]})
        review_round = None
        if data.get("round") is not None:
            review_round = ReviewRound.objects.filter(
                plan_id=indicator.plan_id, pk=data["round"]
            ).first()
            if review_round is None:
                raise ValidationError({"round": ["No such round in the indicator's plan."]})
        try:
            value = parse_value(indicator.unit, indicator.decimal_places, data["value"])
        except DjangoValidationError as exc:
            raise ValidationError({"value": exc.messages}) from exc
        entry = _call(
            indicator_value_save_draft,
            indicator=indicator,
            period=data["period"],
            by=request.user,
            value=value,
            note=data["note"],
            round=review_round,
            correcting=data["correcting"],
        )
        return Response(
            serializers.IndicatorValueSerializer(entry).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={200: serializers.IndicatorValueSerializer, **_ERRORS})
    @api_action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send your draft value to the plan lead; it is frozen from then on."""
        entry = _call(indicator_value_submit, value=self.get_object(), by=request.user)
        return Response(serializers.IndicatorValueSerializer(entry).data)

    @extend_schema(request=None, responses={200: serializers.IndicatorValueSerializer, **_ERRORS})
    @api_action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve a submitted value (plan lead): it counts now, superseding any it corrects."""
        entry = _call(indicator_value_approve, value=self.get_object(), by=request.user)
        return Response(serializers.IndicatorValueSerializer(entry).data)

    @extend_schema(
        request=serializers.DecisionSerializer,
        responses={200: serializers.IndicatorValueSerializer, **_ERRORS},
    )
    @api_action(detail=True, methods=["post"], url_path="return")
    def return_to_owner(self, request: Request, pk: str) -> Response:
        """Return a submitted value to its owner with what to change (plan lead)."""
        data = _valid(serializers.DecisionSerializer, request.data)
        entry = _call(
            indicator_value_return,
            value=self.get_object(),
            by=request.user,
            comment=data["comment"],
        )
        return Response(serializers.IndicatorValueSerializer(entry).data)


def _valid(serializer_class: type, data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _call(service: Any, **kwargs: Any) -> IndicatorValue:
    """A service's refusals as the API's: 403 for permission, 400 with the message, 409 stale."""
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except StaleVersionError as exc:
        raise _Conflict(str(exc)) from exc
    except DjangoValidationError as exc:
        raise ValidationError({"detail": exc.messages}) from exc


class _Conflict(ValidationError):
    status_code = status.HTTP_409_CONFLICT


@extend_schema(
    parameters=[
        OpenApiParameter(
            "as_at", OpenApiTypes.DATE, description="The date to rate as at; today if left out."
        )
    ],
    responses={200: serializers.ScorecardSerializer, 404: _ERRORS[404]},
)
@api_view(["GET"])
def plan_scorecard(request: Request, slug: str) -> HttpResponse:
    """The plan's scorecard: each indicator's latest approved value as at a date, its target,
    rating with the rule, direction of travel, comparators and trend. Decimal strings."""
    stamp = request_stamp(request)  # before what it keys
    plan = get_object_or_404(visible_plans(request.user), slug=slug)
    text = request.query_params.get("as_at")
    try:
        as_at = dt.date.fromisoformat(text) if text else timezone.localdate()
    except ValueError as exc:
        raise ValidationError({"as_at": ["A date as YYYY-MM-DD."]}) from exc
    key = f"headway:api:scorecard:{stamp}:{plan.pk}:{as_at}"
    content = cache.get(key)
    if content is None:
        rows = scorecard(plan, as_at)
        data = serializers.ScorecardSerializer(
            {
                "plan": plan.slug,
                "as_at": as_at,
                "illustrative": any(row.illustrative for row in rows),
                "rows": rows,
            }
        ).data
        content = JSONRenderer().render(data)
        cache.set(key, content, SCORECARD_CACHE_SECONDS)
    return HttpResponse(content, content_type="application/json")
