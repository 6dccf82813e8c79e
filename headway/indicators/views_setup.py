"""Setting indicators up in the app: add one, change its details, and set its targets,
tolerances and comparators period by period.

The plan lead or an administrator does this (``permissions.can_manage_indicators``). An
indicator's details are asked one question (or a small group) a page, kept in the session, and
written only when "check your answers" is confirmed, as ``plans.views_setup`` does for a plan;
a save over someone else's newer one is refused with both versions shown.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.models import User
from headway.core.components import FIELDSET_COMPONENTS, conflict_table, field_component
from headway.core.concurrency import StaleVersionError
from headway.core.versioned_edit import CONFLICT, STALE_MESSAGE, shown
from headway.plans.models import Action, OutcomeArea, Plan
from headway.plans.permissions import get_plan_for_user

from .choices import Frequency, Polarity, Unit
from .forms_setup import INDICATOR_STEPS, STEP_HEADINGS
from .models import Indicator
from .permissions import can_manage_indicators
from .services import indicator_create, indicator_update
from .views import get_indicator_for_user

SESSION_KEY = "indicator-setup"
FIELDS = (
    "reference",
    "title",
    "definition",
    "data_source",
    "unit",
    "decimal_places",
    "polarity",
    "frequency",
    "owner",
    "areas",
    "actions",
)
LABELS = {
    "reference": "Reference",
    "title": "Title",
    "definition": "Definition",
    "data_source": "Data source",
    "unit": "Unit",
    "decimal_places": "Decimal places",
    "polarity": "Which way is better",
    "frequency": "Frequency",
    "owner": "Owner",
    "areas": "Outcome areas",
    "actions": "Actions meant to move it",
}
STEP_OF = {name: step for step, form in INDICATOR_STEPS.items() for name in form.base_fields}
LINKS = ("areas", "actions")


# --- Who may, and the answers kept between question pages.


def manageable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the user may set its indicators up: 404 without a role, 403 without the
    right."""
    plan = get_plan_for_user(request, slug)
    if not can_manage_indicators(request.user, plan):
        raise PermissionDenied("Only the plan lead or an administrator sets indicators up.")
    return plan


def manageable_indicator(request: HttpRequest, slug: str, pk: int) -> Indicator:
    indicator = get_indicator_for_user(request, slug, pk)
    if not can_manage_indicators(request.user, indicator.plan):
        raise PermissionDenied("Only the plan lead or an administrator sets indicators up.")
    return indicator


def _answers(request: HttpRequest, key: str) -> dict[str, Any] | None:
    return request.session.get(SESSION_KEY, {}).get(key)


def _keep(request: HttpRequest, key: str, answers: dict[str, Any] | None) -> None:
    store = dict(request.session.get(SESSION_KEY, {}))
    if answers is None:
        store.pop(key, None)
    else:
        store[key] = answers
    request.session[SESSION_KEY] = store


def _form_kwargs(step: str, plan: Plan, indicator: Indicator | None) -> dict[str, Any]:
    if step == "name":
        return {"plan": plan, "indicator_pk": indicator.pk if indicator else None}
    if step == "owner":
        people = list(
            User.objects.filter(plan_memberships__plan=plan).order_by("job_title", "username")
        )
        if indicator is not None and indicator.owner and indicator.owner not in people:
            people.append(indicator.owner)
        return {"people": people}
    if step == "links":
        return {
            "areas": list(plan.areas.order_by("number")),
            "actions": list(plan.actions.order_by("area__number", "position", "reference")),
        }
    return {}


def _step_form(
    request: HttpRequest, step: str, plan: Plan, indicator: Indicator | None, answers: dict
) -> Any:
    form_class = INDICATOR_STEPS[step]
    kwargs = _form_kwargs(step, plan, indicator)
    if request.method == "POST":
        return form_class(request.POST, **kwargs)
    initial = {n: answers[n] for n in form_class.base_fields if n in answers}
    return form_class(initial=initial, **kwargs)


def _question(
    request: HttpRequest, form: Any, *, heading: str, caption: str, back: str, button: str
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
            "intro": getattr(form, "intro", ""),
        },
    )


def _missing(answers: dict[str, Any]) -> str | None:
    """The first question not yet answered, if any."""
    for step, form_class in INDICATOR_STEPS.items():
        if any(name not in answers for name in form_class.base_fields):
            return step
    return None


