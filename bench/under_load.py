"""Readers while uploads and an import run: 16 readers on a plan page, against gunicorn, while
five owners send back update sheets and an administrator imports a 10,000-action plan.

Runs on SQLite and (when a server answers) PostgreSQL, each in a throw-away database, with
gunicorn as ``make serve`` runs it and one ``manage.py db_worker`` beside it, as in production
(at ``nice`` 10): the checks before each preview and the confirmed uploads both run in the
db_worker, so gunicorn's workers only store the file and show the pages.
Loopback only; every loop is bounded in time.

The plan the owners update has UNDER_LOAD_ACTIONS actions (default 1,000), one milestone each,
two approved rounds and an open third. Five owners may each update every action (each owns a
fifth of them and is a delegate on the rest), so each owner's update sheet holds every action
and milestone of the plan: the largest sheet Headway makes for it (the limit adds 50 spare rows
for blank or added rows, which a downloaded sheet does not have).

For LOAD_SECONDS (default 60), at once:
- wrk: 16 signed-in readers on that plan's page (every applied sheet changes its drafts, so
  the page's cached sections are recomputed after each);
- five owners, one thread each, each with their own session: download their sheet, fill in
  an assessment and a narrative on every row, upload it (the preview), confirm it, and watch
  the job page until the db_worker has applied it; again until the time is up;
- the administrator: uploads the export of a 10,000-action, 4-round plan into an empty plan,
  confirms it, and watches its job until it finishes (UNDER_LOAD_IMPORT_WAIT seconds at most).

It passes when the readers' p95 is under 300 ms and nothing failed: no wrk error or non-200,
no response outside 2xx/3xx, no failed job, no upload left unfinished.

    .venv/bin/python -m bench under_load
"""

import io
import json
import os
import re
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import requests

from bench.load import (
    PASSWORD,
    PYTHON,
    ROOT,
    SECONDS,
    _database,
    _gunicorn,
    _load,
    _manage,
    _postgres_available,
    _production_env,
    _session_cookie,
    _signed_in,
)

ACTIONS = int(os.environ.get("UNDER_LOAD_ACTIONS", "1000"))
IMPORT_ACTIONS = int(os.environ.get("UNDER_LOAD_IMPORT_ACTIONS", "10000"))
OWNERS = 5
READERS = 16
P95_LIMIT_MS = 300.0
# How long the administrator waits for the import's job after the load has ended.
IMPORT_WAIT = float(os.environ.get("UNDER_LOAD_IMPORT_WAIT", "900"))
# How often a person watching a job page looks again (the page itself refreshes every 2 s).
POLL_SECONDS = 1.0
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SLUG, IMPORT_SLUG = "under-load", "import-target"
ADMIN = "admin"

# Run by ``manage.py shell``: the owners' plan, and the 10,000-action file for the import.
SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from headway.plans.choices import PlanRole
from headway.plans.models import Action, Plan, PlanMembership, ReviewRound
from headway.spreadsheets.plan_export import plan_export
from headway.testing.bulk import make_large_plan

User = get_user_model()
plan = make_large_plan(slug="{slug}", actions={actions}, rounds=2)
# One open round per plan: the two approved rounds are closed before the third opens.
plan.rounds.filter(closed_at__isnull=True).update(closed_at=dt.datetime(2013, 1, 1, tzinfo=dt.UTC))
ReviewRound.objects.create(
    plan=plan, title="Round 3", as_at=dt.date(2013, 2, 1), deadline=dt.date(2013, 1, 25)
)
owners = list(User.objects.filter(username__in=[f"{slug}-owner-{{i}}" for i in range({owners})]))
User.objects.filter(pk__in=[o.pk for o in owners]).update(password=make_password("{password}"))
actions = list(Action.objects.filter(plan=plan).order_by("pk"))
for i, action in enumerate(actions):
    action.owner = owners[i % len(owners)]
Action.objects.bulk_update(actions, ["owner"], batch_size=1000)
Action.delegates.through.objects.bulk_create(
    [
        Action.delegates.through(action_id=a.pk, user_id=o.pk)
        for a in actions for o in owners if o.pk != a.owner_id
    ],
    batch_size=1000,
)
reader = User.objects.get(username="reader")
PlanMembership.objects.create(plan=plan, user=reader, role=PlanRole.READER)

source = make_large_plan(slug="import-source", actions={import_actions}, rounds=4)
with open("{import_file}", "wb") as file:
    file.write(plan_export(plan=source, format="xlsx"))
