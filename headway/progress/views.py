"""The progress pages: record an update (short question pages, then check your answers),
approve or return it, close a round, and fetch an evidence file.

Objects are looked up through ``plans.permissions``' helpers (404 for a plan the user has no
role on); a user who can see the plan but may not do this gets 403. Every write is a service
call; every read a selector.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.core.concurrency import StaleVersionError
from headway.core.forms import error_summary
from headway.core.versioned_edit import CONFLICT, STALE_MESSAGE, add_errors, shown
from headway.plans.choices import UpdateState
from headway.plans.models import Action, Evidence, Milestone, Plan, ProgressUpdate, ReviewRound
from headway.plans.permissions import (
    can_approve_updates,
    can_record_progress,
    can_see_draft,
    get_action_for_user,
    get_plan_for_user,
)
from headway.plans.selectors import round_current_open
from headway.plans.services import progress_update_approve, progress_update_return, round_close
from headway.risks.models import Risk, RiskStatus
from headway.risks.selectors import risks_open_for_linking
from headway.risks.services import NoRiskReason, RiskLinkChoice, risk_answer_of_update

from .forms import CheckForm, DecisionForm, MilestonesForm, NarrativeForm, RiskForm, StatusForm
from .selectors import approval_queue, round_update_counts, round_updates_of_action
from .services import progress_draft_missing, progress_draft_save_step, progress_draft_submit


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- Record progress: short question pages, then "check your answers".

STATUS, NARRATIVE, RISK, MILESTONES, CHECK = "status", "narrative", "risk", "milestones", "check"
STEPS = (STATUS, NARRATIVE, RISK, MILESTONES, CHECK)
FROM_CHECK = "check"  # ?from=check: a "Change" link, so the page returns to check answers


@dataclass
class Flow:
    """Where an action's update stands in the open round, as the question pages need it."""

    action: Action
    round: ReviewRound
    draft: ProgressUpdate | None
    decided: ProgressUpdate | None  # the latest returned or approved update, if any
    from_check: bool

    @property
    def source(self) -> ProgressUpdate | None:
        """What the pages start from: the draft, else the update it will replace."""
        return self.draft or self.decided

    @property
    def limited(self) -> bool:
        return self.source is not None and self.source.assessment.includes_limited_progress

    def url(self, step: str, *, from_check: bool = False) -> str:
        url = reverse(
            "progress:step",
            kwargs={"slug": self.action.plan.slug, "pk": self.action.pk, "step": step},
        )
        return f"{url}?from={FROM_CHECK}" if from_check else url

    def steps(self) -> list[str]:
        """The pages of this update, in order: the risk page only for Limited progress."""
        return [step for step in STEPS if step != RISK or self.limited]

    def first_to_answer(self) -> str:
        """Where entering the flow (or finishing a page) leads: the first page not yet
        answered, else check your answers."""
        if self.draft is None:
            return STATUS
        missing = progress_draft_missing(draft=self.draft)
        return next((step for step in (NARRATIVE, RISK) if step in missing), CHECK)

    def after(self, step: str) -> str:
        """The page after ``step`` once it is saved."""
        if self.from_check:
            return self.first_to_answer()
        steps = self.steps()
        return steps[steps.index(step) + 1]

    def back(self, step: str) -> str:
        if step == STATUS:
            return self.action.get_absolute_url()
        if self.from_check and step != CHECK:
            return self.url(CHECK)
        steps = self.steps()
        return self.url(steps[steps.index(step) - 1])


def _flow_or_refusal(request: HttpRequest, slug: str, pk: int) -> Flow | HttpResponse:
    """The flow for this action, or the page that says why progress cannot be recorded now:
    no open round, a draft someone else is writing, or an update already with the lead."""
    action = get_action_for_user(request, slug, pk)
    _require(
        can_record_progress(request.user, action),
        "Only the action's owner, a delegate or the plan lead records progress on it.",
    )
    round = round_current_open(plan=action.plan)
    context: dict[str, Any] = {"plan": action.plan, "action": action, "round": round}
    refused = CONFLICT if request.method == "POST" else 200
    if round is None:
        return render(request, "progress/progress_closed.html", context, status=refused)
    draft, submitted, decided = round_updates_of_action(action=action, round=round)
    if draft is not None and not can_see_draft(request.user, draft):
        context["draft"] = draft
        return render(request, "progress/progress_draft_elsewhere.html", context, status=refused)
    if submitted is not None:
        context["submitted"] = submitted
        return render(request, "progress/progress_submitted.html", context, status=refused)
    return Flow(
        action=action,
        round=round,
        draft=draft,
        decided=decided,
        from_check=request.GET.get("from") == FROM_CHECK,
    )


