"""A previewed upload can only be confirmed where it was previewed: same plan, round, person and
kind of upload. A token taken elsewhere is refused with a clear message and nothing is written."""

import datetime as dt

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.plans.models import Action, ProgressUpdate
from headway.testing.factories import ActionFactory, PlanFactory, ReviewRoundFactory

from .files import simple_plan_rows, xlsx
from .journey import follow_to_preview
from .test_update_sheets import _fill


def _preview(client, url, data, name="plan.xlsx") -> str:
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    response = follow_to_preview(client, response)  # a plan import's question pages
    assert response.status_code == 200, response.content
    return response.context["token"]


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_import_token_of_another_plan_is_refused_and_writes_nothing(
    client, plan, admin_user, owner
):
    other = PlanFactory(slug="other-plan", title="Other plan")
    client.force_login(admin_user)
    token = _preview(
        client, reverse("spreadsheets:import", args=[other.slug]), xlsx(simple_plan_rows(2))
    )

    response = client.post(reverse("spreadsheets:import", args=[plan.slug]), {"token": token})

    assert response.status_code == 409
    assert "previewed for another plan" in response.content.decode()
    assert Action.objects.count() == 0
    # the token still works where it was previewed
    confirmed = client.post(reverse("spreadsheets:import", args=[other.slug]), {"token": token})
    assert confirmed.status_code == 302
    assert Action.objects.filter(plan=other).count() == 2
    assert Action.objects.filter(plan=plan).count() == 0


def _update_sheet_token(client, plan, review_round, owner) -> str:
    client.force_login(owner)
    sheet = client.get(reverse("spreadsheets:update_sheet", args=[plan.slug, review_round.pk]))
    filled = _fill(sheet.content, {"1.1": {8: "Amber", 9: "Going well."}})
    url = reverse("spreadsheets:update_upload", args=[plan.slug, review_round.pk])
    return _preview(client, url, filled, "u.xlsx")


def test_update_sheet_token_is_refused_on_the_plan_import_page(client, plan, owner, admin_user):
    ActionFactory(area__plan=plan, reference="1.1", owner=owner)
    review_round = ReviewRoundFactory(plan=plan)
    token = _update_sheet_token(client, plan, review_round, owner)
    owner.is_staff = True  # an owner who is also an administrator, so may use both pages
    owner.save()

    response = client.post(reverse("spreadsheets:import", args=[plan.slug]), {"token": token})

    assert response.status_code == 409
    assert "previewed as an update sheet" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0
    assert Action.objects.count() == 1


def test_update_sheet_token_of_another_round_is_refused(client, plan, owner):
    ActionFactory(area__plan=plan, reference="1.1", owner=owner)
    review_round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    token = _update_sheet_token(client, plan, review_round, owner)
    earlier = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 11, 1))

    url = reverse("spreadsheets:update_upload", args=[plan.slug, earlier.pk])
    response = client.post(url, {"token": token})

    assert response.status_code == 409
    assert "previewed for another round" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_a_token_previewed_by_someone_else_is_refused(client, plan, admin_user, owner):
    """Sessions belong to one person, but a pending upload is checked against its uploader too."""
    from headway.testing.factories import UserFactory

    client.force_login(admin_user)
    url = reverse("spreadsheets:import", args=[plan.slug])
    token = _preview(client, url, xlsx(simple_plan_rows(1)))
    session = client.session
    pending = session["headway_pending_uploads"]
    pending[token]["user"] = UserFactory(username="someone-else", is_staff=True).pk
    session["headway_pending_uploads"] = pending
    session.save()

    response = client.post(url, {"token": token})

    assert response.status_code == 409
    assert "previewed by someone else" in response.content.decode()
    assert Action.objects.count() == 0
