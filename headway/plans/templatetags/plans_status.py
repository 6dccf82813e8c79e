"""Statuses on the page (``{% load plans_status %}``): their tags and the stacked bar chart."""

from typing import Any

from django import template

from headway.plans.choices import Status

register = template.Library()


STATUS_TAG_CLASSES = {
    Status.ACHIEVED: "govuk-tag--green",
    Status.SIGNIFICANT_PROGRESS: "govuk-tag--blue",
    Status.LIMITED_PROGRESS_RISK: "govuk-tag--red",
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.DROPPED: "govuk-tag--grey",
}

# Chart fills with at least 3:1 contrast against white (WCAG 1.4.11), distinct in greyscale too.
STATUS_FILLS = {
    Status.ACHIEVED: "#00703c",
    Status.SIGNIFICANT_PROGRESS: "#1d70b8",
    Status.LIMITED_PROGRESS_RISK: "#d4351c",
    Status.NOT_STARTED: "#505a5f",
    Status.DROPPED: "#6f777b",
}
NO_UPDATE_FILL = "#b1b4b6"


@register.filter
def status_tag_class(status: Status | str) -> str:
    return STATUS_TAG_CLASSES.get(Status(status), "govuk-tag--grey")


@register.inclusion_tag("includes/status_chart.html")
def status_chart(summary: Any, statuses: list[Status]) -> dict[str, Any]:
    """A horizontal stacked bar per outcome area, drawn as inline SVG; its table follows it."""
    bar_height, gap, label_width, bar_width = 28, 14, 260, 420
    rows = []
    for index, area_summary in enumerate(summary.areas):
        counts = area_summary.counts
        y = index * (bar_height + gap)
        x = float(label_width)
        segments = []
        parts = [(s.label, counts[s], STATUS_FILLS[s]) for s in statuses]
        parts.append(("No update", counts.no_update, NO_UPDATE_FILL))
        for label, value, fill in parts:
            if not counts.actions or not value:
                continue
            width = float(value) / counts.actions * bar_width
            segments.append({"x": x, "width": width, "fill": fill, "label": label, "value": value})
            x += width
        rows.append(
            {
                "y": y,
                "text_y": y + bar_height / 2 + 5,
                "title": area_summary.area.table_title,
                "actions": counts.actions,
                "segments": segments,
            }
        )
    legend = [{"label": s.label, "fill": STATUS_FILLS[s]} for s in statuses]
    legend.append({"label": "No update", "fill": NO_UPDATE_FILL})
    height = len(rows) * (bar_height + gap)
    return {
        "rows": rows,
        "legend": legend,
        "bar_height": bar_height,
        "label_width": label_width,
        "width": label_width + bar_width + 10,
        "height": max(height, bar_height),
        "round": summary.round,
    }
