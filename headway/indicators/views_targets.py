"""An indicator's targets, tolerances and comparators: the plan's periods with each one's
figures, and one question page per period to set or change them (``target_set``,
``comparator_set``). The plan lead or an administrator sets them."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_http_methods, require_safe

from headway.core.concurrency import StaleVersionError
from headway.core.forms import error_summary
from headway.core.versioned_edit import CONFLICT, STALE_MESSAGE, add_errors

from .forms_setup import ComparatorForm, TargetForm
from .models import Comparator, Indicator, Target
from .periods import baseline_start, is_period_start, period_label, periods_between
from .services import comparator_set, target_set
from .units import format_amount
from .views_setup import manageable_indicator


def _periods(indicator: Indicator) -> list[dt.date]:
    plan = indicator.plan
    return list(
        periods_between(indicator.frequency, baseline_start(plan.period_start), plan.period_end)
    )


def _period(indicator: Indicator, text: str) -> dt.date:
    try:
        period = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise Http404("No such period") from exc
    if not is_period_start(indicator.frequency, period) or period not in _periods(indicator):
        raise Http404("No such period")
    return period


def _link(href: str, text: str, hidden: str) -> Any:
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
        href,
        text,
        hidden,
    )


def targets_table(indicator: Indicator) -> dict[str, Any]:
    """Every period of the plan with its target, tolerance and comparators, and links to set
    them: three queries whatever the number of periods."""
    targets = {t.period: t for t in indicator.targets.all()}
    comparators: dict[dt.date, list[Comparator]] = {}
    for comparator in indicator.comparators.all():
        comparators.setdefault(comparator.period, []).append(comparator)
    slug, pk = indicator.plan.slug, indicator.pk
    rows = []
    for period in _periods(indicator):
        label = period_label(indicator.frequency, period)
        target = targets.get(period)
        found = comparators.get(period, [])
        rows.append(
            [
                {"text": label},
                {"text": indicator.show(target.value) if target else "No target"},
                {
                    "text": format_amount(
                        indicator.unit, indicator.decimal_places, target.tolerance
                    )
                    if target
                    else "—"
                },
                {
                    "html": format_html_join(
                        "", "{}: {}<br>", ((c.name, indicator.show(c.value)) for c in found)
                    )
                    if found
                    else "None"
                },
                {
                    "html": format_html(
                        "{}<br>{}",
                        _link(
                            reverse("indicators:target", args=[slug, pk, period.isoformat()]),
                            "Change target" if target else "Set target",
                            f"for {label}",
                        ),
                        _link(
                            reverse("indicators:comparator", args=[slug, pk, period.isoformat()]),
                            "Add or change a comparator",
                            f"for {label}",
                        ),
                    )
                },
            ]
        )
    return {
        "caption": "Targets, tolerances and comparators by period",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Period"},
            {"text": "Target"},
            {"text": "Tolerance"},
            {"text": "Comparators"},
            {"html": format_html('<span class="govuk-visually-hidden">{}</span>', "Change")},
        ],
        "rows": rows,
    }


@require_safe
@login_required
def targets(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    indicator = manageable_indicator(request, slug, pk)
    return render(
        request,
        "indicators/targets.html",
        {"plan": indicator.plan, "indicator": indicator, "table": targets_table(indicator)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def target_edit(request: HttpRequest, slug: str, pk: int, period: str) -> HttpResponse:
    """One period's target and tolerance. Changing a target needs the version it was read at:
    a target someone else changed meanwhile is not overwritten unseen."""
    indicator = manageable_indicator(request, slug, pk)
    start = _period(indicator, period)
    label = period_label(indicator.frequency, start)
    existing = Target.objects.filter(indicator=indicator, period=start).first()
    form_kwargs = {"indicator": indicator, "period_label": label}
    status, conflict = 200, None
    if request.method == "POST":
        form = TargetForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                target_set(
                    indicator=indicator,
                    period=start,
                    value=form.cleaned_data["value"],
                    tolerance=form.cleaned_data["tolerance"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except StaleVersionError as exc:
                saved = exc.current
                conflict = _conflict(indicator, form.cleaned_data, saved)
                # Typed figures stay; saving again is a choice made after seeing both.
                data = request.POST.copy()
                data["version"] = str(saved.version)
                form = TargetForm(data, **form_kwargs)
                form.add_error(None, STALE_MESSAGE)
                status = CONFLICT
            except ValidationError as exc:
                # A tolerance that makes no sense for the polarity is the tolerance's error:
                # the summary's link leads to its box.
                if getattr(exc, "code", None) == "tolerance":
                    form.add_error("tolerance", exc)
                else:
                    add_errors(form, exc)
            else:
                messages.success(request, f"Saved {indicator.reference}'s target for {label}.")
                return redirect("indicators:targets", slug=slug, pk=pk)
    else:
        initial: dict[str, Any] = {"version": existing.version if existing else None}
        if existing is not None:
            places = indicator.decimal_places
            initial |= {
                "value": f"{existing.value:.{places}f}",
                "tolerance": f"{existing.tolerance:.{places}f}",
            }
        form = TargetForm(initial=initial, **form_kwargs)
    return render(
        request,
        "indicators/target_edit.html",
        {
            "plan": indicator.plan,
            "indicator": indicator,
            "label": label,
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "conflict": conflict,
            "back": reverse("indicators:targets", args=[slug, pk]),
        },
        status=status,
    )


def _conflict(indicator: Indicator, yours: dict[str, Any], saved: Target) -> dict[str, Any]:
    def amount(value: Any) -> str:
        return format_amount(indicator.unit, indicator.decimal_places, value)

    return {
        "caption": "Your version and the saved version",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Figure"},
            {"text": "Your version (not saved)"},
            {"text": "Saved version (by someone else)"},
        ],
        "rows": [
            [
                {"text": "Target"},
                {"text": indicator.show(yours["value"])},
                {"text": indicator.show(saved.value)},
            ],
            [
                {"text": "Tolerance"},
                {"text": amount(yours["tolerance"])},
                {"text": amount(saved.tolerance)},
            ],
        ],
    }


@require_http_methods(["GET", "POST"])
@login_required
def comparator_edit(request: HttpRequest, slug: str, pk: int, period: str) -> HttpResponse:
    """One comparator's figure for a period: a comparator of the same name is replaced."""
    indicator = manageable_indicator(request, slug, pk)
    start = _period(indicator, period)
    label = period_label(indicator.frequency, start)
    form_kwargs = {"indicator": indicator, "period_label": label}
    if request.method == "POST":
        form = ComparatorForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                comparator = comparator_set(
                    indicator=indicator,
                    period=start,
                    kind=form.cleaned_data["kind"],
                    value=form.cleaned_data["value"],
                    name=form.cleaned_data["name"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"Saved the {comparator.name} for {indicator.reference}, {label}.",
                )
                return redirect("indicators:targets", slug=slug, pk=pk)
    else:
        form = ComparatorForm(**form_kwargs)
    recorded = list(indicator.comparators.filter(period=start))
    return render(
        request,
        "indicators/comparator_edit.html",
        {
            "plan": indicator.plan,
            "indicator": indicator,
            "label": label,
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "recorded": {
                "rows": [
                    {"key": {"text": c.name}, "value": {"text": indicator.show(c.value)}}
                    for c in recorded
                ]
            },
            "has_recorded": bool(recorded),
            "back": reverse("indicators:targets", args=[slug, pk]),
        },
    )
