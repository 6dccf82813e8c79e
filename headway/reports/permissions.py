"""Who may do what with committee reports, built on the plan's rules (one place).

Plan members and administrators read published reports (the restricted version, with exempt
parts marked). The plan lead and administrators draft, edit and publish. Anyone else — signed
in without a role, or anonymous — reads only published public versions, and only where the
organisation publishes reports (``settings.HEADWAY_PUBLIC_REPORTS``). Who may download which
file follows the same rule (``can_download``), and pages list only the files it allows.
"""

from typing import Any

from django.conf import settings

from headway.plans.permissions import can_approve_updates, can_view_plan

from .choices import Audience
from .models import CommitteeReport, PublishedFile


def can_draft_reports(user: Any, plan: Any) -> bool:
    return bool(can_approve_updates(user, plan))


def public_reports_enabled() -> bool:
    return bool(getattr(settings, "HEADWAY_PUBLIC_REPORTS", False))


def can_read_report(user: Any, report: CommitteeReport) -> bool:
    if report.is_draft:
        return can_draft_reports(user, report.plan)
    return bool(can_view_plan(user, report.plan)) or public_reports_enabled()


def audiences_for(user: Any, report: CommitteeReport) -> list[str]:
    """The versions this person may read, the fullest first."""
    if can_view_plan(user, report.plan):
        return [Audience.RESTRICTED.value, Audience.PUBLIC.value]
    return [Audience.PUBLIC.value] if public_reports_enabled() and not report.is_draft else []


def can_download(user: Any, report: CommitteeReport, audience: str) -> bool:
    """Whether this person may download the report's version for ``audience``: the one rule
    behind the download view and the links the report list and page offer."""
    return audience in audiences_for(user, report)


def downloadable_files(user: Any, report: CommitteeReport) -> list[PublishedFile]:
    """The report's stored files this person may download (reads ``report.files``, so a list
    of reports prefetches them once)."""
    return [file for file in report.files.all() if can_download(user, report, file.audience)]
