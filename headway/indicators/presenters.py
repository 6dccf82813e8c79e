"""GOV.UK table parameters for the indicator pages, built in Python (never typed as markup):
the scorecard, an indicator's series, the trend figures and the rating tags."""

import datetime as dt
from functools import lru_cache
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from headway.core.components import component
from headway.plans.charts import svg_data_uri

from .charts import trend_alt, trend_svg
from .selectors import DueValue, ScorecardRow, Series
from .units import format_value

NUMERIC = "numeric"
ILLUSTRATIVE = "Illustrative figures"
ILLUSTRATIVE_TEXT = (
    "Illustrative figures: these indicators' values, targets and comparators demonstrate "
    "Headway and are not the council's published performance."
)
RATING_TAGS = {
    "on_target": "govuk-tag--green",
    "within_tolerance": "govuk-tag--yellow",
    "off_target": "govuk-tag--red",
    "no_target": "govuk-tag--grey",
    "": "govuk-tag--grey",
}


@lru_cache(maxsize=64)
def rating_tag(code: str, label: str) -> SafeString:
    return component("tag", {"text": label, "classes": f"{RATING_TAGS[code]} app-rating-tag"})


def rating_cell(code: str, label: str, rule: str) -> dict[str, Any]:
    return {
        "html": format_html(
            '{}<br><span class="govuk-body-s">{}</span>', rating_tag(code, label), rule
        )
    }


def illustrative_label() -> SafeString:
    return component("warning-text", {"text": ILLUSTRATIVE_TEXT, "iconFallbackText": "Note"})


def trend_image(row: ScorecardRow) -> SafeString:
    labels = [p.label for p in row.trend]
    values = [p.value for p in row.trend]
    targets = [p.target for p in row.trend]
    svg = trend_svg(
        labels=labels,
        values=values,
        targets=targets,
        unit=row.unit,
        places=row.decimal_places,
        title=f"{row.reference} trend",
    )
    alt = f"Trend of {row.reference}: " + trend_alt(
        labels=labels, values=values, targets=targets, unit=row.unit, places=row.decimal_places
    )
    return format_html(
        '<img class="app-trend" src="{}" alt="{}" width="120" height="36">', svg_data_uri(svg), alt
    )


def scorecard_table(plan_slug: str, rows: list[ScorecardRow], as_at: dt.date) -> dict[str, Any]:
    """The scorecard: each indicator's latest value, target, rating with its rule, direction of
    travel against the previous period and the same period last year, comparators and trend."""
    body = []
    for row in rows:
        href = reverse("indicators:indicator", kwargs={"slug": plan_slug, "pk": row.indicator_id})
        period = f", {row.period_label}" if row.period_label else ""
        name = format_html(
            '<a class="govuk-link" href="{}">{} {}</a><br><span class="govuk-body-s">{}{}</span>',
            href,
            row.reference,
            row.title,
            row.polarity_label,
            period,
        )
        comparators = format_html(
            "{}",
            "; ".join(f"{c.name}: {c.text}" for c in row.comparators) or "None",
        )
        body.append(
            [
                {"html": name},
                {"text": row.value_text, "format": NUMERIC},
                {"text": row.target_text, "format": NUMERIC},
                rating_cell(row.rating, row.rating_label, row.rule),
                {"text": row.previous_text or "—"},
                {"text": row.last_year_text or "—"},
                {"html": comparators},
                {"html": trend_image(row) if row.trend else format_html("{}", "No values yet")},
            ]
        )
    return {
        "caption": f"Performance indicators as at {as_at:%-d %B %Y}",
        "captionClasses": "govuk-table__caption--m",
        "classes": "app-scorecard",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Indicator"},
            {"text": "Latest value", "format": NUMERIC},
            {"text": "Target", "format": NUMERIC},
            {"text": "Rating"},
            {"text": "Since the previous period"},
            {"text": "Since the same period last year"},
            {"text": "Comparators"},
            {"text": "Trend"},
        ],
        "rows": body,
    }


