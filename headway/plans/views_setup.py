"""Setting a plan up in the app: create it, and change its details and its outcome areas. (Its
review rounds are in ``views_rounds``, its people in ``views_people``.)

Administrators create plans; an administrator or the plan's lead sets one up. The details are
asked one question a page, kept in the session, and written only when "check your answers" is
confirmed; a save over someone else's newer one is refused with both shown, as
``core.versioned_edit`` does for one-page forms.
"""

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from headway.core.components import FIELDSET_COMPONENTS, conflict_table, field_component
from headway.core.concurrency import StaleVersionError
from headway.core.versioned_edit import CONFLICT, STALE_MESSAGE, add_errors, shown

from .forms_setup import PLAN_STEPS, AreaChangeForm, AreaForm, slug_suggest
from .models import OutcomeArea, Plan
from .permissions import can_create_plan, can_set_up_plan, get_plan_for_user
from .selectors import round_current_open
from .services import (
    outcome_area_add,
    outcome_area_change,
    plan_create,
    plan_update,
)

SESSION_KEY = "plan-setup"
DATE_FIELDS = ("period_start", "period_end", "as_at", "deadline")
PLAN_LABELS = {
    "title": "Title",
    "division": "Division or service",
    "slug": "Web address",
    "period_start": "Starts",
    "period_end": "Ends",
}


# --- Answers kept between question pages.


def _answers(request: HttpRequest, key: str) -> dict[str, Any] | None:
    stored = request.session.get(SESSION_KEY, {}).get(key)
    if stored is None:
        return None
    return {
        name: dt.date.fromisoformat(value)
        if name.removeprefix("read_") in DATE_FIELDS and value
        else value
        for name, value in stored.items()
    }


def _keep(request: HttpRequest, key: str, answers: dict[str, Any] | None) -> None:
    store = dict(request.session.get(SESSION_KEY, {}))
    if answers is None:
        store.pop(key, None)
    else:
        store[key] = {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in answers.items()
        }
    request.session[SESSION_KEY] = store


def _setup_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the user may set it up: 404 without a role on it, 403 without the right."""
    plan = get_plan_for_user(request, slug)
    if not can_set_up_plan(request.user, plan):
        raise PermissionDenied("Only the plan lead or an administrator sets a plan up.")
    return plan


def _question(
    request: HttpRequest,
    form: forms.Form,
    *,
    heading: str,
    caption: str,
    back: str,
    button: str = "Continue",
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    visible = form.visible_fields()
    fieldset = len(visible) == 1 and field_component(visible[0]) in FIELDSET_COMPONENTS
    return render(
        request,
        "plans/setup/question.html",
        {
            "form": form,
            "heading_classes": "govuk-fieldset__legend--l" if fieldset else "govuk-label--l",
            "heading": heading,
            "caption": caption,
            "back": back,
            "button": button,
            "single": len(visible) == 1,
            **extra,
        },
        status=status,
    )


def _plan_rows(answers: dict[str, Any], change_url: Any) -> list[dict[str, Any]]:
    """Summary-list rows of a plan's answers, each with its "Change" link."""
    steps = {"title": "title", "division": "title", "slug": "address"}
    rows = []
    for name, label in PLAN_LABELS.items():
        value = answers.get(name)
        step = steps.get(name, "period")
        rows.append(
            {
                "key": {"text": label},
                "value": {"text": shown(value) if name != "slug" else f"/plans/{value}/"},
                "actions": {
                    "items": [
                        {
                            "href": change_url(step),
                            "text": "Change",
                            "visuallyHiddenText": label.lower(),
                        }
                    ]
                },
            }
        )
    return rows


# --- Creating a plan (administrators).


def _require_create(request: HttpRequest) -> None:
    if not can_create_plan(request.user):
        raise PermissionDenied("Only an administrator creates a plan.")


@require_safe
@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    """Start creating a plan afresh."""
    _require_create(request)
    _keep(request, "new", {})
    return redirect("plans:plan_new_step", step="title")


