"""The one context builder: everything a committee report shows, as plain JSON-ready data.

HTML, Word and PDF only render this context. A draft's context is built from the report's text
and the live data; a published report's context is its frozen snapshot. ``for_audience`` turns
the full (restricted) context into the public one by leaving exempt parts out and saying so.
A fixed number of queries whatever the plan's size (``tests/test_context_queries.py``).
"""

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from headway.core.fractions import format_count
from headway.indicators.charts import trend_alt, trend_svg
from headway.indicators.choices import Unit
from headway.indicators.models import Indicator, Target
from headway.indicators.selectors import ScorecardRow, scorecard
from headway.inspections.models import Inspection
from headway.plans.charts import chart_alt_text, status_chart_svg
from headway.plans.counts import STATUS_COLUMNS, status_columns
from headway.plans.models import Plan, ReviewRound
from headway.plans.selectors import PlanSummary, action_latest_updates, plan_summary
from headway.risks.models import Risk

from .body import DRAFTED_KIND, INDICATORS, MAX_INDICATOR_CHARTS, OFFICER
from .choices import Audience
from .defaults import inspection_lookback_months
from .models import FORM_BLOCKS, FRONT_SHEET_FIELDS, CommitteeReport
from .risks import report_risks, risk_items
from .text import clean_text, one_paragraph

EXEMPT_NOTICE = (
    "This part contains exempt information. It is left out of the public version of the report."
)


@dataclass
class ReportData:
    summary: PlanSummary
    risks: list[Risk]
    inspections: list[Inspection]
    actions: list[Any] | None
    indicators: list[ScorecardRow] | None = None
    # Each indicator's targets over its trend's periods, by (indicator id, period): the
    # scorecard reads the latest period's only, the report's charts draw the target line.
    indicator_targets: dict[tuple[int, dt.date], Decimal] | None = None


def report_data(*, plan: Plan, round: ReviewRound, with_appendix: bool = True) -> ReportData:
    """What the report is drafted from: summary, risks, inspections and (optionally: the
    documents' figures) actions and the indicators' scorecard."""
    summary = plan_summary(plan=plan, round=round)
    risks = report_risks(plan=plan, round=round)
    since = _months_before(plan.period_start, inspection_lookback_months())
    inspections = list(
        Inspection.objects.filter(
            Q(started_on__gte=since, started_on__lte=round.as_at)
            | Q(findings__actions__plan=plan, started_on__lte=round.as_at)
        )
        .distinct()
        .order_by("started_on", "service")
    )
    actions = list(action_latest_updates(plan=plan, round=round)) if with_appendix else None
    # The indicators are figures only: drafting (``with_appendix=False``) does not read them.
    indicators = scorecard(plan, round.as_at) if with_appendix else []
    return ReportData(
        summary=summary,
        risks=risks,
        inspections=inspections,
        actions=actions,
        indicators=indicators,
        indicator_targets=_trend_targets(plan, indicators),
    )


def _trend_targets(plan: Plan, rows: list[ScorecardRow]) -> dict[tuple[int, dt.date], Decimal]:
    """The targets of the periods the scorecard's trends show: one query (none without a
    trend), whatever the number of indicators."""
    periods = [point.period for row in rows for point in row.trend]
    if not periods:
        return {}
    wanted = {(row.indicator_id, point.period) for row in rows for point in row.trend}
    found = Target.objects.filter(
        indicator__plan=plan, period__gte=min(periods), period__lte=max(periods)
    ).values_list("indicator_id", "period", "value")
    return {(pk, period): value for pk, period, value in found if (pk, period) in wanted}


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _fraction_cell(value: Fraction) -> dict[str, str]:
    fraction = Fraction(value)
    return {"value": str(fraction), "text": format_count(fraction)}


def summary_table(summary: PlanSummary) -> dict[str, Any]:
    """Table 3.7: the columns ``status_columns`` picks, exact cells; ``areas`` keeps every
    status's figure, so a published snapshot can redraw the chart."""
    columns = status_columns(summary.total)
    rows = []
    for area_summary in summary.areas:
        counts = area_summary.counts
        rows.append(
            {
                "area": clean_text(area_summary.area.table_title),
                "actions": counts.actions,
                "cells": [_fraction_cell(counts[c.key]) for c in columns],
                **{c.key: str(counts[c.key]) for c in STATUS_COLUMNS},
            }
        )
    return {
        "columns": [{"key": c.key, "label": c.label} for c in columns],
        "rows": rows,
        "total": {
            "area": "TOTAL",
            "actions": summary.total.actions,
            "cells": [_fraction_cell(summary.total[c.key]) for c in columns],
        },
        "areas": [{"area": r["area"], **{c.key: r[c.key] for c in STATUS_COLUMNS}} for r in rows],
    }


