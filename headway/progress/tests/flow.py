"""Helpers for driving the record-progress question pages through the Django test client."""

from typing import Any

from django.urls import reverse

from headway.plans.choices import Status
from headway.plans.models import ProgressUpdate


def entry_url(action: Any) -> str:
    return reverse("progress:record", kwargs={"slug": action.plan.slug, "pk": action.pk})


def step_url(action: Any, step: str, *, from_check: bool = False) -> str:
    url = reverse("progress:step", kwargs={"slug": action.plan.slug, "pk": action.pk, "step": step})
    return f"{url}?from=check" if from_check else url


def draft_version(action: Any) -> int | str:
    draft = ProgressUpdate.objects.filter(action=action, state="draft").first()
    return draft.version if draft else ""


def post_step(client: Any, action: Any, step: str, data: dict, *, version: Any = None, **kw: Any):
    """POST one page, carrying the draft's current version unless ``version`` says otherwise."""
    payload = {"version": draft_version(action) if version is None else version, **data}
    return client.post(step_url(action, step, from_check=kw.pop("from_check", False)), payload)


def split(achieved: str = "1/2", significant: str = "1/2", **more: str) -> dict:
    return {
        "status": "split",
        "share_achieved": achieved,
        "share_significant_progress": significant,
        **more,
    }


SIGNIFICANT = {"status": Status.SIGNIFICANT_PROGRESS.value}
LIMITED = {"status": Status.LIMITED_PROGRESS_RISK.value}
NARRATIVE = {"narrative": "Assessments are now allocated within a day."}

RISK = {
    "risk_choice": "new",
    "risk_cause": "The partner agency has too few staff to attend strategy meetings.",
    "risk_impact": "Strategy meetings are delayed.",
    "risk_mitigation": "Interim arrangements agreed with the partner's manager.",
    "risk_escalated": "yes",
    "risk_escalated_to": "Local Safeguarding Children Board",
    "risk_escalated_on_0": "4",
    "risk_escalated_on_1": "2",
    "risk_escalated_on_2": "2013",
}


def record(
    client: Any,
    action: Any,
    *,
    status: dict | None = None,
    narrative: dict | None = None,
    risk: dict | None = None,
    milestones: dict | None = None,
    submit: bool = True,
):
    """Answer every page in turn (the risk page when ``risk`` is given) and, with ``submit``,
    send the update from check your answers. Returns the last response; stops at the first
    page that does not move on (a 302)."""
    pages = [("status", status or SIGNIFICANT), ("narrative", narrative or NARRATIVE)]
    if risk is not None:
        pages.append(("risk", risk))
    pages.append(("milestones", {"action_version": action.version, **(milestones or {})}))
    response = None
    for step, data in pages:
        response = post_step(client, action, step, data)
        if response.status_code != 302:
            return response
    if submit:
        response = client.post(step_url(action, "check"), {"version": draft_version(action)})
    return response
