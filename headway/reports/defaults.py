"""Defaults for the repetitive parts of a report, in layers.

A new report takes each part from the first of these that says something: the plan's previous
report (councils change the front sheet rarely), the plan's own defaults, the organisation's
defaults (both edited in the app, ``ReportDefaults``), ``settings.HEADWAY_REPORT_DEFAULTS``, and
the wording below, which follows the source report. ``{plan_title}``, ``{period}`` and
``{division}`` are filled in from the plan.
"""

from typing import Any

from django.conf import settings

BUILT_IN_DEFAULTS: dict[str, str] = {
    "decision_maker": "",
    "decision_type": "Non-Executive Non-Key",
    "contact_officer_role": "",
    "contact_officer_contact": "",
    "chief_officer": "",
    "wards": "(All Wards)",
    "policy_status": "Not Applicable",
    "priority_label": "Priority",
    "priority": "",
    "cost_of_proposal": "Not Applicable",
    "ongoing_costs": "Not Applicable",
    "budget_head": "",
    "current_budget": "£",
    "funding_source": "",
    "staff_number": "",
    "staff_hours": "",
    "legal_requirement": "",
    "call_in": "Applicable",
    "beneficiaries": "",
    "ward_councillors_asked": "Not Applicable",
    "ward_councillor_comments": "",
    "non_applicable_sections": "Personnel implications.",
    "background_documents": "(Access via Contact Officer)",
}

# The officers' words of a report with no body to start from (no previous report, no body in
# the defaults): each section's paragraphs, separated by a blank line. A council's settings may
# override them (HEADWAY_REPORT_DEFAULTS) as they may any default.
PROSE_DEFAULTS: dict[str, str] = {
    "reason_for_report": (
        "This report is to update elected members on progress against the objectives outlined "
        "in the {plan_title}."
    ),
    "recommendations": (
        "Members are asked to review the {plan_title} and ask for further clarification or "
        "information and offer comments."
    ),
    "commentary_background": (
        "Work to improve services in {division} has been formulated into an annual "
        "performance improvement plan. It sets out objectives, desired outcomes, timescales and "
        "milestones, ownership and periodically updated progress.\n\n"
        "The attached performance improvement plan covers the period from {period}."
    ),
    "policy_implications": "",
    "financial_implications": (
        "Improvements identified within the improvement plan are met from within existing budgets."
    ),
    "legal_implications": "",
    "commentary_further": "",
}

# Parts copied from the plan's previous report: every front-sheet field (the body's officer
# paragraphs are copied with the body, in place: ``body.template_of``).
COPIED_FROM_PREVIOUS = tuple(BUILT_IN_DEFAULTS)

# Front-sheet fields a clerk expects filled: publishing with one empty asks first, naming it.
REQUIRED_FRONT_SHEET = (
    "decision_maker",
    "meeting_date",
    "decision_type",
    "title",
    "contact_officer_role",
    "contact_officer_contact",
    "chief_officer",
    "wards",
)

INSPECTION_LOOKBACK_MONTHS = 18


def report_defaults(*, plan: Any, layers: list[dict[str, str]] | None = None) -> dict[str, str]:
    """Each part's default for a new report of ``plan``: the first non-blank of ``layers``
    (most specific first: the plan's, then the organisation's stored defaults), the settings'
    and the built-in wording."""
    configured = getattr(settings, "HEADWAY_REPORT_DEFAULTS", {}) or {}
    values = {
        **BUILT_IN_DEFAULTS,
        **{k: v for k, v in configured.items() if k in BUILT_IN_DEFAULTS},
    }
    for layer in reversed(layers or []):
        values.update({k: v for k, v in layer.items() if k in BUILT_IN_DEFAULTS and v.strip()})
    return {key: _fill(value, plan) for key, value in values.items()}


def built_in_body(*, plan: Any) -> list[dict[str, Any]]:
    """The body a report takes when neither a previous report nor a layer of defaults has one:
    the source's six sections, the officers' words from ``PROSE_DEFAULTS`` (or the settings) and
    the drafted and placed parts where the source has them."""
    from .body import DRAFTED_KIND, PLACED_KIND, block, officer_blocks, section

    configured = getattr(settings, "HEADWAY_REPORT_DEFAULTS", {}) or {}
    prose = {k: str(configured.get(k, v)) for k, v in PROSE_DEFAULTS.items()}
    words = {key: _fill(value, plan) for key, value in prose.items()}
    return [
        section("Reason for report", officer_blocks(words["reason_for_report"])),
        section("RECOMMENDATION(S)", officer_blocks(words["recommendations"]), numbered=False),
        section(
            "COMMENTARY",
            [
                *officer_blocks(words["commentary_background"]),
                block(DRAFTED_KIND, "inspections"),
                block(DRAFTED_KIND, "areas"),
                block(PLACED_KIND, "table"),
                block(DRAFTED_KIND, "progress"),
                block(PLACED_KIND, "risks"),
                block(DRAFTED_KIND, "movement"),
                *officer_blocks(words["commentary_further"]),
            ],
        ),
        section("POLICY IMPLICATIONS", officer_blocks(words["policy_implications"])),
        section("FINANCIAL IMPLICATIONS", officer_blocks(words["financial_implications"])),
        section("LEGAL IMPLICATIONS", officer_blocks(words["legal_implications"])),
    ]


def fill_placeholders(body: list[dict[str, Any]], *, plan: Any) -> list[dict[str, Any]]:
    """``{plan_title}``, ``{period}`` and ``{division}`` in the officers' paragraphs filled in
    from the plan (a body from the defaults may hold them)."""
    for section in body:
        for item in section["blocks"]:
            item["text"] = _fill(item["text"], plan)
    return body


def _fill(value: str, plan: Any) -> str:
    if plan is None:  # the organisation's defaults keep their placeholders
        return value
    fill = {
        "{plan_title}": plan.title,
        "{division}": plan.division or "division",
        "{period}": f"{plan.period_start:%B %Y} to {plan.period_end:%B %Y}",
    }
    for placeholder, replacement in fill.items():
        value = value.replace(placeholder, replacement)
    return value


def inspection_lookback_months() -> int:
    configured = getattr(settings, "HEADWAY_REPORT_DEFAULTS", {}) or {}
    return int(configured.get("inspection_lookback_months", INSPECTION_LOOKBACK_MONTHS))
