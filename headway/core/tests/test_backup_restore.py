"""backup and restore: a restored database holds exactly what was backed up, table by table."""

import shutil
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from headway.conftest import require_or_skip
from headway.core.backups import database_fingerprint, tables_with_records
from headway.plans.choices import Status, UpdateState
from headway.plans.models import Action, Plan, ProgressUpdate
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def make_records() -> None:
    plan = PlanFactory(slug="csc-2012-13", title="Plan with “quotes” and ½ fractions")
    area = OutcomeAreaFactory(plan=plan, number=1)
    round_ = ReviewRoundFactory(plan=plan)
    for n in range(6):
        action = ActionFactory(plan=plan, area=area, reference=f"1.{n + 1}")
        MilestoneFactory(action=action)
        ProgressUpdateFactory(
            action=action,
            round=round_,
            status=list(Status)[n % 5],
            narrative=f"Narrative {n}\nwith a second line; DROP TABLE plans_plan;",
        )
    ProgressUpdateFactory(action=action, round=round_, state=UpdateState.DRAFT)


def check_round_trip(tmp_path) -> None:
    make_records()
    before = database_fingerprint()
    backup = tmp_path / "headway.backup"
    out = StringIO()

    call_command("backup", "--output", str(backup), stdout=out)

    assert backup.stat().st_size > 0
    assert f"to {backup}" in out.getvalue()
    assert not list(tmp_path.glob(".*partial"))

    # A database that holds records is not overwritten by accident.
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(backup))
    assert database_fingerprint() == before

    call_command("flush", "--noinput")
    assert tables_with_records() == []
    assert Plan.objects.count() == 0

    call_command("restore", str(backup), stdout=out)

    after = database_fingerprint()
    assert after == before
    assert sum(count for count, _ in after.values()) > 40
    assert after["plans_action"][0] == 6
    assert Action.objects.count() == 6
    assert ProgressUpdate.objects.filter(state=UpdateState.DRAFT).count() == 1
    assert "Restored" in out.getvalue()


@pytest.mark.sqlite
def test_sqlite_backup_restores_every_table_exactly(tmp_path):
    check_round_trip(tmp_path)


@pytest.mark.postgresql
def test_postgresql_backup_restores_every_table_exactly(tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        require_or_skip("pg_dump and pg_restore", "HEADWAY_REQUIRE_POSTGRES")
    check_round_trip(tmp_path)


def test_replace_overwrites_a_database_that_holds_records(tmp_path):
    make_records()
    before = database_fingerprint()
    backup = tmp_path / "b"
    call_command("backup", "--output", str(backup), stdout=StringIO())
    PlanFactory(slug="added-after-the-backup")
    Action.objects.filter(reference="1.1").update(title="Changed after the backup")

    cache.set("headway:page:cached-before-the-restore", "stale", 600)
    call_command("restore", str(backup), "--replace", stdout=StringIO())

    assert database_fingerprint() == before
    assert not Plan.objects.filter(slug="added-after-the-backup").exists()
    # Stamps go on from the backup's, so what was cached under later ones is gone.
    assert cache.get("headway:page:cached-before-the-restore") is None


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(tmp_path):
    make_records()
    before = database_fingerprint()
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")

    with pytest.raises(CommandError, match="is not a Headway backup"):
        call_command("restore", str(junk), "--replace")
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "missing"), "--replace")

    assert database_fingerprint() == before


def test_a_backup_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", "--output", str(tmp_path / "no" / "such" / "file"))
    assert not (tmp_path / "no").exists()
