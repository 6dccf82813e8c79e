from typing import Any

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Risk


class RiskAdminForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "plan",
            "actions",
            "title",
            "cause",
            "impact",
            "mitigation",
            "external_dependency",
            "escalated_to",
            "escalated_on",
            "status",
            "exempt",
            "named_in_report",
            "recorded_by",
        ]

    def clean(self) -> dict[str, Any]:
        """Every linked action must be in the risk's plan, as ``risks.services`` insists."""
        data = super().clean()
        plan, actions = data.get("plan"), data.get("actions") or []
        outside = [a.reference for a in actions if plan is not None and a.plan_id != plan.pk]
        if outside:
            self.add_error(
                "actions", f"These actions are not in the risk's plan: {', '.join(outside)}."
            )
        return data


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    form = RiskAdminForm
    list_display = ("title", "plan", "status", "named_in_report", "escalated_to", "escalated_on")
    list_filter = ("plan", "status", "named_in_report", "actions__area")
    search_fields = ("title", "actions__reference", "actions__title", "cause")
    list_select_related = ("plan",)
    autocomplete_fields = ("actions",)
    readonly_fields = ("version", "raised_in")
