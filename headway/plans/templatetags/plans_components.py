"""The plan pages' GOV.UK tables, summary lists, tags and breadcrumbs, their parameters built here
rather than typed as markup (``{% load plans_components %}``).

A table is one component call however many rows it has (the layer costs about a millisecond a
call); the status tags inside its cells are rendered once per distinct text and reused.
"""

from functools import lru_cache
from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr, pluralize
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from headway.core.components import component
from headway.core.fractions import format_count
from headway.plans.assessment import Assessment
from headway.plans.choices import SHARE_FIELDS, Status
from headway.plans.models import Action, OutcomeArea, Plan, ProgressUpdate, ReviewRound

from .plans_status import status_tag_class

register = template.Library()

NUMERIC = "numeric"


@lru_cache(maxsize=512)
def tag(text: str, classes: str = "") -> SafeString:
    """GOV.UK's tag; the few texts a page shows are each rendered once per process."""
    return component("tag", {"text": text, "classes": classes or None})


@register.simple_tag
def status_tag(text: str, classes: str = "") -> SafeString:
    """``{% status_tag "Open" "govuk-tag--red" %}``: a tag, from the shared cache."""
    return tag(str(text), classes)


@register.simple_tag
def assessment_tags(update: ProgressUpdate | None) -> SafeString:
    """An update's status as tags, one per status it is split between ("½ Achieved"), or
    "No update"."""
    if update is None:
        return tag("No update", "govuk-tag--grey app-status-tag")
    return _shares_tags(tuple(getattr(update, field) for field in SHARE_FIELDS.values()))


@lru_cache(maxsize=256)
def _shares_tags(sixtieths: tuple[int, ...]) -> SafeString:
    """The tags for one split of shares: a page shows the same few splits on every row."""
    assessment = Assessment.from_sixtieths(dict(zip(SHARE_FIELDS.values(), sixtieths, strict=True)))
    tags = [
        tag(
            f"{format_count(share)} {status.label}" if assessment.is_split else status.label,
            f"{status_tag_class(status)} app-status-tag",
        )
        for status, share in assessment.shares
    ]
    return _joined_tags(tags)


def _joined_tags(tags: list[SafeString]) -> SafeString:
    """Tags from the component layer, joined by spaces."""
    return format_html_join(" ", "{}", ((each,) for each in tags))


@register.simple_tag
def plan_breadcrumbs(plan: Plan, area: OutcomeArea | None = None) -> list[dict[str, str]]:
    """Home, the plan and (on an action's page) its outcome area, as breadcrumbs' items."""
    items = [
        {"text": "Home", "href": reverse("home")},
        {"text": plan.title, "href": reverse("plans:plan", kwargs={"slug": plan.slug})},
    ]
    if area is not None:
        items.append(
            {
                "text": f"{area.number}. {area.table_title}",
                "href": reverse("plans:area", kwargs={"slug": plan.slug, "number": area.number}),
            }
        )
    return items


def _action_link(plan: Plan, action_id: int, text: str, href: str | None = None) -> SafeString:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        href or reverse("plans:action", kwargs={"slug": plan.slug, "pk": action_id}),
        text,
    )


def _action_hrefs(plan: Plan) -> Any:
    """Each action's address by its id, from one ``reverse`` for the whole page."""
    marker = 987654321
    address = reverse("plans:action", kwargs={"slug": plan.slug, "pk": marker})
    before, after = address.split(str(marker))
    return lambda pk: f"{before}{int(pk)}{after}"


@register.simple_tag
def action_rows_table(
    plan: Plan, actions: list[Action], round: ReviewRound | None, caption: str
) -> dict[str, Any]:
    """A page of actions: reference, title (a link), owner, timescale and status."""
    revised = tag("Revised", "govuk-tag--orange")
    href = _action_hrefs(plan)
    rows = []
    for action in actions:
        timescale = str(action.current_timescale)
        counted = getattr(action, "counted_updates", None)  # prefetched when there is a round
        rows.append(
            [
                {"text": action.reference},
                {"html": _action_link(plan, action.pk, action.title, href(action.pk))},
                {"text": _person(action.owner, "No owner")},
                {"html": format_html("{} {}", timescale, revised)}
                if action.has_slipped
                else {"text": timescale},
                {"html": assessment_tags(counted[0] if counted else None)},
            ]
        )
    status = "Status" + (f" as at {format_date(round.as_at, 'j M Y')}" if round else "")
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Ref"},
            {"text": "Action"},
            {"text": "Owner"},
            {"text": "Timescale"},
            {"text": status},
        ],
        "rows": rows,
    }


