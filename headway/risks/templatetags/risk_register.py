"""The risk register's part of other apps' pages.

The plan page shows the plan's open risks, but ``plans`` does not depend on ``risks`` (risks
hang off actions): its template asks for them here, ``{% open_risks plan as risks %}``."""

from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from headway.core.components import component
from headway.plans.models import Action, Plan, ReviewRound
from headway.risks.models import Risk, RiskStatus
from headway.risks.selectors import limited_actions_without_risk, risks_open_on_plan

register = template.Library()


@register.simple_tag
def open_risks(plan: Plan) -> list[Risk]:
    return risks_open_on_plan(plan=plan)


@register.simple_tag
def limited_without_risk(plan: Plan, round: ReviewRound | None) -> list[Action]:
    return limited_actions_without_risk(plan=plan, round=round)


@register.simple_tag
def risk_table(plan: Plan, risks: list[Risk], show_all: bool = False) -> dict[str, Any]:
    """The risks as one GOV.UK table: the action at risk, cause, impact, mitigation, escalation."""
    closed = component("tag", {"text": "Closed", "classes": "govuk-tag--grey"})
    rows = []
    named = component("tag", {"text": "Named in the report", "classes": "govuk-tag--blue"})
    for risk in risks:
        action = format_html(
            '<strong>{}</strong><ul class="govuk-list govuk-body-s">{}</ul>',
            risk.title,
            format_html_join(
                "",
                '<li><a class="govuk-link" href="{}">{} {}</a></li>',
                (
                    (
                        reverse("plans:action", kwargs={"slug": plan.slug, "pk": a.pk}),
                        a.reference,
                        a.title,
                    )
                    for a in risk.linked_actions
                ),
            ),
        )
        if risk.named_in_report:
            action = format_html("{} {}", action, named)
        if risk.status == RiskStatus.CLOSED:
            action = format_html("{} {}", action, closed)
        cause = linebreaksbr(risk.cause, autoescape=True)
        if risk.external_dependency:
            cause = format_html(
                '{}<br><span class="govuk-body-s">Depends on: {}</span>',
                cause,
                risk.external_dependency,
            )
        rows.append(
            [
                {"html": action},
                {"html": cause},
                {"html": linebreaksbr(risk.impact, autoescape=True)},
                {"html": linebreaksbr(risk.mitigation, autoescape=True)},
                {"text": escalation(risk)},
            ]
        )
    count = len(risks)
    noun = "risk" if show_all else "open risk"
    return {
        "caption": f"{count} {noun}{'' if count == 1 else 's'}",
        "captionClasses": "govuk-table__caption--m",
        "classes": "app-risk-table",
        "head": [
            {"text": "Risk and its actions"},
            {"text": "Cause"},
            {"text": "Impact"},
            {"text": "Mitigation"},
            {"text": "Escalation"},
        ],
        "rows": rows,
    }


def escalation(risk: Risk) -> str:
    """To whom the risk was escalated, and when; or "Not escalated"."""
    if not risk.is_escalated:
        return "Not escalated"
    if risk.escalated_on:
        return f"{risk.escalated_to}, {format_date(risk.escalated_on, 'j F Y')}"
    return str(risk.escalated_to)


@register.simple_tag
def limited_table(
    plan: Plan, actions: list[Action], round: ReviewRound | None = None
) -> dict[str, Any]:
    """Actions at limited progress with no risk described, with their owners and the reason
    each owner gave for raising none, as one table."""
    as_at = f", as at {format_date(round.as_at, 'j F Y')}" if round else ""
    return {
        "caption": f"Limited progress with no risk described{as_at}",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Action"}, {"text": "Owner"}, {"text": "Why no risk is described"}],
        "rows": [
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{} {}</a>',
                        reverse("plans:action", kwargs={"slug": plan.slug, "pk": action.pk}),
                        action.reference,
                        action.title,
                    )
                },
                {
                    "text": (action.owner.job_title or action.owner.get_username())
                    if action.owner
                    else "Unassigned"
                },
                {
                    "text": f"No risk raised: {action.no_risk_reason}"
                    if getattr(action, "no_risk_reason", "")
                    else "Not given"
                },
            ]
            for action in actions
        ],
    }