def _rows(plan: Plan, answers: dict[str, Any], change_url: Any) -> list[dict[str, Any]]:
    """Summary-list rows of an indicator's answers, each with its "Change" link."""
    owner = User.objects.filter(pk=answers.get("owner")).first() if answers.get("owner") else None
    areas = OutcomeArea.objects.filter(plan=plan, pk__in=answers.get("areas") or []).order_by(
        "number"
    )
    actions = Action.objects.filter(plan=plan, pk__in=answers.get("actions") or []).order_by(
        "area__number", "position", "reference"
    )
    shown_as = {
        "unit": Unit(answers["unit"]).label if answers.get("unit") else "",
        "polarity": Polarity(answers["polarity"]).label if answers.get("polarity") else "",
        "frequency": Frequency(answers["frequency"]).label if answers.get("frequency") else "",
        "owner": str(owner) if owner else "Nobody yet",
        "areas": "; ".join(f"{a.number}. {a.title}" for a in areas) or "None",
        "actions": "; ".join(f"{a.reference} {a.title}" for a in actions) or "None",
    }
    return [
        {
            "key": {"text": label},
            "value": {"text": shown_as.get(name, shown(answers.get(name)))},
            "actions": {
                "items": [
                    {
                        "href": change_url(STEP_OF[name]),
                        "text": "Change",
                        "visuallyHiddenText": label.lower(),
                    }
                ]
            },
        }
        for name, label in LABELS.items()
    ]


