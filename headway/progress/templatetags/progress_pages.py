"""Tags for the progress pages' repeated GOV.UK components, built from the records they show.

{% load progress_pages %}
{% progress_breadcrumbs plan action %}      (action optional)
{% update_summary update plan %}            (an update as a GOV.UK summary list)
"""

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from headway.core.components import component

register = template.Library()


@register.simple_tag
def progress_breadcrumbs(plan: Any, action: Any = None) -> SafeString:
    items = [
        {"text": "Home", "href": reverse("home")},
        {"text": plan.title, "href": plan.get_absolute_url()},
    ]
    if action:  # absent from a page's context, it comes as ""
        items.append({"text": f"Action {action.reference}", "href": action.get_absolute_url()})
    return component("breadcrumbs", {"items": items})


def _row(key: str, value: Any) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"html": value}}


@register.simple_tag
def update_summary(update: Any, plan: Any, submitted: bool = True) -> SafeString:
    """A submitted update as the plan lead judges it: assessment, narrative, who sent it and
    when, its risk and its evidence. Every typed text is escaped."""
    narrative = linebreaksbr(update.narrative)
    if update.narrative_exempt:
        narrative = format_html(
            "{} {}", narrative, component("tag", {"text": "Exempt", "classes": "govuk-tag--grey"})
        )
    rows = [
        _row("Assessment", format_html("{}", update.assessment)),
        _row("Narrative", narrative),
    ]
    if submitted and update.submitted_at:
        rows.append(
            _row(
                "Submitted",
                format_html(
                    "{} by {} ({})",
                    f"{update.submitted_at:%-d %B %Y}",
                    update.author,
                    update.round.title,
                ),
            )
        )
    for risk in update.risks.all():
        escalation = (
            format_html(
                "to {}{}",
                risk.escalated_to,
                f" on {risk.escalated_on:%-d %B %Y}" if risk.escalated_on else "",
            )
            if risk.escalated_to
            else "not escalated"
        )
        rows.append(
            _row(
                "Risk",
                format_html(
                    '<p class="govuk-body"><strong>Cause:</strong> {}</p>'
                    '<p class="govuk-body"><strong>Impact:</strong> {}</p>'
                    '<p class="govuk-body"><strong>Mitigation:</strong> {}</p>'
                    '<p class="govuk-body govuk-!-margin-bottom-0"><strong>Escalation:</strong> '
                    "{}</p>",
                    linebreaksbr(risk.cause),
                    linebreaksbr(risk.impact),
                    linebreaksbr(risk.mitigation),
                    escalation,
                ),
            )
        )
    link = _risk_link(update)
    if link is not None:
        rows.append(
            _row(
                "Risk", format_html("Linked to the open risk: <strong>{}</strong>", link.risk.title)
            )
        )
    if update.no_risk_reason:
        rows.append(_row("Risk", format_html("No risk raised: {}", update.no_risk_reason)))
    evidence = list(update.evidence.all())
    if evidence:
        links = format_html_join(
            "",
            '<li><a class="govuk-link" href="{}"{}>{}</a></li>',
            (
                (
                    reverse("progress:evidence", kwargs={"slug": plan.slug, "pk": e.pk})
                    if e.file
                    else e.url,
                    "" if e.file else format_html(' rel="{}"', "noopener noreferrer"),
                    e.title,
                )
                for e in evidence
            ),
        )
        rows.append(_row("Evidence", format_html('<ul class="govuk-list">{}</ul>', links)))
    return component("summary-list", {"rows": rows})


def _risk_link(update: Any) -> Any:
    """The update's link to an existing risk (selected with it by the selectors), if any."""
    try:
        return update.risk_link
    except ObjectDoesNotExist:
        return None


@register.simple_tag
def decision_buttons(update: Any) -> SafeString:
    """Approve, and Return to owner: returning is not destructive (the owner writes a new
    update from it), so it is a secondary button, not a warning one."""
    reference = update.action.reference
    approve = component(
        "button",
        {
            "html": format_html(
                'Approve<span class="govuk-visually-hidden"> the update on {}</span>', reference
            ),
            "name": "decision",
            "value": "approve",
        },
    )
    give_back = component(
        "button",
        {
            "html": format_html(
                'Return to owner<span class="govuk-visually-hidden"> (update on {})</span>',
                reference,
            ),
            "name": "decision",
            "value": "return",
            "classes": "govuk-button--secondary",
        },
    )
    return format_html('<div class="govuk-button-group">{}{}</div>', approve, give_back)


@register.simple_tag
def conflict_table(conflict: list[tuple[str, str, str]]) -> SafeString:
    """After a save over a newer version was refused: each field, yours and the saved one."""
    return component(
        "table",
        {
            "caption": "Your version and the saved version",
            "captionClasses": "govuk-table__caption--m",
            "attributes": {"id": "conflict"},
            "firstCellIsHeader": True,
            "head": [
                {"text": "Field"},
                {"text": "Your version (not saved)"},
                {"text": "Saved version (by someone else)"},
            ],
            "rows": [
                [{"text": label}, {"html": linebreaksbr(yours)}, {"html": linebreaksbr(saved)}]
                for label, yours, saved in conflict
            ],
        },
    )
