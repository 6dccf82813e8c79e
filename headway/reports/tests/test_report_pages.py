"""The report pages: create a draft, edit it (refusing a stale save), preview, publish, download."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.reports.choices import ReportState
from headway.reports.models import CommitteeReport, PublishedFile

from .bodies import drafted, officer, with_paragraph


@pytest.fixture
def source(shared_source):
    """The source's plan, made once for this module (``module_source`` in conftest.py)."""
    return shared_source


def test_lead_creates_a_draft_for_a_round(client, source):
    client.force_login(source.lead)

    response = client.post(
        reverse("reports:create", kwargs={"slug": source.plan.slug}), {"round": source.round.pk}
    )

    report = CommitteeReport.objects.get(round=source.round)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:edit", kwargs={"pk": report.pk})
    assert report.is_draft and report.created_by == source.lead
    assert "five broad outcome areas with 56 actions" in drafted(report, "areas")


def test_a_second_draft_for_the_same_round_is_refused_with_a_message(client, draft, source):
    client.force_login(source.lead)

    response = client.post(
        reverse("reports:create", kwargs={"slug": source.plan.slug}), {"round": source.round.pk}
    )

    assert response.status_code == 200
    assert "already has a draft report" in response.content.decode()
    assert CommitteeReport.objects.filter(round=source.round).count() == 1


def _edit_data(report, **changes):
    from headway.reports.forms import ReportEditForm

    form = ReportEditForm(instance=report)
    data = {name: form[name].value() or "" for name in form.fields if name != "meeting_date"}
    day, month, year = form["meeting_date"].field.widget.decompress(report.meeting_date)
    data |= {
        "meeting_date_0": day or "",
        "meeting_date_1": month or "",
        "meeting_date_2": year or "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_lead_edits_the_front_sheet(client, draft, source):
    client.force_login(source.lead)

    response = client.post(
        reverse("reports:edit", kwargs={"pk": draft.pk}),
        _edit_data(
            draft,
            wards="<b>Bromley Town</b>",
            meeting_date_0="12",
            meeting_date_1="3",
            meeting_date_2="2013",
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.wards == "<b>Bromley Town</b>"
    assert draft.version == 2
    assert draft.meeting_date == dt.date(2013, 3, 12)


def test_a_stale_save_is_refused_and_both_versions_shown(client, draft, source):
    client.force_login(source.lead)
    stale = _edit_data(draft, decision_maker="Mine")
    CommitteeReport.objects.filter(pk=draft.pk).update(version=2, decision_maker="Theirs")

    response = client.post(reverse("reports:edit", kwargs={"pk": draft.pk}), stale)

    body = response.content.decode()
    assert response.status_code == 200
    assert "changed by someone else" in body and "Theirs" in body and "Mine" in body
    draft.refresh_from_db()
    assert draft.decision_maker == "Theirs"


def test_preview_shows_the_table_escaped_text_and_the_chart(client, draft, source):
    CommitteeReport.objects.filter(pk=draft.pk).update(
        body=with_paragraph(draft, "<script>x</script>")
    )
    client.force_login(source.lead)

    response = client.get(reverse("reports:report", kwargs={"pk": draft.pk}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "21½" in body and "28½" in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body and "<script>x" not in body
    assert 'alt="Stacked bar chart' in body
    assert "<script>x</script>" in officer(CommitteeReport.objects.get(pk=draft.pk))


def test_reader_cannot_see_a_draft_or_publish(client, draft, source, source_reader):
    client.force_login(source_reader)

    assert client.get(reverse("reports:report", kwargs={"pk": draft.pk})).status_code == 403
    response = client.post(
        reverse("reports:publish", kwargs={"pk": draft.pk}), {"version": draft.version}
    )

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


def test_lead_publishes_and_reader_downloads_the_stored_file(client, draft, source, source_reader):
    client.force_login(source.lead)
    response = client.post(
        reverse("reports:publish", kwargs={"pk": draft.pk}),
        {"version": draft.version, "publish_with_empty_fields": "on"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ReportState.PUBLISHED

    client.force_login(source_reader)
    listing = client.get(reverse("reports:list", kwargs={"slug": source.plan.slug}))
    stored = PublishedFile.objects.get(report=draft, audience="public", format="pdf")
    download = client.get(
        reverse("reports:download", kwargs={"pk": draft.pk, "audience": "public", "fmt": "pdf"})
    )

    assert stored.sha256 in listing.content.decode()
    assert download.status_code == 200
    assert download["X-Content-SHA256"] == stored.sha256
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("public", [False, True])
def test_anonymous_visitors_read_published_public_versions_only_when_enabled(
    client, draft, source, settings, public
):
    settings.HEADWAY_PUBLIC_REPORTS = public
    CommitteeReport.objects.filter(pk=draft.pk).update(
        state=ReportState.PUBLISHED, snapshot={"x": 1}, published_at="2013-03-12T10:00:00Z"
    )
    listing = reverse("reports:list", kwargs={"slug": source.plan.slug})
    restricted = reverse(
        "reports:download", kwargs={"pk": draft.pk, "audience": "restricted", "fmt": "pdf"}
    )

    response = client.get(listing)

    if public:
        assert response.status_code == 200
        assert client.get(restricted).status_code == 404
    else:
        assert response.status_code == 302 and "/login" in response["Location"]
    assert CommitteeReport.objects.get(pk=draft.pk).state == ReportState.PUBLISHED
