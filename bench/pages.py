"""Server time of each page on a plan of 5,000 actions x 4 rounds, in a throw-away SQLite database.

For each page: median and p95 over REPEATS requests through Django's test client (no network,
no browser: the time Django spends answering), its SQL query count, and the ratio of its median
to /healthz's median in the same run (a trivial view: the ratio is comparable across machines).

    .venv/bin/python -m bench pages      # PAGES_REPEATS=30, PAGES_ACTIONS=5000 to change

The measuring runs in a child process with its own HEADWAY_DATA_DIR, so the development
database is never touched, and with DEBUG off, as in production.
"""

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = int(os.environ.get("PAGES_REPEATS", "30"))
ACTIONS = int(os.environ.get("PAGES_ACTIONS", "5000"))
ROUNDS = 4
WARM_UP = 3
# Targets on the reference 2-core machine (docs/performance.md).
TARGETS_MS = {"plan": 50.0, "action": 20.0, "scorecard API": 20.0}
INDICATORS = 300
# A plan page with the scorecard of 300 indicators stays within this many times the same plan
# page without indicators (cached and first view).
SCORECARD_RATIO = 2.0


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="headway-bench-pages-") as data_dir:
        env = {
            **os.environ,
            "HEADWAY_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)  # SQLite in the temporary folder, whatever the shell says
        result_file = Path(data_dir) / "pages.json"
        subprocess.run(
            [sys.executable, "-m", "bench.pages", "--child", str(result_file)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        results = json.loads(result_file.read_text())
    _print(results)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "pages.json").write_text(json.dumps(results, indent=2))
    return results


def _print(results: dict) -> None:
    print(
        f"\nPages: {results['actions']} actions x {results['rounds']} rounds on SQLite, "
        f"{results['repeats']} requests each (Django test client, DEBUG off)"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Load average when done: {load:.1f} (CPU ms: this process's own time, unlike wall time")
    print("it does not grow when other processes share the cores)")
    header = f"{'page':<22}{'median ms':>10}{'p95 ms':>9}{'CPU ms':>8}{'queries':>9}"
    print(header + f"{'x healthz':>11}  target (median)")
    base = results["pages"]["healthz"]["median_ms"]
    for name, row in results["pages"].items():
        target = TARGETS_MS.get(name)
        verdict = ""
        if target:
            verdict = f"<= {target:.0f} ms " + ("met" if row["median_ms"] <= target else "MISSED")
        print(
            f"{name:<22}{row['median_ms']:>10.1f}{row['p95_ms']:>9.1f}"
            f"{row['cpu_median_ms']:>8.1f}{row['queries']:>9}"
            f"{row['median_ms'] / base:>11.1f}  {verdict}"
        )
    pages = results["pages"]
    for with_pis, without in (
        ("plan, 300 indicators", "plan"),
        ("plan, 300 indicators, cache empty", "plan, cache empty"),
    ):
        if with_pis in pages and without in pages:
            ratio = pages[with_pis]["median_ms"] / pages[without]["median_ms"]
            verdict = "met" if ratio <= SCORECARD_RATIO else "MISSED"
            print(f"{with_pis}: {ratio:.2f}x {without} (<= {SCORECARD_RATIO:.0f}x {verdict})")


# --- The child process: Django set up on the temporary database.


def _seed() -> dict[str, str]:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from headway.plans.choices import PlanRole
    from headway.plans.models import PlanMembership
    from headway.risks.models import Risk
    from headway.testing.bulk import add_indicators, make_large_plan

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    plan = make_large_plan(slug="bench-5000", actions=ACTIONS, rounds=ROUNDS)
    users = get_user_model().objects
    lead = users.create_user(username="bench-lead", job_title="Assistant Director")
    PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
    actions = list(plan.actions.order_by("pk")[:25])
    risks = Risk.objects.bulk_create(
        Risk(
            plan=plan,
            title=f"Risk {i}",
            cause="A partner's resourcing.",
            impact="Meetings are delayed.",
            mitigation="Escalated to the partnership board.",
            escalated_to="Local Safeguarding Children Board",
            escalated_on=dt.date(2013, 1, 10),
        )
        for i in range(len(actions))
    )
    Risk.actions.through.objects.bulk_create(
        Risk.actions.through(risk_id=risk.pk, action_id=a.pk)
        for risk, a in zip(risks, actions, strict=True)
    )
    owner = actions[0].owner
    # The same plan again with a scorecard of 300 indicators x 36 months (issue 14: within 2x
    # of the plan page without indicators, cached and first view).
    with_pis = make_large_plan(slug="bench-5000-pis", actions=ACTIONS, rounds=ROUNDS)
    PlanMembership.objects.create(plan=with_pis, user=lead, role=PlanRole.LEAD)
    add_indicators(with_pis, count=INDICATORS, periods=36)
    print(
        f"Seeded 2 x {ACTIONS} actions x {ROUNDS} rounds in {time.perf_counter() - started:.0f} s"
    )
    slug = plan.slug
    return {
        "lead": lead.username,
        "owner": owner.username,
        "paths": {
            "healthz": "/healthz",
            "login": "/accounts/login/",
            "home": "/",
            "plan": f"/plans/{slug}/",
            "plan, cache empty": f"/plans/{slug}/",
            "plan, first round": f"/plans/{slug}/?round=2012-10-01",
            "area": f"/plans/{slug}/areas/3/",
            "action": f"/plans/{slug}/actions/{actions[3].pk}/",
            "actions": f"/plans/{slug}/actions/",
            "actions, filtered": f"/plans/{slug}/actions/?status=achieved&overdue=1&page=3",
            "risks": f"/plans/{slug}/risks/",
            "plan, 300 indicators": f"/plans/{with_pis.slug}/",
            "plan, 300 indicators, cache empty": f"/plans/{with_pis.slug}/",
            "scorecard API": f"/api/v1/plans/{with_pis.slug}/scorecard/",
        },
    }


def _measure(client, path: str, *, cache_empty: bool = False) -> dict:
    """Median and p95 of ``path``; with ``cache_empty``, each request finds nothing cached (the
    first view after a change), else the cached plan sections serve it."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    times = []
    cpu = []
    for _ in range(REPEATS):
        if cache_empty:
            cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    if cache_empty:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "median_ms": statistics.median(times),
        "p95_ms": p95,
        "cpu_median_ms": statistics.median(cpu),
        "queries": len(queries),
    }


def _child(result_file: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    seeded = _seed()
    client = Client()
    client.force_login(get_user_model().objects.get(username=seeded["lead"]))
    anonymous = Client()
    pages = {}
    for name, path in seeded["paths"].items():
        pages[name] = _measure(
            anonymous if name in ("healthz", "login") else client,
            path,
            cache_empty=name.endswith("cache empty"),
        )
    Path(result_file).write_text(
        json.dumps(
            {"actions": ACTIONS, "rounds": ROUNDS, "repeats": REPEATS, "pages": pages}, indent=2
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        run()
