from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Comparator, Indicator, IndicatorValue, RoundCollection, Target


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "title", "plan", "unit", "polarity", "frequency", "owner")
    list_filter = ("plan", "unit", "polarity", "frequency")
    search_fields = ("reference", "title")
    autocomplete_fields = ("owner", "actions")
    filter_horizontal = ("delegates", "areas")
    readonly_fields = ("version",)


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period", "value", "tolerance")
    list_filter = ("indicator__plan",)
    readonly_fields = ("version",)


@admin.register(Comparator)
class ComparatorAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period", "name", "value")
    list_filter = ("indicator__plan", "kind")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    """Read-only: values change state through the services (submit, approve, correct)."""

    list_display = ("indicator", "period", "value", "state", "author")
    list_filter = ("indicator__plan", "state")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RoundCollection)
class RoundCollectionAdmin(SimpleHistoryAdmin):
    list_display = ("round", "period_start", "period_end")
