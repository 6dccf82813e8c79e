"""Back up and restore the whole database: SQLite's online backup API, or PostgreSQL's pg_dump.

A backup is written beside its destination and renamed into place, so a file with the backup's
name is always complete. A restore refuses a database that already holds records unless told to
replace them, and replaces everything in one step: on SQLite the backup API copies every page; on
PostgreSQL ``pg_restore --single-transaction`` either restores it all or nothing.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"

# Rows Django writes into any migrated database: their presence does not make it "non-empty".
FRAMEWORK_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_session"}


class BackupError(Exception):
    """Why a backup or restore cannot be done, in words for the person running it."""


def database_engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def backup_write(*, output: Path) -> int:
    """Write a consistent copy of the database to ``output``; returns its size in bytes."""
    output = Path(output)
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    partial = output.with_name(f".{output.name}.partial")
    try:
        if database_engine() == "sqlite":
            _sqlite_backup(partial)
        elif database_engine() == "postgresql":
            _pg_dump(partial)
        else:
            raise BackupError(f"Backups of {database_engine()} databases are not supported.")
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output.stat().st_size


def backup_restore(*, source: Path, replace: bool = False) -> None:
    """Replace the database's content with the backup in ``source``."""
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
    occupied = tables_with_records()
    if occupied and not replace:
        raise BackupError(
            f"The database is not empty ({', '.join(occupied[:5])}"
            f"{' …' if len(occupied) > 5 else ''} hold records). Restore into an empty database, "
            "or pass --replace to overwrite everything in it."
        )
    if kind == "sqlite":
        _sqlite_restore(source)
    else:
        _pg_restore(source)


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


def _sqlite_restore(source: Path) -> None:
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        (check,) = backup.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError(f"{source} is damaged: SQLite says {check!r}.")
        connection.ensure_connection()
        backup.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} cannot be read as a SQLite database: {exc}.") from exc
    finally:
        backup.close()
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


def _run(arguments: list[str]) -> None:
    completed = subprocess.run(  # noqa: S603 — a fixed tool and arguments, no shell
        arguments, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        tool = Path(arguments[0]).name
        raise BackupError(f"{tool} failed: {completed.stderr.strip() or completed.returncode}")


def _pg_dump(destination: Path) -> None:
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          f"--file={destination}"])  # fmt: skip
    _run([_pg_tool("pg_restore"), "--list", str(destination)])  # readable before it is kept


def _pg_restore(source: Path) -> None:
    connection.close()  # hold no lock on the tables pg_restore drops
    _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error",
          f"--dbname={connection.settings_dict['NAME']}", str(source)])  # fmt: skip