@require_safe
@login_required
def progress_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The way in: a new update starts at its first page; a saved draft resumes at check your
    answers (or at the first page it has not answered yet)."""
    flow = _flow_or_refusal(request, slug, pk)
    if isinstance(flow, HttpResponse):
        return flow
    return redirect(flow.url(flow.first_to_answer()))


@require_http_methods(["GET", "POST"])
@login_required
def progress_step(request: HttpRequest, slug: str, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such page")
    flow = _flow_or_refusal(request, slug, pk)
    if isinstance(flow, HttpResponse):
        return flow
    if step != STATUS and flow.draft is None:
        return redirect(flow.url(STATUS))  # every other page changes a draft
    if step == RISK and not flow.limited:
        return redirect(flow.url(flow.after(RISK) if flow.from_check else MILESTONES))
    if step == CHECK:
        return _check_answers(request, flow)
    return _question(request, flow, step)


def _form_for(flow: Flow, step: str, data: Any = None, files: Any = None) -> forms.Form:
    """The page's form, bound to ``data`` or filled from the draft (or what it replaces)."""
    draft, source = flow.draft, flow.source
    version = {"version": draft.version} if draft is not None else {}
    if step == STATUS:
        return StatusForm(data, initial=StatusForm.initial_from(source) | version)
    if step == NARRATIVE:
        choices = [(e.pk, e.title) for e in draft.evidence.all()]
        initial = {"narrative": draft.narrative, "narrative_exempt": draft.narrative_exempt}
        return NarrativeForm(data, files, evidence_choices=choices, initial=initial | version)
    if step == RISK:
        return RiskForm(
            data,
            open_risks=risks_open_for_linking(
                plan=flow.action.plan,
                exclude_raised_by=[
                    u
                    for u in (draft, flow.decided)
                    if u is not None and u.state in (UpdateState.DRAFT, UpdateState.RETURNED)
                ],
            ),
            initial=RiskForm.initial_from(_risk_answer_of(flow)) | version,
        )
    milestones = list(flow.action.milestones.all())
    initial = MilestonesForm.initial_from(flow.action, milestones) | version
    return MilestonesForm(data, milestones=milestones, initial=initial)


def _risk_answer_of(flow: Flow) -> Any:
    """What the draft answered about its risk; before it has answered, what the update it
    replaces answered. A returned update's own risk is taken over by the draft (not opened a
    second time); a correction to an approved update links that update's risk if still open."""
    for update in (flow.draft, flow.decided):
        answer = risk_answer_of_update(update) if update is not None else None
        if answer is None:
            continue
        if (
            update is flow.decided
            and isinstance(answer, Risk)
            and update.state == UpdateState.APPROVED
        ):
            return RiskLinkChoice(risk_id=answer.pk) if answer.status == RiskStatus.OPEN else None
        return answer
    return None


def _question(request: HttpRequest, flow: Flow, step: str) -> HttpResponse:
    context = _page_context(flow, step)
    if request.method == "GET":
        return _render_question(request, flow, step, _form_for(flow, step), context)
    form = _form_for(flow, step, request.POST, request.FILES)
    if not form.is_valid():
        return _render_question(request, flow, step, form, context)
    draft = flow.draft
    try:
        update = progress_draft_save_step(
            action=flow.action,
            round=flow.round,
            by=request.user,
            draft=draft,
            expected_version=form.cleaned_data.get("version"),
            copy_from=flow.decided if draft is None else None,
            **form.service_arguments(),
        )
    except StaleVersionError as exc:
        form = _refreshed(flow, step, request, exc.current)
        context["conflict"] = _conflict_table(form, exc.current)
        return _render_question(request, flow, step, form, context, status=CONFLICT)
    except ValidationError as exc:
        add_errors(form, exc)
        return _render_question(request, flow, step, form, context)
    flow.draft = update
    return redirect(flow.url(flow.after(step)))