def _person(user: Any, empty: str) -> str:
    if not user:
        return empty
    return str(getattr(user, "job_title", "") or user)


@register.simple_tag
def summary_table(
    plan: Plan,
    summary: Any,
    columns: list[Any],
    selected_round: ReviewRound,
    latest_round: ReviewRound | None,
) -> dict[str, Any]:
    """Progress by outcome area at the round shown, with the TOTAL row."""
    query = (
        f"?round={format_date(selected_round.as_at, 'Y-m-d')}"
        if selected_round != latest_round
        else ""
    )
    rows = []
    for row in summary.areas:
        href = reverse("plans:area", kwargs={"slug": plan.slug, "number": row.area.number})
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}{}">{}</a>',
                        href,
                        query,
                        row.area.table_title,
                    )
                },
                {"text": str(row.counts.actions), "format": NUMERIC},
                *({"text": format_count(row.counts[c.key]), "format": NUMERIC} for c in columns),
            ]
        )
    total = summary.total
    rows.append(
        [
            {"text": "TOTAL", "classes": "app-summary-table__total"},
            {"text": str(total.actions), "format": NUMERIC, "classes": "app-summary-table__total"},
            *(
                {
                    "text": format_count(total[c.key]),
                    "format": NUMERIC,
                    "classes": "app-summary-table__total",
                }
                for c in columns
            ),
        ]
    )
    return {
        "caption": f"Progress on the {total.actions} actions in the plan",
        "captionClasses": "govuk-table__caption--m",
        "classes": "app-summary-table",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Outcome area"},
            {"text": "Actions", "format": NUMERIC},
            *({"text": c.label, "format": NUMERIC} for c in columns),
        ],
        "rows": rows,
    }


@register.simple_tag
def status_definitions(statuses: list[Status]) -> dict[str, Any]:
    """What each status means, as a summary list."""
    return {
        "rows": [
            {"key": {"text": status.label}, "value": {"text": status.definition}}
            for status in statuses
        ]
    }


@register.simple_tag
def moves_table(plan: Plan, moves: list[Any], caption: str, caption_classes: str) -> dict[str, Any]:
    """Actions whose status moved between two rounds: before and now."""
    return {
        "caption": caption,
        "captionClasses": caption_classes,
        "head": [{"text": "Action"}, {"text": "Before"}, {"text": "Now"}],
        "rows": [
            [
                {"html": _action_link(plan, move.action_id, f"{move.reference} {move.title}")},
                {"text": str(move.before)},
                {"text": str(move.after)},
            ]
            for move in moves
        ],
    }


@register.simple_tag
def moves_caption(heading: str, shown: int, total: int) -> str:
    """ "Moved down (the first 20 of 31)", or just "Moved down" when all are listed."""
    return heading + (f" (the first {shown} of {total})" if total > shown else "")


@register.simple_tag
def carried_table(
    plan: Plan, carried: list[tuple[Action, Any]], total: int, as_at: Any
) -> dict[str, Any]:
    """Actions carried forward from earlier plans, open longest first."""
    shown = f" (the {len(carried)} open longest)" if total > len(carried) else ""
    return {
        "caption": f"{total} action{pluralize(total)} carried forward{shown}, "
        f"open as at {format_date(as_at, 'j F Y')}",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Action"},
            {"text": "Open since"},
            {"text": "Open for"},
            {"text": "Plans", "format": NUMERIC},
        ],
        "rows": [
            [
                {"html": _action_link(plan, action.pk, f"{action.reference} {action.title}")},
                {"text": format_date(open_for.since, "F Y")},
                {"text": str(open_for)},
                {"text": str(open_for.plans), "format": NUMERIC},
            ]
            for action, open_for in carried
        ],
    }


