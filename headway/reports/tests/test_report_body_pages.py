"""The body pages: add, change, move and remove paragraphs and sections of a draft (or of the
defaults a new report starts from), each under the report's version."""

import pytest
from django.urls import reverse

from headway.reports.models import CommitteeReport, ReportDefaults
from headway.reports.services import report_create_draft, report_publish

from .bodies import block_of


@pytest.fixture
def source(shared_source):
    return shared_source


@pytest.fixture
def lead_client(client, source):
    client.force_login(source.lead)
    return client


def _url(report, page="", **query):
    name = "reports:body" + (f"_{page}" if page else "")
    url = reverse(name, kwargs={"pk": report.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _block_url(report, block_id):
    return reverse("reports:body_block", kwargs={"pk": report.pk, "block_id": block_id})


def _fresh(report):
    return CommitteeReport.objects.get(pk=report.pk)


def _layout(report):
    return [
        [(b["kind"], b["source"] or b["text"][:20]) for b in section["blocks"]]
        for section in report.body
    ]


def test_the_page_shows_each_block_with_the_number_it_prints(lead_client, draft):
    draft.body[2]["blocks"][0]["text"] = "<script>x</script>"
    CommitteeReport.objects.filter(pk=draft.pk).update(body=draft.body)

    page = lead_client.get(_url(draft)).content.decode()

    assert "3. COMMENTARY" in page and "2. RECOMMENDATION(S)" in page
    assert "3.5 " in page  # the table: 3.1, 3.2 background, 3.3 inspections, 3.4 areas
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    assert "Draft the commentary again" in page


def test_an_officer_adds_a_paragraph_after_a_block_and_before_another(lead_client, draft):
    table = block_of(draft, "placed", "table")

    response = lead_client.post(
        _url(draft, "add", after=table["id"]),
        {"version": draft.version, "kind": "officer", "text": "After the table.\n\nAnd again."},
    )

    assert response.status_code == 302
    report = _fresh(draft)
    commentary = [b["text"] for b in report.body[2]["blocks"]]
    at = [b["id"] for b in report.body[2]["blocks"]].index(table["id"])
    assert commentary[at + 1 : at + 3] == ["After the table.", "And again."]
    assert report.version == draft.version + 1

    first = report.body[0]["blocks"][0]
    lead_client.post(
        _url(report, "add", before=first["id"]),
        {"version": report.version, "kind": "officer", "text": "Now first."},
    )
    assert _fresh(report).body[0]["blocks"][0]["text"] == "Now first."


def test_adding_an_officer_paragraph_needs_its_words(lead_client, draft):
    response = lead_client.post(
        _url(draft, "add", section=draft.body[3]["id"]),
        {"version": draft.version, "kind": "officer", "text": "  "},
    )

    assert response.status_code == 400
    assert "Write the paragraph to add." in response.content.decode()
    assert _fresh(draft).version == draft.version


def test_an_officer_rewrites_a_drafted_paragraph_and_marks_a_figure_exempt(lead_client, draft):
    inspections = block_of(draft, "drafted", "inspections")
    table = block_of(draft, "placed", "table")

    lead_client.post(
        _block_url(draft, inspections["id"]),
        {"version": draft.version, "text": "My words.\n- A bullet", "exempt": ""},
    )
    report = _fresh(draft)
    lead_client.post(
        _block_url(report, table["id"]),
        {"version": report.version, "text": "Typed figures", "exempt": "on"},
    )

    report = _fresh(draft)
    assert block_of(report, "drafted", "inspections")["text"] == "My words.\n- A bullet"
    placed = block_of(report, "placed", "table")
    assert placed["exempt"] and placed["text"] == ""  # a figure's words are never typed
    assert report.version == draft.version + 2


def test_blocks_move_across_sections_and_generated_ones_can_be_left_out_and_put_back(
    lead_client, draft
):
    recommendation = draft.body[1]["blocks"][0]
    change = _url(draft, "action")

    lead_client.post(
        change, {"version": draft.version, "action": "block_up", "target": recommendation["id"]}
    )
    report = _fresh(draft)
    assert report.body[0]["blocks"][-1]["id"] == recommendation["id"]  # into section 1
    risks = block_of(report, "placed", "risks")
    lead_client.post(
        change, {"version": report.version, "action": "block_remove", "target": risks["id"]}
    )
    report = _fresh(draft)
    assert ("placed", "risks") not in [(b["kind"], b["source"]) for b in report.body[2]["blocks"]]

    page = lead_client.get(_url(report, "add", section=report.body[5]["id"])).content.decode()
    assert "Table of the named risks" in page
    lead_client.post(
        _url(report, "add", section=report.body[5]["id"]),
        {"version": report.version, "kind": "placed:risks"},
    )
    assert _fresh(draft).body[5]["blocks"][-1]["source"] == "risks"


def test_a_change_over_someone_elses_is_refused_and_the_words_are_kept(lead_client, draft):
    CommitteeReport.objects.filter(pk=draft.pk).update(version=draft.version + 1)
    first = draft.body[0]["blocks"][0]

    moved = lead_client.post(
        _url(draft, "action"),
        {"version": draft.version, "action": "block_down", "target": first["id"]},
        follow=True,
    )
    assert "nothing was changed" in moved.content.decode()
    typed = lead_client.post(
        _block_url(draft, first["id"]), {"version": draft.version, "text": "My new words"}
    )

    page = typed.content.decode()
    assert typed.status_code == 400 and "nothing was saved" in page and "My new words" in page
    assert f'name="version" value="{draft.version + 1}"' in page  # saving again is a choice
    assert _fresh(draft).body == draft.body


def test_sections_are_renamed_added_moved_and_removed(lead_client, draft):
    recommendations = draft.body[1]

    lead_client.post(
        _url(draft, "section", section=recommendations["id"]),
        {"version": draft.version, "heading": "RECOMMENDATIONS"},  # numbered unticked
    )
    report = _fresh(draft)
    assert report.body[1]["heading"] == "RECOMMENDATIONS" and not report.body[1]["numbered"]
    lead_client.post(
        _url(report, "section", after=report.body[5]["id"]),
        {"version": report.version, "heading": "PERSONNEL IMPLICATIONS", "numbered": "on"},
    )
    report = _fresh(draft)
    assert report.body[6]["heading"] == "PERSONNEL IMPLICATIONS"
    lead_client.post(
        _url(report, "action"),
        {"version": report.version, "action": "section_up", "target": report.body[6]["id"]},
    )
    report = _fresh(draft)
    assert [s["heading"] for s in report.body][5:] == [
        "PERSONNEL IMPLICATIONS",
        "LEGAL IMPLICATIONS",
    ]
    lead_client.post(
        _url(report, "action"),
        {"version": report.version, "action": "section_remove", "target": report.body[5]["id"]},
    )
    assert len(_fresh(draft).body) == 6


def test_readers_cannot_open_the_body_and_a_published_report_cannot_change(
    client, draft, source, source_reader
):
    client.force_login(source_reader)
    assert client.get(_url(draft)).status_code == 403

    client.force_login(source.lead)
    published = report_publish(report=draft, by=source.lead, expected_version=draft.version)
    assert client.get(_url(published)).status_code == 403
    first = published.body[0]["blocks"][0]
    response = client.post(
        _url(published, "action"),
        {"version": published.version, "action": "block_remove", "target": first["id"]},
    )
    assert response.status_code == 403
    assert _fresh(published).body == published.body


def test_the_plans_default_sections_are_edited_and_a_new_report_takes_them_in_place(
    lead_client, source
):
    url = reverse("reports:plan_defaults_body", kwargs={"slug": source.plan.slug})
    page = lead_client.get(url).content.decode()
    assert "The sections a new report starts with" in page
    assert not ReportDefaults.objects.filter(plan=source.plan).exists()  # Headway's, shown

    defaults_body = lead_client.get(url).context["owner"].body
    legal = defaults_body[5]["id"]
    added = lead_client.post(
        reverse("reports:plan_defaults_body_add", kwargs={"slug": source.plan.slug})
        + f"?section={legal}",
        {"version": "", "kind": "officer", "text": "The {plan_title} meets the Children Act."},
    )
    assert added.status_code == 302
    stored = ReportDefaults.objects.get(plan=source.plan)
    assert stored.body[5]["blocks"][0]["text"] == "The {plan_title} meets the Children Act."

    report = report_create_draft(plan=source.plan, round=source.round, by=source.lead)

    assert report.body[5]["blocks"][0]["text"] == (
        f"The {source.plan.title} meets the Children Act."
    )
    assert block_of(report, "drafted", "areas")["text"].startswith("The current improvement")


def test_only_administrators_edit_the_organisations_sections(lead_client):
    assert lead_client.get(reverse("reports:defaults_body")).status_code == 403


@pytest.mark.django_db
def test_the_body_pages_query_count_is_the_same_for_30_and_600_actions(client, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from headway.testing.bulk import make_large_plan

    client.force_login(admin_user)
    counts = []
    for slug, actions in (("small", 30), ("large", 600)):
        plan = make_large_plan(slug=slug, actions=actions)
        round = plan.rounds.order_by("-as_at").first()
        report = report_create_draft(plan=plan, round=round, by=admin_user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url(report))
        assert response.status_code == 200
        assert f"{actions} actions" in response.content.decode()
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert counts[0] <= 10


def test_removing_an_officers_words_is_asked_about_first(lead_client, draft):
    mine = draft.body[0]["blocks"][0]
    asked = lead_client.post(
        _url(draft, "action"),
        {"version": draft.version, "action": "block_remove", "target": mine["id"]},
    )

    page = asked.content.decode()
    assert asked.status_code == 200 and "Remove this paragraph?" in page
    assert mine["text"][:40] in page and "cannot be put back" in page
    assert _fresh(draft).body == draft.body  # nothing removed by asking

    lead_client.post(
        _url(draft, "action"),
        {
            "version": draft.version,
            "action": "block_remove",
            "target": mine["id"],
            "confirm": "True",
        },
    )
    report = _fresh(draft)
    assert mine["id"] not in [b["id"] for b in report.body[0]["blocks"]]
    assert report.version == draft.version + 1
