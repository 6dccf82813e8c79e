"""One drafts rule everywhere: a draft is seen by its author and by the action's owner and
delegates, by nobody else (the plan lead and administrators included), until it is submitted.

Every place a draft could show is walked for every role: the action page, the progress form,
the API's list and detail, the evidence download, the plan's exports and the update sheet.
"""

import datetime as dt
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import Evidence, ProgressUpdate
from headway.plans.permissions import can_see_draft, updates_visible_to
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    UserFactory,
)

SECRET = "Draft words nobody else should read yet"

# Who sees the draft: its author (here the delegate), the action's owner and its delegates.
SEES = {
    "owner": True,
    "delegate": True,
    "other_owner": False,
    "lead": False,
    "admin": False,
    "reader": False,
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(plan, owner, lead, reader, admin_user):
    delegate = UserFactory(username="delegate", job_title="Team Manager")
    other_owner = UserFactory(username="other-owner", job_title="Head of Quality")
    for user in (delegate, other_owner):
        MembershipFactory(plan=plan, user=user, role=PlanRole.OWNER)
    return {
        "owner": owner,
        "delegate": delegate,
        "other_owner": other_owner,
        "lead": lead,
        "admin": admin_user,
        "reader": reader,
    }


@pytest.fixture
def draft(plan, people):
    area = OutcomeAreaFactory(plan=plan)
    action = ActionFactory(area=area, owner=people["owner"], reference="1.1")
    action.delegates.add(people["delegate"])
    ActionFactory(area=area, owner=people["other_owner"], reference="1.2")
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    update = ProgressUpdateFactory(
        action=action,
        round=round,
        author=people["delegate"],
        state=UpdateState.DRAFT,
        status=Status.ACHIEVED,
        narrative=SECRET,
    )
    evidence = Evidence(update=update, title="Audit notes")
    evidence.file.save("audit.txt", ContentFile(b"notes"), save=True)
    return update


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _texts(client, draft):
    """What each place shows this client, as text, keyed by place."""
    plan, action = draft.action.plan, draft.action
    shown = {}
    shown["action page"] = client.get(action.get_absolute_url()).content.decode()
    # The way in resumes a draft at check your answers, which shows all of it.
    form = client.get(
        reverse("progress:record", kwargs={"slug": plan.slug, "pk": action.pk}), follow=True
    )
    shown["progress form"] = form.content.decode()
    listing = client.get("/api/v1/updates/")
    shown["API list"] = json.dumps(listing.json()) if listing.status_code == 200 else ""
    detail = client.get(f"/api/v1/updates/{draft.pk}/")
    shown["API detail"] = json.dumps(detail.json()) if detail.status_code == 200 else ""
    evidence = draft.evidence.get()
    download = client.get(
        reverse("progress:evidence", kwargs={"slug": plan.slug, "pk": evidence.pk})
    )
    shown["evidence download"] = (
        b"".join(download.streaming_content).decode() if download.status_code == 200 else ""
    )
    for fmt in ("xlsx", "csv"):
        export = client.get(
            reverse("spreadsheets:export", kwargs={"slug": plan.slug, "format": fmt})
        )
        shown[f"export {fmt}"] = _sheet_text(export, fmt)
    sheet = client.get(
        reverse("spreadsheets:update_sheet", kwargs={"slug": plan.slug, "round_pk": draft.round_id})
    )
    shown["update sheet"] = _sheet_text(sheet, "xlsx")
    return shown


def _sheet_text(response, fmt):
    if response.status_code != 200:
        return ""
    if fmt == "csv":
        return response.content.decode()
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return "\n".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@pytest.mark.parametrize("role", list(SEES))
def test_a_draft_shows_only_to_its_author_and_the_actions_owner_and_delegates(role, people, draft):
    shown = _texts(_client(people[role]), draft)
    draft_places = ("action page", "progress form", "API list", "API detail")
    if SEES[role]:
        for place in draft_places:
            assert SECRET in shown[place], f"{role} should see the draft on the {place}"
        assert shown["evidence download"] == "notes"
    else:
        for place, text in shown.items():
            assert SECRET not in text, f"{role} sees the draft on the {place}"
        assert shown["evidence download"] == ""
    # Exports and update sheets carry approved progress only, to everybody.
    for place in ("export xlsx", "export csv", "update sheet"):
        assert SECRET not in shown[place]


def test_once_submitted_the_lead_and_readers_see_it(people, draft):
    draft.state = UpdateState.SUBMITTED
    draft.save()
    for role in ("lead", "reader", "admin"):
        shown = _texts(_client(people[role]), draft)
        assert SECRET in shown["action page"], role
        assert SECRET in shown["API detail"], role
        assert shown["evidence download"] == "notes", role


def test_the_predicate_and_the_queryset_say_the_same(people, draft):
    for role, user in people.items():
        in_queryset = updates_visible_to(user, ProgressUpdate.objects.all()).exists()
        assert can_see_draft(user, draft) is in_queryset is SEES[role], role
