"""Kill a real command or service part-way through its transaction, for the reliability tests.

The parent side (used by headway/core/tests/test_killed_processes.py) makes throw-away databases
that child processes can share — a SQLite file, or a PostgreSQL database on the test server —
each with its own data folder for media, and runs children against them.

The parent reads each database's fingerprint itself, over a connection of its own.

The child side is ``python -m headway.testing.killable_child COMMAND``: it sets Django up from
the environment the parent gave it, and either prepares data or runs a scenario. A scenario runs the
real command or service with one function deep inside its transaction wrapped so that, once
reached, it writes a marker (what the child can see inside the transaction) and sleeps until the
parent kills it. The sleep is bounded and ends in ``os._exit``: a child that outlives its parent
never returns into the transaction, so never commits.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

# --- parent side ------------------------------------------------------------------------------

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEMO_SLUG = "childrens-social-care-2012-13"
DEMO_PASSWORD = "Killed-process-demo-1"  # noqa: S105 — throw-away users in a throw-away database
IMPORT_SUFFIX = " (revised by an import that was killed)"
COMMAND_TIMEOUT = 120  # seconds for any child that should finish by itself
PAUSE_SECONDS = 90  # how long a paused child waits to be killed before giving up on its own
EXIT_NOT_KILLED = 97


class ChildFailed(AssertionError):
    """A child process did not do what the test needed; its output says why."""


@dataclass
class Scratch:
    """One throw-away database and the data folder (media) that goes with it."""

    name: str
    data_dir: Path
    database_url: str | None  # None: SQLite in data_dir/headway.sqlite3

    @property
    def media_root(self) -> Path:
        return self.data_dir / "media"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(
            HEADWAY_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="config.settings",
            LOG_LEVEL="WARNING",
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env


class ScratchServer:
    """Creates, copies and drops throw-away databases like the test run's own database."""

    def __init__(self, *, settings_dict: dict[str, Any], root: Path) -> None:
        self.vendor = "postgresql" if "postgresql" in settings_dict["ENGINE"] else "sqlite"
        self.settings = settings_dict
        self.root = root
        self.made: list[Scratch] = []

    def create(self, label: str) -> Scratch:
        scratch = self._new(label)
        if self.vendor == "postgresql":
            self._pg(f'CREATE DATABASE "{scratch.name}"')
        return scratch

    def copy(self, source: Scratch, label: str) -> Scratch:
        """A new database holding exactly what ``source`` holds (no child may be using it)."""
        scratch = self._new(label)
        if self.vendor == "postgresql":
            self._pg(f'CREATE DATABASE "{scratch.name}" TEMPLATE "{source.name}"')
        else:
            # The backup API copies a consistent database, whatever is still in its WAL file.
            origin = sqlite3.connect(source.data_dir / "headway.sqlite3")
            target = sqlite3.connect(scratch.data_dir / "headway.sqlite3")
            try:
                origin.backup(target)
            finally:
                origin.close()
                target.close()
        return scratch

    def drop_all(self) -> None:
        if self.vendor == "postgresql":
            # Each DROP DATABASE waits for a checkpoint; dropped together, they share one or two.
            with ThreadPoolExecutor(max_workers=len(self.made) or 1) as pool:
                statements = [f'DROP DATABASE IF EXISTS "{s.name}" WITH (FORCE)' for s in self.made]
                list(pool.map(self._pg, statements))
        for scratch in self.made:
            shutil.rmtree(scratch.data_dir, ignore_errors=True)
        self.made.clear()

    def _new(self, label: str) -> Scratch:
        name = f"headway_kill_{os.getpid()}_{len(self.made)}_{label}"
        data_dir = self.root / name
        data_dir.mkdir(parents=True)
        url = None
        if self.vendor == "postgresql":
            s = self.settings
            credentials = quote(s.get("USER") or "postgres", safe="")
            if s.get("PASSWORD"):
                credentials += ":" + quote(s["PASSWORD"], safe="")
            url = (
                f"postgres://{credentials}@{s.get('HOST') or '127.0.0.1'}:"
                f"{s.get('PORT') or 5432}/{name}"
            )
        scratch = Scratch(name=name, data_dir=data_dir, database_url=url)
        self.made.append(scratch)
        return scratch

    def _pg(self, statement: str) -> None:
        """One statement on the server's maintenance database (names are ours, never input)."""
        import psycopg

        s = self.settings
        with psycopg.connect(
            dbname="postgres",
            host=s.get("HOST") or "127.0.0.1",
            port=s.get("PORT") or 5432,
            user=s.get("USER") or "postgres",
            password=s.get("PASSWORD") or None,
            autocommit=True,
            connect_timeout=10,
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]


