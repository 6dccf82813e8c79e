"""Spreadsheets and API: import and export of a 10,000-action, 4-round plan; the summary endpoint.

Runs in a throw-away database (a temporary SQLite file, or a test database beside the
configured PostgreSQL one), never the development database.

    .venv/bin/python -m bench spreadsheets

Targets: import <= 20 s and <= 500 MB peak; export <= 10 s; summary endpoint <= 20 ms median
at 5,000 actions.
"""

import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from bench._database import setup_django, throwaway_database

ACTIONS = int(os.environ.get("BENCH_SPREADSHEET_ACTIONS", "10000"))
ROUNDS = 4
SUMMARY_ACTIONS = 5000
SUMMARY_CALLS = 60
TARGETS = {"import_s": 20.0, "import_mb": 500.0, "export_s": 10.0, "summary_ms": 20.0}


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise RuntimeError(message)


def _measured(work: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, seconds, peak MB of Python allocations) for one call."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = work()
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, seconds, peak / 1024 / 1024


def _timed(work: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _measure() -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    from headway.spreadsheets.plan_export import plan_export
    from headway.spreadsheets.plan_import import plan_import
    from headway.testing.bulk import make_large_plan

    admin = get_user_model().objects.create_user(
        "bench-admin", is_staff=True, is_superuser=True, password=None
    )
    plan = make_large_plan(slug="bench", actions=ACTIONS, rounds=ROUNDS)
    workbook, export_s = _timed(lambda: plan_export(plan=plan, format="xlsx"))
    csv_data, csv_export_s = _timed(lambda: plan_export(plan=plan, format="csv"))
    report, import_s = _timed(
        lambda: plan_import(data=workbook, filename="bench.xlsx", plan_slug="copy", by=admin)
    )
    _check(report.rows_read == ACTIONS, f"read {report.rows_read} rows")
    _, _, import_mb = _measured(
        lambda: plan_import(data=workbook, filename="bench.xlsx", plan_slug="copy-2", by=admin)
    )
    unchanged, reimport_s = _timed(
        lambda: plan_import(data=workbook, filename="bench.xlsx", plan_slug="copy", by=admin)
    )
    _check(not unchanged.changes, "re-importing the same file changed something")

    summary_plan = make_large_plan(slug="bench-5k", actions=SUMMARY_ACTIONS, rounds=ROUNDS)
    client = APIClient()
    client.force_authenticate(admin)
    url = f"/api/v1/plans/{summary_plan.slug}/summary/"
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    # The first call computes; later ones reuse it until the data changes.
    _check(client.get(url).status_code == 200, "summary endpoint failed")
    summary_cold_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(SUMMARY_CALLS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        _check(response.status_code == 200, "summary endpoint failed")
    return {
        "workbook_mb": len(workbook) / 1024 / 1024,
        "export_s": export_s,
        "csv_export_s": csv_export_s,
        "csv_mb": len(csv_data) / 1024 / 1024,
        "import_s": import_s,
        "import_mb": import_mb,
        "reimport_s": reimport_s,
        "summary_cold_ms": summary_cold_ms,
        "summary_ms": statistics.median(timings),
        "summary_p95_ms": sorted(timings)[int(len(timings) * 0.95) - 1],
    }


def run() -> dict[str, float]:
    setup_django()
    from django.db import connection

    with throwaway_database("headway_bench_spreadsheets"):
        figures = _measure()
    print(f"Spreadsheets and API on {connection.vendor} ({ACTIONS:,} actions, {ROUNDS} rounds)")
    for key, value in figures.items():
        target = TARGETS.get(key)
        verdict = "" if target is None else (" ok" if value <= target else f" OVER {target}")
        print(f"  {key:16} {value:10.2f}{verdict}")
    return figures


if __name__ == "__main__":
    run()
