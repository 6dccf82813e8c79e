"""The status chart: one stacked horizontal bar per outcome area, for pages, PDF and Word.

The one chart of statuses: the plan page shows it as an image, the committee report embeds the
same SVG in its HTML and PDF and the same drawing as a PNG in Word. Its segments and its legend
are the columns ``counts.status_columns`` picks (the source's three always, the others when some
action has them), in the colours of ``PALETTE``.

matplotlib is imported inside the functions so that Django starts without it, and only its
object-oriented API is used (no pyplot): no global figure state, safe in threads. Drawing takes
a tenth of a second, so results are cached on the figures they show; the same figures always
give the same bytes (fixed SVG ids, no date in the metadata), which keeps published files stable.

The chart never stands alone: pages and documents put the data table beside it, and its
alternative text says what it shows in words.
"""

import base64
import io
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from headway.core.fractions import format_count

from .choices import Status
from .counts import NO_UPDATE, STATUS_COLUMNS, StatusColumn, status_columns

# The one palette: a colour (and hatching) per status column, wherever statuses are drawn.
# Okabe and Ito's colours, told apart with the common forms of colour blindness, each at least
# 3:1 against the white page (WCAG 2.2 non-text contrast, 1.4.11): bluish green 3.4:1, blue
# 5.2:1, vermillion 3.9:1, dark grey 7.0:1, reddish purple 3.1:1. Every segment is outlined in
# near-black, and "No update" is white with grey hatching: a gap, in greyscale print too.
PALETTE: dict[str, tuple[str, str]] = {
    Status.ACHIEVED.value: ("#009E73", ""),
    Status.SIGNIFICANT_PROGRESS.value: ("#0072B2", ""),
    Status.LIMITED_PROGRESS_RISK.value: ("#D55E00", ""),
    Status.NOT_STARTED.value: ("#595959", ""),
    Status.DROPPED.value: ("#CC79A7", ""),
    NO_UPDATE: ("#FFFFFF", "///"),
}
OUTLINE = "#0b0c0c"


@dataclass(frozen=True)
class ChartFigures:
    """What the chart shows, hashable for the caches: its columns (segments and legend, in
    order) and per area its label and a count for each column."""

    columns: tuple[StatusColumn, ...]
    rows: tuple[tuple[str, tuple[Fraction, ...]], ...]


_TITLE = "Progress of actions by outcome area"
_draw_lock = threading.Lock()  # matplotlib's rc settings are process-wide


def chart_figures(summary: Any) -> ChartFigures:
    """The numbers the chart shows, from a PlanSummary or from a report snapshot's table.

    A snapshot table is a mapping with ``areas``: a list of ``{"area": label, <key>: "6 1/2"}``
    (counts as exact fraction strings) and ``columns`` as its table showed them, so a published
    report redraws from frozen figures.
    """
    if isinstance(summary, Mapping):
        areas = [
            (str(row["area"]), {c.key: Fraction(str(row.get(c.key, 0))) for c in STATUS_COLUMNS})
            for row in summary["areas"]
        ]
        if "columns" in summary:
            keys = {column["key"] for column in summary["columns"]}
            columns = [c for c in STATUS_COLUMNS if c.key in keys]
        else:
            columns = status_columns(*(values for _, values in areas))
        return ChartFigures(
            tuple(columns),
            tuple((label, tuple(values[c.key] for c in columns)) for label, values in areas),
        )
    columns = status_columns(summary.total)
    return ChartFigures(
        tuple(columns),
        tuple(
            (a.area.table_title, tuple(Fraction(a.counts[c.key]) for c in columns))
            for a in summary.areas
        ),
    )


def status_chart_svg(summary: Any) -> str:
    """The chart as an SVG document with <title> and <desc>, for pages and PDF."""
    return _svg(chart_figures(summary))


def status_chart_img_src(summary: Any) -> str:
    """The SVG as a data: URI for ``<img src=… alt=chart_alt_text(…)>`` in pages.

    Pages should use this rather than inline SVG: matplotlib styles its shapes with style
    attributes, which the Content-Security-Policy (``style-src 'self'``) strips from inline
    SVG, leaving black bars; inside an image the SVG keeps its own styles.
    """
    return _img_src(chart_figures(summary))