def report_context(*, report: CommitteeReport, data: ReportData | None = None) -> dict[str, Any]:
    """The full (restricted) context: the snapshot if published, else built from live data."""
    if not report.is_draft and report.snapshot:
        return copy.deepcopy(report.snapshot)
    if data is None:
        data = report_data(plan=report.plan, round=report.round)
    return build_context(report=report, data=data)


def build_context(*, report: CommitteeReport, data: ReportData) -> dict[str, Any]:
    summary = data.summary
    plan, round = report.plan, report.round
    table = summary_table(summary)
    missing = summary.total.no_update
    risks = risk_items(data.risks)
    indicators = indicator_items(data.indicators or [], data.indicator_targets or {})
    sections = _sections(
        report.body or [],
        table=table,
        missing=missing,
        risks=risks,
        indicators=indicators,
        round_title=clean_text(round.title),
    )
    return {
        "organisation": clean_text(settings.HEADWAY_ORGANISATION_NAME),
        "audience": Audience.RESTRICTED.value,
        "state": report.state,
        "edition": report.edition,
        "plan": {
            "title": clean_text(plan.title),
            "slug": plan.slug,
            "period": f"{plan.period_start:%B %Y} to {plan.period_end:%B %Y}",
        },
        "round": {"title": clean_text(round.title), "as_at": round.as_at.isoformat()},
        "title": clean_text(report.title or f"{plan.title} update"),
        "meeting_date": report.meeting_date.isoformat() if report.meeting_date else None,
        "front_sheet": _front_sheet(report),
        "form_blocks": [
            {
                "heading": heading,
                "items": [
                    [_label(report, name, label), clean_text(getattr(report, name))]
                    for name, label in fields
                ],
            }
            for heading, fields in FORM_BLOCKS
        ],
        "sections": sections,
        "risks": risks,
        "indicators": indicators,
        "non_applicable_sections": clean_text(report.non_applicable_sections),
        "background_documents": clean_text(report.background_documents),
        "table": table,
        "chart": {"svg": status_chart_svg(table), "alt": chart_alt_text(table)},
        "missing_updates": _fraction_cell(missing) | {"count": str(missing)},
        "appendix": _appendix(data.actions or []),
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "exempt_parts": 0,
    }


def _label(report: CommitteeReport, name: str, label: str) -> str:
    """A form block's label, the corporate priority's in the council's own words."""
    if name == "priority":
        return clean_text(report.priority_label) or label
    return label


def _front_sheet(report: CommitteeReport) -> list[list[str]]:
    rows = []
    for name, label in FRONT_SHEET_FIELDS:
        value = getattr(report, name)
        if name == "meeting_date":
            value = f"{value:%A} {value.day} {value:%B %Y}" if value else ""
        rows.append([label, clean_text(value)])
    return rows


def _sections(
    body: list[dict[str, Any]],
    *,
    table: dict[str, Any],
    missing: Fraction,
    risks: list[dict[str, Any]],
    indicators: list[dict[str, Any]],
    round_title: str,
) -> list[dict[str, Any]]:
    """The body's sections as the documents print them: each block that prints something,
    numbered section.position (blocks that print nothing, such as the risk table when no risk
    is named, take no number)."""
    sections = []
    for number, section in enumerate(body, start=1):
        blocks = []
        for item in section["blocks"]:
            if not _prints(item, has_risks=bool(risks)):
                continue
            printed = _printed(
                item,
                table=table,
                missing=missing,
                risks=risks,
                indicators=indicators,
                round_title=round_title,
            )
            position = len(blocks) + 1
            printed["number"] = f"{number}.{position}" if section["numbered"] else ""
            blocks.append(printed)
        sections.append(
            {
                "number": number,
                "heading": clean_text(section["heading"]),
                "numbered": section["numbered"],
                "blocks": blocks,
            }
        )
    return sections


def _prints(item: dict[str, Any], *, has_risks: bool) -> bool:
    """Whether a block prints anything: an empty paragraph does not, nor the risk table when
    the report names no risk. One that prints nothing takes no number."""
    if item["kind"] in (OFFICER, DRAFTED_KIND):
        return bool(item["text"].strip())
    return item["source"] != "risks" or has_risks


