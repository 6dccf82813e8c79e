"""The content stamp: one short value that changes whenever any of Headway's records changes.

Every cached page, page section and summary is keyed by the stamp, so a change anywhere makes a
new key at once, in every process and on every host, and nothing has to be told to forget.

How it works. Every statement that writes to a table of records (anything but the tables in
``UNRECORDED_TABLES``) goes through ``record_write``, a database execute-wrapper installed on
every connection. The first such write in a transaction also inserts one row into ``core_change``
in that same transaction, so the row is committed (or rolled back) with the write. The stamp is
``COUNT(*), MIN(id), MAX(id)`` of that table (one indexed query): a committed insert raises the
count or the newest id; the tidy-up that keeps the table small deletes its oldest rows, which
raises the smallest id. A reader who sees the new stamp therefore sees the new records, whatever
wrote them: a service, a bulk update, an import, the Django admin or a data migration.

Within one transaction the row is written once, not once a statement; but the stamp read on the
same connection (a test, or a view that writes and then reads) marks the next write as a new
change, so a transaction never reads its own earlier stamp after changing something.
"""

import re
import secrets
from collections.abc import Callable
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# Tables whose writes change no page: sessions, sign-in attempts, job bookkeeping, the admin's
# own log, Django's housekeeping, and the change log itself. Any other table's write counts, so
# a new app's records are covered without anyone remembering to list them.
UNRECORDED_TABLES = frozenset(
    {
        "core_change",
        "django_session",
        "django_admin_log",
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "jobs_job",
        "reminders_reminderrecord",
        "spreadsheets_columnmapping",
    }
)
UNRECORDED_PREFIXES = ("axes_", "django_tasks_database_")

# How many change rows are kept: once in about TIDY_ONE_IN writes, the rows older than the newest
# KEEP are deleted, in the writing transaction.
KEEP = 200
TIDY_ONE_IN = 100

# Writes to a records table that change nothing shown: signing in stamps the user's last_login.
_UNSHOWN_WRITE = re.compile(r'\s*UPDATE\s+"accounts_user"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE')
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)
_MARKER = "_headway_change_marker"

# Off while ``migrate`` runs: a migration before the change log's own would find no table to note
# its change in. ``resume`` notes one change for the whole migration instead.
_recording = True


def _records_table(sql: str) -> bool:
    match = _WRITE.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    if table in UNRECORDED_TABLES or table.startswith(UNRECORDED_PREFIXES):
        return False
    return _UNSHOWN_WRITE.match(sql) is None


def record_write(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    """The execute-wrapper: runs the statement, then notes the change if it wrote records."""
    result = execute(sql, params, many, context)
    # Cheap first test: reads (almost every statement) start with SELECT.
    if not _recording or sql[:1] not in "IiUuDd " or not _records_table(sql):
        return result
    connection: BaseDatabaseWrapper = context["connection"]
    if connection.in_atomic_block and _noted_in_this_transaction(connection):
        return result
    # A cursor of its own: the statement's own may still hold rows to be read (RETURNING).
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_change DEFAULT VALUES")
        if secrets.randbelow(TIDY_ONE_IN) == 0:
            cursor.execute(
                "DELETE FROM core_change WHERE id < (SELECT MAX(id) FROM core_change) - %s",
                [KEEP],
            )
    if connection.in_atomic_block:
        _mark_transaction(connection)
    return result


def _noted_in_this_transaction(connection: BaseDatabaseWrapper) -> bool:
    """Whether this transaction (or the savepoints still open in it) already wrote its change
    row. The mark is an on-commit callback: Django drops it with a rollback of the transaction
    or of the savepoint it was made in, exactly when the change row goes too."""
    marker = getattr(connection, _MARKER, None)
    if marker is None:
        return False
    return any(func is marker for _sids, func, _robust in connection.run_on_commit)


def _mark_transaction(connection: BaseDatabaseWrapper) -> None:
    def marker() -> None:  # run after the commit: nothing to do
        pass

    setattr(connection, _MARKER, marker)
    transaction.on_commit(marker, using=connection.alias)


def install(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Put ``record_write`` on a connection (the ``connection_created`` signal's receiver)."""
    if record_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(record_write)


def pause(**kwargs: Any) -> None:
    """``pre_migrate``'s receiver."""
    global _recording
    _recording = False


def resume(*, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate``'s receiver (sent once per app, after every migration has run): record
    again, and note the migration itself as one change."""
    global _recording
    if _recording:
        return
    _recording = True
    connection = connections[using]
    if "core_change" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO core_change DEFAULT VALUES")


def content_stamp(using: str = "default") -> str:
    """The stamp of everything committed so far (one query). Read it before the records it
    stands for: a write that lands in between then makes the next reader's key new, rather than
    hiding under this one."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), MIN(id), MAX(id) FROM core_change")
        count, first, last = cursor.fetchone()
    # This connection's next write starts a new change, even inside the same transaction.
    setattr(connection, _MARKER, None)
    return f"{count}.{first or 0}.{last or 0}"
