"""sweep_files deletes stored files that no row refers to, once they are an hour old, and
nothing else: not a file a row names, not a fresh upload, not a file outside the upload folders."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from headway.core.file_sweep import media_orphans_find, swept_folders
from headway.core.tasks import sweep_files
from headway.plans.models import Evidence
from headway.testing.factories import ProgressUpdateFactory

pytestmark = pytest.mark.django_db

TWO_HOURS_AGO = time.time() - 2 * 3600


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _store(media: Path, name: str, *, old: bool = True) -> str:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 stand-in")
    if old:
        os.utime(path, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    return name


@pytest.fixture
def files(media) -> dict[str, str]:
    """What a running site holds, with the two kinds of leftover the review found."""
    kept = _store(media, "evidence/2013/03/inspection-letter.pdf")
    Evidence.objects.create(update=ProgressUpdateFactory(), title="Letter", file=kept)
    return {
        "referenced": kept,
        # Stored before its save was refused as stale: no row was ever written.
        "evidence_orphan": _store(media, "evidence/2013/03/refused-save.pdf"),
        # Stored by a publication killed before its commit.
        "report_orphan": _store(media, "reports/2013/csc-2012-13-march-public.pdf"),
        # An upload in flight: its row is not committed yet.
        "fresh_orphan": _store(media, "evidence/2013/03/uploading.pdf", old=False),
        "elsewhere": _store(media, "exports/old-export.xlsx"),
    }


def _on_disk(media: Path) -> set[str]:
    return {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()}


def test_the_upload_folders_are_read_from_the_file_fields():
    assert swept_folders() == ["evidence", "jobs", "reports"]


def test_sweep_deletes_old_files_no_row_refers_to_and_nothing_else(media, files):
    out = StringIO()

    call_command("sweep_files", stdout=out)

    assert _on_disk(media) == {files["referenced"], files["fresh_orphan"], files["elsewhere"]}
    assert f"Deleted {files['evidence_orphan']}" in out.getvalue()
    assert f"Deleted {files['report_orphan']}" in out.getvalue()
    assert "Deleted 2 files no row refers to" in out.getvalue()
    assert list(Evidence.objects.values_list("file", flat=True)) == [files["referenced"]]


def test_a_dry_run_lists_the_orphans_and_deletes_nothing(media, files):
    before = _on_disk(media)
    out = StringIO()

    call_command("sweep_files", "--dry-run", stdout=out)

    assert _on_disk(media) == before
    assert f"Would delete {files['evidence_orphan']}" in out.getvalue()
    assert "Would delete 2 files" in out.getvalue()
    assert media_orphans_find() == sorted([files["evidence_orphan"], files["report_orphan"]])


def test_a_file_is_kept_while_any_row_names_it(media, files):
    # A draft rewritten after its update was returned copies the evidence: two rows, one file.
    first = Evidence.objects.get()
    Evidence.objects.create(update=ProgressUpdateFactory(), title="Letter", file=first.file.name)
    first.delete()

    call_command("sweep_files", stdout=StringIO())
    assert files["referenced"] in _on_disk(media)

    Evidence.objects.all().delete()
    call_command("sweep_files", stdout=StringIO())
    assert files["referenced"] not in _on_disk(media)


def test_a_symbolic_link_is_never_followed_nor_deleted(media, files, tmp_path):
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"not Headway's")
    os.utime(outside, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    (media / "evidence" / "link.pdf").symlink_to(outside)

    call_command("sweep_files", stdout=StringIO())

    assert outside.exists()
    assert (media / "evidence" / "link.pdf").is_symlink()


def test_the_sweep_runs_as_a_background_task(media, files):
    result = sweep_files.call()

    assert result == {
        "deleted": sorted([files["evidence_orphan"], files["report_orphan"]]),
        "count": 2,
    }
    assert files["evidence_orphan"] not in _on_disk(media)