@register.simple_tag
def completion_table(plan: Plan, completion: list[Any]) -> dict[str, Any]:
    """Each review round: its deadline, whether open, and the updates in, approved and missing."""
    closed, open_ = tag("Closed", "govuk-tag--grey"), tag("Open", "govuk-tag--blue")
    plan_url = reverse("plans:plan", kwargs={"slug": plan.slug})
    missing_url = reverse("plans:actions", kwargs={"slug": plan.slug}) + "?no_update=1"
    rows = []
    for row in completion:
        round = row.round
        missing: dict[str, Any] = {"text": str(row.missing), "format": NUMERIC}
        if row.missing and not round.is_closed:
            missing["html"] = format_html(
                '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> actions '
                "without an approved update</span></a>",
                missing_url,
                row.missing,
            )
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}?round={}">{}</a>',
                        plan_url,
                        format_date(round.as_at, "Y-m-d"),
                        round.title,
                    )
                },
                {"text": format_date(round.deadline, "j F Y")},
                {"html": closed if round.is_closed else open_},
                {"text": str(row.updates_in), "format": NUMERIC},
                {"text": str(row.approved), "format": NUMERIC},
                missing,
            ]
        )
    return {
        "caption": "Updates received in each round",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Round"},
            {"text": "Updates due by"},
            {"text": "State"},
            {"text": "Updates in", "format": NUMERIC},
            {"text": "Approved", "format": NUMERIC},
            {"text": "Missing", "format": NUMERIC},
        ],
        "rows": rows,
    }


@register.simple_tag
def years_table(
    plan: Plan, years: list[Any], areas: list[Any], totals: list[Any]
) -> dict[str, Any]:
    """Each outcome area at the latest round of each plan in a line of plans."""
    head: list[dict[str, Any]] = [{"text": "Outcome area"}]
    for year in years:
        title = year.plan.title
        if year.plan != plan:
            title = format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("plans:plan", kwargs={"slug": year.plan.slug}),
                title,
            )
        note = f"as at {format_date(year.round.as_at, 'j F Y')}" if year.round else "no rounds yet"
        if year.carried_in:
            note += f"; {year.carried_in} carried forward"
        head.append(
            {
                "html": format_html(
                    '{} <span class="govuk-body-s govuk-!-display-block">{}</span>', title, note
                )
            }
        )
    rows = [
        [{"text": f"{area.number}. {area.title}"}, *(_years_cell(c) for c in area.cells)]
        for area in areas
    ]
    rows.append([{"text": "Total"}, *(_years_cell(c) for c in totals)])
    return {
        "caption": "Actions achieved, in significant progress and at limited progress / risk",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": head,
        "rows": rows,
    }


def _years_cell(counts: Any) -> dict[str, Any]:
    if not counts:
        return {"html": format_html('<span class="govuk-hint">{}</span>', "—")}
    parts = ", ".join(
        f"{format_count(counts[column.key])} {column.label.lower()}" for column in counts.columns
    )
    return {"text": f"{counts.actions} action{pluralize(counts.actions)}: {parts}"}


@register.simple_tag
def action_summary(action: Action, delegates: list[Any], can_view_previous: bool) -> dict[str, Any]:
    """An action's objective, outcome, timescale, owner, lead officer, dependencies and where
    it was carried from, as a summary list."""

    def text(value: str, empty: str) -> dict[str, Any]:
        return {"html": linebreaksbr(value, autoescape=True)} if value else {"text": empty}

    owner = _person(action.owner, "No owner yet")
    if delegates:
        owner_html = format_html(
            "{}<br>Delegated to: {}", owner, ", ".join(_person(p, "") for p in delegates)
        )
    else:
        owner_html = format_html("{}", owner)
    dependencies = action.dependency_list
    rows = [
        {"key": {"text": "Objective"}, "value": text(action.objective, "Not recorded")},
        {"key": {"text": "Desired outcome"}, "value": text(action.desired_outcome, "Not recorded")},
        {"key": {"text": "Timescale"}, "value": {"html": _timescale(action)}},
        {"key": {"text": "Owner"}, "value": {"html": owner_html}},
        {"key": {"text": "Lead officer"}, "value": {"text": action.lead_officer or "Not recorded"}},
        {
            "key": {"text": "External dependencies"},
            "value": {
                "html": format_html(
                    '<ul class="govuk-list">{}</ul>',
                    format_html_join("", "<li>{}</li>", ((item,) for item in dependencies)),
                )
            }
            if dependencies
            else {"text": "None"},
        },
    ]
    if action.carried_from_id:
        previous = action.carried_from
        where = previous.plan.title
        if can_view_previous:
            where = format_html(
                '<a class="govuk-link" href="{}">{}</a>', previous.get_absolute_url(), where
            )
        rows.append(
            {
                "key": {"text": "Carried forward"},
                "value": {"html": format_html("From action {} of {}", previous.reference, where)},
            }
        )
    return {"rows": rows}


