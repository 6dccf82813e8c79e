"""Two hosts behind a balancer: two gunicorn instances on two ports sharing one PostgreSQL
database and one Redis, behind HAProxy (Debian's package; ``make bench`` installs it), as
``docs/deployment.md`` lays out a site of more than one server. Loopback only, bounded in time.

For TWO_HOSTS_SECONDS (default 60), at once:
- wrk: 16 signed-in readers on a 1,000-action plan's page, through the balancer (round robin,
  so each reader's requests land on both hosts);
- an owner records progress on one action after another through the API of host B (a draft,
  then submitted), and the plan lead approves each on host B's approvals page;
- after each approval, the plan's summary (the API's, and the TOTAL row of the plan page) is
  read at once on host A directly and four times through the balancer: every read must show
  the approval (the figures differ from before it and agree with each other).

It passes when nothing failed: no wrk error or non-200, every approval seen everywhere at once.
The readers' latency is reported, not judged: two gunicorns share this machine's two cores.

    .venv/bin/python -m bench two_hosts
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import requests

from bench.load import (
    PASSWORD,
    ROOT,
    _database,
    _free_port,
    _gunicorn,
    _load,
    _manage,
    _postgres_available,
    _production_env,
    _session_cookie,
    _signed_in,
)

SECONDS = float(os.environ.get("TWO_HOSTS_SECONDS", "60"))
ACTIONS = int(os.environ.get("TWO_HOSTS_ACTIONS", "1000"))
READERS = 16
REDIS_URL = os.environ.get("TWO_HOSTS_REDIS_URL", "redis://127.0.0.1:6379/13")
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
SLUG = "two-hosts"

SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from headway.plans.choices import PlanRole
from headway.plans.models import Action, PlanMembership, ReviewRound
from headway.testing.bulk import make_large_plan

User = get_user_model()
plan = make_large_plan(slug="{slug}", actions={actions}, rounds=2)
plan.rounds.filter(closed_at__isnull=True).update(closed_at=dt.datetime(2013, 1, 1, tzinfo=dt.UTC))
open_round = ReviewRound.objects.create(
    plan=plan, title="Round 3", as_at=dt.date(2013, 2, 1), deadline=dt.date(2013, 1, 25)
)
owner = User.objects.get(username="{slug}-owner-0")
Action.objects.filter(plan=plan).update(owner=owner)
lead = User.objects.create_user(username="{slug}-lead", job_title="Assistant Director")
PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
User.objects.filter(pk__in=[owner.pk, lead.pk]).update(password=make_password("{password}"))
reader = User.objects.get(username="reader")
PlanMembership.objects.create(plan=plan, user=reader, role=PlanRole.READER)
ids = list(Action.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True))
print(open_round.pk, *ids)
"""

HAPROXY_CONFIG = """
global
    maxconn 256
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend site
    bind 127.0.0.1:{port}
    default_backend hosts
backend hosts
    balance roundrobin
    option httpchk GET /healthz
    http-check send hdr Host 127.0.0.1
    server host_a 127.0.0.1:{port_a} check inter 2s
    server host_b 127.0.0.1:{port_b} check inter 2s
"""


@dataclass
class Tally:
    approvals: int = 0
    checks: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


