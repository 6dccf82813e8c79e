"""Where a request's time goes: pyinstrument over the plan page (its sections cached), an
action page and the actions list filtered to one outcome area, on a plan of PROFILE_ACTIONS
actions (default 10,000) x 4 rounds in a throw-away SQLite database, DEBUG off, signed in as
the plan's lead — the pages of the side-by-side with Redmine (``docs/performance.md``).

For each page: PROFILE_REQUESTS requests (default 300) through Django's test client after a
warm-up, sampled every millisecond; the report keeps the frames taking at least 2 % of the
time. The full text profiles are written to ``bench/results/profile-<page>.txt``.

    .venv/bin/python -m bench profile
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = int(os.environ.get("PROFILE_ACTIONS", "10000"))
REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "300"))
RESULTS = ROOT / "bench" / "results"


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="headway-bench-profile-") as data_dir:
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
            "PAGES_ACTIONS": str(ACTIONS),
        }
        env.pop("DATABASE_URL", None)
        result_file = Path(data_dir) / "profile.json"
        subprocess.run(
            [sys.executable, "-m", "bench.profile", "--child", str(result_file)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        results = json.loads(result_file.read_text())
    for page, row in results.items():
        print(f"\n{page}: {row['ms_per_request']:.1f} ms a request over {row['requests']}")
        for share, frame in row["top"]:
            print(f"  {share:5.1f} %  {frame}")
    return results


def _child(result_file: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pyinstrument import Profiler

    from bench.pages import _seed
    from headway.plans.models import Action

    seeded = _seed()
    client = Client()
    client.force_login(get_user_model().objects.get(username=seeded["lead"]))
    action = Action.objects.order_by("pk")[3]
    slug = action.plan.slug
    pages = {
        "plan": f"/plans/{slug}/",
        "action": f"/plans/{slug}/actions/{action.pk}/",
        "actions in one area": f"/plans/{slug}/actions/?area=3",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, path in pages.items():
        for _ in range(5):
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
        profiler = Profiler(interval=0.001)
        profiler.start()
        for _ in range(REQUESTS):
            client.get(path)
        session = profiler.stop()
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        (RESULTS / f"profile-{name.replace(' ', '-')}.txt").write_text(text)
        results[name] = {
            "requests": REQUESTS,
            "ms_per_request": session.duration * 1000 / REQUESTS,
            "top": _top(profiler.last_session.root_frame(), session.duration),
        }
    Path(result_file).write_text(json.dumps(results, indent=2))


def _top(root, duration: float) -> list[tuple[float, str]]:
    """Each frame's own share of the time (self time, summed by function), largest first."""
    totals: dict[str, float] = {}

    def walk(frame) -> None:
        own = frame.time - sum(child.time for child in frame.children)
        if frame.function != "[self]" and own > 0:
            key = f"{frame.function} ({_short(frame.file_path)}:{frame.line_no})"
            totals[key] = totals.get(key, 0.0) + own
        for child in frame.children:
            if child.function == "[self]":
                key = f"{frame.function} ({_short(frame.file_path)}:{frame.line_no})"
                totals[key] = totals.get(key, 0.0) + child.time
            else:
                walk(child)

    walk(root)
    shares = sorted(((100 * t / duration, k) for k, t in totals.items()), reverse=True)
    return [(round(share, 1), key) for share, key in shares if share >= 2.0]


def _short(path: str | None) -> str:
    if not path:
        return "?"
    for marker in ("site-packages/", "/headway/", "/config/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        run()