Plan.objects.create(
    title="Imported plan", slug="{import_slug}",
    period_start=dt.date(2012, 9, 1), period_end=dt.date(2013, 8, 31),
)
print(plan.rounds.order_by("-as_at").first().pk)
"""


@dataclass
class Tally:
    """What the owners and the administrator did, and what went wrong, across threads."""

    previews: list[float] = field(default_factory=list)  # seconds per preview request
    applied: list[float] = field(default_factory=list)  # confirm → job finished, seconds
    downloads: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unfinished: int = 0  # confirmed, but the job had not finished when watching stopped
    import_figures: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, who: str, what: str) -> None:
        with self.lock:
            self.errors.append(f"{who}: {what}")


class Failed(Exception):
    """A response or job that counts as an error; the person's loop goes on or stops."""


def _checked(response: requests.Response, what: str) -> requests.Response:
    if not 200 <= response.status_code < 400:
        raise Failed(f"{what} answered {response.status_code}")
    return response


def _post(session: requests.Session, url: str, *, timeout: float, **kwargs):
    data = {**kwargs.pop("data", {}), "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    return session.post(
        url, data=data, headers={"Referer": url}, timeout=timeout, allow_redirects=False, **kwargs
    )


def _upload(session: requests.Session, url: str, data: bytes, filename: str) -> tuple[str, float]:
    """Upload ``data``, answer the question pages with what they offer (a plan import asks
    what each column is and the as-at date, pre-filled from the file), wait for the check (a
    job in the db_worker) to show the preview, and confirm it: the applying job's page, and the
    seconds from upload to preview."""
    started = time.perf_counter()
    sent = _checked(
        _post(session, url, files={"file": (filename, data, XLSX)}, timeout=300), "the upload"
    )
    check = sent.headers.get("Location", "")
    if sent.status_code != 302 or "/jobs/" not in check:
        raise Failed(f"the upload led to {sent.status_code} {check!r}, not a job")
    preview = _answered(session, _await_job(session, requests.compat.urljoin(url, check)))
    preview_s = time.perf_counter() - started
    token = re.search(r'name="token" value="([^"]+)"', preview.text)
    if token is None:
        raise Failed("the preview offered nothing to confirm (the file changed nothing)")
    confirm = _checked(
        _post(session, url, data={"token": token.group(1)}, timeout=60), "the confirmation"
    )
    job = confirm.headers.get("Location", "")
    if confirm.status_code != 302 or "/jobs/" not in job:
        raise Failed(f"the confirmation led to {confirm.status_code} {job!r}, not a job")
    return requests.compat.urljoin(url, job), preview_s


def _answered(session: requests.Session, page: requests.Response) -> requests.Response:
    """Answer each question page with the answers it is pre-filled with, as an administrator
    who accepts them does, until the page is the preview (it offers a token to confirm)."""
    import lxml.html

    visited = []
    for _question in range(8):
        visited.append(page.url)
        if 'name="token"' in page.text:
            return page
        # The page's own question (the header's sign-out form is a POST form too).
        forms = [
            form
            for form in lxml.html.fromstring(page.text).xpath("//main//form")
            if (form.method or "").upper() == "POST" and 'type="file"' not in page.text
        ]
        if not forms:
            return page
        if "govuk-error-summary" in page.text:
            raise Failed(f"a question page refused its own answers: {page.url}")
        form = forms[0]
        answers = dict(form.form_values())
        action = requests.compat.urljoin(page.url, form.action or page.url)
        sent = _checked(_post(session, action, data=answers, timeout=60), "an answer")
        where = requests.compat.urljoin(action, sent.headers.get("Location", action))
        if "/jobs/" in where:
            page = _await_job(session, where)
        else:
            page = _checked(session.get(where, timeout=60), "the next question")
    raise Failed(f"the questions did not lead to a preview: {' → '.join(visited)}")


def _await_job(session: requests.Session, job_url: str) -> requests.Response:
    """Look at a job's page until it forwards to the next page (or says it failed)."""
    until = time.monotonic() + 600
    while time.monotonic() < until:
        page = _checked(session.get(job_url, timeout=60, allow_redirects=False), "the check")
        if page.status_code == 302:
            forward = requests.compat.urljoin(job_url, page.headers["Location"])
            return _checked(session.get(forward, timeout=60), "the page after the job")
        if "This did not finish" in page.text:
            raise Failed("the check refused the file")
        time.sleep(POLL_SECONDS)
    raise Failed("the check did not finish in 10 minutes")


