"""Publishing freezes a report: snapshot, stored files with SHA-256, who and when; never edited."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.selectors import plan_summary
from headway.plans.services import (
    progress_update_approve,
    progress_update_save_draft,
    progress_update_submit,
)
from headway.reports.choices import ReportState
from headway.reports.models import CommitteeReport, PublishedFile
from headway.reports.selectors import report_context
from headway.reports.services import (
    StaleVersionError,
    report_publish,
    report_start_new_edition,
    report_update,
)

from .readback import docx_tables


@pytest.fixture
def source(shared_source):
    """The source's plan, made once for this module (``module_source`` in conftest.py)."""
    return shared_source


def _correct_an_action(source):
    """A later correction moves an Assuring Quality action from Achieved to Limited progress."""
    update = ProgressUpdate.objects.get(
        action__plan=source.plan, action__reference="3.1", round=source.round
    )
    owner = update.author
    draft = progress_update_save_draft(
        action=update.action,
        round=source.round,
        by=owner,
        assessment=Assessment.single(Status.LIMITED_PROGRESS_RISK),
        narrative="Audit found the work incomplete.",
    )
    submitted = progress_update_submit(update=draft, by=owner)
    progress_update_approve(update=submitted, by=source.lead)


def test_publish_stores_files_hashes_snapshot_and_who(draft, source):
    report = report_publish(report=draft, by=source.lead, expected_version=draft.version)

    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert report.published_by == source.lead and report.published_at is not None
    assert report.snapshot["table"]["total"]["cells"][0]["text"] == "21½"
    files = list(report.files.all())
    assert {(f.audience, f.format) for f in files} == {
        ("public", "docx"),
        ("public", "pdf"),
        ("restricted", "docx"),
        ("restricted", "pdf"),
    }
    for stored in files:
        content = stored.file.read()
        assert hashlib.sha256(content).hexdigest() == stored.sha256
        assert len(content) == stored.size


def test_published_files_and_hash_do_not_change_when_the_plan_changes(draft, source):
    report = report_publish(report=draft, by=source.lead, expected_version=draft.version)
    before = {(f.audience, f.format): (f.sha256, f.file.read()) for f in report.files.all()}
    context_before = report_context(report=report)

    _correct_an_action(source)

    live = plan_summary(plan=source.plan, round=source.round)
    assert live.areas[2].counts[Status.LIMITED_PROGRESS_RISK] == 1  # the data did change
    report.refresh_from_db()
    after = {(f.audience, f.format): (f.sha256, f.file.read()) for f in report.files.all()}
    assert after == before
    assert report_context(report=report) == context_before
    table = next(t for t in docx_tables(before[("public", "docx")][1]) if t[0][1] == "Actions")
    assert table[3] == ["Assuring Quality", "9", "9", "0", "0"]


def test_a_published_report_is_never_edited_by_model_or_service(draft, source):
    report = report_publish(report=draft, by=source.lead, expected_version=draft.version)

    report.title = "Changed afterwards"
    with pytest.raises(ValidationError, match="never edited"):
        report.save()
    with pytest.raises(ValidationError, match="never edited"):
        report_update(
            report=report, by=source.lead, expected_version=report.version, changes={"title": "x"}
        )
    with pytest.raises(ValidationError):
        report.delete()
    stored = report.files.first()
    with pytest.raises(ValidationError):
        stored.save()
    assert CommitteeReport.objects.get(pk=report.pk).title != "Changed afterwards"


def test_a_new_edition_supersedes_and_the_old_one_stays(draft, source):
    first = report_publish(report=draft, by=source.lead, expected_version=draft.version)
    old_hashes = set(first.files.values_list("sha256", flat=True))
    _correct_an_action(source)

    second = report_start_new_edition(report=first, by=source.lead)
    assert second.edition == 2 and second.is_draft and second.title == first.title
    second = report_publish(report=second, by=source.lead, expected_version=second.version)

    first.refresh_from_db()
    assert first.state == ReportState.SUPERSEDED
    assert set(first.files.values_list("sha256", flat=True)) == old_hashes
    assert second.state == ReportState.PUBLISHED
    assert second.snapshot["table"]["rows"][2]["cells"][2]["text"] == "1"
    assert PublishedFile.objects.count() == 8


def test_publishing_twice_or_over_a_newer_version_is_refused(draft, source):
    report_update(
        report=draft, by=source.lead, expected_version=draft.version, changes={"wards": "All"}
    )

    with pytest.raises(StaleVersionError):
        report_publish(report=draft, by=source.lead, expected_version=1)

    draft.refresh_from_db()
    assert draft.is_draft and not PublishedFile.objects.exists()
    published = report_publish(report=draft, by=source.lead, expected_version=draft.version)
    with pytest.raises(ValidationError):
        report_publish(report=published, by=source.lead, expected_version=published.version)
    assert PublishedFile.objects.count() == 4


def test_a_rendering_failure_leaves_nothing_written(draft, source, monkeypatch, settings):
    def broken(context, fmt, **options):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr("headway.reports.renderers.render", broken)

    with pytest.raises(RuntimeError):
        report_publish(report=draft, by=source.lead, expected_version=draft.version)

    draft.refresh_from_db()
    assert draft.is_draft and draft.snapshot is None
    assert not PublishedFile.objects.exists()
    assert not list((settings.MEDIA_ROOT).glob("**/*.pdf"))


def test_a_failure_inside_the_transaction_removes_the_files_it_wrote(
    draft, source, monkeypatch, settings
):
    original = PublishedFile.save
    calls = []

    def fail_on_third(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PublishedFile, "save", fail_on_third)

    with pytest.raises(RuntimeError):
        report_publish(report=draft, by=source.lead, expected_version=draft.version)

    draft.refresh_from_db()
    assert draft.is_draft
    assert not PublishedFile.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.glob("**/*") if p.is_file()]
    assert ProgressUpdate.objects.filter(state=UpdateState.APPROVED).count() > 0