def _page_context(flow: Flow, step: str) -> dict[str, Any]:
    decided = flow.decided
    returned = decided if decided and decided.state == UpdateState.RETURNED else None
    correcting = decided if decided and decided.state == UpdateState.APPROVED else None
    return {
        "plan": flow.action.plan,
        "action": flow.action,
        "round": flow.round,
        "draft": flow.draft,
        "step": step,
        "back_url": flow.back(step),
        "from_check": flow.from_check,
        "correcting": correcting,
        "correcting_html": correcting
        and format_html(
            "This action's update for this round was approved as <strong>{}</strong>. What you "
            "send now is a correction: it replaces that update once the plan lead approves it.",
            correcting.assessment,
        ),
        "returned_banner": returned
        and {
            "titleText": "Returned by the plan lead",
            "html": format_html(
                '<p class="govuk-body">{}</p><p class="govuk-body">{}</p>',
                linebreaksbr(returned.decision_comment),
                "Your draft answers it: change what the comment asks, then send it again."
                if flow.draft
                else "These pages start from the update that was returned: change what the "
                "comment asks, then send it again.",
            ),
        },
    }


QUESTION_TITLES = {
    STATUS: "What is the action's status?",
    NARRATIVE: "What progress has been made?",
    RISK: "What is the risk behind the limited progress?",
    MILESTONES: "Milestones and timescale",
}


