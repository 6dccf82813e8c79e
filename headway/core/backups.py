"""Back up and restore the whole database: SQLite's online backup API, or PostgreSQL's pg_dump.

A backup is written beside its destination and renamed into place, so a file with the backup's
name is always complete; beside it goes ``NAME.sha256``, its SHA-256 in ``sha256sum``'s format.

A restore trusts nothing it has not checked, and checks everything before it replaces anything.
It copies the backup to a private folder while hashing it, so what it checks is what it restores,
and refuses it unless the hash matches the manifest. It then refuses a backup whose tables are
not Headway's (the TOC of a pg_dump, the schema of a SQLite file). A SQLite backup is read in
full, every row of every table, into a temporary database, which is then copied in: bytes that
SQLite's own integrity check misses (text that is no longer text) stop the restore there. On
PostgreSQL ``pg_restore --single-transaction`` either restores it all or nothing. A database that
already holds records is refused unless told to replace them.
"""

import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"

# Rows Django writes into any migrated database: their presence does not make it "non-empty".
FRAMEWORK_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_session"}
MANIFEST_SUFFIX = ".sha256"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or restore cannot be done, in words for the person running it."""


def database_engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def backup_write(*, output: Path) -> int:
    """Write a consistent copy of the database to ``output`` and its checksum to
    ``output.sha256``; returns the backup's size in bytes."""
    output = Path(output)
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    partial = output.with_name(f".{output.name}.partial")
    manifest = manifest_path(output)
    manifest_partial = manifest.with_name(f".{manifest.name}.partial")
    try:
        if database_engine() == "sqlite":
            _sqlite_backup(partial)
        elif database_engine() == "postgresql":
            _pg_dump(partial)
        else:
            raise BackupError(f"Backups of {database_engine()} databases are not supported.")
        manifest_partial.write_text(f"{_sha256(partial)}  {output.name}\n")
        # The backup first: a backup without its manifest is refused, never a wrong pairing
        # trusted (an older manifest at this name no longer matches either).
        os.replace(partial, output)
        os.replace(manifest_partial, manifest)
    finally:
        partial.unlink(missing_ok=True)
        manifest_partial.unlink(missing_ok=True)
    return output.stat().st_size


