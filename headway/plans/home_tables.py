"""The home page's tables as GOV.UK table parameters, built here so the template only renders
them through the ``govuk`` tags (no table markup typed by hand)."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from headway.core.components import component
from headway.core.fractions import format_count

NUMERIC = "govuk-table__header--numeric"
NUMERIC_CELL = "govuk-table__cell--numeric"


def _tag(text: str, colour: str) -> SafeString:
    return component("tag", {"text": text, "classes": f"govuk-tag--{colour}"})


def _date(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else ""


def due_actions_table(actions: list[Any], today: dt.date) -> dict[str, Any]:
    """The actions the user records progress on that still need an update this round."""
    rows = []
    for action in actions:
        late = action.due_deadline and action.due_deadline < today
        if action.draft_state == "draft":
            state = _tag("Draft saved", "yellow")
        elif action.draft_state == "returned":
            state = _tag("Returned to you", "orange")
        else:
            state = _tag("No update yet", "grey")
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{} {}</a><br>'
                        '<span class="govuk-body-s">{}</span>',
                        reverse("plans:action", args=[action.plan.slug, action.pk]),
                        action.reference,
                        action.title,
                        action.plan.title,
                    )
                },
                {"text": action.due_round_title},
                {
                    "html": format_html(
                        "{}{}", _date(action.due_deadline), format_html(" {}", _tag("Late", "red"))
                    )
                    if late
                    else _date(action.due_deadline)
                },
                {"html": state},
            ]
        )
    return {
        "caption": (
            "Actions you own or were delegated, without an update sent for the current round"
        ),
        "captionClasses": "govuk-table__caption--s",
        "head": [
            {"text": "Action"},
            {"text": "Round"},
            {"text": "Update due by"},
            {"text": "State"},
        ],
        "rows": rows,
    }


def positions_table(positions: list[Any], columns: list[Any]) -> dict[str, Any]:
    """Each plan's position at its latest round."""
    rows = []
    for position in positions:
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a><br>'
                        '<span class="govuk-body-s">{}</span>',
                        reverse("plans:plan", args=[position.plan.slug]),
                        position.plan.title,
                        position.round_title or "No rounds yet",
                    )
                },
                {"text": str(position.counts.actions), "format": "numeric"},
                *(
                    {"text": format_count(position.counts[column.key]), "format": "numeric"}
                    for column in columns
                ),
            ]
        )
    return {
        "caption": "Each plan's position at its latest round (approved updates only)",
        "captionClasses": "govuk-table__caption--s",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Plan"},
            {"text": "Actions", "format": "numeric"},
            *({"text": column.label, "format": "numeric"} for column in columns),
        ],
        "rows": rows,
    }


def overdue_milestones_table(milestones: list[Any]) -> dict[str, Any]:
    return {
        "caption": "Milestones past their due date and not yet done",
        "captionClasses": "govuk-table__caption--s",
        "head": [{"text": "Milestone"}, {"text": "Action"}, {"text": "Was due"}],
        "rows": [
            [
                {"text": milestone.title},
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{} {}</a>',
                        reverse(
                            "plans:action", args=[milestone.action.plan.slug, milestone.action_id]
                        ),
                        milestone.action.reference,
                        milestone.action.title,
                    )
                },
                {"text": _date(milestone.due_date)},
            ]
            for milestone in milestones
        ],
    }