def _render_question(
    request: HttpRequest,
    flow: Flow,
    step: str,
    form: forms.Form,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    context |= {"form": form, "title": QUESTION_TITLES[step]}
    return render(request, f"progress/record_{step}.html", context, status=status)


def _refreshed(flow: Flow, step: str, request: HttpRequest, current: Any) -> forms.Form:
    """The user's own answers again, now carrying the saved record's version.

    Saving this page again is a deliberate choice to replace the other version, made after
    seeing both; nothing is overwritten unseen.
    """
    data = request.POST.copy()
    if isinstance(current, Milestone):  # compared by its date, not a version
        data[f"milestone_{current.pk}_was"] = current.done_on.isoformat() if current.done_on else ""
    else:
        field = {ProgressUpdate: "version", Action: "action_version", Risk: "risk_version"}
        data[field[type(current)]] = str(current.version)
    if isinstance(current, ProgressUpdate) and flow.draft is None:
        flow.draft = current  # started meanwhile by someone else: the page now edits theirs
    form = _form_for(flow, step, data, request.FILES)
    form.is_valid()
    form.add_error(None, STALE_MESSAGE)
    return form


def _conflict_table(form: forms.Form, current: Any) -> list[tuple[str, str, str]]:
    """Both versions side by side: (field, yours, saved)."""
    data, cleaned = form.data, getattr(form, "cleaned_data", {})
    if isinstance(current, ProgressUpdate):
        elsewhere = "(not on this page)"
        yours_assessment = cleaned.get("assessment") if "status" in form.fields else elsewhere
        rows = [
            ("Assessment", str(yours_assessment or "—"), str(current.assessment)),
            ("Narrative", data.get("narrative", elsewhere), current.narrative),
        ]
    elif isinstance(current, Milestone):
        yours = cleaned.get(f"milestone_{current.pk}")
        rows = [(f"Date done: {current.title}", shown(yours), shown(current.done_on))]
    elif isinstance(current, Action):
        rows = [
            ("Revised timescale", data.get("revised_timescale", ""), current.revised_timescale),
            ("Reason", data.get("revision_reason", ""), current.revision_reason),
        ]
    else:
        rows = [
            ("Cause", data.get("risk_cause", ""), current.cause),
            ("Impact", data.get("risk_impact", ""), current.impact),
            ("Mitigation", data.get("risk_mitigation", ""), current.mitigation),
            ("Escalated to", data.get("risk_escalated_to", ""), current.escalated_to),
        ]
    return rows


def _check_answers(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = flow.draft
    context = _page_context(flow, CHECK)
    status = 200
    if request.method == "POST":
        form = CheckForm(request.POST)
        form.is_valid()
        try:
            progress_draft_submit(
                draft=draft, by=request.user, expected_version=form.cleaned_data.get("version")
            )
        except StaleVersionError as exc:
            draft = exc.current  # show what is saved now, and check that instead
            form = _check_form(draft)
            form.add_error(None, STALE_CHECK_MESSAGE)
            status = CONFLICT
        except ValidationError as exc:
            form = _check_form(draft)
            add_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your update on {flow.action.reference} for {flow.round.title} was sent to "
                "the plan lead.",
            )
            return redirect(flow.action.get_absolute_url())
    else:
        form = CheckForm(initial={"version": draft.version})
    flow.draft = draft
    context |= {
        "form": form,
        "errors": error_summary(form, form_anchor="#answers") if form.errors else [],
        "sections": check_answers_rows(flow),
        "title": "Check your answers before sending the update",
    }
    return render(request, "progress/record_check.html", context, status=status)


def _check_form(draft: ProgressUpdate) -> CheckForm:
    """The send button's form, now carrying the draft's saved version (bound, to hold errors)."""
    form = CheckForm({"version": draft.version})
    form.is_valid()
    return form


STALE_CHECK_MESSAGE = (
    "Someone else saved a newer version of this draft while you were checking it. Nothing was "
    "sent: the answers below are the saved ones now. Check them, then send the update."
)


def check_answers_rows(flow: Flow) -> list[tuple[str, dict[str, Any]]]:
    """The summary lists of check your answers: (heading, the summary list's parameters), each
    row with a "Change" link back to its page."""
    draft, action = flow.draft, flow.action
    draft = ProgressUpdate.objects.prefetch_related("evidence", "risks").get(pk=draft.pk)

    def row(key: str, value: Any, step: str, what: str, *, html: bool = False) -> dict[str, Any]:
        shown_value = {"html": value} if html else {"text": value}
        return {
            "key": {"text": key},
            "value": shown_value,
            "actions": {
                "items": [
                    {
                        "href": flow.url(step, from_check=True),
                        "text": "Change",
                        "visuallyHiddenText": what,
                    }
                ]
            },
        }

    evidence = format_html_join(
        "",
        '<li><a class="govuk-link" href="{}">{}</a></li>',
        (
            (
                reverse("progress:evidence", kwargs={"slug": action.plan.slug, "pk": e.pk})
                if e.file
                else e.url,
                e.title,
            )
            for e in draft.evidence.all()
        ),
    )
    evidence_html = format_html('<ul class="govuk-list">{}</ul>', evidence) if evidence else "None"
    update_rows = [
        row("Status", str(draft.assessment), STATUS, "the status"),
        row(
            "What progress has been made",
            linebreaksbr(draft.narrative) if draft.narrative else "Not answered yet",
            NARRATIVE,
            "what progress has been made",
            html=True,
        ),
        row(
            "Exempt information",
            "Yes: left out of the public report" if draft.narrative_exempt else "No",
            NARRATIVE,
            "whether the update is exempt",
        ),
        row("Evidence", evidence_html, NARRATIVE, "the evidence", html=True),
    ]
    sections = [("The update", {"rows": update_rows})]
    if draft.assessment.includes_limited_progress:
        answer = risk_answer_of_update(draft)
        if answer is None:
            risk_rows = [row("Risk", "Not described yet", RISK, "the risk")]
        elif isinstance(answer, NoRiskReason):
            risk_rows = [
                row("Risk", "No risk raised", RISK, "the risk"),
                row("Why not", answer.reason, RISK, "why no risk is raised"),
            ]
        elif isinstance(answer, RiskLinkChoice):
            linked = Risk.objects.get(pk=answer.risk_id)
            references = ", ".join(
                linked.actions.order_by("area__number", "position", "reference").values_list(
                    "reference", flat=True
                )
            )
            risk_rows = [
                row("Risk", f"Linked to an open risk: {linked.title}", RISK, "the risk"),
                row("Actions it holds back", references, RISK, "the risk's actions"),
            ]
        else:
            risk = answer
            escalation = (
                f"To {risk.escalated_to}"
                + (f" on {risk.escalated_on:%-d %B %Y}" if risk.escalated_on else "")
                if risk.escalated_to
                else "Not escalated"
            )
            risk_rows = [
                row("Risk", "A new risk is raised", RISK, "the risk"),
                row("Cause", linebreaksbr(risk.cause), RISK, "the cause", html=True),
                row("Impact", linebreaksbr(risk.impact), RISK, "the impact", html=True),
                row("Mitigation", linebreaksbr(risk.mitigation), RISK, "the mitigation", html=True),
                row(
                    "External dependency",
                    risk.external_dependency or "None",
                    RISK,
                    "the external dependency",
                ),
                row("Escalation", escalation, RISK, "the escalation"),
            ]
        sections.append(("Risk", {"rows": risk_rows}))
    milestone_rows = [
        row(
            m.title,
            f"Done {m.done_on:%-d %B %Y}" if m.done_on else "Not done yet",
            MILESTONES,
            f"the date {m.title} was done",
        )
        for m in action.milestones.all()
    ]
    timescale = action.revised_timescale
    milestone_rows.append(
        row(
            "Revised timescale",
            (
                f"{timescale}"
                + (f" (due {action.revised_due_date:%-d %B %Y})" if action.revised_due_date else "")
                + (f": {action.revision_reason}" if action.revision_reason else "")
            )
            if timescale
            else f"Not revised (agreed: {action.timescale})",
            MILESTONES,
            "the timescale",
        )
    )
    sections.append(("Milestones and timescale", {"rows": milestone_rows}))
    return sections


# --- Approve or return submitted updates.


def _render_approvals(
    request: HttpRequest, plan: Plan, *, failed: DecisionForm | None = None, failed_pk: int = 0
) -> HttpResponse:
    queue = approval_queue(plan=plan)
    items = [
        (
            update,
            failed
            if update.pk == failed_pk and failed is not None
            else DecisionForm(auto_id=f"id_%s_{update.pk}"),
        )
        for update in queue
    ]
    context = {
        "plan": plan,
        "items": items,
        "round": round_current_open(plan=plan),
        "errors": (
            error_summary(failed, form_anchor=f"#update-{failed_pk}-title") if failed else []
        ),
    }
    return render(request, "progress/approve_queue.html", context)


@require_safe
@login_required
def approvals(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    _require(can_approve_updates(request.user, plan), "Only the plan lead approves updates.")
    return _render_approvals(request, plan)


@require_POST
@login_required
def approval_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    _require(can_approve_updates(request.user, plan), "Only the plan lead approves updates.")
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("round", "action"), pk=pk, action__plan=plan
    )
    form = DecisionForm(request.POST, auto_id=f"id_%s_{pk}")
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                progress_update_approve(update=update, by=request.user)
                done = f"Approved the update on {update.action.reference}."
            else:
                progress_update_return(
                    update=update, by=request.user, comment=form.cleaned_data["comment"]
                )
                done = f"Returned the update on {update.action.reference} to its owner."
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if hasattr(exc, "messages") else str(exc))
        else:
            messages.success(request, done)
            return redirect("progress:approvals", slug=slug)
    return _render_approvals(request, plan, failed=form, failed_pk=pk)


