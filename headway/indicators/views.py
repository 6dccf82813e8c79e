"""Indicator pages: an indicator's series, entering a value (question page and check answers)
and the plan lead's approval queue. Views parse, call a service or selector, and render."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.core.concurrency import StaleVersionError
from headway.core.forms import error_summary
from headway.core.versioned_edit import CONFLICT, add_errors
from headway.plans.choices import UpdateState
from headway.plans.models import Plan
from headway.plans.permissions import can_view_plan, get_plan_for_user
from headway.plans.selectors import round_current_open

from .forms import CheckForm, CollectionForm, DecisionForm, ValueForm
from .models import Indicator, IndicatorValue, RoundCollection
from .periods import add_months, baseline_start, is_period_start, period_end, period_label
from .permissions import can_approve_values, can_enter_values, can_manage_indicators
from .presenters import (
    ILLUSTRATIVE_TEXT,
    details_list,
    history_table,
    series_chart,
    series_table,
)
from .selectors import indicator_history, indicator_series, values_awaiting_approval
from .services import (
    indicator_value_approve,
    indicator_value_return,
    indicator_value_save_draft,
    indicator_value_submit,
    round_collection_set,
)


def get_indicator_for_user(request: HttpRequest, slug: str, pk: int) -> Indicator:
    """The indicator of a plan the user can see; otherwise 404 (its existence is not leaked)."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan", "owner", "carried_from__plan").prefetch_related(
            "delegates"
        ),
        pk=pk,
        plan__slug=slug,
    )
    if not can_view_plan(request.user, indicator.plan):
        raise Http404("No indicator found")
    return indicator


@require_safe
@login_required
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, slug, pk)
    series = indicator_series(indicator)
    chart_src, chart_alt = series_chart(series) if series.rows else ("", "")
    history = indicator_history(indicator, user=request.user)
    actions = list(indicator.actions.select_related("area").order_by("area__number", "position"))
    return render(
        request,
        "indicators/indicator.html",
        {
            "plan": indicator.plan,
            "indicator": indicator,
            "series": series,
            "table": series_table(series),
            "chart_src": chart_src,
            "chart_alt": chart_alt,
            "actions": actions,
            "areas": list(indicator.areas.order_by("number")),
            "details": details_list(indicator),
            "history": history,
            "history_table": history_table(history),
            "can_enter": can_enter_values(request.user, indicator),
            "can_manage": can_manage_indicators(request.user, indicator.plan),
            "illustrative_text": ILLUSTRATIVE_TEXT,
        },
    )


def _period(indicator: Indicator, text: str) -> dt.date:
    try:
        period = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise Http404("No such period") from exc
    if not is_period_start(indicator.frequency, period):
        raise Http404("No such period")
    return period


def _latest(indicator: Indicator, period: dt.date) -> dict[str, IndicatorValue | None]:
    """The period's draft (if any) and its approved value (if any)."""
    found = {"draft": None, "approved": None, "submitted": None}
    for entry in IndicatorValue.objects.filter(
        indicator=indicator,
        period=period,
        state__in=[UpdateState.DRAFT, UpdateState.SUBMITTED, UpdateState.APPROVED],
    ):
        entry.indicator = indicator
        found[entry.state] = entry
    return found


def _round_for(indicator: Indicator, period: dt.date) -> Any:
    """The plan's open round, if it collects the period (values are entered in it)."""
    round = round_current_open(plan=indicator.plan)
    if round is None:
        return None
    collection = RoundCollection.objects.filter(round=round).first()
    if collection and (
        collection.period_start <= period
        and period_end(indicator.frequency, period) <= collection.period_end
    ):
        return round
    return None


