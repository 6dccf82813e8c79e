"""A restore trusts only a backup whose checksum matches and whose every table reads back as
Headway's: anything else is refused in one line, and the database is left as it was."""

import hashlib
import shutil
import sqlite3
import subprocess
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from headway.conftest import require_or_skip
from headway.core.backups import database_fingerprint
from headway.plans.models import Plan
from headway.testing.factories import ActionFactory, PlanFactory, ProgressUpdateFactory
from headway.testing.killable import ScratchServer

from .test_backup_restore import make_records

pytestmark = pytest.mark.django_db(transaction=True)

# A long narrative: on SQLite it fills whole overflow pages, so bytes inside it can be flipped
# without touching any page structure (SQLite's integrity_check still says "ok").
LONG_TEXT = "abcdefghij" * 2000
FLIPPED = 2000


def _backup(tmp_path: Path) -> Path:
    backup = tmp_path / "headway.backup"
    call_command("backup", "--output", str(backup), stdout=StringIO())
    return backup


def _write_manifest(backup: Path) -> None:
    digest = hashlib.sha256(backup.read_bytes()).hexdigest()
    backup.with_name(backup.name + ".sha256").write_text(f"{digest}  {backup.name}\n")


def _flip(backup: Path, at: int) -> None:
    data = bytearray(backup.read_bytes())
    for i in range(at, at + FLIPPED):
        data[i] ^= 0xFF
    backup.write_bytes(bytes(data))


def _records_with_a_long_text() -> None:
    make_records()
    ProgressUpdateFactory(action=ActionFactory(reference="9.9"), narrative=LONG_TEXT)


def _refused(backup: Path, match: str) -> str:
    with pytest.raises(CommandError, match=match) as refused:
        call_command("restore", str(backup), "--replace", stdout=StringIO())
    message = str(refused.value)
    assert "\n" not in message
    return message


def _still_works(tmp_path: Path) -> None:
    """What failed on the half-restored database: the summary and the export."""
    for plan in Plan.objects.filter(rounds__isnull=False).distinct():
        call_command("plan_summary", plan.slug, stdout=StringIO())
        call_command("export_plan", plan.slug, "--output", str(tmp_path / "x.xlsx"))


def test_a_backup_comes_with_a_checksum_manifest(tmp_path):
    make_records()
    backup = _backup(tmp_path)

    manifest = tmp_path / "headway.backup.sha256"
    digest = hashlib.sha256(backup.read_bytes()).hexdigest()
    # sha256sum's own format, so `sha256sum -c headway.backup.sha256` checks it too.
    assert manifest.read_text() == f"{digest}  headway.backup\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["headway.backup", "headway.backup.sha256"]


def test_a_backup_whose_bytes_changed_is_refused_and_nothing_changes(tmp_path):
    _records_with_a_long_text()
    backup = _backup(tmp_path)
    PlanFactory(slug="after-the-backup")
    before = database_fingerprint()
    _flip(backup, backup.stat().st_size // 2)

    message = _refused(backup, "checksum")

    assert "does not match" in message
    assert database_fingerprint() == before
    _still_works(tmp_path)


def test_a_backup_without_its_checksum_is_refused(tmp_path):
    make_records()
    backup = _backup(tmp_path)
    before = database_fingerprint()
    backup.with_name(backup.name + ".sha256").unlink()

    _refused(backup, r"no checksum .*headway\.backup\.sha256")

    assert database_fingerprint() == before


@pytest.mark.sqlite
def test_a_damaged_sqlite_backup_is_read_in_full_before_anything_is_replaced(tmp_path):
    """The review's case: 2,000 bytes flipped inside a long text, integrity_check still "ok",
    and the checksum written after the damage (as if the damage happened before the backup)."""
    _records_with_a_long_text()
    backup = _backup(tmp_path)
    PlanFactory(slug="after-the-backup")
    before = database_fingerprint()
    _flip(backup, backup.read_bytes().index(LONG_TEXT[:FLIPPED].encode()))
    _write_manifest(backup)

    damaged = sqlite3.connect(backup)
    assert damaged.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    damaged.close()

    message = _refused(backup, "cannot be restored")

    # The first copy of the text met is the update's history row or the update itself.
    assert "progressupdate cannot be read (Could not decode to UTF-8 column 'narrative')" in message
    assert "abcdefghij" not in message
    assert database_fingerprint() == before
    assert Plan.objects.filter(slug="after-the-backup").exists()
    _still_works(tmp_path)


def _pg_tools() -> None:
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        require_or_skip("pg_dump and pg_restore", "HEADWAY_REQUIRE_POSTGRES")


@pytest.mark.postgresql
def test_a_dump_of_another_database_is_refused_and_nothing_changes(tmp_path):
    _pg_tools()
    make_records()
    before = database_fingerprint()
    server = ScratchServer(settings_dict=settings.DATABASES["default"], root=tmp_path)
    try:
        other = server.create("unrelated")
        with psycopg.connect(other.database_url, autocommit=True) as unrelated:
            unrelated.execute("CREATE TABLE inventory_item (id int PRIMARY KEY, name text)")
        dump = tmp_path / "other.backup"
        subprocess.run(  # noqa: S603 — the installed tool, fixed arguments
            [shutil.which("pg_dump"), "--format=custom", f"--file={dump}", other.database_url],
            check=True,
            capture_output=True,
        )
    finally:
        server.drop_all()
    _write_manifest(dump)

    message = _refused(dump, "not a Headway backup")

    assert "inventory_item" in message
    assert database_fingerprint() == before
    assert "inventory_item" not in connection.introspection.table_names()


@pytest.mark.postgresql
def test_a_pg_restore_killed_by_a_signal_says_so(tmp_path, monkeypatch):
    _pg_tools()
    make_records()
    backup = _backup(tmp_path)
    before = database_fingerprint()
    # Lists a dump as pg_restore does, and dies of a segmentation fault when asked to restore.
    crashing = tmp_path / "pg_restore"
    crashing.write_text(
        "#!/bin/sh\n"
        f'case "$1" in --list) exec {shutil.which("pg_restore")} "$@";; esac\n'
        "kill -SEGV $$\n"
    )
    crashing.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")

    message = _refused(backup, "pg_restore was killed")

    assert "pg_restore was killed by signal 11 (SIGSEGV)" in message
    assert database_fingerprint() == before
