"""The read pages of a plan: home, plan, outcome area, action and the actions list.

Every object is looked up through one helper that applies ``permissions``: a plan the user has
no role on answers 404, exactly like a plan that does not exist, so its existence is not leaked.
The forms (record progress, approve, close a round, edit) live in their own views module.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from headway.core.pagecache import cached_page, request_stamp

from . import home_tables, page_selectors
from .charts import chart_alt_text, status_chart_img_src
from .choices import Status
from .counts import status_columns
from .models import Action, OutcomeArea, Plan, ReviewRound
from .permissions import (
    can_approve_updates,
    can_create_plan,
    can_edit_action,
    can_record_progress,
    can_view_plan,
    get_action_for_user,
    get_plan_for_user,
    owns_action,
    records_progress,
)
from .selectors import plan_summary

ACTIONS_PER_PAGE = 50
HOME_LIST_LIMIT = 50
# Cached sections are keyed by content, so this only bounds how long an unused one lingers.
PAGE_SECTIONS_CACHE_SECONDS = 60 * 60


def _today() -> dt.date:
    return timezone.localdate()


# Whole pages for the reader who comes back, by the day these views go by.
page_cache = cached_page(today=lambda: _today())


def _selected_round(request: HttpRequest, rounds: list[ReviewRound]) -> ReviewRound | None:
    """The round asked for by ``?round=YYYY-MM-DD``, else the latest; 404 for an unknown date."""
    wanted = request.GET.get("round")
    if not wanted:
        return rounds[0] if rounds else None
    try:
        as_at = dt.date.fromisoformat(wanted)
    except ValueError:
        raise Http404("Give the round as a date, like 2013-03-12") from None
    for r in rounds:
        if r.as_at == as_at:
            return r
    raise Http404("This plan has no round as at that date")


@require_safe
@login_required
@page_cache
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = _today()
    due = page_selectors.actions_needing_update(user=user, limit=HOME_LIST_LIMIT + 1)
    overdue = list(page_selectors.overdue_milestones(user=user, today=today)[: HOME_LIST_LIMIT + 1])
    positions = page_selectors.plan_positions(user=user, stamp=request_stamp(request))
    columns = status_columns(*(position.counts for position in positions))
    return render(
        request,
        "plans/home.html",
        {
            # Only people who own or are delegated actions have a list of their own to update.
            "records_progress": records_progress(user),
            "awaiting_approval": page_selectors.updates_awaiting_approval(user=user),
            "due_actions": due[:HOME_LIST_LIMIT],
            "due_table": home_tables.due_actions_table(due[:HOME_LIST_LIMIT], today),
            "due_more": len(due) > HOME_LIST_LIMIT,
            "positions": positions,
            "positions_table": home_tables.positions_table(positions, columns),
            "overdue_milestones": overdue[:HOME_LIST_LIMIT],
            "overdue_table": home_tables.overdue_milestones_table(overdue[:HOME_LIST_LIMIT]),
            "overdue_more": len(overdue) > HOME_LIST_LIMIT,
            "can_create_plan": can_create_plan(user),
        },
    )


@require_safe
@login_required
@page_cache
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    stamp = request_stamp(request)
    plan = get_plan_for_user(request, slug)
    rounds = list(plan.rounds.order_by("-as_at"))
    selected = _selected_round(request, rounds)
    sections = _plan_sections(
        plan=plan,
        rounds=rounds,
        selected=selected,
        all_moves=request.GET.get("moves") == "all",
        stamp=stamp,
    )
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "rounds": rounds,
            "can_approve": can_approve_updates(request.user, plan),
            "sections": sections,
        },
    )


def _plan_sections(
    *,
    plan: Plan,
    rounds: list[ReviewRound],
    selected: ReviewRound | None,
    all_moves: bool,
    stamp: str,
) -> str:
    """The plan page below its links (summary, chart, movement, carried actions, risks and
    rounds) as HTML.

    This is the costly part of the page and the same for everyone who may see the plan, so it
    is rendered without the request (no user, no form token can reach it) and cached under the
    content stamp, read before the records: any change makes a new key, so each server
    process's own cache can serve it without telling the others anything.
    """
    key = None
    if selected is not None:
        moves = "all" if all_moves else "some"
        key = f"headway:plan-page:{stamp}:{plan.pk}:{selected.pk}:{moves}"
        sections = cache.get(key)
        if sections is not None:
            return sections
    context: dict[str, Any] = {
        "plan": plan,
        "rounds": rounds,
        "selected_round": selected,
        "statuses": list(Status),
        **page_selectors.carried_actions(plan=plan, as_at=selected.as_at if selected else _today()),
    }
    if selected is not None:
        limit = None if all_moves else page_selectors.MOVES_SHOWN
        summary = plan_summary(plan=plan, round=selected, moves_limit=limit)
        context["summary"] = summary
        context["completion"] = page_selectors.round_completion(
            rounds=rounds, action_count=summary.total.actions
        )
        context["columns"] = status_columns(summary.total)
        context["chart_src"] = status_chart_img_src(summary)
        context["chart_alt"] = chart_alt_text(summary)
    sections = render_to_string("plans/includes/plan_sections.html", context)
    if key is not None:
        cache.set(key, sections, PAGE_SECTIONS_CACHE_SECONDS)
    return sections


@require_safe
@login_required
@page_cache
def area_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    area = get_object_or_404(OutcomeArea, plan=plan, number=number)
    rounds = list(plan.rounds.order_by("-as_at"))
    selected = _selected_round(request, rounds)
    actions = page_selectors.area_actions(plan=plan, area=area, round=selected)
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/area.html",
        {
            "plan": plan,
            "area": area,
            "selected_round": selected,
            "page": page,
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
@login_required
@page_cache
def action_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    stamp = request_stamp(request)
    action = get_action_for_user(request, slug, pk)
    allowed = {
        "can_record": can_record_progress(request.user, action),
        "can_edit": can_edit_action(request.user, action),
        "can_view_previous": action.carried_from is not None
        and can_view_plan(request.user, action.carried_from.plan),
    }
    return render(
        request,
        "plans/action.html",
        {
            "plan": action.plan,
            "action": action,
            "sections": _action_sections(action, user=request.user, allowed=allowed, stamp=stamp),
            **allowed,
        },
    )


def _action_sections(action: Action, *, user: Any, allowed: dict[str, bool], stamp: str) -> str:
    """The action page below its buttons (details, milestones, findings, risks, updates and
    history) as HTML, cached like the plan page's sections: rendered without the request, under
    the content stamp, the viewer's permissions (drafts and edit links depend on them) and
    today's date (which milestones are overdue)."""
    today = _today()
    flags = "".join("1" if allowed[name] else "0" for name in sorted(allowed))
    # Which drafts the viewer sees (``can_see_draft``): the owner and delegates all of them,
    # anyone else who records progress (the lead) only their own, a reader none.
    viewer, drafts = None, "none"
    if owns_action(user, action):
        viewer, drafts = user, "all"
    elif allowed["can_record"]:
        viewer, drafts = user, f"by-{user.pk}"
    key = f"headway:action-page:{stamp}:{action.pk}:{flags}:{drafts}:{today.isoformat()}"
    sections = cache.get(key)
    if sections is None:
        context = {
            "plan": action.plan,
            "action": action,
            "delegates": list(action.delegates.all()),
            "milestones": [(m, m.is_overdue(today)) for m in action.milestones.all()],
            "findings": list(action.findings.select_related("inspection")),
            "risks": list(
                action.risks.order_by("-status", "pk").prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=Action.objects.select_related("plan").order_by(
                            "area__number", "position", "reference"
                        ),
                    )
                )
            ),
            "timeline": page_selectors.action_timeline(action=action, viewer=viewer),
            "changes": page_selectors.action_changes(action=action),
            **allowed,
        }
        sections = render_to_string("plans/includes/action_sections.html", context)
        cache.set(key, sections, PAGE_SECTIONS_CACHE_SECONDS)
    return sections


@require_safe
@login_required
@page_cache
def action_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    latest = plan.rounds.order_by("-as_at").first()
    filters = _action_filters(request)
    actions = page_selectors.actions_for_list(
        plan=plan, round=latest, filters=filters, today=_today()
    )
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/actions.html",
        {
            "plan": plan,
            "latest_round": latest,
            "page": page,
            "filters": filters,
            "query": _query_without_page(request),
            "areas": list(plan.areas.order_by("number")),
            "owners": page_selectors.plan_owners(plan=plan),
            "statuses": list(Status),
            "overdue_help": page_selectors.OVERDUE_HELP,
        },
    )


def _action_filters(request: HttpRequest) -> dict[str, Any]:
    """Read the filters from the query string, ignoring values that make no sense."""
    get = request.GET
    filters: dict[str, Any] = {}
    if get.get("area", "").isdigit():
        filters["area"] = int(get["area"])
    if get.get("owner", "").isdigit():
        filters["owner"] = int(get["owner"])
    if get.get("status") in Status.values:
        filters["status"] = get["status"]
    filters["overdue"] = get.get("overdue") == "1"
    filters["no_update"] = get.get("no_update") == "1"
    return filters
