"""What the spreadsheets app keeps: each plan's column mapping, for its next import."""

from django.conf import settings
from django.db import models

from headway.plans.models import Plan


class ColumnMapping(models.Model):
    """Which column of a plan's own workbook holds which field ({field: heading}), as the last
    import read it: the mapping page starts from it, and ``import_plan`` uses it."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="column_mapping")
    mapping = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Columns of {self.plan}"
