"""Compare a read plan file with the database: what would be created, changed, removed, refused.

Everything is loaded in a fixed number of queries and compared in memory, so a 10,000-action
file costs the same few queries as a ten-action one. Nothing is written here.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone

from headway.accounts.models import User
from headway.plans.choices import PlanRole, UpdateState
from headway.plans.models import (
    Action,
    Milestone,
    OutcomeArea,
    Plan,
    PlanMembership,
    ProgressUpdate,
    ReviewRound,
)
from headway.plans.services import ACTION_EDITABLE_FIELDS

from .assessments import shares_of, text_of_shares, update_shares
from .columns import COLUMNS_BY_KEY
from .problems import Problem, shown_value
from .report import ImportReport
from .rows import LATEST_ROUND, ActionRow, ParsedFile
from .text_limits import text_limit_problems
from .writes import NewUpdate, PlannedWrites

# The action fields a plan import may change: the same ones a person may edit.
ACTION_FIELDS = ACTION_EDITABLE_FIELDS


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return repr(shown_value(value))


_OWNER_FIX = (
    "Write the person's username, e-mail address or full name as Headway has it; or, once the "
    "file's other problems are put right, upload it again and match the name to a person, "
    "invite them or leave the action unassigned."
)


@dataclass
class OwnerChoice:
    """What to do with an owner's name the file gives and no account matches: a person chosen
    for it (``user``), an invitation (``email``), or neither (the action left unassigned)."""

    user: int | None = None
    email: str = ""

    def as_json(self) -> dict[str, object]:
        return {"user": self.user, "email": self.email}


class PlanDiff:
    def __init__(
        self,
        *,
        plan: Plan,
        parsed: ParsedFile,
        by: User,
        report: ImportReport,
        as_at: dt.date | None = None,
        owners: dict[str, OwnerChoice] | None = None,
    ):
        self.plan, self.parsed, self.by, self.report = plan, parsed, by, report
        self.as_at = as_at
        self.owner_choices = {text.lower(): choice for text, choice in (owners or {}).items()}
        self.writes = PlannedWrites(plan=plan)
        self.problems: list[Problem] = []
        self.unmatched_owners: dict[str, int] = {}  # an unknown owner's name → its first row
        self._invited: set[str] = set()
        self._load()

    # Loading: one query per kind of record.
    def _load(self) -> None:
        plan = self.plan
        self.areas_by_number: dict[int, OutcomeArea] = {}
        self.actions: dict[str, Action] = {}
        self.milestones: dict[int, list[Milestone]] = defaultdict(list)
        self.rounds: dict[dt.date, ReviewRound] = {}
        self.approved: dict[tuple[int, int], ProgressUpdate] = {}
        self.member_ids: set[int] = set()
        if plan.pk:
            self.areas_by_number = {a.number: a for a in OutcomeArea.objects.filter(plan=plan)}
            self.actions = {a.reference: a for a in Action.objects.filter(plan=plan)}
            for milestone in Milestone.objects.filter(action__plan=plan).order_by(
                "action_id", "position", "due_date", "pk"
            ):
                self.milestones[milestone.action_id].append(milestone)
            self.rounds = {r.as_at: r for r in ReviewRound.objects.filter(plan=plan)}
            self.approved = {
                (u.action_id, u.round_id): u
                for u in ProgressUpdate.objects.filter(
                    action__plan=plan, state=UpdateState.APPROVED
                )
            }
            self.member_ids = set(
                PlanMembership.objects.filter(plan=plan).values_list("user_id", flat=True)
            )
        self.areas_by_title = {a.title.lower(): a for a in self.areas_by_number.values()}
        self.areas_by_title.update(
            {a.short_title.lower(): a for a in self.areas_by_number.values() if a.short_title}
        )
        self.users = self._load_users()

    def _load_users(self) -> dict[str, Any]:
        """People the owner cells name, by username, e-mail address or full name (any case),
        and the people chosen for names that match no one."""
        texts = {row.values.get("owner", "") for row in self.parsed.actions} - {""}
        lowered = {" ".join(t.lower().split()) for t in texts}
        chosen = {c.user for c in self.owner_choices.values() if c.user}
        found: dict[str, list[Any]] = defaultdict(list)
        people = get_user_model().objects.annotate(
            username_lower=Lower("username"),
            email_lower=Lower("email"),
            full_lower=Lower(Concat("first_name", Value(" "), "last_name")),
        )
        self.chosen_users = {u.pk: u for u in people.filter(pk__in=chosen)}
        for user in people.filter(
            Q(username_lower__in=lowered) | Q(email_lower__in=lowered) | Q(full_lower__in=lowered)
        ):
            names = {user.username.lower(), user.email.lower(), user.get_full_name().lower()}
            for name in names - {""}:
                if user not in found[name]:
                    found[name].append(user)
        return found

    def problem(self, row: ActionRow, key: str, value: Any, message: str, fix: str = "") -> None:
        header = COLUMNS_BY_KEY[key].header if key in COLUMNS_BY_KEY else key
        self.problems.append(
            Problem(
                sheet=self.parsed.sheet,
                row=row.row,
                column=header,
                value=shown_value(value),
                message=message,
                fix=fix,
            )
        )

    # Comparing.
    def run(self) -> PlannedWrites:
        self.problems.extend(text_limit_problems(self.parsed))
        self._plan_fields()
        self._listed_areas()
        rounds = self._rounds()
        positions: dict[int, int] = defaultdict(int)
        for row in self.parsed.actions:
            area = self._area(row)
            known, owner = self._owner(row)
            if not known:
                continue
            action = self._action(row, area, owner, positions)
            self._milestones(row, action)
            self._progress(row, action, rounds)
        # After the statuses: an earlier round the file adds comes in closed, with them.
        self._one_open_round()
        self.report.unchanged = len(self.parsed.actions) - len(self._touched)
        return self.writes

    def _plan_fields(self) -> None:
        self._touched: set[str] = set()  # references of actions that the import changes
        fields = self.parsed.plan_fields
        plan = self.plan
        if plan.pk is None:
            self.report.add("create", f"Plan {plan.slug}", [plan.title])
            return
        for key in ("title", "division", "description", "period_start", "period_end"):
            if key in fields and fields[key] != getattr(plan, key):
                self.writes.plan_changed.append(key)
                self.report.add(
                    "change",
                    f"Plan {plan.slug}",
                    [f"{key}: {_shown(getattr(plan, key))} → {_shown(fields[key])}"],
                )
                setattr(plan, key, fields[key])

    def _rounds(self) -> dict[dt.date | None, ReviewRound]:
        result: dict[dt.date | None, ReviewRound] = {}
        wanted = set(self.parsed.rounds) | {d for d in self.parsed.round_dates if d}
        for as_at in sorted(wanted):
            if as_at in self.rounds:
                result[as_at] = self.rounds[as_at]
                continue
            spec = self.parsed.rounds.get(as_at, {})
            new = ReviewRound(
                plan=self.plan,
                title=spec.get("title") or f"Update as at {as_at:%d %B %Y}",
                as_at=as_at,
                deadline=spec.get("deadline") or as_at,
            )
            if new.deadline > new.as_at:
                self.problems.append(
                    Problem(
                        sheet="Rounds",
                        value=f"{new.deadline:%d/%m/%Y}",
                        message=f"The deadline of {new.title} falls after its as-at date.",
                    )
                )
            self.writes.new_rounds.append(new)
            self.rounds[as_at] = new
            result[as_at] = new
            self.report.add("create", f"Review round {new.title}", [f"as at {as_at:%d/%m/%Y}"])
        if LATEST_ROUND in self.parsed.round_dates and self.as_at is not None:
            result[LATEST_ROUND] = self._round_as_at(self.as_at)
        elif LATEST_ROUND in self.parsed.round_dates:
            if self.rounds:
                result[LATEST_ROUND] = self.rounds[max(self.rounds)]
            elif any(LATEST_ROUND in row.progress for row in self.parsed.actions):
                self.problems.append(
                    Problem(
                        sheet=self.parsed.sheet,
                        column="Status",
                        message=(
                            "The file gives statuses but the plan has no review round to record "
                            "them in: create the round first, or head the column "
                            "'Status at YYYY-MM-DD' with the round's date."
                        ),
                    )
                )
        return result

    def _one_open_round(self) -> None:
        """A plan has one open round at most (``one_open_round_per_plan``): the rounds the file
        adds before the plan's newest come in closed (with the statuses the file gives them). A
        new round after a round the plan still has open is refused: closing that one is the
        plan lead's choice, in the app."""
        new = [r for r in self.rounds.values() if r.pk is None]
        if not new:
            return
        newest = max(self.rounds)
        for each in new:
            if each.as_at != newest:
                each.closed_at, each.closed_by = timezone.now(), self.by
        still_open = [r for r in self.rounds.values() if r.pk and r.closed_at is None]
        if self.rounds[newest].pk is None and still_open:
            self.problems.append(
                Problem(
                    sheet="Rounds",
                    message=(
                        f"{still_open[0]} is still open: close it before importing a newer "
                        f"round ({self.rounds[newest].title})."
                    ),
                )
            )

    def _round_as_at(self, as_at: dt.date) -> ReviewRound:
        """The round the file's plain Status column is recorded in: the plan's round as at the
        date given for the file's progress, created if the plan has none then."""
        start = self.parsed.plan_fields.get("period_start") or self.plan.period_start
        end = self.parsed.plan_fields.get("period_end") or self.plan.period_end
        if start and end and not start <= as_at <= end:
            self.problems.append(
                Problem(
                    sheet=self.parsed.sheet,
                    column="Status",
                    value=f"{as_at:%d/%m/%Y}",
                    message=(
                        f"The progress is as at {as_at:%d/%m/%Y}, outside the plan's period "
                        f"({start:%d/%m/%Y} to {end:%d/%m/%Y}): give the date the statuses "
                        "describe, within the plan."
                    ),
                )
            )
        if as_at in self.rounds:
            return self.rounds[as_at]
        new = ReviewRound(
            plan=self.plan, title=f"Update as at {as_at:%d %B %Y}", as_at=as_at, deadline=as_at
        )
        self.writes.new_rounds.append(new)
        self.rounds[as_at] = new
        self.report.add("create", f"Review round {new.title}", [f"as at {as_at:%d/%m/%Y}"])
        return new

    def _listed_areas(self) -> None:
        """Areas described on an 'Areas' sheet: their titles, short titles and descriptions."""
        for number, values in sorted(self.parsed.areas.items()):
            area = self.areas_by_number.get(number)
            if area is None:
                area = OutcomeArea(plan=self.plan, number=number, **values)
                self.writes.new_areas.append(area)
                self.areas_by_number[number] = area
                self.areas_by_title[area.title.lower()] = area
                self.report.add("create", f"Outcome area {number}", [area.title])
                continue
            details = [
                f"{key}: {_shown(getattr(area, key))} → {_shown(value)}"
                for key, value in values.items()
                if getattr(area, key) != value
            ]
            if details:
                for key, value in values.items():
                    setattr(area, key, value)
                self.writes.changed_areas.append(area)
                self.report.add("change", f"Outcome area {number}", details)

    def _area(self, row: ActionRow) -> OutcomeArea | None:
        number, title = row.area_number, row.area_title
        area = self.areas_by_number.get(number) if number is not None else None
        area = area or self.areas_by_title.get(title.lower())
        if area is None:
            number = number or max(self.areas_by_number, default=0) + 1
            area = OutcomeArea(plan=self.plan, number=number, title=title)
            if len(title) > 300:
                self.problem(row, "area", title, "An outcome area's title is at most 300 letters.")
            self.writes.new_areas.append(area)
            self.areas_by_number[number] = area
            self.areas_by_title[title.lower()] = area
            self.report.add("create", f"Outcome area {number}", [title])
        elif (
            number is not None
            and title
            and title != area.title
            and area.pk
            and area not in self.writes.changed_areas
        ):
            self.report.add(
                "change", f"Outcome area {number}", [f"title: {_shown(area.title)} → {title!r}"]
            )
            area.title = title
            self.writes.changed_areas.append(area)
        return area

    def _owner(self, row: ActionRow) -> tuple[bool, Any | None]:
        """(whether the owner cell is acceptable, the user); a blank cell means no owner yet."""
        text = row.values.get("owner", "")
        if not text:
            return True, None
        key = " ".join(text.lower().split())
        matches = {u.pk: u for u in self.users.get(key, [])}
        choice = self.owner_choices.get(key)
        if choice is not None and len(matches) != 1:
            if choice.user:
                matches = {choice.user: self.chosen_users[choice.user]}
            elif choice.email:
                if key not in self._invited:
                    self._invited.add(key)
                    self.writes.invitations[key] = (text, choice.email)
                    self.report.add("create", f"Invitation to {text}", [choice.email])
                return True, None
            else:
                return True, None  # left unassigned, as chosen
        if len(matches) != 1:
            message = (
                "No person has this username, e-mail address or full name: match it to a "
                "person, invite them, or leave the action unassigned when you upload the file "
                "(on the command line, create their account first)."
                if not matches
                else "More than one person has this name or e-mail address; give the "
                "username instead."
            )
            if not matches and "," in text:
                message += (
                    " If this column holds role titles rather than people, read it as the "
                    "Lead officer field and give each action's owner in another column."
                )
            if not matches:
                self.unmatched_owners.setdefault(text, row.row)
            self.problem(row, "owner", text, message, fix=_OWNER_FIX if not matches else "")
            return False, None
        user = next(iter(matches.values()))
        if not user.is_active:
            self.problem(row, "owner", text, "This person's account is deactivated.")
            return False, None
        if user.pk not in self.member_ids:
            self.member_ids.add(user.pk)
            self.writes.new_memberships.append(
                PlanMembership(plan=self.plan, user=user, role=PlanRole.OWNER)
            )
            self.report.add("create", f"Action owner role for {user.get_username()}")
        return True, user

    def _action(self, row: ActionRow, area, owner, positions) -> Action:
        values = row.values  # the cells' lengths are checked by text_limit_problems
        action = self.actions.get(values["reference"])
        wanted = {k: values[k] for k in ACTION_FIELDS if k in values}
        if action is None:
            action = Action(
                plan=self.plan,
                area=area,
                reference=values["reference"],
                owner=owner,
                position=positions[area.number],
                **wanted,
            )
            positions[area.number] += 1
            self.writes.new_actions.append(action)
            self.actions[action.reference] = action
            self.report.add("create", f"Action {action.reference}", [action.title])
            self._touched.add(action.reference)
            return action
        positions[area.number] += 1
        details, changed = [], set()
        for key, value in wanted.items():
            if getattr(action, key) != value:
                details.append(f"{key}: {_shown(getattr(action, key))} → {_shown(value)}")
                setattr(action, key, value)
                changed.add(key)
        if action.area_id != area.pk or area.pk is None:
            details.append(f"outcome area → {area.number}")
            action.area = area
            changed.add("area")
        if action.owner_id != getattr(owner, "pk", None):
            details.append(f"owner → {owner.get_username() if owner else '(none)'}")
            action.owner = owner
            changed.add("owner")
        if changed:
            self.writes.changed_actions[action.pk] = (action, changed)
            self.report.add("change", f"Action {action.reference}", details)
            self._touched.add(action.reference)
        return action

    def _milestones(self, row: ActionRow, action: Action) -> None:
        if row.milestones is None:
            return
        existing = self.milestones.get(action.pk, []) if action.pk else []
        plan_end = self.parsed.plan_fields.get("period_end") or self.plan.period_end
        label = f"Milestone of action {action.reference}"
        # Matched milestones keep their position (the order is the same); new ones go after.
        next_position = max((m.position for m in existing), default=-1) + 1
        for index, wanted in enumerate(row.milestones):
            current = existing[index] if index < len(existing) else None
            has_reason = bool(current and current.reason_after_plan_end.strip())
            if wanted.due_date and plan_end and wanted.due_date > plan_end and not has_reason:
                self.problem(
                    row,
                    "milestones",
                    wanted.title,
                    f"This milestone is due on {wanted.due_date:%d/%m/%Y}, after the plan ends on "
                    f"{plan_end:%d/%m/%Y}; bring it within the plan or record why on the page.",
                )
            if len(wanted.title) > 500:
                self.problem(row, "milestones", wanted.title, "At most 500 characters.")
            if current is None:
                self.writes.new_milestones.append(
                    Milestone(
                        action=action,
                        position=next_position,
                        title=wanted.title,
                        due_date=wanted.due_date,
                        done_on=wanted.done_on,
                    )
                )
                next_position += 1
                self.report.add("create", label, [wanted.title])
                self._touched.add(action.reference)
                continue
            details = []
            for key in ("title", "due_date", "done_on"):
                if getattr(current, key) != getattr(wanted, key):
                    details.append(
                        f"{key}: {_shown(getattr(current, key))} → {_shown(getattr(wanted, key))}"
                    )
                    setattr(current, key, getattr(wanted, key))
            if details:
                self.writes.changed_milestones.append(current)
                self.report.add("change", f"{label}: {current.title}", details)
                self._touched.add(action.reference)
        for extra in existing[len(row.milestones) :]:
            self.writes.removed_milestones.append(extra)
            self.report.add("remove", label, [extra.title])
            self._touched.add(action.reference)

    def _progress(self, row: ActionRow, action: Action, rounds) -> None:
        for round_key, (assessment, narrative) in row.progress.items():
            review_round = rounds.get(round_key)
            if review_round is None:
                continue  # reported once, in _rounds
            current = (
                self.approved.get((action.pk, review_round.pk))
                if action.pk and review_round.pk
                else None
            )
            shares = shares_of(assessment)
            if current and update_shares(current) == shares and current.narrative == narrative:
                continue
            if review_round.is_closed:
                self.problem(
                    row,
                    "status",
                    str(assessment),
                    f"{review_round} is closed: its updates are locked, so this status cannot "
                    "be changed by an import.",
                )
                continue
            self.writes.new_updates.append(
                NewUpdate(action, review_round, shares, narrative, current.pk if current else None)
            )
            if current is not None:
                self.writes.superseded.append(current)
            what = f"Progress on action {action.reference} in {review_round.title}"
            before = f"{text_of_shares(update_shares(current))} → " if current else ""
            self.report.add(
                "change" if current else "create", what, [f"{before}{text_of_shares(shares)}"]
            )
            self._touched.add(action.reference)
