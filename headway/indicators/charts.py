"""Trend charts drawn as SVG by hand, from Decimals: a small trend line for the scorecard and a
full chart (axes, target, comparators, legend) for the indicator page and reports.

No matplotlib here: a scorecard of hundreds of indicators draws hundreds of lines, and a few
polylines written out cost microseconds. Colours are presentation attributes, never ``style``,
and pages show the SVG as an image (``plans.charts.svg_data_uri``), which the page's
Content-Security-Policy leaves alone. Every chart has its data table beside it on the page.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape

from .units import format_value

VALUE_COLOUR = "#1d70b8"  # GOV.UK blue
TARGET_COLOUR = "#0b0c0c"
COMPARATOR_COLOURS = ("#505a5f", "#f47738", "#4c2c92", "#00703c")
TENTH = Decimal("0.1")


def _n(number: Decimal) -> str:
    return str(number.quantize(TENTH))


def trend_svg(
    *,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    targets: Sequence[Decimal | None] = (),
    comparators: Mapping[str, Sequence[Decimal | None]] | None = None,
    unit: str = "number",
    places: int = 1,
    title: str = "",
    large: bool = False,
) -> str:
    """An SVG document of the values (a line, broken where a period has none, with a dot per
    value), the target (dashed) and, on a large chart, the comparators, axes and a legend.

    ``labels``, ``values``, ``targets`` and each comparator's figures run in step, one per
    period, oldest first.
    """
    comparators = dict(comparators or {}) if large else {}
    count = len(labels)
    width, height = (Decimal(640), Decimal(320)) if large else (Decimal(120), Decimal(36))
    left, right, top, bottom = (
        (Decimal(64), Decimal(16), Decimal(16), Decimal(72))
        if large
        else (Decimal(4), Decimal(4), Decimal(4), Decimal(4))
    )
    figures = [
        v for series in (values, targets, *comparators.values()) for v in series if v is not None
    ]
    lo, hi = (min(figures), max(figures)) if figures else (Decimal(0), Decimal(1))
    if large:
        lo = min(lo, Decimal(0))
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> Decimal:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: Decimal) -> Decimal:
        return top + plot_h * (hi - v) / (hi - lo)

    def lines(
        series: Sequence[Decimal | None], colour: str, stroke: str, dash: str = ""
    ) -> list[str]:
        out, run = [], []
        for i, v in enumerate([*series, None]):
            if v is not None:
                run.append(f"{_n(x(i))},{_n(y(v))}")
                continue
            if len(run) > 1:
                dashes = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="{stroke}"{dashes}/>'
                )
            run = []
        return out

    shapes: list[str] = []
    if large:
        shapes += _axes(labels, lo, hi, x, y, left, width - right, top + plot_h, unit, places)
    for index, series in enumerate(comparators.values()):
        colour = COMPARATOR_COLOURS[index % len(COMPARATOR_COLOURS)]
        shapes += lines(series, colour, "1.5", "2 3")
    shapes += lines(targets, TARGET_COLOUR, "1.5" if large else "1", "6 4" if large else "3 2")
    shapes += lines(values, VALUE_COLOUR, "3" if large else "1.5")
    # Dots mark each value on the full chart; a small trend line marks only its latest, so that
    # a scorecard of hundreds stays light (a lone value between gaps still shows as a dot).
    radius = "4" if large else "2"
    shapes += [
        f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="{radius}" fill="{VALUE_COLOUR}"/>'
        for i, v in enumerate(values)
        if v is not None
        and (
            large
            or i == len(values) - 1
            or (
                (i == 0 or values[i - 1] is None)
                and (i + 1 >= len(values) or values[i + 1] is None)
            )
        )
    ]
    if large:
        shapes += _legend(list(comparators), bool(any(t is not None for t in targets)), height)
    # The page's image carries the description as its alt text; a document's chart keeps it.
    desc = (
        f"<desc>{escape(_describe(labels, values, targets, unit, places))}</desc>" if large else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        f"<title>{escape(title or 'Trend')}</title>{desc}"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(shapes) + "</svg>"
    )


def _axes(labels, lo, hi, x, y, x0, x1, y0, unit, places) -> list[str]:
    font = 'font-family="Arial, sans-serif" font-size="12" fill="#0b0c0c"'
    out = [
        f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y0)}" stroke="#505a5f"/>',
        f'<line x1="{_n(x0)}" y1="{_n(y(hi))}" x2="{_n(x0)}" y2="{_n(y0)}" stroke="#505a5f"/>',
    ]
    for tick in (lo, (lo + hi) / 2, hi):
        out.append(
            f'<text x="{_n(x0 - 6)}" y="{_n(y(tick) + 4)}" text-anchor="end" {font}>'
            f"{escape(format_value(unit, places, tick))}</text>"
        )
        out.append(
            f'<line x1="{_n(x0)}" y1="{_n(y(tick))}" x2="{_n(x1)}" y2="{_n(y(tick))}" '
            'stroke="#b1b4b6" stroke-width="0.5"/>'
        )
    step = max(1, (len(labels) + 11) // 12)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            out.append(
                f'<text x="{_n(x(i))}" y="{_n(y0 + 14)}" text-anchor="end" '
                f'transform="rotate(-45 {_n(x(i))} {_n(y0 + 14)})" {font}>{escape(label)}</text>'
            )
    return out


def _legend(comparator_names: list[str], has_target: bool, height: Decimal) -> list[str]:
    font = 'font-family="Arial, sans-serif" font-size="12" fill="#0b0c0c"'
    entries = [("Value", VALUE_COLOUR, "")]
    if has_target:
        entries.append(("Target", TARGET_COLOUR, "6 4"))
    entries += [
        (name, COMPARATOR_COLOURS[i % len(COMPARATOR_COLOURS)], "2 3")
        for i, name in enumerate(comparator_names)
    ]
    out, at = [], Decimal(64)
    base = height - 8
    for name, colour, dash in entries:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{at}" y1="{base - 4}" x2="{at + 20}" y2="{base - 4}" stroke="{colour}" '
            f'stroke-width="2"{dashes}/>'
        )
        out.append(f'<text x="{at + 24}" y="{base}" {font}>{escape(name)}</text>')
        at += 40 + 7 * len(name)
    return out


def _describe(labels, values, targets, unit, places) -> str:
    """The chart in words, for its <desc> and the image's alt text."""
    shown = [(label, v) for label, v in zip(labels, values, strict=False) if v is not None]
    if not shown:
        return "No approved values yet."
    (first_label, first), (last_label, last) = shown[0], shown[-1]

    def show(value: Decimal) -> str:
        return format_value(unit, places, value)

    text = (
        f"{len(shown)} approved value{'s' if len(shown) != 1 else ''} from {first_label} "
        f"({show(first)}) to {last_label} ({show(last)})"
    )
    target = next((t for t in reversed(list(targets)) if t is not None), None)
    if target is not None:
        text += f"; latest target {format_value(unit, places, target)}"
    return text + "."


def trend_alt(
    *,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    targets: Sequence[Decimal | None] = (),
    unit: str = "number",
    places: int = 1,
) -> str:
    return _describe(labels, values, targets, unit, places)
