"""An indicator's trend chart as a PNG, for Word (which does not show SVG everywhere).

The page, the HTML and the PDF show ``indicators.charts.trend_svg``; Word gets the same figures
drawn by matplotlib, as the status chart is (``plans.charts``): the values as a solid line with
a dot per value, the target dashed, in the same colours. Drawn from the report context's exact
figures (strings), so a published report redraws its charts from its snapshot; the same figures
always give the same bytes (cached, no date in the metadata).
"""

import io
import textwrap
from decimal import Decimal
from functools import lru_cache
from typing import Any

from headway.indicators.charts import TARGET_COLOUR, VALUE_COLOUR
from headway.indicators.units import format_value
from headway.plans.charts import _draw_lock  # matplotlib's rc settings are process-wide


def trend_png(indicator: dict[str, Any]) -> bytes:
    """``indicator`` is one of the report context's ``indicators``."""
    trend = indicator["trend"]
    return _png(
        f"{indicator['reference']} {indicator['title']}",
        trend["unit"],
        int(trend["places"]),
        tuple(trend["labels"]),
        tuple(trend["values"]),
        tuple(trend["targets"]),
    )


@lru_cache(maxsize=128)
def _png(
    title: str,
    unit: str,
    places: int,
    labels: tuple[str, ...],
    values: tuple[str, ...],
    targets: tuple[str, ...],
) -> bytes:
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    settings = {
        "font.family": "sans-serif",
        "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
        "font.size": 8,
        "text.parse_math": False,  # a "$" in a title is text, not mathematics
    }
    positions = list(range(len(labels)))

    def series(figures: tuple[str, ...]) -> list[float]:
        # Floats only to place points on the drawing: the figures themselves stay exact.
        return [float(Decimal(f)) if f else float("nan") for f in figures]

    buffer = io.BytesIO()
    with _draw_lock, rc_context(settings):
        figure = Figure(figsize=(6.0, 2.6), layout="constrained")
        axes = figure.add_subplot()
        if any(targets):
            axes.plot(
                positions,
                series(targets),
                color=TARGET_COLOUR,
                linewidth=1.2,
                linestyle=(0, (6, 4)),
                label="Target",
            )
        axes.plot(
            positions,
            series(values),
            color=VALUE_COLOUR,
            linewidth=2,
            marker="o",
            markersize=3.5,
            label="Value",
        )
        axes.set_xticks(positions, labels=list(labels), rotation=45, ha="right")
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda y, _: format_value(unit, places, Decimal(str(round(y, places)))))
        )
        low = min((Decimal(f) for f in values + targets if f), default=Decimal(0))
        axes.set_ylim(bottom=min(0.0, float(low)))
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(textwrap.fill(title, 90), loc="left", fontsize=9)
        axes.legend(loc="best", frameon=False, ncols=2, fontsize=7)
        figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    return buffer.getvalue()
