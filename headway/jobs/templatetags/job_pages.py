"""The job page's GOV.UK components, their parameters built here (``{% load job_pages %}``)."""

from typing import Any

from django import template
from django.utils.html import escape, format_html

from headway.jobs.models import Job

register = template.Library()


@register.simple_tag
def job_success_banner(job: Job) -> dict[str, Any]:
    """A finished job's success banner: its message, and where to go next."""
    html = format_html('<p class="govuk-notification-banner__heading">{}</p>', job.message)
    if job.next_url:
        html = format_html(
            '{}<p class="govuk-body">'
            '<a class="govuk-notification-banner__link" href="{}">{}</a></p>',
            html,
            job.next_url,
            "Download the file" if job.file else "Continue",
        )
    return {"type": "success", "html": html, "titleId": "job-banner-title"}


@register.simple_tag
def job_problems_table(problems: list[dict[str, Any]]) -> dict[str, Any]:
    """A failed job's problems, one row each: where, the value found, what is wrong."""
    count = len(problems)
    return {
        "caption": f"{count} problem{'' if count == 1 else 's'}",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Where"}, {"text": "Value"}, {"text": "What is wrong"}],
        "rows": [
            [
                # Escaped by Django (as the rest of the page), not by the macro: the same text.
                {"html": escape(problem.get("where", ""))},
                {"html": escape(problem.get("value") or "(blank)")},
                {"html": escape(problem.get("message", ""))},
            ]
            for problem in problems
        ],
    }


@register.simple_tag
def stalled_warning(minutes: int) -> str:
    return (
        f"This stopped without finishing: nothing has been heard from it for over {minutes} "
        "minutes. Nothing it was writing was kept. Start it again; if it stops again, tell the "
        "performance team."
    )
