"""Evidence on an update: links, and files checked for size and for type by name and content."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.plans.models import Evidence, ProgressUpdate
from headway.testing.factories import ActionFactory, OutcomeAreaFactory, ReviewRoundFactory

from .flow import draft_version, post_step, step_url


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def action(plan, owner):
    return ActionFactory(area=OutcomeAreaFactory(plan=plan), owner=owner)


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def _post(client, action, *, submit=True, **extra):
    """The narrative and evidence page (after the status page, if there is no draft yet);
    with ``submit``, on through the milestones page and sent from check your answers."""
    if not ProgressUpdate.objects.filter(action=action, state=UpdateState.DRAFT).exists():
        post_step(client, action, "status", {"status": Status.ACHIEVED.value})
    response = post_step(client, action, "narrative", {"narrative": "Done.", **extra})
    if response.status_code != 302 or not submit:
        return response
    post_step(client, action, "milestones", {"action_version": action.version})
    return client.post(step_url(action, "check"), {"version": draft_version(action)})


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


ACCEPTED = [
    ("audit.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ("figures.csv", "Team,Assessments\nNorth,42\nSouth,£17\n".encode()),
    ("notes.txt", "Visited on 12 March.\r\n".encode("cp1252")),
    ("minutes.docx", _docx_bytes()),
]


@pytest.mark.parametrize(("name", "content"), ACCEPTED)
def test_allowed_files_are_stored_with_the_update(client, action, round, owner, name, content):
    client.force_login(owner)
    upload = SimpleUploadedFile(name, content)
    response = _post(client, action, evidence_file=upload, evidence_file_title="Proof")
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.update == ProgressUpdate.objects.get()
    assert evidence.title == "Proof"
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


REFUSED = [
    ("tool.exe", b"MZ\x90\x00\x03\x00", "must be a PDF, Word (.docx)"),
    ("report.pdf", b"MZ\x90\x00\x03\x00", "content is not a PDF"),
    ("image.png", b"%PDF-1.4", "content is not a PNG image"),
    ("minutes.docx", b"PK\x03\x04not really a zip", "is not a Word document"),
    ("data.xlsx", _docx_bytes(), "is not an Excel spreadsheet"),
    ("notes.txt", b"\x7fELF\x02\x01\x01\x00\x00", "is not a text file"),
    ("page.html", b"<html></html>", "must be a PDF"),
    ("noextension", b"hello", "must be a PDF"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_other_files_are_refused_by_name_or_content(
    client, action, round, owner, media, name, content, message
):
    client.force_login(owner)
    response = _post(client, action, evidence_file=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'href="#id_evidence_file"' in body
    assert ProgressUpdate.objects.get().narrative == ""  # nothing of the page was saved
    assert Evidence.objects.count() == 0
    assert not any(media.rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(client, action, round, owner, settings, media):
    settings.HEADWAY_EVIDENCE_MAX_BYTES = 1024 * 1024
    client.force_login(owner)
    big = SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 1))
    response = _post(client, action, evidence_file=big)
    assert response.status_code == 200
    assert "The file must be smaller than 1 MB; this one is 1.0 MB" in response.content.decode()
    assert ProgressUpdate.objects.get().narrative == ""
    assert not any(media.rglob("*.*"))


def test_a_link_is_stored_and_its_title_defaults_to_the_address(client, action, round, owner):
    client.force_login(owner)
    response = _post(client, action, evidence_link_url="https://intranet.example.org/audit")
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.url == "https://intranet.example.org/audit"
    assert evidence.title == "https://intranet.example.org/audit"
    assert not evidence.file


def test_a_link_must_be_a_web_address(client, action, round, owner):
    client.force_login(owner)
    response = _post(client, action, evidence_link_url="javascript:alert(1)")
    assert response.status_code == 200
    assert 'href="#id_evidence_link_url"' in response.content.decode()
    assert Evidence.objects.count() == 0


def test_evidence_can_be_removed_from_a_draft(client, action, round, owner):
    client.force_login(owner)
    _post(client, action, submit=False, evidence_link_url="https://example.org/a")
    draft = ProgressUpdate.objects.get()
    evidence = Evidence.objects.get()
    page = client.get(step_url(action, "narrative")).content.decode()
    assert f'name="remove_evidence" type="checkbox" value="{evidence.pk}"' in page
    response = _post(client, action, submit=False, remove_evidence=[evidence.pk])
    assert response.status_code == 302
    assert Evidence.objects.count() == 0
    draft.refresh_from_db()
    assert draft.version == 3  # the status page, then this page twice


def test_a_returned_updates_evidence_is_kept_in_the_new_update(client, action, round, owner, lead):
    client.force_login(owner)
    _post(client, action, evidence_link_url="https://example.org/a")
    first = ProgressUpdate.objects.get()
    first.state = UpdateState.RETURNED
    first.decision_comment = "More detail"
    first.save(update_fields=["state", "decision_comment"])
    response = _post(client, action, narrative="Done, with detail.")
    assert response.status_code == 302
    second = ProgressUpdate.objects.exclude(pk=first.pk).get()
    assert list(second.evidence.values_list("url", flat=True)) == ["https://example.org/a"]
    assert first.evidence.count() == 1


def test_a_file_is_served_only_to_people_who_see_the_plan(
    client, action, round, owner, reader, outsider
):
    client.force_login(owner)
    _post(client, action, evidence_file=SimpleUploadedFile("notes.txt", b"Visited."))
    evidence = Evidence.objects.get()
    url = reverse("progress:evidence", kwargs={"slug": action.plan.slug, "pk": evidence.pk})

    client.force_login(reader)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Visited."
    assert response["Content-Disposition"].startswith("attachment;")

    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_a_drafts_file_is_hidden_from_readers(client, action, round, owner, reader):
    client.force_login(owner)
    _post(client, action, submit=False, evidence_file=SimpleUploadedFile("a.txt", b"x"))
    evidence = Evidence.objects.get()
    url = reverse("progress:evidence", kwargs={"slug": action.plan.slug, "pk": evidence.pk})
    assert client.get(url).status_code == 200
    client.force_login(reader)
    assert client.get(url).status_code == 404