def _fields(plan: Plan, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as the services take them: people, areas and actions as objects."""
    fields = {n: answers[n] for n in FIELDS if n not in LINKS and n != "owner"}
    fields["owner"] = None
    if answers.get("owner"):
        # The person chosen, if they still have a role on the plan (or own it already).
        fields["owner"] = (
            User.objects.filter(plan_memberships__plan=plan, pk=answers["owner"]).first()
            or User.objects.filter(pk=answers["owner"], owned_indicators__plan=plan).first()
        )
        if fields["owner"] is None:
            raise ValidationError(
                "The owner you chose no longer has a role on the plan: choose the owner again."
            )
    fields["areas"] = list(OutcomeArea.objects.filter(plan=plan, pk__in=answers["areas"]))
    fields["actions"] = list(Action.objects.filter(plan=plan, pk__in=answers["actions"]))
    return fields


# --- Adding an indicator.


@require_safe
@login_required
def indicator_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Start adding an indicator afresh."""
    plan = manageable_plan(request, slug)
    _keep(request, f"new-{plan.pk}", {})
    return redirect("indicators:new_step", slug=slug, step="name")


@require_http_methods(["GET", "POST"])
@login_required
def indicator_new_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    plan = manageable_plan(request, slug)
    if step not in INDICATOR_STEPS:
        raise Http404("No such question")
    key = f"new-{plan.pk}"
    answers = _answers(request, key)
    if answers is None:
        return redirect("indicators:new", slug=slug)
    form = _step_form(request, step, plan, None, answers)
    if request.method == "POST" and form.is_valid():
        answers |= form.cleaned_data
        _keep(request, key, answers)
        following = _missing(answers)
        if following:
            return redirect("indicators:new_step", slug=slug, step=following)
        return redirect("indicators:new_check", slug=slug)
    order = list(INDICATOR_STEPS)
    index = order.index(step)
    back = (
        reverse("indicators:new_step", args=[slug, order[index - 1]])
        if index
        else plan.get_absolute_url()
    )
    return _question(
        request,
        form,
        heading=STEP_HEADINGS[step],
        caption=f"Add an indicator to {plan.title}",
        back=back,
        button="Continue",
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_new_check(request: HttpRequest, slug: str) -> HttpResponse:
    plan = manageable_plan(request, slug)
    key = f"new-{plan.pk}"
    answers = _answers(request, key)
    if answers is None or _missing(answers):
        return redirect("indicators:new", slug=slug)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        last = plan.indicators.aggregate(last=Max("position"))["last"]
        try:
            indicator = indicator_create(
                plan=plan,
                by=request.user,
                position=0 if last is None else last + 1,
                **_fields(plan, answers),
            )
        except ValidationError as exc:
            errors = [(message, "#summary") for message in exc.messages]
        else:
            _keep(request, key, None)
            messages.success(request, f"Added the indicator {indicator}.")
            return redirect(indicator.get_absolute_url())
    return render(
        request,
        "plans/setup/check.html",
        {
            "plan": plan,
            "heading": "Check your answers before adding the indicator",
            "caption": f"Add an indicator to {plan.title}",
            "rows": {
                "rows": _rows(
                    plan,
                    answers,
                    lambda step: reverse("indicators:new_step", args=[slug, step]),
                )
            },
            "back": reverse("indicators:new_step", args=[slug, list(INDICATOR_STEPS)[-1]]),
            "button": "Add the indicator",
            "errors": errors,
        },
        status=CONFLICT if errors else 200,
    )


# --- Changing an indicator's details.


def _read(indicator: Indicator) -> dict[str, Any]:
    """A draft of no changes, read now: the values, a copy of them (``read_…``) and the
    version they were read at."""
    values = {n: getattr(indicator, n) for n in FIELDS if n not in LINKS and n != "owner"}
    values["owner"] = indicator.owner_id
    values["areas"] = sorted(a.pk for a in indicator.areas.all())
    values["actions"] = sorted(a.pk for a in indicator.actions.all())
    return values | {f"read_{n}": v for n, v in values.items()} | {"version": indicator.version}


def _changes(draft: dict[str, Any]) -> dict[str, Any]:
    def same(a: Any, b: Any) -> bool:
        return sorted(a or []) == sorted(b or []) if isinstance(a, list) else a == b

    return {n: draft[n] for n in FIELDS if not same(draft[n], draft[f"read_{n}"])}


def _draft(request: HttpRequest, indicator: Indicator) -> dict[str, Any] | None:
    """The details being changed. A draft that changes nothing and was read before someone
    else's save is dropped, so the page shows the details as they now are."""
    key = f"indicator-{indicator.pk}"
    draft = _answers(request, key)
    if draft is not None and not _changes(draft) and draft["version"] != indicator.version:
        _keep(request, key, None)
        return None
    return draft


@require_http_methods(["GET", "POST"])
@login_required
def indicator_details(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The indicator's details with a "Change" link to each question; saved when confirmed."""
    indicator = manageable_indicator(request, slug, pk)
    plan = indicator.plan
    key = f"indicator-{indicator.pk}"
    draft = _draft(request, indicator)
    changes = _changes(draft) if draft else {}
    status, errors, conflict = 200, [], None
    if request.method == "POST" and changes:
        try:
            fields = _fields(plan, draft)
            indicator = indicator_update(
                indicator=indicator,
                by=request.user,
                expected_version=draft["version"],
                changes={n: fields[n] for n in changes if n not in LINKS},
                areas=fields["areas"] if "areas" in changes else None,
                actions=fields["actions"] if "actions" in changes else None,
            )
        except StaleVersionError as exc:
            saved = exc.current
            theirs = _read(saved)
            yours_rows = _rows(plan, draft, lambda step: "")
            saved_rows = _rows(plan, theirs, lambda step: "")
            conflict = conflict_table(
                [
                    (label, mine["value"]["text"], other["value"]["text"])
                    for label, mine, other in zip(
                        LABELS.values(), yours_rows, saved_rows, strict=True
                    )
                ]
            )
            # Saving again is now a choice made after seeing both versions: the draft is as
            # if read now, with the same answers.
            draft = {**theirs, **{n: draft[n] for n in FIELDS}}
            changes = _changes(draft)
            _keep(request, key, draft)
            errors, status = [(STALE_MESSAGE, "#conflict")], CONFLICT
        except ValidationError as exc:
            errors = [(message, "#summary") for message in exc.messages]
            status = CONFLICT
        else:
            _keep(request, key, None)
            messages.success(request, f"Saved the changes to {indicator.reference}.")
            return redirect(indicator.get_absolute_url())
    values = draft if draft is not None else _read(indicator)
    return render(
        request,
        "plans/setup/check.html",
        {
            "plan": plan,
            "heading": "Check your changes" if changes else f"{indicator.reference}'s details",
            "caption": f"{indicator.reference} {indicator.title}",
            "rows": {
                "rows": _rows(
                    plan,
                    values,
                    lambda step: reverse("indicators:details_step", args=[slug, pk, step]),
                )
            },
            "back": indicator.get_absolute_url(),
            "button": "Save changes" if changes else "",
            "errors": errors,
            "conflict": conflict,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_details_step(request: HttpRequest, slug: str, pk: int, step: str) -> HttpResponse:
    indicator = manageable_indicator(request, slug, pk)
    if step not in INDICATOR_STEPS:
        raise Http404("No such question")
    key = f"indicator-{indicator.pk}"
    answers = _draft(request, indicator)
    if answers is None:
        # The values and version the details are read at, kept until they are saved.
        answers = _read(indicator)
        _keep(request, key, answers)
    form = _step_form(request, step, indicator.plan, indicator, answers)
    if request.method == "POST" and form.is_valid():
        _keep(request, key, answers | form.cleaned_data)
        return redirect("indicators:details", slug=slug, pk=pk)
    return _question(
        request,
        form,
        heading=STEP_HEADINGS[step],
        caption=f"{indicator.reference} {indicator.title}",
        back=reverse("indicators:details", args=[slug, pk]),
        button="Continue",
    )