@require_http_methods(["GET", "POST"])
@login_required
def value_enter(request: HttpRequest, slug: str, pk: int, period: str) -> HttpResponse:
    """The question page: the period's value and a note. A period with an approved value is
    corrected here (the note then says why); the draft is saved and check answers follows."""
    indicator = get_indicator_for_user(request, slug, pk)
    if not can_enter_values(request.user, indicator):
        raise PermissionDenied("Only the indicator's owner or a delegate enters its values.")
    start = _period(indicator, period)
    label = period_label(indicator.frequency, start)
    found = _latest(indicator, start)
    if found["submitted"] is not None:
        messages.info(request, f"The value for {label} is waiting for the plan lead's decision.")
        return redirect(indicator.get_absolute_url())
    draft, approved = found["draft"], found["approved"]
    correcting = approved is not None and (draft is None or draft.supersedes_id == approved.pk)
    round = _round_for(indicator, start)
    form_kwargs = {"indicator": indicator, "period_label": label, "correcting": correcting}
    status = 200
    if request.method == "POST":
        form = ValueForm(request.POST, **form_kwargs)
        if form.is_valid() and round is None and not correcting:
            form.add_error(None, _not_collected(indicator, label))
        elif form.is_valid():
            try:
                indicator_value_save_draft(
                    indicator=indicator,
                    period=start,
                    by=request.user,
                    value=form.cleaned_data["value"],
                    note=form.cleaned_data["note"],
                    round=round,
                    draft=draft,
                    expected_version=form.cleaned_data["version"],
                    correcting=correcting and draft is None,
                )
            except StaleVersionError as exc:
                data = request.POST.copy()
                data["version"] = str(exc.current.version)
                form = ValueForm(data, **form_kwargs)
                form.add_error(
                    None,
                    "Someone else saved this draft while you were editing: it now holds "
                    f"{indicator.show(exc.current.value)}. Nothing of yours was saved; save "
                    "again to keep yours.",
                )
                status = CONFLICT
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect("indicators:value_check", slug=slug, pk=pk, period=period)
    else:
        initial = {"version": draft.version if draft else None}
        if draft is not None:
            initial |= {"value": _plain(draft.value, indicator), "note": draft.note}
        form = ValueForm(initial=initial, **form_kwargs)
    return render(
        request,
        "indicators/value_enter.html",
        {
            "plan": indicator.plan,
            "indicator": indicator,
            "label": label,
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "approved": approved,
            "correction_text": (
                f"The approved value for {label} is {indicator.show(approved.value)}. What you "
                "enter here corrects it once the plan lead approves the correction."
            )
            if approved
            else "",
            "round": round,
        },
        status=status,
    )


def _not_collected(indicator: Indicator, label: str) -> str:
    round = round_current_open(plan=indicator.plan)
    if round is None:
        return f"No review round is open: {label}'s value is entered when a round collects it."
    return f"{round} does not collect {label}: values are entered for the periods it collects."


def _plain(value: Any, indicator: Indicator) -> str:
    return f"{value:.{indicator.decimal_places}f}"


@require_http_methods(["GET", "POST"])
@login_required
def value_check(request: HttpRequest, slug: str, pk: int, period: str) -> HttpResponse:
    """Check your answers, then send the draft to the plan lead (over the version shown)."""
    indicator = get_indicator_for_user(request, slug, pk)
    if not can_enter_values(request.user, indicator):
        raise PermissionDenied("Only the indicator's owner or a delegate enters its values.")
    start = _period(indicator, period)
    label = period_label(indicator.frequency, start)
    draft = _latest(indicator, start)["draft"]
    if draft is None:
        return redirect("indicators:value", slug=slug, pk=pk, period=period)
    status = 200
    if request.method == "POST":
        form = CheckForm(request.POST)
        form.is_valid()
        try:
            indicator_value_submit(
                value=draft, by=request.user, expected_version=form.cleaned_data.get("version")
            )
        except StaleVersionError as exc:
            draft = exc.current
            draft.indicator = indicator
            form = CheckForm({"version": draft.version})
            form.is_valid()
            form.add_error(
                None,
                "Someone else saved a newer version of this draft while you were checking it. "
                "Nothing was sent: check the saved answers below, then send the value.",
            )
            status = CONFLICT
        except ValidationError as exc:
            form = CheckForm({"version": draft.version})
            form.is_valid()
            add_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your value of {indicator.reference} for {label} was sent to the plan lead.",
            )
            return redirect(indicator.get_absolute_url())
    else:
        form = CheckForm(initial={"version": draft.version})
    change = reverse("indicators:value", kwargs={"slug": slug, "pk": pk, "period": period})

    def row(key: str, value: Any, what: str) -> dict[str, Any]:
        return {
            "key": {"text": key},
            "value": {"html": value},
            "actions": {"items": [{"href": change, "text": "Change", "visuallyHiddenText": what}]},
        }

    rows = {
        "rows": [
            row("Value", format_html("{}", indicator.show(draft.value)), "the value"),
            row(
                "Note",
                linebreaksbr(draft.note) if draft.note else format_html("{}", "None"),
                "the note",
            ),
        ]
    }
    return render(
        request,
        "indicators/value_check.html",
        {
            "plan": indicator.plan,
            "indicator": indicator,
            "label": label,
            "draft": draft,
            "form": form,
            "rows": rows,
            "errors": error_summary(form, form_anchor="#answers") if form.errors else [],
            "back_url": change,
        },
        status=status,
    )


