"""The indicators' part of other apps' pages: the plan page's scorecard and the owner's values
due on the home page. ``plans`` does not depend on ``indicators``; its templates ask here."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from headway.plans.models import Plan, ReviewRound

from ..presenters import (
    ILLUSTRATIVE_TEXT,
    decision_buttons,
    scorecard_table,
    trend_figures_table,
    value_summary_list,
    values_due_rows,
)
from ..selectors import scorecard, values_due_for_user

register = template.Library()


@register.simple_tag
def plan_scorecard(plan: Plan, selected_round: ReviewRound | None) -> SafeString:
    """The scorecard as at the round shown (today without one); nothing if the plan has no
    indicators. Rendered inside the plan page's cached sections: ``plans.selectors``'
    fingerprint counts and dates the indicators' rows, so an approval shows at once."""
    as_at = selected_round.as_at if selected_round else timezone.localdate()
    rows = scorecard(plan, as_at)
    if not rows:
        return SafeString("")
    return render_to_string(
        "indicators/includes/scorecard.html",
        {
            "plan": plan,
            "rows": rows,
            "table": scorecard_table(plan.slug, rows, as_at),
            "figures": trend_figures_table(rows),
            "illustrative": any(row.illustrative for row in rows),
            "illustrative_text": ILLUSTRATIVE_TEXT,
        },
    )


@register.simple_tag
def indicator_values_due(user: Any) -> list[Any]:
    return values_due_for_user(user=user)


@register.simple_tag
def values_due_table(due: list[Any]) -> dict[str, Any]:
    return values_due_rows(due)


@register.simple_tag
def value_summary(value: Any) -> dict[str, Any]:
    return value_summary_list(value)


@register.simple_tag
def value_decision_buttons(value: Any) -> SafeString:
    return decision_buttons(value)
