"""Forms for editing an action, in GOV.UK Frontend's patterns.

Each form only parses and checks what was typed; the writes are ``services``'.
"""

from typing import Any

from headway.core.forms import GovukDateField, VersionedForm
from headway.core.forms import text_field as _text

from .services import ACTION_EDITABLE_FIELDS


class ActionTimescaleForm(VersionedForm):
    """What an action's owner may change: its timescale, with the reason."""

    revised_timescale = _text("Revised timescale", max_length=100)
    revised_due_date = GovukDateField(label="Revised due date", required=False)
    revision_reason = _text("Why has the timescale changed?", rows=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        revised = data.get("revised_timescale", "").strip()
        if revised and not data.get("revision_reason", "").strip():
            self.add_error("revision_reason", "Say why the timescale has changed")
        if data.get("revised_due_date") and not data.get("revised_timescale", "").strip():
            self.add_error("revised_timescale", "Enter the revised timescale, e.g. 'June 2013'")
        return data


class ActionForm(ActionTimescaleForm):
    """What a plan lead or administrator may change on an action."""

    title = _text(
        "Title",
        required=True,
        max_length=500,
        error_messages={"required": "Enter the action's title"},
    )
    objective = _text("Objective", rows=3)
    desired_outcome = _text("Desired outcome", rows=3)
    lead_officer = _text("Lead officer", max_length=300)
    timescale = _text(
        "Agreed timescale",
        required=True,
        max_length=100,
        error_messages={"required": "Enter the agreed timescale, for example 'June 2013'"},
    )
    due_date = GovukDateField(label="Agreed due date", required=False)
    external_dependencies = _text("External dependencies (one per line)", rows=3)

    field_order = ["version", *ACTION_EDITABLE_FIELDS]