@require_http_methods(["GET", "POST"])
@login_required
def plan_new_step(request: HttpRequest, step: str) -> HttpResponse:
    _require_create(request)
    form_class = PLAN_STEPS.get(step)
    if form_class is None:
        raise Http404("No such question")
    answers = _answers(request, "new")
    if answers is None:
        return redirect("plans:plan_new")
    names = list(form_class.base_fields)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            answers |= form.cleaned_data
            _keep(request, "new", answers)
            following = _next_step(step, answers)
            if following:
                return redirect("plans:plan_new_step", step=following)
            return redirect("plans:plan_new_check")
    else:
        initial = {n: answers[n] for n in names if n in answers}
        if step == "address" and "slug" not in initial:
            initial["slug"] = slug_suggest(answers.get("title", ""))
        form = form_class(initial=initial)
    order = list(PLAN_STEPS)
    index = order.index(step)
    back = (
        reverse("plans:plan_new_step", kwargs={"step": order[index - 1]})
        if index
        else reverse("home")
    )
    return _question(
        request, form, heading=_STEP_HEADINGS[step], caption="Create a plan", back=back
    )


_STEP_HEADINGS = {
    "title": "What is the plan called?",
    "address": "Web address of the plan",
    "period": "When does the plan run?",
}


def _next_step(step: str, answers: dict[str, Any]) -> str | None:
    """The next question not yet answered; none once all are (changing one answer from
    "check your answers" goes straight back there)."""
    for name, form_class in PLAN_STEPS.items():
        if name != step and any(n not in answers for n in form_class.base_fields):
            return name
    return None


@require_http_methods(["GET", "POST"])
@login_required
def plan_new_check(request: HttpRequest) -> HttpResponse:
    _require_create(request)
    answers = _answers(request, "new")
    if answers is None or _next_step("", answers):
        return redirect("plans:plan_new")
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            plan = plan_create(by=request.user, **answers)
        except ValidationError as exc:
            errors = [(message, "#summary") for message in exc.messages]
        else:
            _keep(request, "new", None)
            messages.success(request, f"Created the plan {plan.title}. Now set it up.")
            return redirect("plans:manage", slug=plan.slug)
    return render(
        request,
        "plans/setup/check.html",
        {
            "heading": "Check your answers before creating the plan",
            "caption": "Create a plan",
            "rows": {"rows": _plan_rows(answers, _new_step_url)},
            "back": reverse("plans:plan_new_step", kwargs={"step": "period"}),
            "button": "Create the plan",
            "errors": errors,
        },
        status=CONFLICT if errors else 200,
    )


def _new_step_url(step: str) -> str:
    return reverse("plans:plan_new_step", kwargs={"step": step})


# --- The set-up page and a plan's details.


@require_safe
@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    areas = plan.areas.count()
    return render(
        request,
        "plans/setup/manage.html",
        {
            "plan": plan,
            "areas": areas,
            "open_round": round_current_open(plan=plan),
            "rounds": plan.rounds.count(),
            "people": plan.memberships.count(),
        },
    )


def _plan_draft(request: HttpRequest, plan: Plan) -> dict[str, Any] | None:
    """The details being changed: the answers so far, the values and the version they were
    read at (``read_…``, ``version``). A draft that changes nothing and was read before
    someone else's save is dropped, so the page shows the details as they now are."""
    key = f"plan-{plan.pk}"
    draft = _answers(request, key)
    if draft is not None and not _draft_changes(draft) and draft["version"] != plan.version:
        _keep(request, key, None)
        return None
    return draft


def _draft_changes(draft: dict[str, Any]) -> dict[str, Any]:
    return {n: draft[n] for n in PLAN_LABELS if draft[n] != draft[f"read_{n}"]}


def _read(plan: Plan) -> dict[str, Any]:
    """A draft of no changes, read now."""
    values = {name: getattr(plan, name) for name in PLAN_LABELS}
    return values | {f"read_{n}": v for n, v in values.items()} | {"version": plan.version}