def body_numbers(*, report: CommitteeReport) -> dict[str, str]:
    """Each block's paragraph number as the documents print it ("3.7"), by block id; "" for a
    block that prints nothing or sits in an unnumbered section. One query (the named risks)."""
    has_risks = bool(report_risks(plan=report.plan, round=report.round))
    numbers = {}
    for number, section in enumerate(report.body or [], start=1):
        position = 0
        for item in section["blocks"]:
            printed = _prints(item, has_risks=has_risks)
            position += printed
            numbers[item["id"]] = f"{number}.{position}" if printed and section["numbered"] else ""
    return numbers


def _printed(
    item: dict[str, Any],
    *,
    table: dict[str, Any],
    missing: Fraction,
    risks: list[dict[str, Any]],
    indicators: list[dict[str, Any]],
    round_title: str,
) -> dict[str, Any]:
    """One block of the body as the documents print it (one that ``_prints``)."""
    base = {"id": item["id"], "exempt": item["exempt"], "bullets": []}
    if item["kind"] == OFFICER or item["kind"] == DRAFTED_KIND:
        paragraph = one_paragraph(item["text"])
        source = item["source"] or "officer"
        return {**base, "kind": "paragraph", "source": source, **paragraph}
    source = item["source"]
    actions = table["total"]["actions"]
    if source == "table":
        return {
            **base,
            "kind": "table",
            "source": "table",
            "text": f"Progress on the {actions} actions in the improvement plan is summarised "
            "in the table below:",
            "missing": (
                f"Updates for {format_count(missing)} of the {actions} actions were not received "
                "or approved in time for this report; they are counted as \u201cno update\u201d "
                "in the table."
                if missing
                else ""
            ),
        }
    if source == "risks":
        return {
            **base,
            "kind": "risks",
            "source": "risks",
            "text": "The areas of limited progress and their risks are:",
            "risks": risks,
        }
    if source == INDICATORS:
        return {**base, **_indicators_block(item, indicators, round_title)}
    # The appendix reference.
    return {
        **base,
        "kind": "paragraph",
        "source": "appendix",
        "text": f"The appendix sets out each of the {actions} actions of the plan with its "
        "status and latest approved update for this report.",
    }


ILLUSTRATIVE = "Illustrative figures"


def _figures(values: Any, places: int) -> list[str]:
    """Decimals (or None) as exact strings at the indicator's decimal places ("" for a period
    without one), for the snapshot."""
    quantum = Decimal(1).scaleb(-places)
    return ["" if value is None else str(value.quantize(quantum)) for value in values]


def indicator_items(
    rows: list[ScorecardRow], targets: dict[tuple[int, dt.date], Decimal] | None = None
) -> list[dict[str, Any]]:
    """The scorecard as the report shows it and its template reads it: plain strings (and
    ``illustrative``, a boolean), with the trend's exact figures so a published report redraws
    its charts from the snapshot."""
    return [
        {
            "reference": clean_text(row.reference),
            "title": clean_text(row.title),
            "unit": Unit(row.unit).label,
            "period": row.period_label,
            "value": row.value_text,
            "target": row.target_text,
            "tolerance": row.tolerance_text,
            "rating": row.rating_label,
            "rule": clean_text(row.rule),
            "direction": row.previous_label or "Not known",
            "direction_text": clean_text(row.previous_text),
            "last_year": clean_text(row.last_year_text),
            "comparator": "; ".join(
                f"{clean_text(figure.name)}: {figure.text}" for figure in row.comparators
            ),
            "comparators": [
                {"name": clean_text(figure.name), "value": figure.text}
                for figure in row.comparators
            ],
            "polarity": row.polarity_label,
            "illustrative": row.illustrative,
            "trend": {
                "unit": row.unit,
                "places": row.decimal_places,
                "labels": [point.label for point in row.trend],
                "values": _figures((point.value for point in row.trend), row.decimal_places),
                "targets": _figures(
                    (
                        (targets or {}).get((row.indicator_id, point.period), point.target)
                        for point in row.trend
                    ),
                    row.decimal_places,
                ),
            },
        }
        for row in rows
    ]


def _decimals(figures: list[str]) -> list[Decimal | None]:
    return [Decimal(figure) if figure else None for figure in figures]


def indicator_chart(indicator: dict[str, Any]) -> dict[str, str]:
    """One indicator's trend chart (SVG) and its words, from the context's figures."""
    trend = indicator["trend"]
    figures = {
        "labels": trend["labels"],
        "values": _decimals(trend["values"]),
        "targets": _decimals(trend["targets"]),
        "unit": trend["unit"],
        "places": trend["places"],
    }
    title = f"{indicator['reference']} {indicator['title']}"
    return {
        "reference": indicator["reference"],
        "title": title,
        "svg": trend_svg(**figures, title=title, large=True),
        "alt": f"{title}: {trend_alt(**figures)}",
        "illustrative": indicator["illustrative"],
    }


