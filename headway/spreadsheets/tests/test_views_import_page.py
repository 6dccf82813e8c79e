"""The import page: administrators see a dry run first, confirm, and then it is written."""

import datetime as dt
import io

import openpyxl
from django.urls import reverse

from headway.plans.models import Action, ProgressUpdate
from headway.testing.factories import ActionFactory, OutcomeAreaFactory, ReviewRoundFactory

from .files import HEADER, action_row, csv_bytes, simple_plan_rows, xlsx
from .journey import upload_and_preview


def _upload(client, url, data, name="plan.xlsx"):
    """Upload, accept the columns as suggested, and arrive at the preview (or the refusal)."""
    return upload_and_preview(client, url, data, name)


def test_preview_writes_nothing_then_confirm_applies(client, plan, admin_user, owner):
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})

    preview = _upload(client, url, xlsx(simple_plan_rows(2)))

    assert preview.status_code == 200
    assert b"Confirm import" in preview.content
    assert b"Action 1.2" in preview.content
    assert Action.objects.filter(plan=plan).count() == 0
    token = preview.context["token"]

    confirmed = client.post(url, {"token": token})

    assert confirmed.status_code == 302
    assert Action.objects.filter(plan=plan).count() == 2
    # the same token cannot be applied twice
    again = client.post(url, {"token": token})
    assert again.status_code == 302
    assert Action.objects.filter(plan=plan).count() == 2


def test_refused_file_lists_each_problem_and_writes_nothing(client, plan, admin_user, owner):
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    response = _upload(client, url, xlsx([HEADER, action_row(Timescale="31/02/2013")]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "nothing has been changed" in content
    assert "G (Timescale)" in content
    assert "31/02/2013" in content
    assert "Confirm import" not in content
    assert Action.objects.count() == 0


def test_narratives_in_the_preview_are_escaped(client, plan, admin_user, owner):
    ReviewRoundFactory(plan=plan)
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    response = _upload(client, url, xlsx([HEADER, action_row(Action="<script>x()</script>")]))
    assert b"<script>x()</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_the_plan_lead_cannot_import(client, plan, lead):
    client.force_login(lead)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    assert _upload(client, url, xlsx(simple_plan_rows(1))).status_code == 403
    assert Action.objects.count() == 0


def test_members_download_the_plan_and_the_template(client, plan, reader):
    OutcomeAreaFactory(plan=plan, number=1)
    ActionFactory(area__plan=plan)
    ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    client.force_login(reader)
    for format in ("xlsx", "csv", "json"):
        response = client.get(reverse("spreadsheets:export", args=[plan.slug, format]))
        assert response.status_code == 200
        assert f'filename="{plan.slug}.{format}"' in response["Content-Disposition"]
    template = client.get(reverse("spreadsheets:template", args=[plan.slug]))
    sheet = openpyxl.load_workbook(io.BytesIO(template.content))["Actions"]
    assert sheet["A1"].value == "Outcome area"
    assert sheet["A1"].comment is not None
    assert sheet.data_validations.dataValidation[0].type == "list"
    assert ProgressUpdate.objects.count() == 0


def test_previewed_uploads_never_confirmed_are_swept_after_a_day(
    client, plan, admin_user, owner, tmp_path
):
    import datetime as dt
    import os

    from django.core.files.storage import default_storage

    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    first = _upload(client, url, xlsx(simple_plan_rows(1))).context["token"]
    old_path = tmp_path / "media" / "spreadsheet-uploads" / f"{first}.upload"
    day_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(old_path, (day_ago, day_ago))

    second = _upload(client, url, xlsx(simple_plan_rows(1))).context["token"]

    assert not old_path.exists()
    assert default_storage.exists(f"spreadsheet-uploads/{second}.upload")
    assert Action.objects.count() == 0


def test_a_damaged_workbook_gets_a_message_not_a_server_error(client, plan, admin_user, owner):
    from .hostile_files import truncated, under_declared

    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    for forge in (under_declared, truncated):
        response = _upload(client, url, forge(xlsx(simple_plan_rows(2))))
        assert response.status_code == 200
        assert "damaged" in response.content.decode()
        assert "token" not in response.context
    assert Action.objects.count() == 0


def test_a_plan_over_the_row_limit_is_refused_naming_the_limit_and_its_rows(
    client, plan, admin_user, owner, settings
):
    settings.HEADWAY_IMPORT_MAX_ROWS = 25
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})

    response = _upload(client, url, csv_bytes(simple_plan_rows(40)), name="plan.csv")

    content = response.content.decode()
    assert "The file has 41 rows; Headway reads at most 25 rows" in content
    assert "HEADWAY_IMPORT_MAX_ROWS" in content
    assert Action.objects.count() == 0