@require_http_methods(["GET", "POST"])
@login_required
def details(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's details with a "Change" link to each question; saved when confirmed."""
    plan = _setup_plan(request, slug)
    key = f"plan-{plan.pk}"
    draft = _plan_draft(request, plan)
    changes = _draft_changes(draft) if draft else {}
    status, errors, conflict = 200, [], None
    if request.method == "POST" and changes:
        try:
            plan = plan_update(
                plan=plan, by=request.user, expected_version=draft["version"], changes=changes
            )
        except StaleVersionError as exc:
            saved = exc.current
            conflict = conflict_table(
                [
                    (label, shown(draft[name]), shown(getattr(saved, name)))
                    for name, label in PLAN_LABELS.items()
                ]
            )
            # Saving again is now a choice made after seeing both versions: the draft is as
            # if read now, with the same answers.
            draft = {**_read(saved), **{n: draft[n] for n in PLAN_LABELS}}
            changes = _draft_changes(draft)
            _keep(request, key, draft)
            errors, status = [(STALE_MESSAGE, "#conflict")], CONFLICT
        except ValidationError as exc:
            errors = [(message, "#summary") for message in exc.messages]
            status = CONFLICT
        else:
            _keep(request, key, None)
            messages.success(request, "Saved the changes to the plan's details.")
            return redirect("plans:details", slug=plan.slug)
    values = draft if draft is not None else {n: getattr(plan, n) for n in PLAN_LABELS}
    return render(
        request,
        "plans/setup/check.html",
        {
            "plan": plan,
            "heading": "Check your changes" if changes else "The plan's details",
            "caption": plan.title,
            "rows": {
                "rows": _plan_rows(
                    values, lambda step: reverse("plans:details_step", args=[plan.slug, step])
                )
            },
            "back": reverse("plans:manage", args=[plan.slug]),
            "button": "Save changes" if changes else "",
            "errors": errors,
            "conflict": conflict,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def details_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    form_class = PLAN_STEPS.get(step)
    if form_class is None:
        raise Http404("No such question")
    key = f"plan-{plan.pk}"
    answers = _plan_draft(request, plan)
    if answers is None:
        # The values and version the details are read at, kept until they are saved.
        answers = _read(plan)
        _keep(request, key, answers)
    extra = {"plan_pk": plan.pk} if step == "address" else {}
    if request.method == "POST":
        form = form_class(request.POST, **extra)
        if form.is_valid():
            _keep(request, key, answers | form.cleaned_data)
            return redirect("plans:details", slug=plan.slug)
    else:
        form = form_class(initial={n: answers.get(n) for n in form_class.base_fields}, **extra)
    return _question(
        request,
        form,
        heading=_STEP_HEADINGS[step],
        caption=plan.title,
        back=reverse("plans:details", args=[plan.slug]),
    )


# --- Outcome areas.


@require_safe
@login_required
def areas(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    rows = [
        {
            "key": {"text": str(area.number)},
            "value": {
                "html": format_html(
                    "{}{}",
                    area.title,
                    format_html(
                        "<br><span class='govuk-hint'>Short title: {}</span>", area.short_title
                    )
                    if area.short_title
                    else "",
                )
            },
            "actions": {
                "items": [
                    {
                        "href": reverse("plans:area_change", args=[plan.slug, area.pk]),
                        "text": "Change",
                        "visuallyHiddenText": f"outcome area {area.number}",
                    }
                ]
            },
        }
        for area in plan.areas.order_by("number")
    ]
    return render(
        request, "plans/setup/areas.html", {"plan": plan, "rows": {"rows": rows} if rows else None}
    )


@require_http_methods(["GET", "POST"])
@login_required
def area_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = outcome_area_add(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Added outcome area {area}.")
            return redirect("plans:areas", slug=plan.slug)
    return _question(
        request,
        form,
        heading="Add an outcome area",
        caption=plan.title,
        back=reverse("plans:areas", args=[plan.slug]),
        button="Add the area",
    )


@require_http_methods(["GET", "POST"])
@login_required
def area_change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _setup_plan(request, slug)
    area = get_object_or_404(OutcomeArea, pk=pk, plan=plan)
    count = plan.areas.count()
    status = 200
    if request.method == "POST":
        form = AreaChangeForm(request.POST, count=count)
        if form.is_valid():
            try:
                outcome_area_change(area=area, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
                status = CONFLICT
            else:
                messages.success(request, "Saved the changes to the outcome area.")
                return redirect("plans:areas", slug=plan.slug)
    else:
        form = AreaChangeForm(
            initial={
                "title": area.title,
                "short_title": area.short_title,
                "number": area.number,
                "read_at": area.updated_at.isoformat(),
            },
            count=count,
        )
    return _question(
        request,
        form,
        heading=f"Change outcome area {area.number}",
        caption=plan.title,
        back=reverse("plans:areas", args=[plan.slug]),
        button="Save changes",
        status=status,
    )
