"""The progress forms: record an update, approve or return it, close a round, and fetch an
evidence file.

Objects are looked up through ``plans.permissions``' helpers (404 for a plan the user has no
role on); a user who can see the plan but may not do this gets 403. Every write is a service
call; every read a selector.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.core.concurrency import StaleVersionError
from headway.core.forms import error_summary
from headway.core.versioned_edit import CONFLICT, STALE_MESSAGE, add_errors, shown
from headway.plans.choices import Status, UpdateState
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
from headway.risks.models import Risk

from .evidence import evidence_file_hint
from .forms import DecisionForm, ProgressUpdateForm, progress_initial
from .selectors import approval_queue, round_update_counts, round_updates_of_action
from .services import progress_update_record


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- Record progress.


@require_http_methods(["GET", "POST"])
@login_required
def progress_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    action = get_action_for_user(request, slug, pk)
    _require(
        can_record_progress(request.user, action),
        "Only the action's owner, a delegate or the plan lead records progress on it.",
    )
    round = round_current_open(plan=action.plan)
    context: dict[str, Any] = {"plan": action.plan, "action": action, "round": round}
    if round is None:
        status = 200 if request.method == "GET" else CONFLICT
        return render(request, "progress/progress_closed.html", context, status=status)

    draft, submitted, decided = round_updates_of_action(action=action, round=round)
    if draft is not None and not can_see_draft(request.user, draft):
        context["draft"] = draft
        status = 200 if request.method == "GET" else CONFLICT
        return render(request, "progress/progress_draft_elsewhere.html", context, status=status)
    if submitted is not None:
        context["submitted"] = submitted
        status = 200 if request.method == "GET" else CONFLICT
        return render(request, "progress/progress_submitted.html", context, status=status)

    source = draft or decided  # what the form starts from
    risk = next(iter(source.risks.all()), None) if source else None
    milestones = list(action.milestones.all())
    form_kwargs = {
        "action": action,
        "milestones": milestones,
        "evidence_choices": [(e.pk, e.title) for e in draft.evidence.all()] if draft else [],
    }
    context |= {
        "draft": draft,
        "returned": decided if decided and decided.state == UpdateState.RETURNED else None,
        "correcting": decided if decided and decided.state == UpdateState.APPROVED else None,
        "carried_evidence": list(decided.evidence.all()) if decided and not draft else [],
        "statuses": list(Status),
        "file_hint": evidence_file_hint(),
    }

    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            submit = request.POST.get("intent") == "submit"
            try:
                update = progress_update_record(
                    action=action,
                    round=round,
                    by=request.user,
                    draft=draft,
                    copy_evidence_from=None if draft else decided,
                    submit=submit,
                    **form.service_arguments(),
                )
            except StaleVersionError as exc:
                form = _refreshed_progress_form(request, form_kwargs, exc.current)
                context["conflict"] = _progress_conflict(form, exc.current)
                return _render_progress(request, form, context, status=CONFLICT)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                if submit:
                    messages.success(
                        request, f"Your update on {action.reference} was sent to the plan lead."
                    )
                    return redirect(action.get_absolute_url())
                messages.success(
                    request,
                    f"Draft saved (version {update.version}). "
                    "It has not been sent to the plan lead yet.",
                )
                return redirect("progress:record", slug=slug, pk=pk)
    else:
        initial = progress_initial(action=action, source=source, risk=risk)
        if draft is not None:
            initial["version"] = draft.version
        form = ProgressUpdateForm(initial=initial, **form_kwargs)
    return _render_progress(request, form, context)


def _render_progress(
    request: HttpRequest, form: ProgressUpdateForm, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context |= {"form": form, "errors": error_summary(form) if form.is_bound else []}
    return render(request, "progress/progress_form.html", context, status=status)


def _refreshed_progress_form(
    request: HttpRequest, form_kwargs: dict[str, Any], current: Any
) -> ProgressUpdateForm:
    """The user's own answers again, now carrying the saved record's version.

    Saving this form again is a deliberate choice to replace the other version, made after
    seeing both; nothing is overwritten unseen.
    """
    data = request.POST.copy()
    if isinstance(current, Milestone):  # compared by its date, not a version
        data[f"milestone_{current.pk}_was"] = current.done_on.isoformat() if current.done_on else ""
    else:
        field = {ProgressUpdate: "version", Action: "action_version", Risk: "risk_version"}
        data[field[type(current)]] = str(current.version)
    form = ProgressUpdateForm(data, **form_kwargs)
    form.add_error(None, STALE_MESSAGE)
    return form


def _progress_conflict(form: ProgressUpdateForm, current: Any) -> list[tuple[str, str, str]]:
    data = form.data
    if isinstance(current, ProgressUpdate):
        yours = form.cleaned_data.get("assessment") if hasattr(form, "cleaned_data") else None
        return [
            ("Assessment", str(yours or "—"), str(current.assessment)),
            ("Narrative", data.get("narrative", ""), current.narrative),
        ]
    if isinstance(current, Milestone):
        yours = form.cleaned_data.get(f"milestone_{current.pk}")
        return [(f"Date done: {current.title}", shown(yours), shown(current.done_on))]
    if isinstance(current, Action):
        return [
            ("Revised timescale", data.get("revised_timescale", ""), current.revised_timescale),
            ("Reason", data.get("revision_reason", ""), current.revision_reason),
        ]
    return [
        ("Cause", data.get("risk_cause", ""), current.cause),
        ("Impact", data.get("risk_impact", ""), current.impact),
        ("Mitigation", data.get("risk_mitigation", ""), current.mitigation),
        ("Escalated to", data.get("risk_escalated_to", ""), current.escalated_to),
    ]


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
