"""The inspection pages' GOV.UK tables and summary list, their parameters built here
(``{% load inspection_pages %}``): one component call per table, whatever its length."""

from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join

from headway.core.components import component
from headway.core.templatetags.headway import http_url
from headway.inspections.models import FindingKind, Inspection

register = template.Library()

_NUMERIC = "govuk-table__cell--numeric"


def _dates(inspection: Inspection, *, same_day_once: bool) -> str:
    text = format_date(inspection.started_on, "j F Y")
    ended = inspection.ended_on
    if ended and not (same_day_once and ended == inspection.started_on):
        text += f" to {format_date(ended, 'j F Y')}"
    return text


@register.simple_tag
def inspections_table(inspections: list[Inspection]) -> dict[str, Any]:
    """Every inspection with its judgement and how many of its findings no action answers."""
    rows = []
    for inspection in inspections:
        link = format_html(
            '<a class="govuk-link" href="{}">{}: {}</a>',
            inspection.get_absolute_url(),
            inspection.inspectorate,
            inspection.service,
        )
        if inspection.framework:
            link = format_html(
                '{}<br><span class="govuk-body-s">{}</span>', link, inspection.framework
            )
        rows.append(
            [
                {"html": link},
                {"text": _dates(inspection, same_day_once=True)},
                {"text": inspection.judgement or "None given"},
                {"text": str(inspection.finding_count), "format": "numeric"},
                {"text": str(inspection.unanswered_count), "format": "numeric"},
            ]
        )
    return {
        "caption": "External inspections and their judgements",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Inspection"},
            {"text": "Dates"},
            {"text": "Judgement"},
            {"text": "Findings", "format": "numeric"},
            {"text": "Not answered by an action", "format": "numeric"},
        ],
        "rows": rows,
    }


@register.simple_tag
def inspection_summary(inspection: Inspection) -> dict[str, Any]:
    """An inspection's framework, dates, judgement and report, as a summary list."""
    rows = [
        {"key": {"text": "Framework"}, "value": {"text": inspection.framework or "Not recorded"}},
        {"key": {"text": "Dates"}, "value": {"text": _dates(inspection, same_day_once=False)}},
        {"key": {"text": "Judgement"}, "value": {"text": inspection.judgement or "None given"}},
    ]
    report_url = http_url(inspection.report_url)
    if report_url:
        rows.append(
            {
                "key": {"text": "Report"},
                "value": {
                    "html": format_html(
                        '<a class="govuk-link" href="{}" rel="noopener noreferrer">'
                        "Read the inspection report</a>",
                        report_url,
                    )
                },
            }
        )
    return {"rows": rows}


@register.simple_tag
def findings_table(findings: list[Any]) -> dict[str, Any]:
    """An inspection's findings, each with the actions (that the reader may see) answering it."""
    no_action = component("tag", {"text": "No action", "classes": "govuk-tag--red"})
    rows = []
    for finding in findings:
        text = linebreaksbr(finding.text, autoescape=True)
        if finding.reference:
            text = format_html("<strong>{}</strong> {}", finding.reference, text)
        text = format_html(
            '{}<br><span class="govuk-body-s">{}</span>', text, finding.get_kind_display()
        )
        rows.append([{"html": text}, {"html": _answered_by(finding, no_action)}])
    return {
        "caption": "Findings and the actions answering them",
        "captionClasses": "govuk-visually-hidden",
        "head": [{"text": "Finding"}, {"text": "Answered by"}],
        "rows": rows,
    }


def _answered_by(finding: Any, no_action: str) -> str:
    visible = finding.visible_actions
    if visible:
        html = format_html(
            '<ul class="govuk-list">{}</ul>',
            format_html_join(
                "",
                '<li><a class="govuk-link" href="{}">{} {}</a></li>',
                ((a.get_absolute_url(), a.reference, a.title) for a in visible),
            ),
        )
        if finding.action_count > len(visible):
            html = format_html(
                '{}<p class="govuk-body-s">And actions in plans you have no role on.</p>', html
            )
        return html
    if finding.action_count:
        return "Actions in plans you have no role on"
    if finding.kind == FindingKind.STRENGTH:
        return "None needed: a strength"
    return no_action