def status_chart_png(summary: Any) -> bytes:
    """The chart as a PNG (150 dpi), for Word, which does not show SVG everywhere."""
    return _png(chart_figures(summary))


def chart_alt_text(summary: Any) -> str:
    """The chart in words, for the alt attribute, the SVG's <desc> and the Word picture."""
    return _alt_text(chart_figures(summary))


def svg_data_uri(svg: str) -> str:
    """An SVG document as a data: URI, for an ``<img>`` (see ``status_chart_img_src``)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@lru_cache(maxsize=64)
def _img_src(figures: ChartFigures) -> str:
    return svg_data_uri(_svg(figures))


@lru_cache(maxsize=64)
def _alt_text(figures: ChartFigures) -> str:
    if not figures.rows:
        return f"{_TITLE}: the plan has no outcome areas yet."
    parts = []
    for label, values in figures.rows:
        total = sum(values, Fraction(0))
        described = [
            f"{format_count(value)} {column.label.lower()}"
            for column, value in zip(figures.columns, values, strict=True)
            if value
        ]
        parts.append(
            f"{label}: {format_count(total)} action{'s' if total != 1 else ''}"
            + (f", {', '.join(described)}" if described else "")
        )
    return (
        f"Stacked bar chart, {_TITLE.lower()}, one bar per area. "
        + "; ".join(parts)
        + ". The same figures are in the table beside the chart."
    )


@lru_cache(maxsize=64)
def _svg(figures: ChartFigures) -> str:
    buffer = io.BytesIO()
    _draw(figures, buffer, "svg")
    svg = buffer.getvalue().decode("utf-8")
    # The first <svg …> tag gets an accessible name and description; matplotlib adds neither.
    start = svg.index("<svg")
    end = svg.index(">", start)
    tag = svg[start:end].replace(
        "<svg ", '<svg role="img" aria-labelledby="status-chart-title status-chart-desc" ', 1
    )
    heading = (
        f'<title id="status-chart-title">{escape(_TITLE)}</title>'
        f'<desc id="status-chart-desc">{escape(_alt_text(figures))}</desc>'
    )
    return svg[start:].replace(svg[start:end] + ">", tag + ">" + heading, 1)


@lru_cache(maxsize=64)
def _png(figures: ChartFigures) -> bytes:
    buffer = io.BytesIO()
    _draw(figures, buffer, "png")
    return buffer.getvalue()


def _draw(figures: ChartFigures, buffer: io.BytesIO, fmt: str) -> None:
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [_wrap(label) for label, _ in figures.rows] or ["(no outcome areas)"]
    rows = [values for _, values in figures.rows] or [tuple(Fraction(0) for _ in figures.columns)]
    settings = {
        "font.family": "sans-serif",
        "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
        "font.size": 9,
        "svg.fonttype": "none",  # text stays text: selectable, searchable, smaller
        "svg.hashsalt": "headway-status-chart",  # stable element ids
        "hatch.color": "#505a5f",
    }
    with _draw_lock, rc_context(settings):
        figure = Figure(figsize=(7.0, 0.55 * len(rows) + 1.4), layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        left = [0.0] * len(rows)
        for index, column in enumerate(figures.columns):
            colour, hatch = PALETTE[column.key]
            widths = [float(values[index]) for values in rows]
            axes.barh(
                positions,
                widths,
                left=left,
                color=colour,
                edgecolor=OUTLINE,
                linewidth=0.6,
                hatch=hatch or None,
                label=column.label,
                height=0.6,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.set_yticks(positions, labels=labels)
        for tick in axes.get_yticklabels():
            tick.set_parse_math(False)  # a "$" in an area's title is text, not mathematics
        axes.invert_yaxis()
        axes.set_xlabel("Number of actions")
        axes.set_xlim(0, max(max(left, default=0.0), 1.0))
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        figure.legend(loc="outside upper center", ncols=3, frameon=False, fontsize=8)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)


def _wrap(label: str, width: int = 28) -> str:
    """Break long area titles over lines so the bars keep their width."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")
