"""The report list offers each person only the files ``permissions.can_download`` allows them,
the rule the download view applies."""

import pytest
from django.urls import reverse

from headway.reports.models import CommitteeReport, PublishedFile
from headway.reports.permissions import can_download, downloadable_files

PUBLIC_SUM, RESTRICTED_SUM = "a" * 64, "b" * 64


@pytest.fixture
def published(draft, settings):
    settings.HEADWAY_PUBLIC_REPORTS = True
    CommitteeReport.objects.filter(pk=draft.pk).update(
        state="published", snapshot={"frozen": True}, published_at="2013-03-12T10:00:00Z"
    )
    for audience, checksum in (("public", PUBLIC_SUM), ("restricted", RESTRICTED_SUM)):
        PublishedFile.objects.create(
            report=draft, audience=audience, format="pdf", file="x.pdf", sha256=checksum, size=1
        )
    return CommitteeReport.objects.get(pk=draft.pk)


def _list(client, report):
    return client.get(reverse("reports:list", kwargs={"slug": report.plan.slug}))


def _download(report, audience: str) -> str:
    return reverse("reports:download", kwargs={"pk": report.pk, "audience": audience, "fmt": "pdf"})


def test_a_member_is_offered_the_restricted_file_as_well(client, source_reader, published):
    client.force_login(source_reader)

    response = _list(client, published)

    body = response.content.decode()
    assert RESTRICTED_SUM in body and _download(published, "restricted") in body
    assert PUBLIC_SUM in body
    [(report, files)] = response.context["rows"]
    assert {f.audience for f in files} == {"public", "restricted"}
    assert all(can_download(source_reader, report, f.audience) for f in files)


def test_someone_without_a_role_is_offered_only_the_public_file(client, outsider, published):
    client.force_login(outsider)

    response = _list(client, published)

    body = response.content.decode()
    assert PUBLIC_SUM in body and _download(published, "public") in body
    assert RESTRICTED_SUM not in body and _download(published, "restricted") not in body
    assert client.get(_download(published, "restricted")).status_code == 404
    assert [f.audience for f in downloadable_files(outsider, published)] == ["public"]
    assert PublishedFile.objects.filter(report=published).count() == 2


def test_an_anonymous_visitor_is_offered_only_the_public_file(client, published):
    body = _list(client, published).content.decode()

    assert PUBLIC_SUM in body
    assert RESTRICTED_SUM not in body
    assert client.get(_download(published, "restricted")).status_code == 404