def child(scratch: Scratch, *arguments: str, timeout: float = COMMAND_TIMEOUT) -> str:
    """Run ``python -m headway.testing.killable_child ARGUMENTS`` to completion; its output."""
    return _run(
        scratch, [sys.executable, "-m", "headway.testing.killable_child", *arguments], timeout
    )


def manage(scratch: Scratch, *arguments: str, timeout: float = COMMAND_TIMEOUT) -> str:
    """Run ``manage.py ARGUMENTS`` against the scratch database to completion; its output."""
    return _run(scratch, [sys.executable, str(BASE_DIR / "manage.py"), *arguments], timeout)


def _run(scratch: Scratch, command: list[str], timeout: float) -> str:
    completed = subprocess.run(  # noqa: S603 — our own interpreter and arguments, no shell
        command,
        cwd=BASE_DIR,
        env=scratch.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise ChildFailed(
            f"{' '.join(command[1:])} exited {completed.returncode}:\n{completed.stderr[-4000:]}"
        )
    return completed.stdout


def fingerprint(scratch: Scratch) -> dict[str, tuple[int, str]]:
    """Every table's row count and checksum (headway.core.backups.database_fingerprint).

    Read in this process, over a connection of its own to the scratch database (a child
    process would spend a second starting Django for it). The connection is closed before
    returning: PostgreSQL copies no database that someone is connected to.
    """
    from django.db import connections
    from django.db.utils import load_backend

    from headway.core.backups import database_fingerprint

    settings_dict = dict(connections["default"].settings_dict)
    if scratch.database_url:
        settings_dict["NAME"] = scratch.name
    else:
        settings_dict["NAME"] = str(scratch.data_dir / "headway.sqlite3")
    alias = f"fingerprint-{scratch.name}"
    database = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=alias)
    connections[alias] = database  # Django looks some features up by the connection's alias
    try:
        return database_fingerprint(database=database)
    finally:
        database.close()
        del connections[alias]


@dataclass(frozen=True)
class Killed:
    seen: dict[str, Any]  # what the child saw inside its transaction just before it was killed
    returncode: int


def kill_when_paused(scratch: Scratch, scenario: str, *, timeout: float = 60) -> Killed:
    """Run a scenario until it pauses inside its transaction, then SIGKILL it.

    Waits at most ``timeout`` seconds for the pause; the child is killed whatever happens.
    """
    work = Path(tempfile.mkdtemp(prefix="killable-", dir=scratch.data_dir.parent))
    marker = work / "paused.json"
    stdout, stderr = (work / "stdout").open("wb"), (work / "stderr").open("wb")
    process = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments, no shell
        [sys.executable, "-m", "headway.testing.killable_child", "run", scenario, str(marker)],
        cwd=BASE_DIR,
        env=scratch.env(),
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while not marker.exists():
            if process.poll() is not None:
                raise ChildFailed(
                    f"{scenario} ended (exit {process.returncode}) before its pause point:\n"
                    + (work / "stderr").read_text(errors="replace")[-4000:]
                )
            if time.monotonic() > deadline:
                raise ChildFailed(f"{scenario} did not reach its pause point in {timeout} s")
            time.sleep(0.05)
        seen = json.loads(marker.read_text())
        process.send_signal(signal.SIGKILL)
        returncode = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        stdout.close()
        stderr.close()
        shutil.rmtree(work, ignore_errors=True)
    return Killed(seen=seen, returncode=returncode)


def media_files(scratch: Scratch) -> set[str]:
    """Every file under the scratch MEDIA_ROOT, relative to it."""
    root = scratch.media_root
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}
