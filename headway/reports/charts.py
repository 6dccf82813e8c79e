"""The status chart: one stacked horizontal bar per outcome area, for pages, PDF and Word.

matplotlib is imported inside the functions so that Django starts without it, and only its
object-oriented API is used (no pyplot): no global figure state, safe in threads. Drawing takes
a tenth of a second, so results are cached on the figures they show; the same figures always
give the same bytes (fixed SVG ids, no date in the metadata), which keeps published files stable.

The chart never stands alone: documents put the data table beside it, and its alternative text
says what it shows in words.
"""

import base64
import io
import threading
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from headway.core.fractions import format_count
from headway.plans.choices import Status

# (key, legend label, colour, hatch). Okabe-Ito colours, distinguishable with the common forms
# of colour blindness; hatching tells "no update" apart in greyscale print too.
SEGMENTS: tuple[tuple[str, str, str, str], ...] = (
    (Status.ACHIEVED.value, "Achieved", "#009E73", ""),
    (Status.SIGNIFICANT_PROGRESS.value, "Significant progress", "#56B4E9", ""),
    (Status.LIMITED_PROGRESS_RISK.value, "Limited progress/risk", "#E69F00", ""),
    (Status.NOT_STARTED.value, "Not started", "#999999", ""),
    (Status.DROPPED.value, "Dropped", "#CC79A7", ""),
    ("no_update", "No update", "#FFFFFF", "///"),
)
SEGMENT_KEYS = tuple(key for key, *_ in SEGMENTS)

# Figures: ((area label, (count per segment, in SEGMENTS order)), ...) — hashable for the cache.
Figures = tuple[tuple[str, tuple[Fraction, ...]], ...]

_TITLE = "Progress of actions by outcome area"
_draw_lock = threading.Lock()  # matplotlib's rc settings are process-wide


def chart_figures(summary: Any) -> Figures:
    """The numbers the chart shows, from a PlanSummary or from a report snapshot's table.

    A snapshot table is a mapping with ``areas``: a list of ``{"area": label, <segment>: "6 1/2"}``
    (counts as exact fraction strings), so a published report redraws from frozen figures.
    """
    if isinstance(summary, Mapping):
        return tuple(
            (str(row["area"]), tuple(Fraction(str(row.get(key, 0))) for key in SEGMENT_KEYS))
            for row in summary["areas"]
        )
    figures = []
    for area_summary in summary.areas:
        counts = area_summary.counts
        values = [counts[key] for key in SEGMENT_KEYS[:-1]] + [counts.no_update]
        figures.append((area_summary.area.table_title, tuple(Fraction(v) for v in values)))
    return tuple(figures)


def status_chart_svg(summary: Any) -> str:
    """The chart as an SVG document with <title> and <desc>, for pages and PDF."""
    figures = chart_figures(summary)
    return _svg(figures)


def status_chart_img_src(summary: Any) -> str:
    """The SVG as a data: URI for ``<img src=… alt=chart_alt_text(…)>`` in pages.

    Pages should use this rather than inline SVG: matplotlib styles its shapes with style
    attributes, which the Content-Security-Policy (``style-src 'self'``) strips from inline
    SVG, leaving black bars; inside an image the SVG keeps its own styles.
    """
    encoded = base64.b64encode(status_chart_svg(summary).encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def status_chart_png(summary: Any) -> bytes:
    """The chart as a PNG (150 dpi), for Word, which does not show SVG everywhere."""
    return _png(chart_figures(summary))


def chart_alt_text(summary: Any) -> str:
    """The chart in words, for the alt attribute, the SVG's <desc> and the Word picture."""
    return _alt_text(chart_figures(summary))


@lru_cache(maxsize=64)
def _alt_text(figures: Figures) -> str:
    if not figures:
        return f"{_TITLE}: the plan has no outcome areas yet."
    parts = []
    for label, values in figures:
        total = sum(values, Fraction(0))
        described = [
            f"{format_count(value)} {name.lower()}"
            for (_, name, _, _), value in zip(SEGMENTS, values, strict=True)
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
def _svg(figures: Figures) -> str:
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
def _png(figures: Figures) -> bytes:
    buffer = io.BytesIO()
    _draw(figures, buffer, "png")
    return buffer.getvalue()


def _draw(figures: Figures, buffer: io.BytesIO, fmt: str) -> None:
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [_wrap(label) for label, _ in figures] or ["(no outcome areas)"]
    rows = [values for _, values in figures] or [tuple(Fraction(0) for _ in SEGMENTS)]
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
        for index, (_, name, colour, hatch) in enumerate(SEGMENTS):
            widths = [float(values[index]) for values in rows]
            axes.barh(
                positions,
                widths,
                left=left,
                color=colour,
                edgecolor="#0b0c0c",
                linewidth=0.6,
                hatch=hatch or None,
                label=name,
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


def segments_of(values: Sequence[Fraction]) -> list[tuple[str, Fraction]]:
    """Pair a figures row with its legend labels (for tables beside the chart)."""
    return [(name, value) for (_, name, _, _), value in zip(SEGMENTS, values, strict=True)]