def _render_approvals(
    request: HttpRequest, plan: Plan, *, failed: DecisionForm | None = None, failed_pk: int = 0
) -> HttpResponse:
    items = [
        (
            value,
            failed
            if value.pk == failed_pk and failed is not None
            else DecisionForm(auto_id=f"id_%s_{value.pk}"),
        )
        for value in values_awaiting_approval(plan)
    ]
    return render(
        request,
        "indicators/approvals.html",
        {
            "plan": plan,
            "items": items,
            "errors": error_summary(failed, form_anchor=f"#value-{failed_pk}-title")
            if failed
            else [],
        },
    )


def _require_lead(request: HttpRequest, plan: Plan) -> None:
    if not can_approve_values(request.user, plan):
        raise PermissionDenied("Only the plan lead approves values.")


@require_safe
@login_required
def approvals(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    _require_lead(request, plan)
    return _render_approvals(request, plan)


@require_POST
@login_required
def approval_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    _require_lead(request, plan)
    value = get_object_or_404(
        IndicatorValue.objects.select_related("indicator__plan", "round"),
        pk=pk,
        indicator__plan=plan,
    )
    form = DecisionForm(request.POST, auto_id=f"id_%s_{pk}")
    if form.is_valid():
        what = f"{value.indicator.reference} for {value.indicator.period_label(value.period)}"
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                indicator_value_approve(value=value, by=request.user)
                done = f"Approved the value of {what}."
            else:
                indicator_value_return(
                    value=value, by=request.user, comment=form.cleaned_data["comment"]
                )
                done = f"Returned the value of {what} to its owner."
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if hasattr(exc, "messages") else str(exc))
        else:
            messages.success(request, done)
            return redirect("indicators:approvals", slug=slug)
    return _render_approvals(request, plan, failed=form, failed_pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def round_collection(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan lead says which months the open round collects indicator values for."""
    plan = get_plan_for_user(request, slug)
    _require_lead(request, plan)
    round = round_current_open(plan=plan)
    if round is None:
        messages.info(request, "No review round is open: open one first.")
        return redirect(plan.get_absolute_url())
    months = []
    month = baseline_start(plan.period_start)
    while month <= plan.period_end:
        months.append(month)
        month = add_months(month, 1)
    current = RoundCollection.objects.filter(round=round).first()
    if request.method == "POST":
        form = CollectionForm(request.POST, months=months)
        if form.is_valid():
            first = dt.date.fromisoformat(form.cleaned_data["first"])
            last = dt.date.fromisoformat(form.cleaned_data["last"])
            round_collection_set(
                round=round,
                period_start=first,
                period_end=add_months(last, 1) - dt.timedelta(days=1),
                by=request.user,
            )
            messages.success(
                request, f"{round} collects indicator values for {first:%B %Y} to {last:%B %Y}."
            )
            return redirect(plan.get_absolute_url())
    else:
        initial = {}
        if current is not None:
            initial = {
                "first": current.period_start.isoformat(),
                "last": current.period_end.replace(day=1).isoformat(),
            }
        form = CollectionForm(initial=initial, months=months)
    return render(
        request,
        "indicators/round_collection.html",
        {
            "plan": plan,
            "round": round,
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
        },
    )
