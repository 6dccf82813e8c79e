"""Load the demo plan: the source's 2012/13 plan with its people, rounds, risks and inspections.

Seed data, not a user's work: approved updates are written directly (with their submission and
decision times) rather than walked through the services' draft → submitted → approved path.
Loading twice changes nothing: if the plan exists its data is left alone and only the demo
users (and, when asked, their password) are ensured.
"""

import datetime as dt
import secrets
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from headway.inspections.models import Finding, Inspection
from headway.plans.choices import UpdateState
from headway.plans.models import (
    Action,
    Milestone,
    OutcomeArea,
    Plan,
    PlanMembership,
    ProgressUpdate,
    ReviewRound,
)
from headway.reports.services import report_defaults_save
from headway.risks.models import Risk

from . import plan as data
from .indicators import create_demo_indicators
from .inspections import INSPECTIONS
from .people import ADMIN, LEAD, USERS, USERS_BY_NAME
from .records import ASSESSMENT_CODES, DemoAction, DemoArea, month_end, split_milestone
from .report import create_march_report
from .report_defaults import DEFAULTS as REPORT_DEFAULTS
from .report_defaults import body as report_body

# Each area with its actions, each action with its reference ("2.3").
AreaActions = list[tuple[DemoArea, list[tuple[str, DemoAction]]]]
Users = dict[str, Any]  # demo username → user

# Milestones due by the committee round are done unless marked missed.
MILESTONES_DONE_BY = data.ROUNDS["march"][1]


@dataclass(frozen=True)
class DemoResult:
    plan: Plan
    created: bool  # False when the plan was already there and left alone
    usernames: list[str]
    password: str | None  # the password set on this run; None when existing ones were kept
    password_set_for: list[str]  # the users given that password (new users, or all with one)
    counts: dict[str, int]


def load_demo(*, password: str | None) -> DemoResult:
    """Create the demo plan and users, or only ensure the users if the plan exists."""
    _check_data()
    with transaction.atomic():
        users, password_set, password_set_for = _ensure_users(password)
        plan = Plan.objects.filter(slug=data.PLAN["slug"]).first()
        created = plan is None
        if plan is None:
            previous = _create_plan(
                data.PREVIOUS_PLAN, data.PREVIOUS_ROUNDS, _previous_areas(), users, None
            )
            plan = _create_plan(data.PLAN, data.ROUNDS, _areas(), users, previous)
            _create_risks(plan, users)
            _create_inspections(plan)
            create_demo_indicators(plan=plan, users=users)
            report_defaults_save(
                plan=plan,
                values=REPORT_DEFAULTS,
                body=report_body(),
                expected_version=None,
                by=users[ADMIN],
            )
            create_march_report(
                plan=plan,
                round=plan.rounds.get(as_at=data.ROUNDS["march"][1]),
                lead=users[LEAD],
            )
        else:
            _ensure_memberships(plan, users)
    return DemoResult(
        plan=plan,
        created=created,
        usernames=[user.username for user in USERS],
        password=password_set,
        password_set_for=password_set_for,
        counts=_counts(plan),
    )


def _areas() -> AreaActions:
    return [
        (area, [(f"{number}.{i}", action) for i, action in enumerate(area.actions, start=1)])
        for number, area in enumerate(data.AREAS, start=1)
    ]


def _previous_areas() -> AreaActions:
    return [
        (
            area,
            [
                (reference, action)
                for reference, action in data.PREVIOUS_ACTIONS.items()
                if reference.split(".")[0] == str(number)
            ],
        )
        for number, area in enumerate(data.AREAS, start=1)
    ]


def _check_data() -> None:
    """Refuse inconsistent demo data before anything is written."""
    actions = {ref: action for _, items in _areas() for ref, action in items}
    limited = {ref for ref, a in actions.items() if a.progress.get("march", ("",))[0] == "L"}
    problems = []
    explained = set(data.RISKS) | set(data.NO_RISK_REASONS)
    if limited != explained or set(data.RISKS) & set(data.NO_RISK_REASONS):
        problems.append(
            f"risks {sorted(data.RISKS)} and reasons for none {sorted(data.NO_RISK_REASONS)} "
            f"do not match limited actions {sorted(limited)}"
        )
    everything = [*actions.values(), *data.PREVIOUS_ACTIONS.values()]
    problems += [
        f"{ref} needs progress for rounds {sorted(data.ROUNDS)}"
        for ref, a in actions.items()
        if set(a.progress) != set(data.ROUNDS)
    ]
    problems += [
        f"{ref} of 2011/12 needs progress for rounds {sorted(data.PREVIOUS_ROUNDS)}"
        for ref, a in data.PREVIOUS_ACTIONS.items()
        if set(a.progress) != set(data.PREVIOUS_ROUNDS)
    ]
    problems += [
        f"unknown assessment {code!r}"
        for a in everything
        for code, _ in a.progress.values()
        if code not in ASSESSMENT_CODES
    ]
    problems += [f"unknown owner {a.owner!r}" for a in everything if a.owner not in USERS_BY_NAME]
    problems += [
        f"{ref} carried from unknown {a.carried_from!r}"
        for ref, a in actions.items()
        if a.carried_from and a.carried_from not in data.PREVIOUS_ACTIONS
    ]
    problems += [
        f"finding {f.reference} answered by unknown {ref!r}"
        for inspection in INSPECTIONS
        for f in inspection.findings
        for ref in f.answered_by
        if ref not in actions
    ]
    if problems:
        raise ValueError("The demo data is inconsistent: " + "; ".join(problems))


