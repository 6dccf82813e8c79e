from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin_filters import ActionStatusFilter, UpdateStatusFilter
from .models import (
    Action,
    Evidence,
    Milestone,
    OutcomeArea,
    Plan,
    PlanMembership,
    ProgressUpdate,
    ReviewRound,
)


class OutcomeAreaInline(admin.TabularInline):
    model = OutcomeArea
    extra = 0
    fields = ("number", "title", "short_title")


class ReviewRoundInline(admin.TabularInline):
    model = ReviewRound
    extra = 0
    fields = ("title", "as_at", "deadline", "closed_at")
    readonly_fields = ("closed_at",)


class PlanMembershipInline(admin.TabularInline):
    model = PlanMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "slug", "period_start", "period_end", "previous_plan")
    search_fields = ("title", "slug", "division")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (OutcomeAreaInline, ReviewRoundInline, PlanMembershipInline)


@admin.register(OutcomeArea)
class OutcomeAreaAdmin(SimpleHistoryAdmin):
    list_display = ("number", "title", "plan")
    list_filter = ("plan",)
    search_fields = ("title", "short_title")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("position", "title", "due_date", "done_on", "reason_after_plan_end")


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "title", "area", "owner", "current_timescale", "plan")
    list_filter = ("plan", "area", ActionStatusFilter, "owner")
    search_fields = ("reference", "title", "objective")
    list_select_related = ("area", "owner", "plan")
    autocomplete_fields = ("owner", "delegates", "carried_from")
    inlines = (MilestoneInline,)
    readonly_fields = ("version",)
    fieldsets = (
        (None, {"fields": ("plan", "area", "reference", "position", "title")}),
        ("What and why", {"fields": ("objective", "desired_outcome", "external_dependencies")}),
        ("Who", {"fields": ("owner", "delegates", "lead_officer")}),
        (
            "When",
            {
                "fields": (
                    "timescale",
                    "due_date",
                    "revised_timescale",
                    "revised_due_date",
                    "revision_reason",
                )
            },
        ),
        ("Continuity", {"fields": ("carried_from", "version")}),
    )


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("title", "action", "due_date", "done_on")
    list_filter = ("action__plan", "action__area", "action__owner")
    search_fields = ("title", "action__reference", "action__title")
    list_select_related = ("action",)


@admin.register(ReviewRound)
class ReviewRoundAdmin(SimpleHistoryAdmin):
    list_display = ("title", "plan", "as_at", "deadline", "closed_at")
    list_filter = ("plan",)
    search_fields = ("title",)
    readonly_fields = ("closed_at", "closed_by")


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Updates are append-only: the admin shows them but never edits or deletes a submitted one."""

    list_display = ("action", "round", "state", "assessment_text", "author", "submitted_at")
    list_filter = (
        "round__plan",
        "action__area",
        UpdateStatusFilter,
        "state",
        "action__owner",
        "round",
    )
    search_fields = ("action__reference", "action__title", "narrative")
    list_select_related = ("action", "round", "author")
    inlines = (EvidenceInline,)
    autocomplete_fields = ("action", "supersedes")

    @admin.display(description="Assessment")
    def assessment_text(self, obj: ProgressUpdate) -> str:
        return str(obj.assessment)

    def get_readonly_fields(self, request, obj=None):
        base = ("state", "submitted_at", "decided_at", "decided_by", "version")
        if obj is not None and not obj.is_draft:
            return [f.name for f in self.model._meta.fields]
        return base

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or obj.is_draft


@admin.register(PlanMembership)
class PlanMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "plan")
    list_filter = ("plan", "role")
    search_fields = ("user__username", "user__job_title")
    autocomplete_fields = ("user",)