def _due(date: Any) -> str:
    return f" (due {format_date(date, 'j F Y')})" if date else ""


def _timescale(action: Action) -> SafeString:
    if not action.revised_timescale:
        return format_html("{}{}", action.timescale, _due(action.due_date))
    slipped = format_html(" {}", tag("Slipped", "govuk-tag--orange")) if action.has_slipped else ""
    return format_html(
        '<p class="govuk-body">Revised to <strong>{}</strong>{}{}</p>'
        '<p class="govuk-body">Agreed in the plan: {}{}</p>'
        '<p class="govuk-body">Reason for the change: {}</p>',
        action.revised_timescale,
        _due(action.revised_due_date),
        slipped,
        action.timescale,
        _due(action.due_date),
        linebreaksbr(action.revision_reason, autoescape=True),
    )


@register.simple_tag
def milestones_table(milestones: list[tuple[Any, bool]]) -> dict[str, Any]:
    """An action's milestones: title, due date (marked when overdue), when done."""
    overdue_tag = tag("Overdue", "govuk-tag--red")
    rows = []
    for milestone, overdue in milestones:
        title: Any = milestone.title
        if milestone.reason_after_plan_end:
            title = format_html(
                '{}<br><span class="govuk-body-s">Runs past the plan\'s end: {}</span>',
                title,
                milestone.reason_after_plan_end,
            )
        due = format_date(milestone.due_date, "j F Y") or "No date"
        rows.append(
            [
                {"html": format_html("{}", title)},
                {"html": format_html("{} {}", due, overdue_tag)} if overdue else {"text": due},
                {"text": format_date(milestone.done_on, "j F Y") or "Not yet"},
            ]
        )
    return {
        "caption": "Milestones of this action",
        "captionClasses": "govuk-visually-hidden",
        "head": [{"text": "Milestone"}, {"text": "Due"}, {"text": "Done"}],
        "rows": rows,
    }


@register.simple_tag
def risk_heading_tags(risk: Any) -> SafeString:
    """A risk's state as tags beside its title: Open or Closed, and Exempt."""
    tags = [
        tag("Open", "govuk-tag--red") if risk.status == "open" else tag("Closed", "govuk-tag--grey")
    ]
    if risk.exempt:
        tags.append(tag("Exempt", "govuk-tag--yellow"))
    return _joined_tags(tags)


@register.simple_tag
def risk_summary(risk: Any) -> dict[str, Any]:
    """A risk's cause, impact, mitigation and escalation, as a borderless summary list."""
    cause = linebreaksbr(risk.cause, autoescape=True)
    if risk.external_dependency:
        cause = format_html("{} (depends on {})", cause, risk.external_dependency)
    if risk.is_escalated:
        escalation = str(risk.escalated_to)
        if risk.escalated_on:
            escalation += f", {format_date(risk.escalated_on, 'j F Y')}"
    else:
        escalation = "Not escalated"
    # A cause holding back several actions: name them all (prefetched by the page).
    actions = list(risk.actions.all())
    shared = (
        [
            {
                "key": {"text": "Actions"},
                "value": {
                    "html": format_html_join(
                        ", ",
                        '<a class="govuk-link" href="{}">{}</a>',
                        ((a.get_absolute_url(), a.reference) for a in actions),
                    )
                },
            }
        ]
        if len(actions) > 1
        else []
    )
    return {
        "classes": "govuk-summary-list--no-border",
        "rows": [
            *shared,
            {"key": {"text": "Cause"}, "value": {"html": cause}},
            {
                "key": {"text": "Impact"},
                "value": {"html": linebreaksbr(risk.impact, autoescape=True)},
            },
            {
                "key": {"text": "Mitigation"},
                "value": {"html": linebreaksbr(risk.mitigation, autoescape=True)},
            },
            {"key": {"text": "Escalation"}, "value": {"text": escalation}},
        ],
    }


@register.simple_tag
def update_tags(update: ProgressUpdate) -> SafeString:
    """An update's status, its state and whether it is exempt, as tags."""
    tags = [assessment_tags(update), tag(update.get_state_display(), "govuk-tag--grey")]
    if update.narrative_exempt:
        tags.append(tag("Exempt", "govuk-tag--yellow"))
    return _joined_tags(tags)


