"""A plan's review rounds: the list (with a link to close any open one), and opening a round,
which closes the open one first when the person confirms it (``services.review_round_open``:
a plan has at most one open round). The plan lead or an administrator does this.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from headway.core.components import component
from headway.core.versioned_edit import CONFLICT, shown

from .forms_setup import RoundForm
from .models import Plan
from .selectors import round_actions_not_in, round_current_open
from .services import review_round_check_as_at, review_round_open
from .views_setup import _answers, _keep, _question, _setup_plan


def _round_rows(plan: Plan) -> list[list[dict[str, Any]]]:
    rows = []
    for each in plan.rounds.order_by("-as_at"):
        if each.is_closed:
            state = component("tag", {"text": "Closed", "classes": "govuk-tag--grey"})
        else:
            state = format_html(
                '{} <a class="govuk-link" href="{}">Close<span class="govuk-visually-hidden">'
                " {}</span></a>",
                component("tag", {"text": "Open", "classes": "govuk-tag--green"}),
                reverse("progress:round_close", args=[plan.slug, each.pk]),
                each.title,
            )
        rows.append(
            [
                {"text": each.title},
                {"text": shown(each.as_at)},
                {"text": shown(each.deadline)},
                {"html": state},
            ]
        )
    return rows


@require_safe
@login_required
def rounds(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    rows = _round_rows(plan)
    table = {
        "caption": "Review rounds, newest first",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Round"},
            {"text": "As at"},
            {"text": "Updates due by"},
            {"text": "State"},
        ],
        "rows": rows,
    }
    return render(
        request, "plans/setup/rounds.html", {"plan": plan, "table": table if rows else None}
    )


@require_http_methods(["GET", "POST"])
@login_required
def round_open(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    key = f"round-{plan.pk}"
    if request.method == "POST":
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                review_round_check_as_at(plan=plan, as_at=form.cleaned_data["as_at"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field, errors)
            else:
                _keep(request, key, form.cleaned_data)
                return redirect("plans:round_open_check", slug=plan.slug)
    else:
        form = RoundForm(initial=_answers(request, key) or {})
    return _question(
        request,
        form,
        heading="Open a review round",
        caption=plan.title,
        back=reverse("plans:rounds", args=[plan.slug]),
        intro=(
            f"The plan runs from {plan.period_start:%-d %B %Y} to {plan.period_end:%-d %B %Y}. "
            "Owners record their progress in the open round until it is closed."
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def round_open_check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check the new round; if another is open, confirming closes it first."""
    plan = _setup_plan(request, slug)
    key = f"round-{plan.pk}"
    answers = _answers(request, key)
    if answers is None:
        return redirect("plans:round_open", slug=plan.slug)
    open_round = round_current_open(plan=plan)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        shown_pk = request.POST.get("close", "")
        if (open_round.pk if open_round else "") != (int(shown_pk) if shown_pk.isdigit() else ""):
            errors = [("The open round changed while you were reading: check again.", "#close")]
        else:
            try:
                new = review_round_open(
                    plan=plan, by=request.user, close_previous=open_round is not None, **answers
                )
            except ValidationError as exc:
                errors = [(message, "#summary") for message in exc.messages]
            else:
                _keep(request, key, None)
                closed = f"Closed {open_round}. " if open_round else ""
                messages.success(request, f"{closed}Opened {new}: owners can record progress.")
                return redirect("plans:rounds", slug=plan.slug)
    change = reverse("plans:round_open", args=[plan.slug])
    rows = [
        {
            "key": {"text": label},
            "value": {"text": shown(answers.get(name))},
            "actions": {
                "items": [{"href": change, "text": "Change", "visuallyHiddenText": label.lower()}]
            },
        }
        for name, label in (("title", "Title"), ("as_at", "As at"), ("deadline", "Updates due by"))
    ]
    missing = list(round_actions_not_in(round=open_round)) if open_round else []
    return render(
        request,
        "plans/setup/round_check.html",
        {
            "plan": plan,
            "rows": {"rows": rows},
            "open_round": open_round,
            "missing": _missing_table(missing),
            "missing_warning": (
                f"{len(missing)} action{'s have' if len(missing) != 1 else ' has'} no update "
                "submitted or approved in it. Closing the round leaves them without one."
            ),
            "close_button": (
                f"Close {open_round.title} and open the new round" if open_round else ""
            ),
            "errors": errors,
        },
        status=CONFLICT if errors else 200,
    )


def _missing_table(actions: list[Any]) -> dict[str, Any] | None:
    if not actions:
        return None
    return {
        "caption": "Updates not yet in",
        "captionClasses": "govuk-table__caption--s",
        "head": [{"text": "Action"}, {"text": "Owner"}],
        "rows": [
            [{"text": f"{a.reference} {a.title}"}, {"text": str(a.owner) if a.owner else "—"}]
            for a in actions
        ],
    }