def _indicators_block(
    item: dict[str, Any], indicators: list[dict[str, Any]], round_title: str
) -> dict[str, Any]:
    """The performance indicators figure: its lead-in, the scorecard (the context's
    ``indicators``) and a trend chart for each chosen indicator with a value."""
    by_reference = {indicator["reference"]: indicator for indicator in indicators}
    if "charts" in item:
        chosen = [by_reference[r] for r in item["charts"] if r in by_reference]
    else:
        chosen = indicators[:MAX_INDICATOR_CHARTS]
    chosen = [indicator for indicator in chosen if any(indicator["trend"]["values"])]
    if indicators:
        text = (
            f"The plan's {len(indicators)} performance indicator"
            f"{'s' if len(indicators) != 1 else ''} as at {round_title}, each with its latest "
            "approved value, target, rating, direction of travel and comparators, are set out "
            "in the table below."
        )
    else:
        text = "The plan has no performance indicators yet."
    return {
        "kind": "indicators",
        "source": INDICATORS,
        "text": text,
        "illustrative": ILLUSTRATIVE if any(i["illustrative"] for i in indicators) else "",
        "charts": [indicator_chart(indicator) for indicator in chosen],
    }


def indicator_choices(*, plan: Plan) -> list[tuple[str, str]]:
    """The plan's indicators as (reference, "reference title"), in the scorecard's order: what
    the officer ticks for the indicators figure's trend charts. One query."""
    return [
        (reference, f"{reference} {clean_text(title)}")
        for reference, title in Indicator.objects.filter(plan=plan)
        .order_by("position", "reference")
        .values_list("reference", "title")
    ]


def _appendix(actions: list[Any]) -> list[dict[str, Any]]:
    areas: dict[int, dict[str, Any]] = {}
    for action in actions:
        area = areas.setdefault(
            action.area.number,
            {"number": action.area.number, "title": clean_text(action.area.title), "actions": []},
        )
        update = action.counted_updates[0] if action.counted_updates else None
        area["actions"].append(
            {
                "reference": clean_text(action.reference),
                "title": clean_text(action.title),
                "lead": clean_text(
                    action.lead_officer or (action.owner.job_title if action.owner else "")
                ),
                "timescale": clean_text(action.current_timescale),
                "assessment": str(update.assessment) if update else "No update",
                "narrative": clean_text(update.narrative) if update else "",
                "exempt": bool(update and update.narrative_exempt),
            }
        )
    return [areas[number] for number in sorted(areas)]


def for_audience(context: dict[str, Any], audience: str) -> dict[str, Any]:
    """The context for an audience: the public one leaves exempt parts out and says so."""
    result = copy.deepcopy(context)
    result["audience"] = audience
    if audience == Audience.RESTRICTED:
        result["exempt_parts"] = _count_exempt(context)
        return result
    removed = 0
    for section in result["sections"]:
        for block in section["blocks"]:
            if block["exempt"]:
                if block.get("source") == INDICATORS:
                    # The figures the exempt block shows leave the template's names too.
                    result["indicators"] = []
                block.update(kind="exempt", text=EXEMPT_NOTICE, bullets=[])
                block.pop("charts", None)
                removed += 1
            if block["kind"] == "risks":
                kept = [risk for risk in block["risks"] if not risk["exempt"]]
                hidden = len(block["risks"]) - len(kept)
                block["risks"] = kept
                block["hidden"] = hidden
                removed += hidden
    # The named risks the council's template lists (a snapshot from before they were kept here
    # has them in its risk block only).
    result["risks"] = [risk for risk in result.get("risks", []) if not risk["exempt"]]
    for area in result["appendix"]:
        for action in area["actions"]:
            if action["exempt"]:
                action["narrative"] = EXEMPT_NOTICE
                removed += 1
    result["exempt_parts"] = removed
    return result


def _count_exempt(context: dict[str, Any]) -> int:
    count = 0
    for section in context["sections"]:
        for block in section["blocks"]:
            count += bool(block["exempt"])
            count += sum(risk["exempt"] for risk in block.get("risks", []))
    for area in context["appendix"]:
        count += sum(action["exempt"] for action in area["actions"])
    return count


def reports_for_plan(*, plan: Plan, published_only: bool) -> QuerySet[CommitteeReport]:
    reports = (
        CommitteeReport.objects.filter(plan=plan)
        .select_related("plan", "round", "published_by")  # permissions read report.plan
        .prefetch_related("files")
        .order_by("-round__as_at", "-edition")
    )
    if published_only:
        reports = reports.exclude(state="draft")
    return reports
