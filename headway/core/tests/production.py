"""The settings Headway runs with in production, read from a fresh process with that environment.

Tests apply them with ``override_settings`` so that they check what production really sends,
not values copied into the test by hand.
"""

import json
import os
import secrets
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SECURITY_SETTINGS = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST",
    "HEADWAY_SESSION_REFRESH_SECONDS",
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
)


def production_environment(data_dir: Path) -> dict[str, str]:
    # Not DJANGO_ALLOW_ASYNC_UNSAFE either: the browser tests set it for their own process only.
    unwanted = ("DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="headway.example.org",
        HEADWAY_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


@cache
def production_settings() -> dict:
    import tempfile

    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    with tempfile.TemporaryDirectory() as data_dir:
        completed = subprocess.run(  # noqa: S603 — this interpreter, a fixed script
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=production_environment(Path(data_dir)),
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])
