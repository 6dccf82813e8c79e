"""One serialiser per entity: the API's representation, also the rows of the spreadsheet export."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from headway.core.fractions import to_json_number
from headway.core.text import LONG_TEXT_MAX
from headway.inspections.models import Finding, Inspection
from headway.plans.choices import Status
from headway.plans.models import (
    Action,
    Milestone,
    OutcomeArea,
    Plan,
    ProgressUpdate,
    ReviewRound,
)
from headway.risks.models import Risk
from headway.risks.services import NO_RISK_REASON_MAX, RISK_EDITABLE_FIELDS


class PlanSerializer(serializers.ModelSerializer):
    previous_plan = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = [
            "slug",
            "title",
            "division",
            "description",
            "period_start",
            "period_end",
            "previous_plan",
        ]


class OutcomeAreaSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = OutcomeArea
        fields = ["id", "plan", "number", "title", "short_title", "description"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "action", "position", "title", "due_date", "done_on"]


class ActionSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area_number = serializers.IntegerField(source="area.number", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "area",
            "area_number",
            "reference",
            "position",
            "title",
            "objective",
            "desired_outcome",
            "owner",
            "lead_officer",
            "timescale",
            "due_date",
            "revised_timescale",
            "revised_due_date",
            "revision_reason",
            "external_dependencies",
            "milestones",
            "version",
        ]


class ReviewRoundSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ReviewRound
        fields = ["id", "plan", "title", "as_at", "deadline", "closed_at"]


class SharesSerializer(serializers.Serializer):
    """Each status's share of the action, as a plain number (½ is 0.5)."""

    achieved = serializers.FloatField()
    significant_progress = serializers.FloatField()
    limited_progress_risk = serializers.FloatField()
    not_started = serializers.FloatField()
    dropped = serializers.FloatField()


class ProgressUpdateSerializer(serializers.ModelSerializer):
    assessment = serializers.SerializerMethodField()
    shares = serializers.SerializerMethodField()
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "round",
            "state",
            "assessment",
            "shares",
            "narrative",
            "narrative_exempt",
            "no_risk_reason",
            "author",
            "submitted_at",
            "decided_at",
            "decision_comment",
            "supersedes",
            "version",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_assessment(self, update: ProgressUpdate) -> str:
        return str(update.assessment)

    @extend_schema_field(SharesSerializer)
    def get_shares(self, update: ProgressUpdate) -> dict[str, float | int]:
        assessment = update.assessment
        return {status.value: to_json_number(assessment.share_of(status)) for status in Status}


class RiskInputSerializer(serializers.Serializer):
    """Required with Limited progress / risk, as on the form."""

    cause = serializers.CharField(max_length=LONG_TEXT_MAX)
    impact = serializers.CharField(max_length=LONG_TEXT_MAX)
    mitigation = serializers.CharField(max_length=LONG_TEXT_MAX)
    external_dependency = serializers.CharField(max_length=300, required=False, allow_blank=True)
    escalated_to = serializers.CharField(max_length=300, required=False, allow_blank=True)
    escalated_on = serializers.DateField(required=False, allow_null=True)


class RiskChoiceFields(serializers.Serializer):
    """At Limited progress / risk, one of three answers, as on the form: ``risk`` (raise a new
    risk), ``risk_link`` (the id of an open risk of the plan: the update's action is added to
    it) or ``no_risk_reason`` (why no risk is raised, at most 300 characters)."""

    risk = RiskInputSerializer(required=False, allow_null=True)
    risk_link = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text="The id of an open risk of the action's plan to link the update to.",
    )
    no_risk_reason = serializers.CharField(
        max_length=NO_RISK_REASON_MAX,
        required=False,
        allow_blank=True,
        help_text="Why no risk is raised for this Limited progress / risk.",
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        data = super().validate(data)
        given = [
            name
            for name in ("risk", "risk_link", "no_risk_reason")
            if data.get(name) not in (None, "")
        ]
        if len(given) > 1:
            raise serializers.ValidationError(
                {
                    "risk": [
                        "Give only one of risk, risk_link and no_risk_reason "
                        f"(not {' and '.join(given)})."
                    ]
                }
            )
        return data


class ProgressUpdateCreateSerializer(RiskChoiceFields):
    """A new draft: the assessment is written as on the form or a spreadsheet."""

    action = serializers.IntegerField(min_value=1)
    round = serializers.IntegerField(min_value=1)
    assessment = serializers.CharField(
        max_length=200,
        help_text="e.g. 'Achieved', 'Amber' or '½ achieved, ½ significant progress'.",
    )
    narrative = serializers.CharField(
        max_length=LONG_TEXT_MAX, help_text="What progress has been made."
    )
    narrative_exempt = serializers.BooleanField(default=False)


class ProgressUpdateChangeSerializer(RiskChoiceFields):
    """A change to one's own draft, carrying the version it was read at."""

    assessment = serializers.CharField(max_length=200)
    narrative = serializers.CharField(
        max_length=LONG_TEXT_MAX, help_text="What progress has been made."
    )
    narrative_exempt = serializers.BooleanField(default=False)
    version = serializers.IntegerField(min_value=1)


class RiskSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Risk
        # Everything a person may edit on a risk, in the register's order, and where it came from.
        fields = ["id", "plan", "actions", "raised_in", *RISK_EDITABLE_FIELDS]
        read_only_fields = ["id", "plan", "actions", "raised_in", *RISK_EDITABLE_FIELDS]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, risk: Risk) -> list[int]:
        """The linked actions' ids, in the plan's order (the view prefetches them)."""
        return [action.pk for action in risk.linked_actions]


class RiskChangeSerializer(serializers.Serializer):
    """The plan lead (or an administrator) names a risk in the committee report, or not."""

    named_in_report = serializers.BooleanField()
    version = serializers.IntegerField(min_value=1)


class FindingSerializer(serializers.ModelSerializer):
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = ["id", "inspection", "reference", "kind", "text", "actions"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, finding: Finding) -> list[int]:
        # The view prefetches only the actions of plans the user can see.
        return [action.pk for action in finding.actions.all()]


class InspectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inspection
        fields = [
            "id",
            "inspectorate",
            "service",
            "framework",
            "started_on",
            "ended_on",
            "judgement",
            "summary",
            "report_url",
        ]


class StatusCountsSerializer(serializers.Serializer):
    actions = serializers.IntegerField()
    achieved = serializers.FloatField()
    significant_progress = serializers.FloatField()
    limited_progress_risk = serializers.FloatField()
    not_started = serializers.FloatField()
    dropped = serializers.FloatField()
    no_update = serializers.FloatField()


class AreaCountsSerializer(StatusCountsSerializer):
    area = serializers.CharField()
    number = serializers.IntegerField()


class MoveSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class MovementSerializer(serializers.Serializer):
    previous_round = serializers.DateField(allow_null=True)
    up = MoveSerializer(many=True)
    down = MoveSerializer(many=True)
    stayed = serializers.IntegerField()
    newly_reported = serializers.IntegerField()


class PlanSummarySerializer(serializers.Serializer):
    """The shape of ``PlanSummary.as_json()``: the summary table at a round, with movement."""

    plan = serializers.CharField()
    plan_title = serializers.CharField()
    round = serializers.DateField()
    round_title = serializers.CharField()
    areas = AreaCountsSerializer(many=True)
    total = StatusCountsSerializer()
    movement = MovementSerializer()