def manifest_path(backup: Path) -> Path:
    """Where a backup's checksum lives: ``NAME.sha256`` beside it."""
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def backup_restore(*, source: Path, replace: bool = False) -> None:
    """Replace the database's content with the backup in ``source``, once it is verified.

    Nothing is changed unless the checksum matches, every table is Headway's and (SQLite) every
    row reads back; each refusal is a ``BackupError`` of one line.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    with source.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header.startswith(SQLITE_HEADER):
        kind = "sqlite"
    elif header.startswith(PG_CUSTOM_HEADER):
        kind = "postgresql"
    else:
        raise BackupError(f"{source} is not a Headway backup (not SQLite, not pg_dump's format).")
    if kind != database_engine():
        raise BackupError(
            f"{source} is a {kind} backup but this database is {database_engine()}: restore it "
            f"into a {kind} database."
        )
    if kind == "sqlite" and connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    expected = _manifest_digest(source)
    occupied = tables_with_records()
    if occupied and not replace:
        raise BackupError(
            f"The database is not empty ({', '.join(occupied[:5])}"
            f"{' …' if len(occupied) > 5 else ''} hold records). Restore into an empty database, "
            "or pass --replace to overwrite everything in it."
        )
    with tempfile.TemporaryDirectory(prefix="headway-restore-") as work:
        copy = Path(work) / "backup"
        if _copy_hashing(source, copy) != expected:
            raise BackupError(
                f"{source} does not match its checksum in {manifest_path(source)}: it is damaged "
                "or was changed after the backup. Nothing was restored."
            )
        if kind == "sqlite":
            staging = Path(work) / "staging.sqlite3"
            _sqlite_stage(copy, staging, label=source)
            _sqlite_restore(staging)
        else:
            _pg_check_contents(copy, label=source)
            _pg_restore(copy)


def headway_tables() -> set[str]:
    """Every table this version of Headway can hold: its models' and Django's migration log."""
    return set(connection.introspection.django_table_names()) | {"django_migrations"}


def check_headway_tables(names: set[str], *, label: Path) -> None:
    """Refuse a backup that holds a table Headway does not know, or lacks its essential ones."""
    unknown = sorted(names - headway_tables())
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BackupError(
            f"{label} is not a Headway backup: it holds tables Headway does not have ({shown})."
        )
    missing = sorted({"django_migrations", get_user_model()._meta.db_table} - names)
    if missing:
        raise BackupError(f"{label} is not a Headway backup: it has no {', '.join(missing)}.")


def _manifest_digest(source: Path) -> str:
    manifest = manifest_path(source)
    if not manifest.is_file():
        raise BackupError(
            f"{source} has no checksum beside it ({manifest}, written by `manage.py backup`): "
            "a backup is restored only once its checksum is verified."
        )
    first = manifest.read_text(encoding="utf-8", errors="replace").split(maxsplit=1)
    if not first or not re.fullmatch(r"[0-9a-f]{64}", first[0].lower()):
        raise BackupError(f"{manifest} is not a SHA-256 checksum (sha256sum's format).")
    return first[0].lower()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashing(source: Path, destination: Path) -> str:
    """Copy ``source`` and return the SHA-256 of exactly the bytes copied."""
    digest = hashlib.sha256()
    with source.open("rb") as reading, destination.open("wb") as writing:
        while chunk := reading.read(CHUNK):
            digest.update(chunk)
            writing.write(chunk)
    return digest.hexdigest()


def _one_line(exc: BaseException, limit: int = 160) -> str:
    # SQLite quotes the undecodable text itself: damaged bytes, not something to print.
    text = " ".join(str(exc).split(" with text '")[0].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tables_with_records() -> list[str]:
    """The tables that hold records, framework bookkeeping aside.

    Table names below come from the database's own catalogue and are quoted, never from input.
    """
    with connection.cursor() as cursor:
        names = sorted(set(connection.introspection.table_names(cursor)) - FRAMEWORK_TABLES)
        occupied = []
        for name in names:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608  # nosec
            if cursor.fetchone():
                occupied.append(name)
    return occupied


def database_fingerprint(
    *, database: BaseDatabaseWrapper = connection
) -> dict[str, tuple[int, str]]:
    """Every table's row count and a SHA-256 of its rows in a fixed order.

    Two databases with the same fingerprint hold the same records; a test compares the
    fingerprint before a backup with the one after a restore. ``database`` is the default
    connection unless another is given (the killed-process tests read throw-away databases).
    """
    result = {}
    with database.cursor() as cursor:
        for name in sorted(database.introspection.table_names(cursor)):
            columns = database.introspection.get_table_description(cursor, name)
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            cursor.execute(
                f"SELECT * FROM {database.ops.quote_name(name)} ORDER BY {order}"  # noqa: S608  # nosec
            )
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
                count += 1
            result[name] = (count, digest.hexdigest())
    return result


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_backup(destination: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(destination)
    try:
        # The online backup API copies a consistent snapshot while others keep writing.
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_stage(copy: Path, staging: Path, *, label: Path) -> None:
    """Read every row of every table of ``copy`` into a new database at ``staging``.

    Python decodes each text value as it reads it, so text that SQLite's integrity check accepts
    but that is no longer UTF-8 stops the restore here, before anything is replaced. Names come
    from the backup's own catalogue and are checked against Headway's tables before use.
    """
    backup = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    target = sqlite3.connect(staging)
    table = "its schema"
    try:
        (check,) = backup.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError(f"{label} cannot be restored: SQLite says it is damaged ({check!r}).")
        schema = backup.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite^_%' ESCAPE '^' ORDER BY rowid"
        ).fetchall()
        tables = [name for kind, name, _ in schema if kind == "table"]
        check_headway_tables(set(tables), label=label)
        with target:
            for kind, _, sql in schema:
                if kind == "table":
                    target.execute(sql)
            for table in tables:
                quoted = '"' + table.replace('"', '""') + '"'
                rows = backup.execute(f"SELECT * FROM {quoted}")  # noqa: S608  # nosec
                marks = ", ".join("?" * len(rows.description))
                target.executemany(f"INSERT INTO {quoted} VALUES ({marks})", rows)  # noqa: S608  # nosec
            table = "sqlite_sequence"
            if backup.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
            ).fetchone():
                target.execute("DELETE FROM sqlite_sequence")
                target.executemany(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                    backup.execute("SELECT name, seq FROM sqlite_sequence"),
                )
            table = "its indexes"
            for kind, _, sql in schema:
                if kind != "table":
                    target.execute(sql)
        broken = target.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise BackupError(
                f"{label} cannot be restored: a row of {broken[0]} refers to a missing {broken[2]}."
            )
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"{label} cannot be restored: table {table} cannot be read ({_one_line(exc)}). "
            "Nothing was restored."
        ) from exc
    finally:
        backup.close()
        target.close()


def _sqlite_restore(staging: Path) -> None:
    """Copy the staged database's pages over this one's, in one step."""
    staged = sqlite3.connect(f"file:{staging}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        staged.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"The restore failed: {_one_line(exc)}.") from exc
    finally:
        staged.close()
    connection.close()  # the next query reopens it and sees the restored schema


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client).")
    return path


def _pg_environment() -> dict[str, str]:
    """libpq's own variables, so that the password never appears in a process listing."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def _run(arguments: list[str]) -> str:
    """Run a PostgreSQL tool; its output, or a one-line ``BackupError`` saying how it failed."""
    completed = subprocess.run(  # noqa: S603 — a fixed tool and arguments, no shell
        arguments, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        tool = Path(arguments[0]).name
        said = " ".join(completed.stderr.split())
        if completed.returncode < 0:
            number = -completed.returncode
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = "an unknown signal"
            raise BackupError(
                f"{tool} was killed by signal {number} ({name}){': ' + said if said else ''}."
            )
        raise BackupError(f"{tool} failed (exit status {completed.returncode}): {said or '-'}")
    return completed.stdout


# A table's entry in `pg_restore --list`: "215; 1259 16390 TABLE public plans_plan owner".
_TOC_TABLE = re.compile(r"^\d+;\s+\d+\s+\d+\s+TABLE\s+(?!DATA\s)(\S+)\s+(\S+)\s")


def _pg_dump(destination: Path) -> None:
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          f"--file={destination}"])  # fmt: skip
    _run([_pg_tool("pg_restore"), "--list", str(destination)])  # readable before it is kept


def _pg_check_contents(copy: Path, *, label: Path) -> None:
    """Refuse a dump whose table of contents is not Headway's tables in the public schema."""
    tables = set()
    for line in _run([_pg_tool("pg_restore"), "--list", str(copy)]).splitlines():
        match = _TOC_TABLE.match(line)
        if match:
            schema, name = match.groups()
            tables.add(name if schema == "public" else f"{schema}.{name}")
    check_headway_tables(tables, label=label)


def _pg_restore(source: Path) -> None:
    connection.close()  # hold no lock on the tables pg_restore drops
    _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error",
          f"--dbname={connection.settings_dict['NAME']}", str(source)])  # fmt: skip