# --- Close a round.


@require_http_methods(["GET", "POST"])
@login_required
def round_close_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    _require(can_approve_updates(request.user, plan), "Only the plan lead closes a round.")
    round = get_object_or_404(ReviewRound, pk=pk, plan=plan)
    error = ""
    if request.method == "POST" and not round.is_closed:
        try:
            round_close(round=round, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{round} is closed: its updates are locked.")
            return redirect(plan.get_absolute_url())
    by_state = round_update_counts(round=round)
    actions = plan.actions.count()
    approved = by_state.get(UpdateState.APPROVED, 0)
    context = {
        "plan": plan,
        "round": round,
        "error": error,
        "actions": actions,
        "approved": approved,
        "submitted": by_state.get(UpdateState.SUBMITTED, 0),
        "drafts": by_state.get(UpdateState.DRAFT, 0),
        "missing": actions - approved,
    }
    missing = context["missing"]
    context["summary"] = {
        "rows": [
            {"key": {"text": key}, "value": {"text": str(value)}}
            for key, value in (
                ("Actions in the plan", actions),
                ("Approved updates", approved),
                ("Waiting for approval", context["submitted"]),
                ("Drafts not submitted", context["drafts"]),
                (
                    "Missing updates",
                    f"{missing} action{'' if missing == 1 else 's'} without an approved update",
                ),
            )
        ]
    }
    waiting = context["submitted"]
    context["decide_warning"] = (
        f"Decide the {waiting} submitted update{'' if waiting == 1 else 's'} before closing "
        "the round."
    )
    context["closing_warning"] = (
        "Closing the round locks its updates: nobody can record or approve progress in it "
        "afterwards."
        + (
            f" {missing} action{'' if missing == 1 else 's'} will be reported as having no update."
            if missing
            else ""
        )
    )
    context["errors"] = (
        [(error, reverse("progress:approvals", kwargs={"slug": plan.slug}))] if error else []
    )
    status = CONFLICT if error else 200
    return render(request, "progress/round_close.html", context, status=status)


# --- Evidence files.


@require_safe
@login_required
def evidence_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    plan = get_plan_for_user(request, slug)
    evidence = get_object_or_404(
        Evidence.objects.select_related("update__action"), pk=pk, update__action__plan=plan
    )
    if not can_see_draft(request.user, evidence.update):
        raise Http404("No evidence found")  # a draft is its writers' until submitted
    if not evidence.file:
        raise Http404("This evidence is a link, not a file")
    name = evidence.file.name.rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)