@register.simple_tag
def changes_table(changes: list[Any]) -> dict[str, Any]:
    """An action's change history, newest first: when, who, and each field before and after."""
    rows = []
    for entry in changes:
        if entry.changes:
            what = format_html(
                '<ul class="govuk-list">{}</ul>',
                format_html_join(
                    "",
                    "<li><strong>{}</strong>: {} → {}</li>",
                    ((c.field, c.before or "(empty)", c.after or "(empty)") for c in entry.changes),
                ),
            )
            cell: dict[str, Any] = {"html": what}
        else:
            cell = {"text": entry.kind}
        rows.append(
            [
                {"text": format_date(entry.when, "j F Y, H:i")},
                {"text": _person(entry.who, "The system")},
                cell,
            ]
        )
    return {
        "caption": "Changes to this action's details, newest first",
        "captionClasses": "govuk-visually-hidden",
        "head": [{"text": "When"}, {"text": "Who"}, {"text": "What changed"}],
        "rows": rows,
    }


@register.simple_tag
def moved_up_details(
    movement: Any, selected_round: ReviewRound, table: SafeString
) -> dict[str, Any]:
    """The actions that moved up, folded away when there are many (GOV.UK's details)."""
    html = table
    shown = len(movement.up)
    if movement.up_total > shown:
        html = format_html(
            '{}<p class="govuk-body">Only the first {} are listed here. <a class="govuk-link" '
            'href="?round={}&amp;moves=all#movement">List all the moves</a></p>',
            table,
            shown,
            format_date(selected_round.as_at, "Y-m-d"),
        )
    total = movement.up_total
    return {
        "summaryText": f"Moved up ({total} action{pluralize(total)})",
        "html": html,
        "open": total <= 10,
    }


@register.simple_tag
def round_picker(rounds: list[ReviewRound], selected: ReviewRound) -> dict[str, Any]:
    """The select choosing the round the plan page shows, with its Show button beside it."""
    button = component(
        "button",
        {"text": "Show", "classes": "govuk-button--secondary app-round-picker__button"},
    )
    return {
        "id": "round",
        "name": "round",
        "label": {"text": "Show progress as at"},
        "items": [
            {
                "value": format_date(r.as_at, "Y-m-d"),
                "text": r.title,
                "selected": r == selected,
            }
            for r in rounds
        ],
        "formGroup": {"afterInput": {"html": button}},
    }


@register.simple_tag
def action_filters(
    areas: list[OutcomeArea],
    statuses: list[Status],
    owners: list[Any],
    filters: dict[str, Any],
    latest_round: ReviewRound | None,
    overdue_help: str,
) -> dict[str, dict[str, Any]]:
    """The actions list's filters as GOV.UK selects and checkboxes, each holding what was chosen:
    ``area``, ``status``, ``owner`` and ``only``."""

    def select(id_: str, name: str, label: str, empty: str, options: list[tuple[Any, str]]):
        chosen = filters.get(name)
        return {
            "id": id_,
            "name": name,
            "label": {"text": label},
            "classes": "app-filters__select",
            "items": [{"value": "", "text": empty}]
            + [
                {"value": str(value), "text": text, "selected": value == chosen}
                for value, text in options
            ],
        }

    as_at = f" as at {format_date(latest_round.as_at, 'j M Y')}" if latest_round else ""
    return {
        "area": select(
            "filter-area",
            "area",
            "Outcome area",
            "All areas",
            [(area.number, f"{area.number}. {area.table_title}") for area in areas],
        ),
        "status": select(
            "filter-status",
            "status",
            f"Status{as_at}",
            "Any status",
            [(status.value, status.label) for status in statuses],
        ),
        "owner": select(
            "filter-owner",
            "owner",
            "Owner",
            "Anyone",
            [(person.pk, _person(person, "")) for person in owners],
        ),
        "only": {
            "name": "only",
            "classes": "govuk-checkboxes--small",
            "fieldset": {"legend": {"text": "Only show", "classes": "govuk-fieldset__legend--s"}},
            "items": [
                {
                    "id": "filter-overdue",
                    "name": "overdue",
                    "value": "1",
                    "text": "Overdue",
                    "hint": {"text": f"The {overdue_help}"},
                    "checked": bool(filters.get("overdue")),
                },
                {
                    "id": "filter-no-update",
                    "name": "no_update",
                    "value": "1",
                    "text": "No approved update yet this round",
                    "checked": bool(filters.get("no_update")),
                },
            ],
        },
    }