def _ensure_users(password: str | None) -> tuple[Users, str | None, list[str]]:
    """Create missing demo users; set every demo user's password only when one is given."""
    user_model = get_user_model()
    existing = {u.username: u for u in user_model.objects.filter(username__in=USERS_BY_NAME)}
    password_set = password
    if password is None and len(existing) < len(USERS):
        password_set = secrets.token_urlsafe(12)
    # One hash for the one shared password: hashing is deliberately slow, ten times over is not.
    hashed = make_password(password_set) if password_set else None
    users, password_set_for = {}, []
    for spec in USERS:
        user = existing.get(spec.username)
        if user is None:
            user = user_model(
                username=spec.username,
                email=spec.email,
                job_title=spec.job_title,
                is_staff=spec.username == ADMIN,
                is_superuser=spec.username == ADMIN,
                password=hashed,
            )
            user.full_clean()
            user.save()
            password_set_for.append(spec.username)
        elif password is not None:
            user.password = hashed
            user.save(update_fields=["password"])
            password_set_for.append(spec.username)
        users[spec.username] = user
    return users, password_set, password_set_for


def _ensure_memberships(plan: Plan, users: Users) -> None:
    """Give a demo user who was deleted and made again their role back; leave others alone."""
    for demo_plan in (plan, plan.previous_plan):
        if demo_plan is None:
            continue
        have_role = set(demo_plan.memberships.values_list("user_id", flat=True))
        for spec in USERS:
            user = users[spec.username]
            if spec.role and user.pk not in have_role:
                _create(PlanMembership, users[ADMIN], plan=demo_plan, user=user, role=spec.role)


def _create(model: type[models.Model], by: Any, **fields: Any) -> Any:
    """Validate and save one record, with the administrator as its history's author.

    Field values and the model's own ``clean()`` are checked here; related rows were just made,
    and the constraints are the database's to enforce, so neither is queried for again.
    """
    instance = model(**fields)
    relations = [f.name for f in model._meta.fields if f.is_relation]
    instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    instance._history_user = by
    instance.save()
    return instance


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _create_plan(
    spec: dict[str, Any],
    round_specs: dict[str, tuple[str, dt.date, dt.date]],
    areas: AreaActions,
    users: Users,
    previous: Plan | None,
) -> Plan:
    admin, lead = users[ADMIN], users[LEAD]
    plan = _create(Plan, admin, previous_plan=previous, **spec)
    for demo_user in USERS:
        if demo_user.role:
            _create(
                PlanMembership,
                admin,
                plan=plan,
                user=users[demo_user.username],
                role=demo_user.role,
            )
    rounds = {}
    for key, (title, as_at, deadline) in round_specs.items():
        closed = key in data.CLOSED_ROUNDS
        rounds[key] = _create(
            ReviewRound,
            admin,
            plan=plan,
            title=title,
            as_at=as_at,
            deadline=deadline,
            closed_at=_at(as_at, 17) if closed else None,
            closed_by=admin if closed else None,
        )
    previous_actions = {a.reference: a for a in previous.actions.all()} if previous else {}
    for number, (area_spec, actions) in enumerate(areas, start=1):
        area = _create(
            OutcomeArea,
            admin,
            plan=plan,
            number=number,
            title=area_spec.title,
            short_title=area_spec.short_title,
            description=area_spec.description,
        )
        for position, (reference, spec_action) in enumerate(actions, start=1):
            action = _create_action(
                plan, area, reference, position, spec_action, users, previous_actions
            )
            for i, (key, (code, narrative)) in enumerate(spec_action.progress.items()):
                reason = (
                    data.NO_RISK_REASONS.get(reference, "")
                    if round_specs is data.ROUNDS and key == "march"
                    else ""
                )
                _create_update(
                    action,
                    rounds[key],
                    code,
                    narrative,
                    lead,
                    offset=position + i,
                    by=admin,
                    no_risk_reason=reason,
                )
    return plan