def trend_figures_table(rows: list[ScorecardRow]) -> dict[str, Any]:
    """The trend lines' data: each indicator's figures, period by period."""
    body = []
    for row in rows:
        points = "; ".join(
            f"{p.label}: "
            + (
                format_value(row.unit, row.decimal_places, p.value)
                if p.value is not None
                else "none"
            )
            for p in row.trend
        )
        body.append([{"text": f"{row.reference}"}, {"text": points or "No values yet"}])
    return {
        "caption": "The trend lines' figures",
        "captionClasses": "govuk-table__caption--s",
        "firstCellIsHeader": True,
        "head": [{"text": "Indicator"}, {"text": "Approved values, oldest first"}],
        "rows": body,
    }


def series_table(series: Series) -> dict[str, Any]:
    """Every period of an indicator: value, target and tolerance, rating, change, comparators."""
    indicator = series.indicator

    def shown(value: Any) -> str:
        return indicator.show(value) if value is not None else "—"

    body = []
    for row in series.rows:
        rating = (
            rating_cell(row.rated.rating.code, row.rated.rating.label, row.rated.rule)
            if row.rated
            else {"text": "No approved value"}
        )
        body.append(
            [
                {"text": row.label},
                {"text": shown(row.value), "format": NUMERIC},
                {
                    "text": shown(row.target)
                    + (f" (±{indicator.show(row.tolerance)})" if row.tolerance else ""),
                    "format": NUMERIC,
                },
                rating,
                {"text": row.previous.text if row.previous else "—"},
                *(
                    {"text": shown(row.comparators.get(name)), "format": NUMERIC}
                    for name in series.comparator_names
                ),
            ]
        )
    return {
        "caption": f"{indicator.reference} period by period",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "classes": "app-series-table",
        "head": [
            {"text": "Period"},
            {"text": "Value", "format": NUMERIC},
            {"text": "Target (tolerance)", "format": NUMERIC},
            {"text": "Rating"},
            {"text": "Since the previous period"},
            *({"text": name, "format": NUMERIC} for name in series.comparator_names),
        ],
        "rows": body,
    }


def series_chart(series: Series) -> tuple[str, str]:
    """The full chart as an image source and its alt text."""
    indicator = series.indicator
    labels = [r.short_label for r in series.rows]
    values = [r.value for r in series.rows]
    targets = [r.target for r in series.rows]
    svg = trend_svg(
        labels=labels,
        values=values,
        targets=targets,
        comparators={
            name: [r.comparators.get(name) for r in series.rows] for name in series.comparator_names
        },
        unit=indicator.unit,
        places=indicator.decimal_places,
        title=f"{indicator.reference} {indicator.title}",
        large=True,
    )
    alt = f"Chart of {indicator.reference}: " + trend_alt(
        labels=labels,
        values=values,
        targets=targets,
        unit=indicator.unit,
        places=indicator.decimal_places,
    )
    return svg_data_uri(svg), alt


def values_due_rows(due: list[DueValue]) -> dict[str, Any]:
    """The owner's values due in open rounds: indicator, period, where it stands, and a link to
    enter (or carry on with) it."""
    body = []
    for item in due:
        indicator, entry = item.indicator, item.entry
        slug = indicator.plan.slug
        enter = reverse(
            "indicators:value",
            kwargs={"slug": slug, "pk": indicator.pk, "period": item.period.isoformat()},
        )
        state, link = _due_state(entry)
        action = (
            format_html(
                '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {} for '
                "{}</span></a>",
                enter,
                link,
                indicator.reference,
                item.label,
            )
            if link
            else format_html("{}", "")
        )
        body.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{} {}</a><br>'
                        '<span class="govuk-body-s">{}</span>',
                        indicator.get_absolute_url(),
                        indicator.reference,
                        indicator.title,
                        indicator.plan.title,
                    )
                },
                {"text": item.label},
                {"text": state},
                {"html": action},
            ]
        )
    return {
        "caption": "Indicator values for the open rounds",
        "captionClasses": "govuk-visually-hidden",
        "head": [
            {"text": "Indicator"},
            {"text": "Period"},
            {"text": "Value"},
            {"html": format_html('<span class="govuk-visually-hidden">{}</span>', "Action")},
        ],
        "rows": body,
    }


