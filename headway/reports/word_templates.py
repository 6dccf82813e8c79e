"""Storing the council's Word templates and finding the one a plan's reports use."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from headway.accounts.models import User
from headway.plans.models import Plan

from .council_template import council_template_check
from .models import ReportTemplate


def report_template_upload(
    *, data: bytes, filename: str, plan: Plan | None, by: User
) -> ReportTemplate:
    """Check the template in full (``TemplateRefused`` says what is wrong) and keep it: from now
    on it is the plan's (or, with no plan, every plan's) Word template."""
    council_template_check(data, filename=filename)
    template = ReportTemplate(
        plan=plan, name=filename[:255], sha256=hashlib.sha256(data).hexdigest(), uploaded_by=by
    )
    template.file.save(filename, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            template.save()
    except Exception:
        default_storage.delete(template.file.name)
        raise
    return template


def report_template_for(plan: Plan) -> ReportTemplate | None:
    """The plan's newest template, else the newest one for every plan, else None."""
    return (
        ReportTemplate.objects.filter(plan=plan).first()
        or ReportTemplate.objects.filter(plan__isnull=True).first()
    )


def report_template_bytes(plan: Plan) -> bytes | None:
    template = report_template_for(plan)
    if template is None:
        return None
    with template.file.open("rb") as stored:
        return stored.read()


def report_template_remove(*, template: ReportTemplate) -> None:
    """Stop using a template: reports go back to Headway's own Word layout (or the template for
    every plan). Published reports keep the files they were published with."""
    name = template.file.name
    template.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
