"""A process killed part-way through an import, a publication or the demo loader leaves the
database exactly as it was: every table's row count and checksum unchanged.

Each test runs the real command or service in a child process against a throw-away database of
the suite's own kind (a SQLite file, or a database on the suite's PostgreSQL server), lets it
write, pauses it inside its transaction (the import after all its writes, the publication after
its first file, the loader after the plans and risks), kills it with SIGKILL — no exception
handler, no clean-up runs — and compares fingerprints (headway.core.backups.database_fingerprint).
headway/testing/killable.py has the machinery. PostgreSQL sequences are not part of a
fingerprint: ids taken by the rolled-back inserts are skipped, as after any rollback.
"""

import json
import os
import signal
import time

import pytest
from django.conf import settings

from headway.testing.killable import (
    DEMO_PASSWORD,
    Scratch,
    ScratchServer,
    child,
    fingerprint,
    kill_when_paused,
    manage,
    media_files,
)

KILLED = -signal.SIGKILL


def changed_tables(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ, so that a failure names them."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def kill_free_run(scratch: Scratch, scenario: str) -> dict:
    """Run a scenario to the end; what it committed."""
    return json.loads(child(scratch, "run", scenario).strip().splitlines()[-1])


@pytest.fixture(autouse=True)
def _fingerprints_read_here(django_db_blocker):
    """``fingerprint`` opens a connection of its own to a scratch database (never the test
    database, which these tests do not use), so database access is let through."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    made = ScratchServer(
        settings_dict=settings.DATABASES["default"], root=tmp_path_factory.mktemp("killed")
    )
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def migrated(server) -> Scratch:
    scratch = server.create("migrated")
    manage(scratch, "migrate", "--noinput")
    return scratch


@pytest.fixture(scope="module")
def demo(server, migrated) -> Scratch:
    """The demo plan with a draft committee report for its latest round."""
    scratch = server.copy(migrated, "demo")
    manage(scratch, "load_demo", "--password", DEMO_PASSWORD)
    child(scratch, "prepare-draft")
    return scratch


def test_an_import_killed_before_its_commit_leaves_every_table_as_it_was(server, demo):
    scratch = server.copy(demo, "import")
    before = fingerprint(scratch)

    killed = kill_when_paused(scratch, "import")

    assert killed.returncode == KILLED
    # Killed with every change written but not committed: all actions retitled, updates added.
    seen = killed.seen
    assert seen["in_transaction"] is True
    assert seen["actions"] > 50
    assert seen["actions_retitled"] == seen["actions"]
    assert seen["updates"] > seen["updates_before"]
    after = fingerprint(scratch)
    assert changed_tables(before, after) == []
    assert after == before

    # Nothing was left locked or half-done: the same import then runs to the end and commits.
    finished = kill_free_run(scratch, "import")
    assert finished["actions_retitled"] == finished["actions"] == seen["actions"]
    assert finished["updates"] == seen["updates"]
    assert "plans_action" in changed_tables(before, fingerprint(scratch))


def test_a_publication_killed_before_its_commit_leaves_every_table_as_it_was(server, demo):
    scratch = server.copy(demo, "publish")
    before = fingerprint(scratch)
    files_before = media_files(scratch)

    killed = kill_when_paused(scratch, "publish")

    assert killed.returncode == KILLED
    seen = killed.seen
    assert seen["in_transaction"] is True
    assert seen["state"] == "draft"  # the report row is not yet changed when the first file is
    assert len(seen["files"]) == 1
    [written] = seen["files"]
    assert seen["files"][written] == {"exists": True, "matches": True}
    after = fingerprint(scratch)
    assert changed_tables(before, after) == []
    assert after == before
    assert after["reports_publishedfile"][0] == 0

    # Files are not transactional. The one file stored before the kill is left behind with no
    # row pointing at it; nothing else is left: no other file, no partial file.
    leftover = media_files(scratch) - files_before
    assert leftover <= {written}

    # Publishing again works and every stored file is complete: the orphan at this edition's
    # name is replaced by the real file, so nothing is left over.
    finished = kill_free_run(scratch, "publish")
    assert finished["state"] == "published"
    assert len(finished["files"]) == 4
    assert all(check == {"exists": True, "matches": True} for check in finished["files"].values())
    assert leftover <= set(finished["files"])
    assert media_files(scratch) == files_before | set(finished["files"])


def test_the_demo_loader_killed_before_its_commit_leaves_an_empty_database(server, migrated):
    scratch = server.copy(migrated, "load-demo")
    before = fingerprint(scratch)
    assert before["plans_plan"][0] == before["plans_action"][0] == 0

    killed = kill_when_paused(scratch, "load_demo")

    assert killed.returncode == KILLED
    seen = killed.seen
    assert seen["in_transaction"] is True
    assert seen["plans"] == 2
    assert seen["actions"] > 50
    assert seen["updates"] > 100
    assert seen["risks"] > 0
    after = fingerprint(scratch)
    assert changed_tables(before, after) == []
    assert after == before


def test_the_file_a_killed_publication_left_behind_is_swept_once_an_hour_old(server, demo):
    scratch = server.copy(demo, "publish-sweep")
    files_before = media_files(scratch)
    before = fingerprint(scratch)

    killed = kill_when_paused(scratch, "publish")

    assert killed.returncode == KILLED
    leftover = media_files(scratch) - files_before
    assert len(leftover) == 1
    # Too fresh to be taken: it could be an upload whose row is about to be committed.
    assert "Deleted 0 files" in manage(scratch, "sweep_files")
    assert media_files(scratch) - files_before == leftover

    [name] = leftover
    an_hour_and_more = time.time() - 3700
    os.utime(scratch.media_root / name, (an_hour_and_more, an_hour_and_more))
    swept = manage(scratch, "sweep_files")

    assert f"Deleted {name}" in swept
    assert media_files(scratch) == files_before
    assert fingerprint(scratch) == before