def _due_state(entry: Any) -> tuple[str, str]:
    """Where a period's value stands, and the link's words (empty when nothing is to do)."""
    if entry is None:
        return "Not entered", "Enter the value"
    shown = entry.indicator.show(entry.value)
    return {
        "draft": (f"Draft: {shown}", "Carry on"),
        "submitted": (f"Sent for approval: {shown}", ""),
        "approved": (f"Approved: {shown}", ""),
        "returned": (f"Returned: {shown}", "Enter it again"),
        "superseded": (f"Superseded: {shown}", "Enter the value"),
    }[entry.state]


def details_list(indicator: Any) -> dict[str, Any]:
    """The indicator's details as a summary list."""
    owner = indicator.owner
    rows = [
        ("How it is counted", linebreaksbr(indicator.definition) or "Not recorded"),
        (
            "Unit",
            f"{indicator.get_unit_display()}, {indicator.decimal_places} decimal place"
            f"{'' if indicator.decimal_places == 1 else 's'}",
        ),
        ("Polarity", indicator.get_polarity_display()),
        ("Collected", indicator.get_frequency_display()),
        ("Owner", (owner.job_title or owner.get_username()) if owner else "Unassigned"),
        ("Data source", indicator.data_source or "Not recorded"),
    ]
    earlier = indicator.carried_from
    if earlier is not None:
        rows.append(
            (
                "Continues",
                format_html(
                    '<a class="govuk-link" href="{}">{} in {}</a>',
                    earlier.get_absolute_url(),
                    earlier.reference,
                    earlier.plan.title,
                ),
            )
        )
    return {
        "rows": [
            {"key": {"text": key}, "value": {"html": format_html("{}", value)}}
            for key, value in rows
        ]
    }


def history_table(history: list[Any]) -> dict[str, Any]:
    return {
        "caption": "Changes to this indicator and its values, newest first",
        "captionClasses": "govuk-visually-hidden",
        "head": [{"text": "When"}, {"text": "Period"}, {"text": "What"}, {"text": "Who"}],
        "rows": [
            [
                {"text": f"{entry.when:%-d %B %Y, %H:%M}"},
                {"text": entry.period},
                {"text": entry.what},
                {"text": entry.who},
            ]
            for entry in history
        ],
    }


def value_summary_list(value: Any) -> dict[str, Any]:
    """A submitted value as the plan lead judges it: period, figure, the approved one it would
    replace, the note, who sent it and when. Typed text is escaped."""
    indicator = value.indicator
    rows = [
        ("Period", format_html("{}", indicator.period_label(value.period))),
        ("Value", format_html("{}", indicator.show(value.value))),
    ]
    if value.supersedes_id:
        rows.append(
            (
                "Corrects",
                format_html("the approved value of {}", indicator.show(value.supersedes.value)),
            )
        )
    rows.append(("Note", linebreaksbr(value.note) if value.note else format_html("{}", "None")))
    if value.submitted_at:
        author = value.author.job_title or value.author.get_username()
        rows.append(
            ("Submitted", format_html("{} by {}", f"{value.submitted_at:%-d %B %Y}", author))
        )
    return {"rows": [{"key": {"text": key}, "value": {"html": html}} for key, html in rows]}


def decision_buttons(value: Any) -> SafeString:
    """Approve, and Return to owner (secondary: returning is not destructive)."""
    what = f"{value.indicator.reference}, {value.indicator.period_label(value.period)}"
    approve = component(
        "button",
        {
            "html": format_html(
                'Approve<span class="govuk-visually-hidden"> the value of {}</span>', what
            ),
            "name": "decision",
            "value": "approve",
        },
    )
    give_back = component(
        "button",
        {
            "html": format_html(
                'Return to owner<span class="govuk-visually-hidden"> (value of {})</span>', what
            ),
            "name": "decision",
            "value": "return",
            "classes": "govuk-button--secondary",
        },
    )
    return format_html('<div class="govuk-button-group">{}{}</div>', approve, give_back)
