"""Indicators in the API: one serialiser per entity (also the spreadsheet export's rows).
Figures are decimal strings ("9.5"), never floats."""

from rest_framework import serializers

from headway.core.text import LONG_TEXT_MAX
from headway.indicators.models import Comparator, Indicator, IndicatorValue, Target

FIGURE = {"max_digits": 14, "decimal_places": 4}


class IndicatorSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    actions = serializers.SlugRelatedField(slug_field="reference", many=True, read_only=True)
    areas = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "plan",
            "reference",
            "position",
            "title",
            "definition",
            "unit",
            "decimal_places",
            "polarity",
            "frequency",
            "owner",
            "data_source",
            "areas",
            "actions",
            "illustrative",
            "version",
        ]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "indicator", "period", "value", "tolerance", "version"]


class ComparatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comparator
        fields = ["id", "indicator", "period", "kind", "name", "value"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "period",
            "round",
            "value",
            "note",
            "state",
            "author",
            "submitted_at",
            "decided_at",
            "decided_by",
            "decision_comment",
            "supersedes",
            "version",
        ]


class IndicatorValueCreateSerializer(serializers.Serializer):
    """A draft value for a period (the first day of the month, quarter or year). ``value`` is
    read as text in the indicator's unit ("12.5", "12.5%"), so a float never enters it.
    ``correcting`` starts a correction of the period's approved value (``note`` says why)."""

    indicator = serializers.IntegerField()
    period = serializers.DateField()
    value = serializers.CharField(max_length=40)
    note = serializers.CharField(max_length=LONG_TEXT_MAX, allow_blank=True, default="")
    round = serializers.IntegerField(required=False, allow_null=True)
    correcting = serializers.BooleanField(default=False)


class DecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=LONG_TEXT_MAX, allow_blank=True, default="")


class ComparatorFigureSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.DecimalField(**FIGURE)
    text = serializers.CharField()


class TrendPointSerializer(serializers.Serializer):
    period = serializers.DateField()
    label = serializers.CharField()
    value = serializers.DecimalField(**FIGURE, allow_null=True)
    target = serializers.DecimalField(**FIGURE, allow_null=True)


class ScorecardRowSerializer(serializers.Serializer):
    """One row of ``indicators.selectors.scorecard``."""

    indicator_id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField()
    decimal_places = serializers.IntegerField()
    polarity = serializers.CharField()
    illustrative = serializers.BooleanField()
    period = serializers.DateField(allow_null=True)
    period_label = serializers.CharField()
    value = serializers.DecimalField(**FIGURE, allow_null=True)
    value_text = serializers.CharField()
    target = serializers.DecimalField(**FIGURE, allow_null=True)
    target_text = serializers.CharField()
    tolerance_text = serializers.CharField()
    rating = serializers.CharField()
    rating_label = serializers.CharField()
    rule = serializers.CharField()
    previous = serializers.CharField()
    previous_text = serializers.CharField()
    last_year = serializers.CharField()
    last_year_text = serializers.CharField()
    comparators = ComparatorFigureSerializer(many=True)
    trend = TrendPointSerializer(many=True)


class ScorecardSerializer(serializers.Serializer):
    plan = serializers.CharField()
    as_at = serializers.DateField()
    illustrative = serializers.BooleanField()
    rows = ScorecardRowSerializer(many=True)
