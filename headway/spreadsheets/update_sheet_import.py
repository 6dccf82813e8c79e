"""Read a filled update sheet back as draft progress updates, under the form's rules.

Every row is checked first: the sender must be allowed to record progress on the action (the
same permission as the form), the assessment must read, a narrative must be given, and Limited
progress / risk needs its risk described. Any problem refuses the whole sheet. Then every
update is saved through ``progress_update_record`` (the form's service, which drafts through
``progress_update_save_draft``) in one transaction.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from headway.core.text import too_long
from headway.plans.assessment import Assessment
from headway.plans.choices import UpdateState
from headway.plans.models import Action, Milestone, ProgressUpdate, ReviewRound
from headway.plans.permissions import can_record_progress
from headway.plans.selectors import round_current_open
from headway.plans.services import StaleVersionError
from headway.plans.timescales import TimescaleError, parse_timescale
from headway.progress.services import MilestoneChange, progress_update_record
from headway.risks.models import Risk
from headway.risks.services import NO_RISK_REASON_MAX, NoRiskReason, RiskDetails

from .cells import column_letter, is_blank, normalise_header, text_of
from .limits import Limits, update_sheet_limits
from .problems import Problem, SpreadsheetRefused, shown_value
from .progress import ProgressReport, no_progress
from .report import ImportReport
from .safety import check_size, open_workbook, sheet_rows
from .update_sheets import ABOUT_SHEET, MILESTONES_SHEET, UPDATES_SHEET

_KEYS = {
    "reference": "Reference",
    "assessment": "Assessment this round",
    "narrative": "Narrative this round",
    "cause": "Risk cause",
    "impact": "Risk impact",
    "mitigation": "Risk mitigation",
    "escalated_to": "Risk escalated to",
    "escalated_on": "Risk escalated on",
    "no_risk_reason": "No risk raised because",
}
# Columns a sheet made before they existed may lack: read as empty.
_OPTIONAL_KEYS = {"no_risk_reason"}


@dataclass
class _Row:
    row: int
    action: Action
    assessment: Assessment
    narrative: str
    risk: RiskDetails | NoRiskReason | None
    milestone_changes: dict[int, MilestoneChange] = field(default_factory=dict)


def update_sheet_import(
    *,
    data: bytes,
    filename: str,
    review_round: ReviewRound,
    by: Any,
    dry_run: bool = False,
    progress: ProgressReport = no_progress,
) -> ImportReport:
    """Read a filled update sheet back as draft updates: all of its rows, or none.

    ``progress(done, total, stage=…)`` hears how far it has got, between steps (never inside
    the write transaction).
    """
    progress(0, None, stage="Reading the file")
    if not filename.lower().endswith(".xlsx"):
        raise SpreadsheetRefused("Upload the update sheet as the .xlsx file Headway made.")
    check_size(len(data))
    if round_current_open(plan=review_round.plan) != review_round:
        raise SpreadsheetRefused(
            f"{review_round.title} is not the plan's current open round, so it takes no updates."
        )
    limits = _limits(review_round)
    workbook = open_workbook(data, limits=limits)
    sheets = {sheet.title: sheet for sheet in workbook.worksheets}
    for needed in (UPDATES_SHEET, ABOUT_SHEET):
        if needed not in sheets:
            raise SpreadsheetRefused(
                f"This is not a Headway update sheet: it has no {needed!r} sheet. Download the "
                "update sheet for the round and fill that in."
            )
    _check_round(sheets[ABOUT_SHEET], review_round, limits)
    problems: list[Problem] = []
    actions = {
        a.reference: a
        for a in Action.objects.filter(plan_id=review_round.plan_id).prefetch_related(
            "milestones", "delegates"
        )
    }
    rows = _read_updates(sheet_rows(sheets[UPDATES_SHEET], limits=limits), actions, by, problems)
    if MILESTONES_SHEET in sheets:
        milestones = sheet_rows(sheets[MILESTONES_SHEET], limits=limits, min_row=2)
        _read_milestones(milestones, actions, rows, problems)
    existing = _existing_updates(review_round, [r.action for r in rows.values()])
    report = ImportReport(
        plan_slug=review_round.plan.slug,
        plan_title=review_round.plan.title,
        dry_run=dry_run,
        rows_read=len(rows),
    )
    progress(len(rows), len(rows), stage="Checked the rows")
    planned = _plan(rows, existing, report, problems)
    if problems:
        raise SpreadsheetRefused(problems)
    if not dry_run:
        progress(len(rows), len(rows), stage="Saving the updates")
        _apply(planned, review_round, by)
    return report


def _limits(review_round: ReviewRound) -> Limits:
    """The sheet Headway made for this plan has a row per action and per milestone, at most."""
    return update_sheet_limits(
        actions=Action.objects.filter(plan_id=review_round.plan_id).count(),
        milestones=Milestone.objects.filter(action__plan_id=review_round.plan_id).count(),
    )


def _check_round(sheet, review_round: ReviewRound, limits: Limits) -> None:
    about = {
        normalise_header(row[0]): row[1]
        for _, row in sheet_rows(sheet, limits=limits)
        if row and len(row) > 1
    }
    if str(text_of(about.get("round id"))) != str(review_round.pk):
        raise SpreadsheetRefused(
            Problem(
                sheet=ABOUT_SHEET,
                column="B",
                value=shown_value(about.get("round")),
                message=(
                    f"This update sheet is for another round; this upload is for "
                    f"{review_round.title}. Download this round's sheet."
                ),
            )
        )


def _read_updates(rows_iter, actions, by, problems) -> dict[str, _Row]:
    header = [normalise_header(v) for v in next(rows_iter, (1, ()))[1]]
    index = {}
    for key, heading in _KEYS.items():
        name = normalise_header(heading)
        if name not in header and key in _OPTIONAL_KEYS:
            continue
        if name not in header:
            raise SpreadsheetRefused(
                Problem(sheet=UPDATES_SHEET, row=1, message=f"The column {heading!r} is missing.")
            )
        index[key] = header.index(name)
    result: dict[str, _Row] = {}
    for number, row in rows_iter:
        if is_blank(row):
            continue
        cells = {key: (row[i] if i < len(row) else None) for key, i in index.items()}
        cells.update({key: None for key in _OPTIONAL_KEYS if key not in index})
        values = {key: text_of(value) for key, value in cells.items()}

        def refuse(key: str, message: str, *, number=number, values=values) -> None:
            problems.append(
                Problem(
                    sheet=UPDATES_SHEET,
                    row=number,
                    column=f"{column_letter(index[key])} ({_KEYS[key]})",
                    value=shown_value(values[key]),
                    message=message,
                )
            )

        if not values["assessment"]:
            if values["narrative"]:
                refuse("narrative", "A narrative needs the assessment beside it.")
            continue
        action = actions.get(values["reference"])
        if action is None:
            refuse("reference", "No action of this plan has this reference.")
            continue
        if not can_record_progress(by, action):
            refuse(
                "reference",
                "You do not own this action, so you cannot record its progress; only its "
                "owner, a delegate or the plan lead can.",
            )
            continue
        try:
            assessment = Assessment.parse(values["assessment"])
        except ValidationError as exc:
            refuse("assessment", " ".join(exc.messages))
            continue
        if not values["narrative"]:
            refuse("narrative", "Say what progress has been made.")
            continue
        if _too_long(values, refuse):
            continue
        risk = _risk(assessment, cells, values, refuse)
        if values["reference"] in result:
            refuse("reference", f"Action {values['reference']} appears twice in the sheet.")
            continue
        result[values["reference"]] = _Row(number, action, assessment, values["narrative"], risk)
    return result


# The model field each text cell fills; the field's max_length is the cell's limit.
_TEXT_FIELDS = {
    "narrative": ProgressUpdate,
    "cause": Risk,
    "impact": Risk,
    "mitigation": Risk,
    "escalated_to": Risk,
}


def _too_long(values, refuse) -> bool:
    """Refuse each text cell longer than its field holds; True if any was."""
    found = False
    for key, model in _TEXT_FIELDS.items():
        message = too_long(values[key], model._meta.get_field(key).max_length)
        if message:
            refuse(key, message)
            found = True
    return found


def _risk(assessment, cells, values, refuse) -> RiskDetails | NoRiskReason | None:
    if not assessment.includes_limited_progress:
        return None
    reason = values["no_risk_reason"]
    described = any(values[key] for key in ("cause", "impact", "mitigation"))
    if reason and described:
        refuse(
            "no_risk_reason",
            "Describe the risk or say why none is raised, not both.",
        )
        return None
    if reason:
        if len(reason) > NO_RISK_REASON_MAX:
            refuse(
                "no_risk_reason",
                f"Say why no risk is raised in {NO_RISK_REASON_MAX} characters or fewer "
                f"(it has {len(reason)}).",
            )
            return None
        return NoRiskReason(reason=reason)
    missing = [key for key in ("cause", "impact", "mitigation") if not values[key]]
    for key in missing:
        refuse(
            key,
            f"Limited progress / risk needs the risk's {key} (or, in "
            f"{_KEYS['no_risk_reason']!r}, why no risk is raised).",
        )
    escalated_on = cells["escalated_on"]
    if escalated_on not in (None, ""):
        try:
            escalated_on = parse_timescale(escalated_on).due_date
        except TimescaleError as exc:
            refuse("escalated_on", str(exc))
            return None
        if not values["escalated_to"]:
            refuse("escalated_to", "Say to whom the risk was escalated as well as when.")
    if missing:
        return None
    return RiskDetails(
        cause=values["cause"],
        impact=values["impact"],
        mitigation=values["mitigation"],
        escalated_to=values["escalated_to"],
        escalated_on=escalated_on or None,
    )


def _read_milestones(milestone_rows, actions, rows, problems) -> None:
    for number, row in milestone_rows:
        if is_blank(row):
            continue
        padded = (*row, None, None, None, None)
        reference, title, done = text_of(padded[0]), text_of(padded[1]), padded[3]
        action = actions.get(reference)
        milestone = (
            next((m for m in action.milestones.all() if m.title == title), None) if action else None
        )
        if milestone is None:
            continue  # milestones of actions not being updated are shown for information
        done_on = None
        if done not in (None, ""):
            try:
                done_on = parse_timescale(done).due_date
            except TimescaleError as exc:
                problems.append(
                    Problem(
                        sheet=MILESTONES_SHEET,
                        row=number,
                        column="D (Done on)",
                        value=shown_value(done),
                        message=str(exc),
                    )
                )
                continue
        if done_on is None or done_on == milestone.done_on:
            continue  # a blank never un-marks a milestone met earlier
        if reference not in rows:
            problems.append(
                Problem(
                    sheet=MILESTONES_SHEET,
                    row=number,
                    column="D (Done on)",
                    value=shown_value(done),
                    message=(
                        f"Record this round's assessment of action {reference} on the "
                        f"{UPDATES_SHEET!r} sheet as well, so the milestone date goes with it."
                    ),
                )
            )
            continue
        rows[reference].milestone_changes[milestone.pk] = MilestoneChange(
            was=milestone.done_on, done_on=done_on
        )


def _same_risk(draft: ProgressUpdate, wanted: RiskDetails | NoRiskReason | None) -> bool:
    risks = list(draft.risks.all())
    if isinstance(wanted, NoRiskReason):
        return not risks and draft.no_risk_reason == wanted.reason
    if wanted is None:
        return not risks
    return len(risks) == 1 and all(
        getattr(risks[0], name) == getattr(wanted, name)
        for name in ("cause", "impact", "mitigation", "escalated_to", "escalated_on")
    )


def _existing_updates(review_round, actions) -> dict[int, list[ProgressUpdate]]:
    found: dict[int, list[ProgressUpdate]] = {}
    for update in (
        ProgressUpdate.objects.filter(round=review_round, action__in=actions)
        .exclude(state=UpdateState.SUPERSEDED)
        .prefetch_related("risks")
    ):
        found.setdefault(update.action_id, []).append(update)
    return found


def _plan(rows, existing, report, problems) -> list[tuple[_Row, ProgressUpdate | None]]:
    planned = []
    for reference, row in rows.items():
        updates = {u.state: u for u in existing.get(row.action.pk, [])}
        what = f"Draft update on action {reference}"
        if UpdateState.SUBMITTED in updates:
            problems.append(
                Problem(
                    sheet=UPDATES_SHEET,
                    row=row.row,
                    value=reference,
                    message="This action's update is already with the plan lead for approval.",
                )
            )
            continue
        draft = updates.get(UpdateState.DRAFT)
        if (
            draft is not None
            and draft.assessment == row.assessment
            and draft.narrative == row.narrative
            and not row.milestone_changes
            and _same_risk(draft, row.risk)
        ):
            report.unchanged += 1
            continue
        report.add("change" if draft else "create", what, [str(row.assessment)])
        planned.append((row, draft))
    return planned


def _apply(planned, review_round, by) -> None:
    with transaction.atomic():
        for row, draft in planned:
            try:
                progress_update_record(
                    action=row.action,
                    round=review_round,
                    by=by,
                    assessment=row.assessment,
                    narrative=row.narrative,
                    draft=draft,
                    expected_version=draft.version if draft else None,
                    milestone_changes=row.milestone_changes,
                    risk=row.risk,
                )
            except (ValidationError, PermissionDenied, StaleVersionError) as exc:
                messages = getattr(exc, "messages", [str(exc)])
                raise SpreadsheetRefused(
                    Problem(
                        sheet=UPDATES_SHEET,
                        row=row.row,
                        value=row.action.reference,
                        message=f"{' '.join(messages)} Nothing from this sheet was saved.",
                    )
                ) from exc
