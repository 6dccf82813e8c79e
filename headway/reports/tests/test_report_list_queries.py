"""The report list's query count does not grow with the number of reports or files."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.reports.models import CommitteeReport, PublishedFile
from headway.testing.factories import ReviewRoundFactory


def _published(source, as_at):
    round = ReviewRoundFactory(plan=source.plan, as_at=as_at)
    report = CommitteeReport.objects.create(
        plan=source.plan,
        round=round,
        title="Update",
        state="published",
        snapshot={"frozen": True},
        published_at="2013-03-12T10:00:00Z",
        published_by=source.lead,
    )
    for audience in ("public", "restricted"):
        PublishedFile.objects.create(
            report=report, audience=audience, format="pdf", file="x.pdf", sha256="0" * 64, size=1
        )
    return report


def _count(client, source) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:list", kwargs={"slug": source.plan.slug}))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_list_queries_are_the_same_for_one_and_four_reports(client, source, source_reader):
    client.force_login(source_reader)
    _published(source, dt.date(2013, 5, 1))
    one, _ = _count(client, source)
    for month in (6, 7, 8):
        _published(source, dt.date(2013, month, 1))

    four, body = _count(client, source)

    assert body.count("0" * 64) == 8
    assert one == four
    assert CommitteeReport.objects.filter(plan=source.plan).count() == 4
