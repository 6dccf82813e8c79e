"""Owners download their update sheet and send it back through the page as drafts."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.plans.choices import UpdateState
from headway.plans.models import ProgressUpdate
from headway.testing.factories import ActionFactory, ReviewRoundFactory


def test_owner_downloads_fills_and_sends_back_their_sheet(client, plan, owner):
    action = ActionFactory(area__plan=plan, reference="1.1", owner=owner)
    ActionFactory(area=action.area, reference="1.2")
    review_round = ReviewRoundFactory(plan=plan)
    client.force_login(owner)

    download = client.get(reverse("spreadsheets:update_sheet", args=[plan.slug, review_round.pk]))
    assert download.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    assert [r[0] for r in workbook["Updates"].iter_rows(min_row=2, values_only=True)] == ["1.1"]
    workbook["Updates"]["H2"] = "Amber"
    workbook["Updates"]["I2"] = "Going well."
    buffer = io.BytesIO()
    workbook.save(buffer)

    url = reverse("spreadsheets:update_upload", args=[plan.slug, review_round.pk])
    preview = client.post(
        url, {"file": SimpleUploadedFile("u.xlsx", buffer.getvalue())}, follow=True
    )
    assert preview.status_code == 200
    assert not ProgressUpdate.objects.filter(round=review_round).exists()
    confirmed = client.post(url, {"token": preview.context["token"]})
    assert confirmed.status_code == 302
    update = ProgressUpdate.objects.get(action=action, round=review_round)
    assert update.state == UpdateState.DRAFT
    assert update.narrative == "Going well."


def test_owner_cannot_download_someone_elses_sheet(client, plan, owner, lead):
    review_round = ReviewRoundFactory(plan=plan)
    ActionFactory(area__plan=plan, owner=owner)
    client.force_login(owner)
    url = reverse("spreadsheets:update_sheet", args=[plan.slug, review_round.pk])
    assert client.get(url, {"owner": "lead"}).status_code == 403
    assert (
        client.get(
            reverse("spreadsheets:update_sheets", args=[plan.slug, review_round.pk])
        ).status_code
        == 403
    )
    client.force_login(lead)
    assert client.get(url, {"owner": "owner"}).status_code == 200
