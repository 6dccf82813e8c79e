"""The REST API: thin views over the same permissions, selectors and services as the pages.

Every queryset starts from the plans the user may see (``visible_plans``), so a plan the user
cannot see answers 404 exactly as its page does. Owners record progress through the same
service as the form (``progress_update_record``), under the same rules.
"""

from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from headway.core.pagecache import request_stamp
from headway.inspections.models import Finding, Inspection
from headway.plans.assessment import Assessment
from headway.plans.models import Action, Milestone, OutcomeArea, Plan, ProgressUpdate, ReviewRound
from headway.plans.permissions import (
    can_approve_updates,
    can_record_progress,
    updates_visible_to,
    visible_plans,
)
from headway.plans.selectors import (
    plan_summary,
    round_latest,
)
from headway.plans.services import StaleVersionError, progress_update_submit
from headway.progress.services import progress_update_record
from headway.risks.models import Risk
from headway.risks.services import NoRiskReason, RiskDetails, RiskLinkChoice, risk_update

from . import filters, serializers

SUMMARY_CACHE_SECONDS = 600

_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="What was wrong, by field."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed for this user."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="No such record visible to you."),
}


def _plans(request: Request) -> QuerySet[Plan]:
    return visible_plans(request.user)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PlanSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Plan]:
        return _plans(self.request).select_related("previous_plan").order_by("-period_start", "pk")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "round",
                int,
                description="A review round's id; the plan's latest round if left out.",
            )
        ],
        responses={200: serializers.PlanSummarySerializer, 404: _ERRORS[404]},
    )
    @api_action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def summary(self, request: Request, slug: str) -> Response:
        """The summary table at a round: the same figures as ``plan_summary --format json``."""
        stamp = request_stamp(request)  # before what it keys
        plan = self.get_object()
        round_id = request.query_params.get("round")
        if round_id is None:
            review_round = round_latest(plan=plan)
            if review_round is None:
                raise Http404("This plan has no review rounds yet.")
        else:
            if not round_id.isdigit():
                raise ValidationError({"round": ["A review round's id (a whole number)."]})
            review_round = get_object_or_404(ReviewRound, plan=plan, pk=int(round_id))
        return HttpResponse(
            _summary_json(plan, review_round, stamp), content_type="application/json"
        )


def _summary_json(plan: Plan, review_round: ReviewRound, stamp: str) -> bytes:
    """The summary as JSON bytes, recomputed only when something it is made from has changed.

    Integrations poll this; at thousands of actions the movement between rounds takes far
    longer to compute and render than the content stamp (``headway.core.changes``) takes to say
    nothing changed.
    """
    key = f"headway:api:summary:{stamp}:{review_round.pk}"
    content = cache.get(key)
    if content is None:
        content = JSONRenderer().render(plan_summary(plan=plan, round=review_round).as_json())
        cache.set(key, content, SUMMARY_CACHE_SECONDS)
    return content


class OutcomeAreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.OutcomeAreaSerializer
    filterset_class = filters.OutcomeAreaFilter

    def get_queryset(self) -> QuerySet[OutcomeArea]:
        return (
            OutcomeArea.objects.filter(plan__in=_plans(self.request))
            .select_related("plan")
            .order_by("plan_id", "number")
        )


class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilter

    def get_queryset(self) -> QuerySet[Action]:
        return (
            Action.objects.filter(plan__in=_plans(self.request))
            .select_related("plan", "area", "owner")
            .prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("position", "due_date"))
            )
            .order_by("plan_id", "area__number", "position", "reference")
        )


class MilestoneViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilter

    def get_queryset(self) -> QuerySet[Milestone]:
        return Milestone.objects.filter(action__plan__in=_plans(self.request)).order_by(
            "action_id", "position", "due_date", "pk"
        )


class ReviewRoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ReviewRoundSerializer
    filterset_class = filters.ReviewRoundFilter

    def get_queryset(self) -> QuerySet[ReviewRound]:
        return (
            ReviewRound.objects.filter(plan__in=_plans(self.request))
            .select_related("plan")
            .order_by("plan_id", "as_at")
        )


class ProgressUpdateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Progress updates. A draft is seen only by its author and the action's owner and
    delegates (``permissions.can_see_draft``), as on the pages."""

    serializer_class = serializers.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter

    def get_queryset(self) -> QuerySet[ProgressUpdate]:
        updates = ProgressUpdate.objects.filter(action__plan__in=_plans(self.request))
        if not getattr(self, "swagger_fake_view", False):  # the schema's request has no user
            updates = updates_visible_to(self.request.user, updates)
        return updates.select_related("author").order_by("round__as_at", "action_id", "pk")

    @extend_schema(
        request=serializers.ProgressUpdateCreateSerializer,
        responses={201: serializers.ProgressUpdateSerializer, **_ERRORS},
    )
    def create(self, request: Request) -> Response:
        """Start a draft update on an action you own, in the plan's current round."""
        data = _valid(serializers.ProgressUpdateCreateSerializer, request.data)
        action = Action.objects.filter(plan__in=_plans(request), pk=data["action"]).first()
        if action is None:
            raise ValidationError({"action": ["No such action in a plan you can see."]})
        _require_recorder(request, action)
        review_round = ReviewRound.objects.filter(plan_id=action.plan_id, pk=data["round"]).first()
        if review_round is None:
            raise ValidationError({"round": ["No such round in the action's plan."]})
        update = _record(request, action, review_round, data, draft=None)
        return Response(
            serializers.ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=serializers.ProgressUpdateChangeSerializer,
        responses={
            200: serializers.ProgressUpdateSerializer,
            409: OpenApiResponse(OpenApiTypes.OBJECT, description="Someone saved it since."),
            **_ERRORS,
        },
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change your draft, giving the version you read (a newer save is never overwritten)."""
        update = self.get_object()
        _require_recorder(request, update.action)
        if not update.is_draft:
            raise ValidationError(
                {"detail": ["Only a draft can be changed; record a correction instead."]}
            )
        data = _valid(serializers.ProgressUpdateChangeSerializer, request.data)
        try:
            update = _record(request, update.action, update.round, data, draft=update)
        except StaleVersionError as exc:
            return Response(
                {"detail": str(exc), "current_version": exc.current.version},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(serializers.ProgressUpdateSerializer(update).data)

    @extend_schema(request=None, responses={200: serializers.ProgressUpdateSerializer, **_ERRORS})
    @api_action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send your draft to the plan lead; its content is frozen from then on."""
        update = self.get_object()
        _require_recorder(request, update.action)
        try:
            update = progress_update_submit(update=update, by=request.user)
        except DjangoValidationError as exc:
            raise ValidationError({"detail": exc.messages}) from exc
        return Response(serializers.ProgressUpdateSerializer(update).data)


def _valid(serializer_class: type, data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _require_recorder(request: Request, action: Action) -> None:
    if not can_record_progress(request.user, action):
        raise PermissionDenied("Only the action's owner, a delegate or the plan lead records it.")


def _record(request, action, review_round, data, *, draft) -> ProgressUpdate:
    try:
        assessment = Assessment.parse(data["assessment"])
    except DjangoValidationError as exc:
        raise ValidationError({"assessment": exc.messages}) from exc
    risk: Any = None
    if data.get("risk"):
        risk = RiskDetails(**data["risk"])
    elif data.get("risk_link"):
        risk = RiskLinkChoice(risk_id=data["risk_link"])
    elif (data.get("no_risk_reason") or "").strip():
        risk = NoRiskReason(reason=data["no_risk_reason"])
    try:
        return progress_update_record(
            action=action,
            round=review_round,
            by=request.user,
            assessment=assessment,
            narrative=data["narrative"],
            narrative_exempt=data["narrative_exempt"],
            draft=draft,
            expected_version=data.get("version"),
            risk=risk,
        )
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except DjangoValidationError as exc:
        raise ValidationError({"detail": exc.messages}) from exc


class RiskViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The risk register. The plan lead or an administrator names a risk in the committee
    report (PATCH ``named_in_report`` with the ``version`` read)."""

    serializer_class = serializers.RiskSerializer
    filterset_class = filters.RiskFilter
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Risk]:
        return (
            Risk.objects.filter(plan__in=_plans(self.request))
            .select_related("plan")
            .prefetch_related(
                Prefetch(
                    "actions",
                    queryset=Action.objects.order_by("area__number", "position", "reference"),
                    to_attr="linked_actions",
                )
            )
            .order_by("plan_id", "pk")
        )

    @extend_schema(
        request=serializers.RiskChangeSerializer,
        responses={
            200: serializers.RiskSerializer,
            409: OpenApiResponse(OpenApiTypes.OBJECT, description="Someone saved it since."),
            **_ERRORS,
        },
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Name the risk in the committee report, or stop naming it (plan lead or
        administrator), giving the version you read."""
        risk = self.get_object()
        if not can_approve_updates(request.user, risk.plan):
            raise PermissionDenied("Only the plan lead or an administrator names risks.")
        data = _valid(serializers.RiskChangeSerializer, request.data)
        try:
            risk = risk_update(
                risk=risk,
                by=request.user,
                expected_version=data["version"],
                changes={"named_in_report": data["named_in_report"]},
            )
        except StaleVersionError as exc:
            return Response(
                {"detail": str(exc), "current_version": exc.current.version},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(serializers.RiskSerializer(self.get_queryset().get(pk=risk.pk)).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, kwargs["pk"])


class InspectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Inspections are public documents: every signed-in user reads them, as on the pages."""

    serializer_class = serializers.InspectionSerializer
    queryset = Inspection.objects.order_by("-started_on", "pk")


class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    """Findings, each with the ids of the answering actions in plans the user can see."""

    serializer_class = serializers.FindingSerializer
    filterset_class = filters.FindingFilter

    def get_queryset(self) -> QuerySet[Finding]:
        visible = Action.objects.filter(plan__in=_plans(self.request)).only("pk")
        return Finding.objects.prefetch_related(Prefetch("actions", queryset=visible)).order_by(
            "inspection_id", "reference", "pk"
        )
