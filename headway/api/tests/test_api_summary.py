"""The summary endpoint gives the same figures as plan_summary(...).as_json(), counts as numbers."""

import json

from headway.plans.selectors import plan_summary

from .conftest import client_for


def test_summary_is_the_selectors_figures_with_half_counts_as_numbers(world, reader):
    response = client_for(reader).get(f"/api/v1/plans/{world['plan'].slug}/summary/")

    assert response.status_code == 200
    expected = plan_summary(plan=world["plan"], round=world["round"]).as_json()
    assert response.json() == json.loads(json.dumps(expected))
    assert response.json()["total"]["achieved"] == 0.5
    assert b'"achieved":0.5' in response.content.replace(b" ", b"")


def test_summary_at_an_earlier_round(world, reader):
    url = f"/api/v1/plans/{world['plan'].slug}/summary/?round={world['earlier'].pk}"
    data = client_for(reader).get(url).json()
    assert data["round"] == "2012-11-01"
    assert data["total"]["limited_progress_risk"] == 1


def test_summary_of_a_round_of_another_plan_is_404(world, reader):
    from headway.testing.factories import ReviewRoundFactory

    stranger = ReviewRoundFactory()
    url = f"/api/v1/plans/{world['plan'].slug}/summary/?round={stranger.pk}"
    assert client_for(reader).get(url).status_code == 404
    assert client_for(reader).get(url.replace(str(stranger.pk), "x")).status_code == 400


def test_summary_follows_a_newly_approved_update(world, reader, lead):
    from headway.plans.services import progress_update_approve
    from headway.testing.factories import ProgressUpdateFactory

    client = client_for(reader)
    url = f"/api/v1/plans/{world['plan'].slug}/summary/"
    assert client.get(url).json()["total"]["achieved"] == 0.5

    submitted = ProgressUpdateFactory(
        action=world["action"], round=world["round"], status="achieved", state="submitted"
    )
    progress_update_approve(update=submitted, by=lead)

    data = client.get(url).json()
    assert data["total"]["achieved"] == 1.5
    assert data == plan_summary(plan=world["plan"], round=world["round"]).as_json()
