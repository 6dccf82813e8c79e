"""Inspections: judgements, findings, the actions answering them, and the unanswered findings."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.inspections.models import Finding, FindingKind, Inspection
from headway.testing.factories import ActionFactory, PlanFactory


@pytest.fixture
def inspection(plan):
    inspection = Inspection.objects.create(
        inspectorate="Ofsted",
        service="Safeguarding and looked after children",
        started_on=dt.date(2012, 7, 9),
        judgement="adequate",
    )
    answered = Finding.objects.create(inspection=inspection, reference="R1", text="Audit files")
    Finding.objects.create(inspection=inspection, reference="R2", text="Nobody has this one")
    Finding.objects.create(
        inspection=inspection, reference="S1", text="Strong partnership", kind=FindingKind.STRENGTH
    )
    hidden = Finding.objects.create(inspection=inspection, reference="R3", text="Other plan's")
    answered.actions.add(ActionFactory(area__plan=plan, title="Case file audit programme"))
    hidden.actions.add(ActionFactory(area__plan=PlanFactory(), title="Secret other action"))
    return inspection


def test_list_shows_judgement_and_unanswered_findings_but_not_strengths(client, reader, inspection):
    client.force_login(reader)
    response = client.get(reverse("inspections:inspections"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "adequate" in html
    assert [f.reference for f in response.context["unanswered"]] == ["R2"]
    row = response.context["inspections"][0]
    assert (row.finding_count, row.unanswered_count) == (4, 1)


def test_detail_lists_only_actions_of_plans_the_user_can_see(client, reader, inspection):
    client.force_login(reader)
    response = client.get(inspection.get_absolute_url())
    html = response.content.decode()
    assert "Case file audit programme" in html
    assert "Secret other action" not in html
    assert "Actions in plans you have no role on" in html
    assert "None needed: a strength" in html
    assert [f.reference for f in response.context["unanswered"]] == ["R2"]


def test_anonymous_is_sent_to_sign_in(client, inspection):
    response = client.get(inspection.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
