"""The progress forms: record an update, approve or return it, close a round, edit an action or
a risk, and fetch an evidence file.

Objects are looked up through the read pages' helpers (404 for a plan the user has no role on);
a user who can see the plan but may not do this gets 403. Every write is a service call.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.core.concurrency import StaleVersionError
from headway.risks.models import Risk
from headway.risks.services import risk_update

from . import forms as progress_forms
from .choices import Status, UpdateState
from .forms import (
    ActionForm,
    ActionTimescaleForm,
    DecisionForm,
    ProgressUpdateForm,
    RiskForm,
    error_summary,
    progress_initial,
)
from .models import Action, Evidence, Plan, ProgressUpdate, ReviewRound
from .permissions import (
    can_approve_updates,
    can_edit_action,
    can_record_progress,
    can_see_draft,
    get_action_for_user,
    get_plan_for_user,
)
from .selectors import round_current_open
from .services import (
    action_update,
    progress_update_approve,
    progress_update_record,
    progress_update_return,
    round_close,
)

CONFLICT = 409


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _add_errors(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


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
        return render(request, "plans/progress_closed.html", context, status=status)

    draft, submitted, decided = _round_updates(action, round)
    if draft is not None and not can_see_draft(request.user, draft):
        context["draft"] = draft
        status = 200 if request.method == "GET" else CONFLICT
        return render(request, "plans/progress_draft_elsewhere.html", context, status=status)
    if submitted is not None:
        context["submitted"] = submitted
        status = 200 if request.method == "GET" else CONFLICT
        return render(request, "plans/progress_submitted.html", context, status=status)

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
        "file_hint": progress_forms.evidence_file_hint(),
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
                _add_errors(form, exc)
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


def _round_updates(
    action: Action, round: ReviewRound
) -> tuple[ProgressUpdate | None, ProgressUpdate | None, ProgressUpdate | None]:
    """The action's draft, its submitted update and its latest decided one in the round.

    One query, with evidence and risks prefetched (the form shows them).
    """
    updates = list(
        ProgressUpdate.objects.filter(action=action, round=round)
        .exclude(state=UpdateState.SUPERSEDED)
        .select_related("decided_by", "author")
        .prefetch_related("evidence", "risks")
        .order_by("-created_at")
    )
    newest = {u.state: u for u in reversed(updates)}  # the newest of each state wins
    decided = next((u for u in updates if u.state != UpdateState.DRAFT), None)
    return newest.get(UpdateState.DRAFT), newest.get(UpdateState.SUBMITTED), decided


def _render_progress(
    request: HttpRequest, form: ProgressUpdateForm, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context |= {"form": form, "errors": error_summary(form) if form.is_bound else []}
    return render(request, "plans/progress_form.html", context, status=status)


def _refreshed_progress_form(
    request: HttpRequest, form_kwargs: dict[str, Any], current: Any
) -> ProgressUpdateForm:
    """The user's own answers again, now carrying the saved record's version.

    Saving this form again is a deliberate choice to replace the other version, made after
    seeing both; nothing is overwritten unseen.
    """
    data = request.POST.copy()
    field = {ProgressUpdate: "version", Action: "action_version", Risk: "risk_version"}[
        type(current)
    ]
    data[field] = str(current.version)
    form = ProgressUpdateForm(data, **form_kwargs)
    form.add_error(
        None,
        "Someone else saved a newer version while you were editing. Nothing of yours was "
        "saved: compare the two versions below, then save again to keep yours.",
    )
    return form


def _progress_conflict(form: ProgressUpdateForm, current: Any) -> list[tuple[str, str, str]]:
    data = form.data
    if isinstance(current, ProgressUpdate):
        yours = form.cleaned_data.get("assessment") if hasattr(form, "cleaned_data") else None
        return [
            ("Assessment", str(yours or "—"), str(current.assessment)),
            ("Narrative", data.get("narrative", ""), current.narrative),
        ]
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


def _approval_queue(plan: Plan) -> list[ProgressUpdate]:
    """Every submitted update of the plan with what the lead needs to judge it (three queries)."""
    return list(
        ProgressUpdate.objects.filter(action__plan=plan, state=UpdateState.SUBMITTED)
        .select_related("action__plan", "action__area", "author", "round")
        .prefetch_related("risks", "evidence")
        .order_by("action__area__number", "action__position", "action__reference")
    )


def _render_approvals(
    request: HttpRequest, plan: Plan, *, failed: DecisionForm | None = None, failed_pk: int = 0
) -> HttpResponse:
    queue = _approval_queue(plan)
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
    return render(request, "plans/approve_queue.html", context)


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
    by_state = {
        row["state"]: row["n"]
        for row in round.updates.order_by().values("state").annotate(n=Count("pk"))
    }
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
    return render(request, "plans/round_close.html", context, status=status)


# --- Edit an action or a risk, refusing a save over a newer version.


def _versioned_edit(
    request: HttpRequest,
    *,
    instance: Any,
    form_class: type[progress_forms.VersionedForm],
    save: Any,
    template: str,
    context: dict[str, Any],
    done: str,
    next_url: str,
) -> HttpResponse:
    names = [n for n in form_class.base_fields if n != "version"]
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(expected_version=form.cleaned_data["version"], changes=form.changes())
            except StaleVersionError as exc:
                yours, saved = form.cleaned_data, exc.current
                context["conflict"] = [
                    (form[n].label, _shown(yours.get(n)), _shown(getattr(saved, n))) for n in names
                ]
                data = request.POST.copy()
                data["version"] = str(exc.current.version)
                form = form_class(data)
                form.add_error(
                    None,
                    "Someone else saved a newer version while you were editing. Nothing of "
                    "yours was saved: compare the two versions below, then save again to keep "
                    "yours.",
                )
                status = CONFLICT
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect(next_url)
    else:
        initial = {n: getattr(instance, n) for n in names} | {"version": instance.version}
        form = form_class(initial=initial)
    context |= {"form": form, "errors": error_summary(form) if form.is_bound else []}
    return render(request, template, context, status=status)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    action = get_action_for_user(request, slug, pk)
    _require(can_edit_action(request.user, action), "You cannot edit this action.")
    # The plan lead and administrators change anything; an owner revises the timescale only.
    full = can_approve_updates(request.user, action.plan)
    return _versioned_edit(
        request,
        instance=action,
        form_class=ActionForm if full else ActionTimescaleForm,
        save=lambda **kw: action_update(action=action, by=request.user, **kw),
        template="plans/action_edit.html",
        context={"plan": action.plan, "action": action, "full": full},
        done=f"Saved the changes to action {action.reference}.",
        next_url=action.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def risk_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    risk = get_object_or_404(Risk.objects.select_related("action"), pk=pk, action__plan=plan)
    risk.action.plan = plan
    _require(can_edit_action(request.user, risk.action), "You cannot edit this risk.")
    return _versioned_edit(
        request,
        instance=risk,
        form_class=RiskForm,
        save=lambda **kw: risk_update(risk=risk, by=request.user, **kw),
        template="plans/risk_edit.html",
        context={"plan": plan, "risk": risk, "action": risk.action},
        done="Saved the changes to the risk.",
        next_url=reverse("risks:register", kwargs={"slug": slug}),
    )


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