def _create_action(
    plan: Plan,
    area: OutcomeArea,
    reference: str,
    position: int,
    spec: DemoAction,
    users: Users,
    previous_actions: dict[str, Action],
) -> Action:
    admin = users[ADMIN]
    owner = USERS_BY_NAME[spec.owner]
    revised = spec.revised
    action = _create(
        Action,
        admin,
        plan=plan,
        area=area,
        reference=reference,
        position=position,
        title=spec.title,
        objective=spec.objective,
        desired_outcome=spec.desired_outcome,
        owner=users[spec.owner],
        lead_officer=spec.lead_officer or owner.lead_officer or owner.job_title,
        timescale=spec.timescale,
        due_date=month_end(spec.timescale),
        revised_timescale=revised.timescale if revised else "",
        revised_due_date=month_end(revised.timescale) if revised else None,
        revision_reason=revised.reason if revised else "",
        external_dependencies="\n".join(spec.dependencies),
        carried_from=previous_actions.get(spec.carried_from),
    )
    for i, text in enumerate(spec.milestones, start=1):
        title, due, missed = split_milestone(text)
        done = not missed and due <= min(MILESTONES_DONE_BY, plan.period_end)
        _create(
            Milestone,
            admin,
            action=action,
            position=i,
            title=title,
            due_date=due,
            # done a few days before it was due, varied so the dates do not look generated
            done_on=due - dt.timedelta(days=(position * 3 + i) % 9) if done else None,
        )
    return action


def _create_update(
    action: Action,
    round: ReviewRound,
    code: str,
    narrative: str,
    lead: Any,
    *,
    offset: int,
    by: Any,
    no_risk_reason: str = "",
) -> ProgressUpdate:
    return _create(
        ProgressUpdate,
        by,
        action=action,
        round=round,
        state=UpdateState.APPROVED,
        narrative=narrative,
        no_risk_reason=no_risk_reason,
        author=action.owner,
        submitted_at=_at(round.deadline - dt.timedelta(days=offset % 6), 10),
        decided_at=_at(round.deadline + dt.timedelta(days=1 + offset % 4), 15),
        decided_by=lead,
        **ASSESSMENT_CODES[code].as_sixtieths(),
    )


def _create_risks(plan: Plan, users: Users) -> None:
    """The March 2013 risks, each linked to its action (the reasons for raising none are on
    their updates, ``_create_update``)."""
    march = plan.rounds.get(as_at=data.ROUNDS["march"][1])
    for reference, spec in data.RISKS.items():
        action = plan.actions.get(reference=reference)
        risk = _create(
            Risk,
            users[ADMIN],
            plan=plan,
            raised_in=action.updates.get(round=march, state=UpdateState.APPROVED),
            title=spec.title,
            cause=spec.cause,
            impact=spec.impact,
            mitigation=spec.mitigation,
            external_dependency=spec.external_dependency,
            escalated_to=spec.escalated_to,
            escalated_on=spec.escalated_on,
            named_in_report=spec.named_in_report,
            recorded_by=action.owner,
        )
        risk.actions.add(action, *plan.actions.filter(reference__in=spec.also_holds_back))


def _create_inspections(plan: Plan) -> None:
    actions = {a.reference: a for a in plan.actions.all()}
    for spec in INSPECTIONS:
        inspection = Inspection(
            inspectorate=spec.inspectorate,
            service=spec.service,
            framework=spec.framework,
            started_on=spec.started_on,
            ended_on=spec.ended_on,
            judgement=spec.judgement,
            summary=spec.summary,
            report_wording=spec.report_wording,
        )
        inspection.full_clean(validate_constraints=False)
        inspection.save()
        for finding_spec in spec.findings:
            finding = Finding(
                inspection=inspection,
                reference=finding_spec.reference,
                kind=finding_spec.kind,
                text=finding_spec.text,
            )
            finding.full_clean(exclude=["inspection"])
            finding.save()
            finding.actions.set([actions[ref] for ref in finding_spec.answered_by])


def _counts(plan: Plan) -> dict[str, int]:
    updates = Counter(
        ProgressUpdate.objects.filter(action__plan=plan).values_list("state", flat=True)
    )
    return {
        "outcome areas": plan.areas.count(),
        "actions": plan.actions.count(),
        "milestones": Milestone.objects.filter(action__plan=plan).count(),
        "review rounds": plan.rounds.count(),
        "approved updates": updates[UpdateState.APPROVED],
        "risks": Risk.objects.filter(plan=plan).count(),
        "inspections": Inspection.objects.count(),
        "inspection findings": Finding.objects.count(),
    }
