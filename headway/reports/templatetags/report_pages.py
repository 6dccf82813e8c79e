"""The report pages' GOV.UK components, their parameters built here rather than typed as markup
(``{% load report_pages %}``). The report itself (``_report_body.html``) is a print layout
shared with the PDF and HTML documents, not a page of components."""

import functools
from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from headway.core.components import component
from headway.plans.charts import svg_data_uri
from headway.plans.models import Plan
from headway.reports import text
from headway.reports.choices import ReportState
from headway.reports.models import CommitteeReport

register = template.Library()


@register.filter
def as_label(label: str) -> str:
    """``{{ label|as_label }}``: the label with its colon, or its own question mark."""
    return text.as_label(str(label))


@register.filter
def svg_src(svg: str) -> str:
    """A chart's SVG as a data: URI for an <img> (the page's Content-Security-Policy leaves an
    image's own colours alone)."""
    return svg_data_uri(svg)


_STATE_TAG_CLASSES = {
    ReportState.DRAFT: "govuk-tag--grey",
    ReportState.SUPERSEDED: "govuk-tag--yellow",
    ReportState.PUBLISHED: "govuk-tag--green",
}


@register.simple_tag
def report_breadcrumbs(plan: Plan, user: Any) -> list[dict[str, str]]:
    """The plan (for a signed-in reader) and its reports, as breadcrumbs' items."""
    items = []
    if user.is_authenticated:
        items.append(
            {"text": plan.title, "href": reverse("plans:plan", kwargs={"slug": plan.slug})}
        )
    items.append(
        {"text": "Committee reports", "href": reverse("reports:list", kwargs={"slug": plan.slug})}
    )
    return items


@register.simple_tag
def report_state_tag(report: CommitteeReport) -> SafeString:
    return component(
        "tag",
        {
            "text": report.get_state_display(),
            "classes": _STATE_TAG_CLASSES.get(report.state, "govuk-tag--grey"),
        },
    )


@register.simple_tag
def reports_table(
    rows: list[tuple[CommitteeReport, list[Any]]], can_draft: bool, member: bool
) -> dict[str, Any]:
    """The plan's reports as GOV.UK table parameters: round, state, when published, files."""
    body = []
    for report, files in rows:
        edition = f" (edition {report.edition})" if report.edition > 1 else ""
        published = "\u2013"  # an en dash: not published
        if report.published_at:
            published = format_date(report.published_at, "j F Y, H:i")
            if member and report.published_by:
                published += f" by {report.published_by.job_title or report.published_by}"
        body.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>{}',
                        report.get_absolute_url(),
                        report.round.title,
                        edition,
                    )
                },
                {"html": report_state_tag(report)},
                {"text": published},
                {"html": _files(report, files)},
            ]
        )
    return {
        "caption": "Drafts and published reports" if can_draft else "Published reports",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": False,
        "head": [
            {"text": "Round"},
            {"text": "State"},
            {"text": "Published"},
            {"text": "Downloads and SHA-256 checksums"},
        ],
        "rows": body,
    }


def _files(report: CommitteeReport, files: list[Any]) -> SafeString:
    if not files:
        empty = "Not published yet" if report.is_draft else "No files for you to download"
        return format_html('<ul class="govuk-list"><li>{}</li></ul>', empty)
    return format_html(
        '<ul class="govuk-list">{}</ul>',
        format_html_join(
            "",
            '<li><a class="govuk-link" href="{}">{}, {} ({})</a><br>'
            '<code class="app-checksum">{}</code></li>',
            (
                (
                    reverse(
                        "reports:download",
                        kwargs={"pk": report.pk, "audience": file.audience, "fmt": file.format},
                    ),
                    file.get_format_display(),
                    file.get_audience_display().lower(),
                    filesizeformat(file.size),
                    file.sha256,
                )
                for file in files
            ),
        ),
    )


@register.simple_tag
def stale_notice(stale: CommitteeReport) -> SafeString:
    """The version someone else saved, set beside the form after a save over it was refused."""
    return component(
        "inset-text",
        {
            "html": format_html(
                '<h2 class="govuk-heading-s">The version saved by someone else (version {})</h2>'
                '<p class="govuk-body">Title: {}</p>'
                '<p class="govuk-body">Decision maker: {}</p>'
                '<p class="govuk-body">Contact officer: {}</p>'
                '<p class="govuk-body">Copy what you need into the form, which still holds your '
                "changes, then save again.</p>",
                stale.version,
                stale.title,
                stale.decision_maker,
                stale.contact_officer_role,
            )
        },
    )


_KIND_TAGS = {
    "officer": ("Officer's", "govuk-tag--blue"),
    "drafted": ("Drafted", "govuk-tag--purple"),
    "placed": ("Figure", "govuk-tag--grey"),
}


@register.simple_tag
def body_sections(owner: Any) -> list[dict[str, Any]]:
    """The body page's sections, each block with its number, what it is (a tag), its words and
    the addresses of its pages. Built here so the template only lays them out."""
    from headway.reports.body import label

    tags = {
        kind: component("tag", {"text": t, "classes": c}) for kind, (t, c) in _KIND_TAGS.items()
    }
    sections = []
    last = len(owner.body)
    for number, section in enumerate(owner.body, start=1):
        blocks = []
        count = len(section["blocks"])
        for index, item in enumerate(section["blocks"]):
            blocks.append(
                {
                    # A block moves past its section's ends into the next; not past the body's.
                    "can_up": index > 0 or number > 1,
                    "can_down": index < count - 1 or number < last,
                    "id": item["id"],
                    "number": owner.numbers.get(item["id"], ""),
                    "kind": item["kind"],
                    "tag": tags[item["kind"]],
                    "label": label(item),
                    "text": item["text"],
                    "exempt": item["exempt"],
                    "edit": owner.block_url(item["id"]),
                    "before": owner.url("add", before=item["id"]),
                    "after": owner.url("add", after=item["id"]),
                    "remove_text": "Remove" if item["kind"] == "officer" else "Leave out",
                }
            )
        sections.append(
            {
                "id": section["id"],
                "number": number,
                "heading": section["heading"],
                "numbered": section["numbered"],
                "blocks": blocks,
                "first": number == 1,
                "last": number == last,
                "change": owner.url("section", section=section["id"]),
                "add_end": owner.url("add", section=section["id"]),
                "add_section": owner.url("section", after=section["id"]),
            }
        )
    return sections


_BODY_BUTTONS = {
    "up": ("Move up", "block_up", "govuk-button--secondary"),
    "down": ("Move down", "block_down", "govuk-button--secondary"),
    "remove": ("Remove", "block_remove", "govuk-button--secondary"),
    "leave_out": ("Leave out", "block_remove", "govuk-button--secondary"),
    "section_up": ("Move section up", "section_up", "govuk-button--secondary"),
    "section_down": ("Move section down", "section_down", "govuk-button--secondary"),
    "section_remove": ("Remove section", "section_remove", "govuk-button--secondary"),
}


@register.simple_tag
def body_buttons() -> dict[str, SafeString]:
    """The body page's buttons (each names its action; the form names its target), rendered
    once per process: a page has several for every block."""
    return _body_buttons()


@functools.lru_cache(maxsize=1)
def _body_buttons() -> dict[str, SafeString]:
    return {
        key: component(
            "button",
            {"text": text, "name": "action", "value": value, "classes": classes},
        )
        for key, (text, value, classes) in _BODY_BUTTONS.items()
    }
