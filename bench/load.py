"""Load test: 16 signed-in readers on the plan, action and home pages, against gunicorn.

Runs on SQLite and (when a server answers) PostgreSQL, for the demo plan and a 5,000-action plan,
each in a database of its own that is thrown away afterwards. Loopback only, bounded in time.

gunicorn runs with the production settings of ``make serve`` (config/gunicorn.py). The load
comes from wrk (Debian's package; ``make bench`` installs it), a C load generator, so that the
two cores measure the server rather than a Python client: each of the 16 connections is one
reader signed in with a session of its own, 6 on the plan page, 5 on an action page and 5 on
the home page, for LOAD_SECONDS; then 16 on ``/healthz`` for LOAD_HEALTH_SECONDS.

    .venv/bin/python -m bench load            # 60 s per run (LOAD_SECONDS to change)
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
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
WRK = shutil.which("wrk") or "wrk"

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


def _process_cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and of its children that it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(value) for value in fields[11:15]) / ticks


def _server_cpu_seconds(master: int) -> float:
    """CPU time of gunicorn's master and its workers, read from /proc."""
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while being read
    return sum(_process_cpu_seconds(pid) for pid in pids)


@contextmanager
def _gunicorn(env: dict[str, str]):
    port = _free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",  # no line per request: the load writes tens of thousands
        # Recycling workers mid-run would measure start-up, not serving.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS"):
        if os.environ.get(f"LOAD_{name.split('_')[1]}"):
            server_env[name] = os.environ[f"LOAD_{name.split('_')[1]}"]
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "config/gunicorn.py"],
        cwd=ROOT,
        env=server_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or workers still starting
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /healthz")
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _signed_in(base: str, username: str = "reader") -> requests.Session:
    """Sign a demo or bench user in, as a browser would, and return the browser's session."""
    session = requests.Session()
    login = f"{base}/accounts/login/"
    session.get(login, timeout=10)
    response = session.post(
        login,
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        timeout=10,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"{username} could not sign in ({response.status_code})")
    return session


def _session_cookie(base: str, username: str = "reader") -> str:
    """Sign ``username`` in and return its session cookie, for wrk."""
    return f"sessionid={_signed_in(base, username).cookies['sessionid']}"


def _wrk(url: str, cookies: list[str], seconds: float) -> subprocess.Popen:
    connections = str(len(cookies))
    return subprocess.Popen(
        [
            *(WRK, "--threads", connections, "--connections", connections, "--timeout", "30s"),
            *("--duration", f"{seconds:.0f}s", "--script", str(ROOT / "bench" / "load.lua"), url),
        ],
        env={**os.environ, "LOAD_COOKIES": ",".join(cookies)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _load(
    base: str, master: int, pages: dict[str, int], seconds: float, cookies: list[str] | None = None
) -> dict[str, dict]:
    """Run wrk on every page at once, ``pages[path]`` readers on each; the figures per page.
    Readers are signed in first unless their ``cookies`` are given."""
    cookies = cookies or [_session_cookie(base) for _ in range(sum(pages.values()))]
    cpu_before = _server_cpu_seconds(master)
    runs, start = {}, 0
    for path, readers in pages.items():
        runs[path] = _wrk(base + path, cookies[start : start + readers], seconds)
        start += readers
    results = {}
    for path, run in runs.items():
        out, err = run.communicate(timeout=seconds + 120)
        if run.returncode:
            raise RuntimeError(f"wrk failed on {path}:\n{err[-2000:]}")
        row = json.loads(out.strip().splitlines()[-1])
        results[path] = {
            "readers": pages[path],
            "requests": row["requests"],
            "rps": row["requests"] / row["seconds"],
            "p50": row["p50_us"] / 1000,
            "p95": row["p95_us"] / 1000,
            "p99": row["p99_us"] / 1000,
            "errors": row["not_ok"] + row["socket_errors"],
        }
    served = sum(row["requests"] for row in results.values())
    cpu_ms = (_server_cpu_seconds(master) - cpu_before) * 1000 / max(served, 1)
    for row in results.values():
        row["server_cpu_ms"] = cpu_ms  # all pages together: workers serve every page
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
        # Fresh tables have no planner statistics, and on PostgreSQL no visibility map for
        # index-only scans; a database in service has both (autovacuum).
        maintain = "VACUUM ANALYZE" if engine == "postgresql" else "ANALYZE"
        _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            f"from django.db import connection; connection.cursor().execute('{maintain}')",
        )
        action_id = _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            f"from headway.plans.models import Action; "
            f"print(Action.objects.filter(plan__slug='{slug}').order_by('pk').first().pk)",
        ).split()[-1]
        pages = {
            f"/plans/{slug}/": USERS - 2 * (USERS // 3),
            f"/plans/{slug}/actions/{action_id}/": USERS // 3,
            "/": USERS // 3,
        }
        with _gunicorn(env) as (base, master):
            pages = _load(base, master, pages, SECONDS)
            health = _load(base, master, {"/healthz": USERS}, HEALTH_SECONDS)["/healthz"]
    return {"engine": engine, "plan": slug, "pages": pages, "healthz": health}


def run() -> list[dict]:
    if not shutil.which("wrk"):
        raise SystemExit("bench load needs wrk: `make bench` installs it (apt-get install wrk)")
    _manage(_production_env({}), "collectstatic", "--noinput", "--verbosity", "0")
    engines = ["sqlite"] + (["postgresql"] if _postgres_available() else [])
    results = []
    print(f"\nLoad test: {USERS} signed-in readers, {SECONDS:.0f} s a run, gunicorn on loopback")
    header = f"{'database':<11}{'plan':<32}{'page':<9}{'users':>6}{'req/s':>8}{'p50 ms':>8}"
    print(header + f"{'p95 ms':>8}{'p99 ms':>8}{'errors':>7}{'p50/healthz':>12}{'CPU ms':>8}")
    for engine in engines:
        for large in (False, True):
            result = _scenario(engine, large)
            results.append(result)
            health_p50 = result["healthz"]["p50"]
            rows = list(zip(["plan", "action", "home"], result["pages"].values(), strict=True))
            for name, row in [*rows, ("healthz", result["healthz"])]:
                print(
                    f"{engine:<11}{result['plan']:<32}{name:<9}{row['readers']:>6}"
                    f"{row['rps']:>8.1f}{row['p50']:>8.1f}{row['p95']:>8.1f}{row['p99']:>8.1f}"
                    f"{row['errors']:>7}{row['p50'] / health_p50:>12.1f}"
                    f"{row['server_cpu_ms']:>8.1f}"
                )
    print("CPU ms: the server's CPU time per request served, every page of the run together.")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    run()
