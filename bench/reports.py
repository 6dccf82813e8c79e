"""Committee reports: Word and PDF generation for the demo plan and a 1,000-action plan.

Runs in a throw-away database (a temporary SQLite file, or a test database beside the
configured PostgreSQL one), never the development database.

    .venv/bin/python -m bench reports

Targets (issue 11): demo plan (56 actions) Word <= 1 s, PDF <= 3 s; 1,000 actions PDF <= 10 s.
The demo's report includes the performance indicators figure (issue 14): the scorecard of its
eight indicators and a trend chart for each.
Each figure is the best of three runs (the chart cache is warm after the first, as it is in a
running server); peak memory is Python's own allocations (tracemalloc) during one run, not
including Pango's.
"""

import os
import time
import tracemalloc
from typing import Any

from bench._database import setup_django, throwaway_database

LARGE_ACTIONS = int(os.environ.get("BENCH_REPORT_ACTIONS", "1000"))
REPEATS = 3
TARGETS = {"demo docx_s": 1.0, "demo pdf_s": 3.0, "large pdf_s": 10.0}


def _best_of(work: Any) -> tuple[float, float, int]:
    """(best seconds, peak MB of one run, bytes produced)."""
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        content = work()
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    try:
        content = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return min(timings), peak / 1024 / 1024, len(content)


def _figures_for(name: str, plan: Any, user: Any) -> dict[str, float]:
    from headway.reports.models import CommitteeReport
    from headway.reports.renderers import render
    from headway.reports.selectors import for_audience, report_context
    from headway.reports.services import report_create_draft

    round = plan.rounds.order_by("-as_at").first()
    # The demo makes its own draft for March 2013 (the source's report); others get one here.
    report = CommitteeReport.objects.filter(
        round=round, state="draft"
    ).first() or report_create_draft(plan=plan, round=round, by=user)
    started = time.perf_counter()
    context = for_audience(report_context(report=report), "public")
    figures = {f"{name} context_s": time.perf_counter() - started}
    for fmt in ("docx", "pdf"):
        seconds, peak_mb, size = _best_of(
            lambda fmt=fmt: render(for_audience(report_context(report=report), "public"), fmt)
        )
        figures[f"{name} {fmt}_s"] = seconds
        figures[f"{name} {fmt}_peak_mb"] = peak_mb
        figures[f"{name} {fmt}_kb"] = size / 1024
    figures[f"{name} actions"] = context["table"]["total"]["actions"]
    # The performance indicators figure (the demo places it as 3.9): its trend charts are drawn
    # in every run, SVG for the PDF and PNG for Word (the PNGs cached, as the status chart's).
    figures[f"{name} indicator charts"] = sum(
        len(block.get("charts", []))
        for section in context["sections"]
        for block in section["blocks"]
        if block["kind"] == "indicators"
    )
    return figures


def _measure() -> dict[str, float]:
    from django.contrib.auth import get_user_model

    from headway.demo.loader import load_demo
    from headway.testing.bulk import make_large_plan

    admin = get_user_model().objects.create_user(
        "bench-admin", is_staff=True, is_superuser=True, password=None
    )
    demo = load_demo(password=None).plan
    figures = _figures_for("demo", demo, admin)
    large = make_large_plan(slug="bench-reports", actions=LARGE_ACTIONS, rounds=2)
    figures |= _figures_for("large", large, admin)
    return figures


def run() -> dict[str, float]:
    setup_django()
    from django.db import connection

    with throwaway_database("headway_bench_reports"):
        figures = _measure()
    print(
        f"Committee reports on {connection.vendor} (demo plan and {LARGE_ACTIONS:,} actions; "
        f"best of {REPEATS})"
    )
    for key, value in figures.items():
        target = TARGETS.get(key)
        verdict = "" if target is None else (" ok" if value <= target else f" OVER {target}")
        print(f"  {key:22} {value:10.2f}{verdict}")
    return figures


if __name__ == "__main__":
    run()
