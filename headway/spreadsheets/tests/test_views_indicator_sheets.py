"""The indicators' spreadsheet pages: download, and import checked whole before it is written."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from headway.indicators.models import IndicatorValue
from headway.testing.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def _upload(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("indicators.xlsx", buffer.getvalue())


def test_the_lead_checks_then_confirms_an_import(client, lead, plan):
    IndicatorFactory(plan=plan, reference="PI 1")
    client.force_login(lead)
    url = f"/plans/{plan.slug}/spreadsheets/indicators/import/"
    assert client.get(url).status_code == 200
    preview = client.post(
        url,
        {
            "file": _upload([["Code", "Line", "Sep 2012"], ["PI 1", "Value", 9.5]]),
            "reference_heading": "Code",
            "row_heading": "Line",
        },
    )
    page = preview.content.decode()
    assert preview.status_code == 200 and "record 1 value as approved" in page
    assert not IndicatorValue.objects.exists()
    token = preview.context["token"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.period, value.value, value.decided_by) == (
        dt.date(2012, 9, 1),
        Decimal("9.5"),
        lead,
    )


def test_a_refused_file_shows_every_problem_and_writes_nothing(client, lead, plan):
    IndicatorFactory(plan=plan, reference="PI 1")
    client.force_login(lead)
    response = client.post(
        f"/plans/{plan.slug}/spreadsheets/indicators/import/",
        {
            "file": _upload(
                [["Reference", "Row", "Sep 2012", "Oct 2012"], ["PI 1", "Value", "x", 200]]
            )
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The file was refused: nothing has been changed" in page
    assert "Enter the value as a number" in page and "between 0 and 100" in page
    assert not IndicatorValue.objects.exists()


def test_owners_download_but_do_not_import(client, owner, plan):
    IndicatorFactory(plan=plan, reference="PI 1")
    client.force_login(owner)
    download = client.get(f"/plans/{plan.slug}/spreadsheets/indicators.xlsx")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert client.get(f"/plans/{plan.slug}/spreadsheets/indicators/import/").status_code == 403
