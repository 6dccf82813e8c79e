"""The bad-file corpus, on the update-sheet upload: hostile and damaged workbooks made from a
real update sheet are refused with their message, and not one row is written.

An owner may upload update sheets, so their limits follow from the plan (a row per action and
milestone), far below a plan import's: a sheet of millions of rows, or one that unpacks to
hundreds of megabytes, is refused from the zip's directory or a streamed count of its rows.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.plans.models import ProgressUpdate
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.spreadsheets.update_sheet_import import update_sheet_import
from headway.spreadsheets.update_sheets import update_sheet_build
from headway.testing.factories import ActionFactory, ReviewRoundFactory

from . import hostile_files as hostile
from .test_bad_files_are_refused import _row_counts

CASES = [
    # (id, forge the good sheet into a bad one, expected message)
    ("too-many-rows", lambda s: hostile.many_rows(s, 200), "rows in an update sheet"),
    ("unpacks-too-far", lambda s: hostile.padded(s, 6), "for an update sheet for this plan"),
    ("claims-a-million-rows", lambda s: hostile.declared_size(s, "A1:M1048576"), "this size"),
    ("row-a-million-down", hostile.far_row, "has 1,048,576 rows"),
    ("cell-in-column-xfd", hostile.wide_cell, "16,384 columns wide"),
    ("doctype-after-70-kb", hostile.doctype_after_comment, "declares entities"),
    ("under-declared-size", hostile.under_declared, "damaged"),
    ("truncated-sheet-xml", hostile.truncated, "damaged"),
]


@pytest.fixture
def sheet(plan, owner):
    ActionFactory(area__plan=plan, reference="1.1", owner=owner)
    review_round = ReviewRoundFactory(plan=plan)
    return review_round, update_sheet_build(review_round=review_round, owner=owner)


@pytest.mark.parametrize(
    ("forge", "message"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_bad_update_sheet_is_refused_with_its_message_and_nothing_written(
    sheet, owner, forge, message
):
    review_round, good = sheet
    data = forge(good)
    before = _row_counts()

    with pytest.raises(SpreadsheetRefused) as refused:
        update_sheet_import(data=data, filename="u.xlsx", review_round=review_round, by=owner)

    assert message in "\n".join(str(p) for p in refused.value.problems)
    assert _row_counts() == before


@pytest.mark.parametrize("forge", [hostile.under_declared, hostile.truncated])
def test_a_damaged_update_sheet_gets_a_message_not_a_server_error(client, sheet, owner, forge):
    review_round, good = sheet
    client.force_login(owner)
    url = reverse("spreadsheets:update_upload", args=[review_round.plan.slug, review_round.pk])

    response = client.post(url, {"file": SimpleUploadedFile("u.xlsx", forge(good))}, follow=True)

    # The check runs as a job; its page shows the refusal and offers the upload page again.
    assert response.status_code == 200
    assert response.context["job"].state == "failed"
    assert "damaged" in response.content.decode()
    assert "Upload a corrected file" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0
