"""The life of a committee report, and who a rendered version is for."""

from django.db import models


class ReportState(models.TextChoices):
    """Where a committee report is in its life.

    Allowed transitions (``headway.reports.services`` enforces them):

    - DRAFT → PUBLISHED: the plan lead or an administrator publishes it; its content and every
      figure are frozen in a snapshot, its Word and PDF files stored with their SHA-256.
    - PUBLISHED → SUPERSEDED: a new edition for the same round was published. The old one stays,
      unchanged, as what the committee was shown.

    Only a draft is edited or deleted.
    """

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


REPORT_TRANSITIONS = {
    ReportState.DRAFT: {ReportState.PUBLISHED},
    ReportState.PUBLISHED: {ReportState.SUPERSEDED},
    ReportState.SUPERSEDED: set(),
}


class Audience(models.TextChoices):
    """The public version leaves out exempt text and says that an exempt part exists."""

    PUBLIC = "public", "Public"
    RESTRICTED = "restricted", "Restricted (includes exempt information)"


class DocumentFormat(models.TextChoices):
    DOCX = "docx", "Word"
    PDF = "pdf", "PDF"


CONTENT_TYPES = {
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.PDF: "application/pdf",
}