@contextmanager
def _balancer(port_a: int, port_b: int):
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="headway-haproxy-")
    config = os.path.join(folder, "haproxy.cfg")
    with open(config, "w") as file:
        file.write(HAPROXY_CONFIG.format(port=port, port_a=port_a, port_b=port_b))
    process = subprocess.Popen([HAPROXY, "-f", config, "-db"], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        else:
            raise RuntimeError("HAProxy did not answer /healthz")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def _figures(session: requests.Session, base: str) -> tuple[str, str]:
    """The plan's summary as the API gives it, and the plan page's TOTAL row."""
    summary = session.get(f"{base}/api/v1/plans/{SLUG}/summary/", timeout=30)
    page = session.get(f"{base}/plans/{SLUG}/", timeout=30)
    if summary.status_code != 200 or page.status_code != 200:
        raise RuntimeError(f"{base} answered {summary.status_code} / {page.status_code}")
    row = re.search(r"<tr[^>]*>\s*<t[hd][^>]*>\s*TOTAL.*?</tr>", page.text, re.S | re.I)
    if row is None:
        raise RuntimeError("the plan page has no TOTAL row")
    cells = re.sub(r"<[^>]+>", " ", row.group(0))
    return json.dumps(summary.json()["total"], sort_keys=True), " ".join(cells.split())


def _post(session: requests.Session, url: str, **kwargs) -> requests.Response:
    token = session.cookies["csrftoken"]
    headers = {"Referer": url, "X-CSRFToken": token}
    return session.post(url, headers=headers, timeout=30, allow_redirects=False, **kwargs)


def _recorder(
    host_a: str,
    host_b: str,
    balancer: str,
    round_id: int,
    actions: list[int],
    until: float,
    tally: Tally,
) -> None:
    """The owner records and the lead approves on host B; the approval is looked for at once
    on host A and through the balancer."""
    try:
        owner = _signed_in(host_b, f"{SLUG}-owner-0")
        lead = _signed_in(host_b, f"{SLUG}-lead")
        watcher_a = _signed_in(host_a, "reader")
        watcher = _signed_in(balancer, "reader")
    except (RuntimeError, requests.RequestException) as exc:
        tally.error(f"signing in: {exc}")
        return
    for action in actions:
        if time.monotonic() >= until:
            return
        try:
            before = _figures(watcher_a, host_a)
            created = _post(
                owner,
                f"{host_b}/api/v1/updates/",
                json={
                    "action": action,
                    "round": round_id,
                    "assessment": "Achieved",
                    "narrative": "Done, and checked by the team manager.",
                },
            )
            if created.status_code != 201:
                raise RuntimeError(f"the draft answered {created.status_code}: {created.text}")
            pk = created.json()["id"]
            sent = _post(owner, f"{host_b}/api/v1/updates/{pk}/submit/")
            if sent.status_code != 200:
                raise RuntimeError(f"submitting answered {sent.status_code}: {sent.text}")
            lead.get(f"{host_b}/plans/{SLUG}/approvals/", timeout=30)
            decided = _post(
                lead,
                f"{host_b}/plans/{SLUG}/approvals/{pk}/",
                data={"decision": "approve", "csrfmiddlewaretoken": lead.cookies["csrftoken"]},
            )
            if decided.status_code != 302:
                raise RuntimeError(f"approving answered {decided.status_code}")
            with tally.lock:
                tally.approvals += 1
            seen = [_figures(watcher_a, host_a)] + [_figures(watcher, balancer) for _ in range(4)]
            with tally.lock:
                tally.checks += len(seen)
            if any(figures == before for figures in seen):
                tally.error(f"action {action}: a read still showed the figures before approval")
            elif len(set(seen)) != 1:
                tally.error(f"action {action}: the hosts disagree after the approval: {seen}")
        except (RuntimeError, KeyError, ValueError, requests.RequestException) as exc:
            tally.error(f"action {action}: {exc}")
            time.sleep(1)


def run() -> dict:
    print(
        f"\nTwo hosts behind HAProxy: {READERS} readers through the balancer on a "
        f"{ACTIONS:,}-action plan for {SECONDS:.0f} s while an owner records and the lead "
        "approves on host B"
    )
    if not _postgres_available():
        raise SystemExit("FAIL: two hosts need PostgreSQL on 127.0.0.1:5432")
    if not os.path.exists(HAPROXY):
        raise SystemExit("FAIL: HAProxy is not installed (sudo apt-get install haproxy)")
    if subprocess.run(["redis-cli", "-u", REDIS_URL, "ping"], capture_output=True).returncode:
        raise SystemExit(f"FAIL: no Redis answers at {REDIS_URL}")
    with _database("postgresql") as db_env:
        env = _production_env(
            {
                **db_env,
                "REDIS_URL": REDIS_URL,
                "HEADWAY_CACHE_PREFIX": f"two-hosts-{os.getpid()}",
                "HEADWAY_REQUIRE_REDIS": "1",
                # Two hosts on one machine's two cores: two workers each.
                "GUNICORN_WORKERS": os.environ.get("TWO_HOSTS_WORKERS", "2"),
            }
        )
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo", "--password", PASSWORD)
        setup = SETUP.format(slug=SLUG, actions=ACTIONS, password=PASSWORD)
        round_id, *actions = map(int, _manage(env, "shell", "--no-imports", "-c", setup).split())
        _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
        )
        # Both hosts share the SECRET_KEY (sessions and CSRF tokens pass between them).
        tally = Tally()
        with ExitStack() as stack:
            host_a, master_a = stack.enter_context(_gunicorn(env))
            host_b, _master_b = stack.enter_context(_gunicorn(env))
            balancer = stack.enter_context(_balancer(_port(host_a), _port(host_b)))
            cookies = [_session_cookie(balancer) for _ in range(READERS)]
            until = time.monotonic() + SECONDS
            recorder = threading.Thread(
                target=_recorder,
                args=(host_a, host_b, balancer, round_id, actions, until, tally),
            )
            recorder.start()
            readers = _load(balancer, master_a, {f"/plans/{SLUG}/": READERS}, SECONDS, cookies)
            recorder.join(timeout=300)
            if recorder.is_alive():
                tally.error("the recorder was still running after the load")
    row = readers[f"/plans/{SLUG}/"]
    print(
        f"  readers through the balancer: {row['requests']} requests, {row['rps']:.1f}/s, "
        f"p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, p99 {row['p99']:.0f} ms, "
        f"{row['errors']} errors"
    )
    print(
        f"  approvals on host B: {tally.approvals}, each read at once on host A and through "
        f"the balancer ({tally.checks} reads)"
    )
    for error in tally.errors[:20]:
        print(f"  ERROR {error}")
    passed = not tally.errors and row["errors"] == 0 and tally.approvals > 0
    print(("PASS" if passed else "FAIL") + ": two hosts behind a balancer")
    result = {"readers": row, "approvals": tally.approvals, "errors": tally.errors}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "two_hosts.json").write_text(json.dumps(result, indent=2))
    return result