def _watch(session: requests.Session, job_url: str, until: float) -> bool:
    """Look at the job page until the job finishes (True) or ``until`` passes (False)."""
    while time.monotonic() < until:
        page = _checked(session.get(job_url, timeout=60), "the job page").text
        if "govuk-notification-banner--success" in page:
            return True
        if "This did not finish" in page:
            message = re.search(r'error-summary__body"><p class="govuk-body">([^<]*)', page)
            raise Failed(f"the job failed: {message.group(1) if message else '(no message)'}")
        time.sleep(POLL_SECONDS)
    return False


def _filled(sheet: bytes, words: str, cycle: int) -> bytes:
    """The sheet with an assessment and a narrative on every action's row."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(sheet))
    updates = workbook["Updates"]
    status = ("Significant progress", "Achieved")[cycle % 2]
    for row in range(2, updates.max_row + 1):
        if updates.cell(row, 1).value:
            updates.cell(row, 8).value = status
            updates.cell(row, 9).value = f"{words}, cycle {cycle}: on course."
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _owner(base: str, username: str, round_id: str, until: float, tally: Tally) -> None:
    """Send back update sheets until ``until``; finish the cycle under way."""
    try:
        session = _signed_in(base, username)
    except (RuntimeError, requests.RequestException) as exc:
        tally.error(username, f"could not sign in: {exc}")
        return
    rounds = f"{base}/plans/{SLUG}/spreadsheets/rounds/{round_id}"
    cycle = 0
    while time.monotonic() < until:
        cycle += 1
        try:
            started = time.perf_counter()
            sheet = _checked(session.get(f"{rounds}/update-sheet.xlsx", timeout=120), "download")
            downloaded = time.perf_counter() - started
            data = _filled(sheet.content, f"Update from {username}", cycle)
            job_url, preview_s = _upload(session, f"{rounds}/upload/", data, "update-sheet.xlsx")
            confirmed = time.monotonic()
            with tally.lock:
                tally.downloads.append(downloaded)
                tally.previews.append(preview_s)
            # The owner watches the job, but not for ever: at most 5 minutes past the load.
            if _watch(session, job_url, until + 300):
                with tally.lock:
                    tally.applied.append(time.monotonic() - confirmed)
            else:
                with tally.lock:
                    tally.unfinished += 1
                return
        except (Failed, requests.RequestException) as exc:
            tally.error(username, f"cycle {cycle}: {exc}")
            time.sleep(POLL_SECONDS)  # a failing server is not hammered in a tight loop


def _administrator(base: str, import_file: str, until: float, tally: Tally) -> None:
    """Import the 10,000-action plan and watch its job until it finishes or ``until``."""
    try:
        session = _signed_in(base, ADMIN)
        with open(import_file, "rb") as file:
            data = file.read()
        started = time.monotonic()
        job_url, preview_s = _upload(
            session, f"{base}/plans/{IMPORT_SLUG}/spreadsheets/import/", data, "plan.xlsx"
        )
        confirmed = time.monotonic()
        finished = _watch(session, job_url, until)
        now = time.monotonic()
        tally.import_figures = {
            "preview_s": preview_s,
            "job_s": now - confirmed if finished else None,
            "end_to_end_s": now - started if finished else None,
            "finished": finished,
        }
        if not finished:
            tally.error(ADMIN, f"the import's job had not finished after {now - started:.0f} s")
    except (Failed, RuntimeError, OSError, requests.RequestException) as exc:
        tally.error(ADMIN, f"the import: {exc}")


@contextmanager
def _db_worker(env: dict[str, str]):
    """One background worker, as ``make run`` starts beside the server; stopped at the end."""
    # As docs/deployment.md's unit runs it: below the web workers' priority (Nice=10).
    process = subprocess.Popen(
        ["nice", "-n", "10", PYTHON, "manage.py", "db_worker"], cwd=ROOT, env=env
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # in the middle of a long job: it is rolled back
            process.kill()
            process.wait(timeout=30)


def _scenario(engine: str) -> dict:
    with _database(engine) as db_env:
        env = _production_env(db_env)
        import_file = os.path.join(db_env["HEADWAY_DATA_DIR"], "import-10000.xlsx")
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo", "--password", PASSWORD)
        setup = SETUP.format(
            slug=SLUG,
            actions=ACTIONS,
            owners=OWNERS,
            password=PASSWORD,
            import_actions=IMPORT_ACTIONS,
            import_file=import_file,
            import_slug=IMPORT_SLUG,
        )
        round_id = _manage(env, "shell", "--no-imports", "-c", setup).split()[-1]
        maintain = "VACUUM ANALYZE" if engine == "postgresql" else "ANALYZE"
        _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            f"from django.db import connection; connection.cursor().execute('{maintain}')",
        )
        tally = Tally()
        with _gunicorn(env) as (base, master), _db_worker(env) as worker:
            # Readers sign in first (hashing 16 passwords takes seconds), so that the owners'
            # and the administrator's work starts with the readers' load.
            cookies = [_session_cookie(base) for _ in range(READERS)]
            until = time.monotonic() + SECONDS
            people = [
                threading.Thread(
                    target=_owner, args=(base, f"{SLUG}-owner-{i}", round_id, until, tally)
                )
                for i in range(OWNERS)
            ]
            people.append(
                threading.Thread(
                    target=_administrator, args=(base, import_file, until + IMPORT_WAIT, tally)
                )
            )
            for person in people:
                person.start()
            readers = _load(base, master, {f"/plans/{SLUG}/": READERS}, SECONDS, cookies)
            for person in people:
                # Each person's loop is bounded: requests time out, watching stops at its limit.
                person.join(timeout=IMPORT_WAIT + 900)
                if person.is_alive():
                    tally.error(person.name, "still running when the run was stopped")
            if worker.poll() is not None:
                tally.error("db_worker", f"stopped during the run ({worker.returncode})")
    return {
        "engine": engine,
        "readers": readers[f"/plans/{SLUG}/"],
        "previews": tally.previews,
        "applied": tally.applied,
        "downloads": tally.downloads,
        "unfinished": tally.unfinished,
        "import": tally.import_figures,
        "errors": tally.errors,
    }


def _spread(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    median = ordered[len(ordered) // 2]
    return f"{len(values)}, median {median:.1f} s, max {ordered[-1]:.1f} s"


def _report(result: dict) -> bool:
    engine, readers = result["engine"], result["readers"]
    print(f"\n{engine}: {READERS} readers on /plans/{SLUG}/ for {SECONDS:.0f} s")
    print(
        f"  readers: {readers['requests']} requests, {readers['rps']:.1f}/s, p50 "
        f"{readers['p50']:.0f} ms, p95 {readers['p95']:.0f} ms, p99 {readers['p99']:.0f} ms, "
        f"{readers['errors']} errors; server CPU {readers['server_cpu_ms']:.0f} ms a request"
    )
    print(f"  update sheets downloaded: {_spread(result['downloads'])}")
    print(f"  update sheets previewed:  {_spread(result['previews'])}")
    print(f"  update sheets applied (confirm to job finished): {_spread(result['applied'])}")
    if result["unfinished"]:
        print(f"  update sheets confirmed but not finished: {result['unfinished']}")
    figures = result["import"]
    if figures.get("finished"):
        print(
            f"  {IMPORT_ACTIONS:,}-action import: preview {figures['preview_s']:.1f} s, job "
            f"{figures['job_s']:.1f} s (confirm to finished), end to end "
            f"{figures['end_to_end_s']:.1f} s"
        )
    for error in result["errors"][:20]:
        print(f"  ERROR {error}")
    if len(result["errors"]) > 20:
        print(f"  … and {len(result['errors']) - 20} more errors")
    fast = readers["p95"] < P95_LIMIT_MS
    clean = not readers["errors"] and not result["errors"] and not result["unfinished"]
    print(
        f"{'PASS' if fast else 'FAIL'} {engine}: readers' p95 {readers['p95']:.0f} ms "
        f"(limit {P95_LIMIT_MS:.0f} ms)"
    )
    errors = readers["errors"] + len(result["errors"]) + result["unfinished"]
    print(f"{'PASS' if clean else 'FAIL'} {engine}: {errors} errors")
    return fast and clean


def run() -> list[dict]:
    if not shutil.which("wrk"):
        raise SystemExit("bench under_load needs wrk: `make bench` installs it (apt-get wrk)")
    _manage(_production_env({}), "collectstatic", "--noinput", "--verbosity", "0")
    engines = ["sqlite"] + (["postgresql"] if _postgres_available() else [])
    print(
        f"\nReaders while uploads and an import run: {READERS} readers, {OWNERS} owners sending "
        f"back {ACTIONS:,}-action update sheets, one {IMPORT_ACTIONS:,}-action import, "
        f"{SECONDS:.0f} s, on {os.cpu_count()} cores"
    )
    results, passed = [], True
    for engine in engines:
        result = _scenario(engine)
        results.append(result)
        passed = _report(result) and passed
    print(f"\n{'PASS' if passed else 'FAIL'}: readers while uploads and an import run")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "under_load.json").write_text(json.dumps(results, indent=2))
    return results
