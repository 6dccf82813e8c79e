"""Load test: 16 signed-in readers on the plan, action and home pages, against gunicorn.

Runs on SQLite and (when a server answers) PostgreSQL, for the demo plan and a 5,000-action plan,
each in a database of its own that is thrown away afterwards. Loopback only, bounded in time.

    .venv/bin/python -m bench load            # 60 s per run (LOAD_SECONDS to change)
"""

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
USERS = int(os.environ.get("LOAD_USERS", "16"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
HEALTH_SECONDS = float(os.environ.get("LOAD_HEALTH_SECONDS", "15"))
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "bench-" + secrets.token_urlsafe(12)

LARGE_PLAN = """
from headway.plans.choices import PlanRole
from headway.plans.models import PlanMembership
from django.contrib.auth import get_user_model
from headway.testing.bulk import make_large_plan
plan = make_large_plan(slug="large-5000", actions=5000, rounds=4)
reader = get_user_model().objects.get(username="reader")
PlanMembership.objects.get_or_create(plan=plan, user=reader, defaults={"role": PlanRole.READER})
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_available() -> bool:
    return shutil.which("pg_isready") is not None and (
        subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False
        ).returncode
        == 0
    )


@contextmanager
def _database(engine: str):
    """A throw-away database: a temporary SQLite file, or a fresh PostgreSQL database."""
    tmp = tempfile.mkdtemp(prefix="headway-load-")
    env = {"HEADWAY_DATA_DIR": tmp}
    name = f"headway_load_{os.getpid()}"
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(f"{POSTGRES_ADMIN_URL}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{POSTGRES_ADMIN_URL}/{name}"
    try:
        yield env
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if engine == "postgresql":
            import psycopg

            with psycopg.connect(f"{POSTGRES_ADMIN_URL}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _production_env(extra: dict[str, str]) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Loopback HTTP: no TLS in front of gunicorn here.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@contextmanager
def _gunicorn(env: dict[str, str]):
    port = _free_port()
    workers = os.environ.get("LOAD_WORKERS", "3")
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /healthz")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _signed_in_session(base: str) -> requests.Session:
    session = requests.Session()
    login = f"{base}/accounts/login/"
    session.get(login, timeout=10)
    response = session.post(
        login,
        data={
            "username": "reader",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        timeout=10,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"reader could not sign in ({response.status_code})")
    return session


def _load(base: str, paths: list[str], seconds: float) -> dict[str, dict[str, float]]:
    sessions = [_signed_in_session(base) for _ in range(USERS)]
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(session: requests.Session, offset: int) -> None:
        i = offset
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            try:
                ok = session.get(base + path, timeout=30, allow_redirects=False).status_code == 200
            except requests.RequestException:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings[path].append(elapsed)
                if not ok:
                    errors[path] += 1

    threads = [threading.Thread(target=user, args=(s, n)) for n, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    results = {}
    for path in paths:
        values = sorted(timings[path])
        quantiles = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        results[path] = {
            "requests": len(values),
            "rps": len(values) / seconds,
            "p50": statistics.median(values),
            "p95": quantiles[94],
            "p99": quantiles[98],
            "errors": errors[path],
        }
    return results


def _scenario(engine: str, large: bool) -> dict:
    with _database(engine) as db_env:
        env = _production_env(db_env)
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo", "--password", PASSWORD)
        slug = "childrens-social-care-2012-13"
        if large:
            _manage(env, "shell", "--no-imports", "-c", LARGE_PLAN)
            slug = "large-5000"
        # Fresh tables have no planner statistics; a database in service has them.
        _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        )
        action_id = _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            f"from headway.plans.models import Action; "
            f"print(Action.objects.filter(plan__slug='{slug}').order_by('pk').first().pk)",
        ).split()[-1]
        paths = [f"/plans/{slug}/", f"/plans/{slug}/actions/{action_id}/", "/"]
        with _gunicorn(env) as base:
            pages = _load(base, paths, SECONDS)
            health = _load(base, ["/healthz"], HEALTH_SECONDS)["/healthz"]
    return {"engine": engine, "plan": slug, "pages": pages, "healthz": health}


def run() -> list[dict]:
    _manage(_production_env({}), "collectstatic", "--noinput", "--verbosity", "0")
    engines = ["sqlite"] + (["postgresql"] if _postgres_available() else [])
    results = []
    print(f"\nLoad test: {USERS} signed-in readers, {SECONDS:.0f} s a run, gunicorn on loopback")
    header = f"{'database':<11}{'plan':<32}{'page':<10}{'req/s':>8}{'p50 ms':>9}"
    print(header + f"{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'p50/healthz':>13}")
    for engine in engines:
        for large in (False, True):
            result = _scenario(engine, large)
            results.append(result)
            health_p50 = result["healthz"]["p50"]
            names = ["plan", "action", "home"]
            for name, (_path, row) in zip(names, result["pages"].items(), strict=True):
                print(
                    f"{engine:<11}{result['plan']:<32}{name:<10}{row['rps']:>8.1f}"
                    f"{row['p50']:>9.1f}{row['p95']:>9.1f}{row['p99']:>9.1f}{row['errors']:>8}"
                    f"{row['p50'] / health_p50:>13.1f}"
                )
            row = result["healthz"]
            print(
                f"{engine:<11}{result['plan']:<32}{'healthz':<10}{row['rps']:>8.1f}"
                f"{row['p50']:>9.1f}{row['p95']:>9.1f}{row['p99']:>9.1f}{row['errors']:>8}"
                f"{1:>13.1f}"
            )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    run()
