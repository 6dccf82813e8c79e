"""Who gets what from every URL: the table ``test_authorization_matrix.py`` checks.

Every URL pattern in the resolver (except ``admin/``, ``api/`` and static files, which have
their own tests) MUST have an entry here, keyed by its full name (``"plans:plan"``); a pattern
without one fails the matrix test, so a new page cannot ship unprotected by accident.

An entry is an ``Expect``:

- ``kwargs(world)`` builds the URL's keyword arguments from the ``World`` the test makes (one
  plan with an area, an action owned by the ``owner`` role, an open round, a submitted and a
  draft update, a risk, an inspection with a finding; see ``World``). It may create more with
  the factories if a URL needs something else (e.g. ``lambda w: {"pk": SomeFactory().pk}``).
- ``get`` and ``post``: the expected answer for each role — ``anonymous``, ``outsider`` (signed
  in, no role on the plan), ``reader``, ``owner``, ``lead``, ``admin`` (staff). A value is a
  status code (200, 403, 404, 405), ``LOGIN`` (302 to the sign-in page) or ``REDIRECT`` (302
  anywhere else, e.g. after a successful POST).
- ``post_data(world)``: optional form data for the POST (default: empty, which for a form is
  usually 200 with errors, and for a read page 405).

The helpers ``read_page`` (signed-in people with a role on the plan read it; outsiders 404) and
``any_signed_in`` build the common cases.

The second section, marked PROGRESS FORMS, belongs to the progress forms (record progress,
approve/return, close a round, edit an action or risk): add their entries there.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LOGIN = "login"
REDIRECT = "redirect"
ROLES = ("anonymous", "outsider", "reader", "owner", "lead", "admin")

Answer = int | str


@dataclass
class World:
    """The objects a URL's kwargs are built from (made fresh for each check)."""

    plan: Any
    area: Any
    action: Any
    round: Any
    submitted_update: Any
    draft_update: Any
    risk: Any
    inspection: Any
    finding: Any
    users: dict[str, Any] = field(default_factory=dict)


@dataclass
class Expect:
    kwargs: Callable[[World], dict[str, Any]]
    get: dict[str, Answer]
    post: dict[str, Answer]
    post_data: Callable[[World], dict[str, Any]] = lambda world: {}
    query: str = ""


def _roles(anonymous: Answer, outsider: Answer, members: Answer, admin: Answer) -> dict:
    return {
        "anonymous": anonymous,
        "outsider": outsider,
        "reader": members,
        "owner": members,
        "lead": members,
        "admin": admin,
    }


ALL_405 = dict.fromkeys(ROLES, 405)


def read_page(kwargs: Callable[[World], dict[str, Any]], query: str = "") -> Expect:
    """A page of a plan: its members and administrators read it, outsiders get 404."""
    return Expect(kwargs=kwargs, get=_roles(LOGIN, 404, 200, 200), post=ALL_405, query=query)


def any_signed_in(kwargs: Callable[[World], dict[str, Any]] = lambda w: {}) -> Expect:
    """A page every signed-in person may read (nothing plan-specific on it)."""
    return Expect(kwargs=kwargs, get=_roles(LOGIN, 200, 200, 200), post=ALL_405)


def _plan(w: World) -> dict[str, Any]:
    return {"slug": w.plan.slug}


EXPECTATIONS: dict[str, Expect] = {
    # --- Accounts.
    "login": Expect(
        kwargs=lambda w: {},
        get=dict.fromkeys(ROLES, 200) | {r: REDIRECT for r in ROLES if r != "anonymous"},
        # An empty sign-in form is redisplayed with its errors.
        post=dict.fromkeys(ROLES, 200) | {r: REDIRECT for r in ROLES if r != "anonymous"},
    ),
    # Sign out answers POST only, then shows the sign-in page; harmless when not signed in.
    "logout": Expect(
        kwargs=lambda w: {}, get=dict.fromkeys(ROLES, 405), post=dict.fromkeys(ROLES, LOGIN)
    ),
    "password_change": Expect(
        kwargs=lambda w: {}, get=_roles(LOGIN, 200, 200, 200), post=_roles(LOGIN, 200, 200, 200)
    ),
    "password_change_done": Expect(
        kwargs=lambda w: {}, get=_roles(LOGIN, 200, 200, 200), post=_roles(LOGIN, 405, 405, 405)
    ),
    "healthz": Expect(
        kwargs=lambda w: {}, get=dict.fromkeys(ROLES, 200), post=dict.fromkeys(ROLES, 405)
    ),
    # --- Read pages.
    "home": any_signed_in(),
    "plans:plan": read_page(_plan),
    "plans:area": read_page(lambda w: {"slug": w.plan.slug, "number": w.area.number}),
    "plans:actions": read_page(_plan, query="overdue=1&no_update=1"),
    "plans:action": read_page(lambda w: {"slug": w.plan.slug, "pk": w.action.pk}),
    "risks:register": read_page(_plan),
    "inspections:inspections": any_signed_in(),
    "inspections:inspection": any_signed_in(lambda w: {"pk": w.inspection.pk}),
    # A background job's page: the person it runs for (here the administrator) and
    # administrators; to anyone else it does not exist.
    "jobs:detail": Expect(
        kwargs=lambda w: {"pk": _job_for(w.users["owner"])},
        get=_roles(LOGIN, 404, 404, 200) | {"owner": 200},
        post=ALL_405,
    ),
    # What a job made (a large export): its person and administrators; 404 for anyone else.
    "jobs:file": Expect(
        kwargs=lambda w: {"pk": _job_for(w.users["owner"], with_file=True)},
        get=_roles(LOGIN, 404, 404, 200) | {"owner": 200},
        post=ALL_405,
    ),
}


def _job_for(user: Any, *, with_file: bool = False) -> Any:
    from headway.jobs.choices import JobKind
    from headway.jobs.services import job_create, job_store_file

    job = job_create(kind=JobKind.PLAN_EXPORT, title="Exporting the plan", user=user)
    if with_file:
        job_store_file(job_id=job.pk, filename="plan.csv", data=b"Reference\n")
    return job.pk


# =============================================================================================
# PROGRESS FORMS: record progress, approve/return, close a round, edit an action or a risk.
# Entries for those URLs go below this line.
# =============================================================================================
# --- progress helper's entries (headway/progress/urls.py) ---


def _own_fresh_action(w: World) -> dict[str, Any]:
    """A new action of the owner's with no update yet this round, so the form itself answers."""
    from headway.testing.factories import ActionFactory

    action = ActionFactory(area=w.area, plan=w.plan, owner=w.users["owner"])
    return {"slug": w.plan.slug, "pk": action.pk}


def _risk_on_owned_action(w: World) -> dict[str, Any]:
    from headway.testing.factories import RiskFactory

    return {"slug": w.plan.slug, "pk": RiskFactory(action=w.action).pk}


def _link_evidence(w: World) -> dict[str, Any]:
    """Evidence that is a link: only files are served, so members get 404 too (see the
    evidence tests in test_progress_record_evidence.py for files)."""
    from headway.plans.models import Evidence

    evidence = Evidence.objects.create(
        update=w.submitted_update, title="Audit", url="https://intranet.example.org/audit"
    )
    return {"slug": w.plan.slug, "pk": evidence.pk}


# Owners (and delegates) and the plan lead record progress; administrators manage, not report.
_RECORDERS = {"anonymous": LOGIN, "outsider": 404, "reader": 403, "owner": 200, "lead": 200}
# The plan lead and administrators decide; owners and readers may not.
_DECIDERS = _roles(LOGIN, 404, 403, 200) | {"lead": 200}
_EDITORS = _roles(LOGIN, 404, 403, 200) | {"owner": 200, "lead": 200}

EXPECTATIONS |= {
    # The way in: it leads to the first question page (or resumes a draft); nothing is posted.
    "progress:record": Expect(
        kwargs=_own_fresh_action,
        get=_RECORDERS | {"owner": REDIRECT, "lead": REDIRECT, "admin": 403},
        post=ALL_405,
    ),
    "progress:step": Expect(
        kwargs=lambda w: _own_fresh_action(w) | {"step": "status"},
        get=_RECORDERS | {"admin": 403},
        # An empty page is redisplayed with its errors; nothing is saved.
        post=_RECORDERS | {"admin": 403},
    ),
    "plans:action_edit": Expect(
        kwargs=lambda w: {"slug": w.plan.slug, "pk": w.action.pk},
        get=_EDITORS,
        post=_EDITORS,
    ),
    "progress:approvals": Expect(kwargs=_plan, get=_DECIDERS, post=ALL_405),
    "progress:decide": Expect(
        kwargs=lambda w: {"slug": w.plan.slug, "pk": w.submitted_update.pk},
        get=ALL_405,
        post=_DECIDERS,  # no decision given: the queue again, with the error
    ),
    "progress:round_close": Expect(
        kwargs=lambda w: {"slug": w.plan.slug, "pk": w.round.pk},
        get=_DECIDERS,
        # Refused (409) while the world's submitted update awaits a decision.
        post=_roles(LOGIN, 404, 403, 409) | {"lead": 409},
    ),
    "risks:edit": Expect(kwargs=_risk_on_owned_action, get=_EDITORS, post=_EDITORS),
    "progress:evidence": Expect(
        kwargs=_link_evidence, get=_roles(LOGIN, 404, 404, 404), post=ALL_405
    ),
}

# =============================================================================================
# OPERATIONS: URLs for running Headway (health check for load balancers and monitoring).
# Entries for those URLs go below this line.
# =============================================================================================
EXPECTATIONS |= {
    # No sign-in and no session: a probe answers the same for everyone; GET and HEAD only.
    "healthz": Expect(
        kwargs=lambda w: {}, get=dict.fromkeys(ROLES, 200), post=dict.fromkeys(ROLES, 405)
    ),
}

# =============================================================================================
# SPREADSHEETS: downloads, the plan import (administrators) and update sheets (owners, lead).
# Entries for headway/spreadsheets/urls.py go below this line.
# =============================================================================================
# Administrators import; the plan lead and administrators send out everyone's update sheets;
# owners (and the lead) download their own and send them back. An empty POST redisplays the
# upload form with its error.
_SHEET_SENDERS = _roles(LOGIN, 404, 403, 200) | {"lead": 200}
_SHEET_RECORDERS = {
    "anonymous": LOGIN,
    "outsider": 404,
    "reader": 403,
    "owner": 200,
    "lead": 200,
    "admin": 403,
}


_ASKED = ("columns", "plan", "as_at", "owners")


def _token(w: World) -> dict[str, Any]:
    return {"token": "0" * 32}


def _round(w: World) -> dict[str, Any]:
    return {"slug": w.plan.slug, "round_pk": w.round.pk}


EXPECTATIONS |= {
    "spreadsheets:index": read_page(_plan),
    "spreadsheets:export": read_page(lambda w: {"slug": w.plan.slug, "format": "xlsx"}),
    "spreadsheets:template": read_page(_plan),
    "spreadsheets:import": Expect(
        kwargs=_plan, get=_roles(LOGIN, 404, 403, 200), post=_roles(LOGIN, 404, 403, 200)
    ),
    # Importing a new plan; the import's question pages, about an upload waiting in the
    # administrator's own session (an unknown one sends them back to the start).
    "spreadsheets:import_new": Expect(
        kwargs=lambda w: {}, get=_roles(LOGIN, 403, 403, 200), post=_roles(LOGIN, 403, 403, 200)
    ),
    **{
        f"spreadsheets:import_{step}": Expect(
            kwargs=_token,
            get=_roles(LOGIN, 403, 403, REDIRECT),
            post=_roles(LOGIN, 403, 403, REDIRECT) if step in _ASKED else ALL_405,
        )
        for step in ("columns", "plan", "as_at", "owners", "preview", "problems")
    },
    "spreadsheets:update_sheet": Expect(
        kwargs=_round, get=_SHEET_RECORDERS | {"admin": 200}, post=ALL_405
    ),
    "spreadsheets:update_sheets": Expect(kwargs=_round, get=_SHEET_SENDERS, post=ALL_405),
    "spreadsheets:update_upload": Expect(
        kwargs=_round, get=_SHEET_RECORDERS, post=_SHEET_RECORDERS
    ),
}


def _is_wired(name: str) -> bool:
    """The roll-forward pages count once config/urls.py includes headway.progress.urls_rollover."""
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name, kwargs={"slug": "any-plan"})
    except NoReverseMatch:
        return False
    return True


if _is_wired("rollover:roll_forward"):
    # Administrators start the next plan; members of the plan may not (403), outsiders see no
    # plan at all (404). An empty form is redisplayed with its errors.
    _ADMINISTRATORS = _roles(LOGIN, 404, 403, 200)
    EXPECTATIONS |= {
        "rollover:roll_forward": Expect(kwargs=_plan, get=_ADMINISTRATORS, post=_ADMINISTRATORS),
        "rollover:years": read_page(_plan),
    }

# =============================================================================================
# REPORTS: committee reports (headway/reports/urls.py). Drafting, editing and publishing are for
# the plan lead and administrators; members read published reports; outsiders get 404 and
# anonymous visitors sign in (public reports are off by default). The report here is a draft.
# =============================================================================================


def _draft_report(w: World) -> dict[str, Any]:
    from headway.reports.models import CommitteeReport

    report, _ = CommitteeReport.objects.get_or_create(
        plan=w.plan, round=w.round, state="draft", defaults={"title": "Matrix report"}
    )
    return {"pk": report.pk}


_REPORT_DRAFTERS = _roles(LOGIN, 404, 403, 200) | {"lead": 200}
_REPORT_DRAFTERS_REDIRECT = _roles(LOGIN, 404, 403, REDIRECT) | {"lead": REDIRECT}

EXPECTATIONS |= {
    "reports:list": read_page(_plan),
    # An empty form is redisplayed with its errors.
    "reports:create": Expect(kwargs=_plan, get=_REPORT_DRAFTERS, post=_REPORT_DRAFTERS),
    "reports:report": Expect(kwargs=_draft_report, get=_REPORT_DRAFTERS, post=ALL_405),
    "reports:edit": Expect(kwargs=_draft_report, get=_REPORT_DRAFTERS, post=_REPORT_DRAFTERS),
    # POST-only actions: without a version (redraft) or on a draft (new edition) they redirect
    # back with a message.
    "reports:redraft": Expect(kwargs=_draft_report, get=ALL_405, post=_REPORT_DRAFTERS_REDIRECT),
    "reports:new_edition": Expect(
        kwargs=_draft_report, get=ALL_405, post=_REPORT_DRAFTERS_REDIRECT
    ),
    "reports:publish": Expect(kwargs=_draft_report, get=_REPORT_DRAFTERS, post=_REPORT_DRAFTERS),
    "reports:download": Expect(
        kwargs=lambda w: {**_draft_report(w), "audience": "restricted", "fmt": "docx"},
        get=_REPORT_DRAFTERS,
        post=ALL_405,
    ),
    # The council's Word templates and the organisation's defaults: administrators only. An
    # empty upload is redisplayed with its error (400); empty defaults are saved (REDIRECT).
    "reports:word_templates": Expect(
        kwargs=lambda w: {}, get=_roles(LOGIN, 403, 403, 200), post=_roles(LOGIN, 403, 403, 400)
    ),
    "reports:word_template_remove": Expect(
        kwargs=lambda w: {"pk": 987654}, get=ALL_405, post=_roles(LOGIN, 403, 403, 404)
    ),
    "reports:defaults": Expect(
        kwargs=lambda w: {},
        get=_roles(LOGIN, 403, 403, 200),
        post=_roles(LOGIN, 403, 403, REDIRECT),
    ),
    # A plan's defaults: its lead and administrators.
    "reports:plan_defaults": Expect(
        kwargs=_plan,
        get=_roles(LOGIN, 404, 403, 200) | {"lead": 200},
        post=_roles(LOGIN, 404, 403, REDIRECT) | {"lead": REDIRECT},
    ),
}


# The body pages (sections and paragraphs) of a draft, of a plan's defaults and of the
# organisation's. A body with one section and one paragraph, of known ids, is made for the draft;
# the defaults show Headway's sections, whose ids are by position ("00000001" the first section,
# "00000002" its first paragraph). Empty forms are redisplayed with their errors (400); an empty
# move or removal goes back to the page with a message (REDIRECT).
_SECTION_ID, _BLOCK_ID = "0000000a", "0000000b"


def _draft_with_body(w: World) -> dict[str, Any]:
    from headway.reports.models import CommitteeReport

    kwargs = _draft_report(w)
    CommitteeReport.objects.filter(pk=kwargs["pk"], body=[]).update(
        body=[
            {
                "id": _SECTION_ID,
                "heading": "Reason for report",
                "numbered": True,
                "blocks": [
                    {
                        "id": _BLOCK_ID,
                        "kind": "officer",
                        "source": "",
                        "text": "Why.",
                        "exempt": False,
                    }
                ],
            }
        ]
    )
    return kwargs


_DRAFTERS_400 = _roles(LOGIN, 404, 403, 400) | {"lead": 400}
_ADMINS = _roles(LOGIN, 403, 403, 200)
_ADMINS_400 = _roles(LOGIN, 403, 403, 400)
_PLAN_LEADS = _roles(LOGIN, 404, 403, 200) | {"lead": 200}
_PLAN_LEADS_400 = _roles(LOGIN, 404, 403, 400) | {"lead": 400}

EXPECTATIONS |= {
    "reports:body": Expect(kwargs=_draft_with_body, get=_REPORT_DRAFTERS, post=ALL_405),
    "reports:body_action": Expect(
        kwargs=_draft_with_body, get=ALL_405, post=_REPORT_DRAFTERS_REDIRECT
    ),
    "reports:body_block": Expect(
        kwargs=lambda w: {**_draft_with_body(w), "block_id": _BLOCK_ID},
        get=_REPORT_DRAFTERS,
        post=_DRAFTERS_400,
    ),
    "reports:body_add": Expect(
        kwargs=_draft_with_body,
        query=f"section={_SECTION_ID}",
        get=_REPORT_DRAFTERS,
        post=_DRAFTERS_400,
    ),
    "reports:body_section": Expect(
        kwargs=_draft_with_body, get=_REPORT_DRAFTERS, post=_DRAFTERS_400
    ),
    "reports:defaults_body": Expect(kwargs=lambda w: {}, get=_ADMINS, post=ALL_405),
    "reports:defaults_body_action": Expect(
        kwargs=lambda w: {}, get=ALL_405, post=_roles(LOGIN, 403, 403, REDIRECT)
    ),
    "reports:defaults_body_block": Expect(
        kwargs=lambda w: {"block_id": "00000002"}, get=_ADMINS, post=_ADMINS_400
    ),
    "reports:defaults_body_add": Expect(
        kwargs=lambda w: {}, query="section=00000001", get=_ADMINS, post=_ADMINS_400
    ),
    "reports:defaults_body_section": Expect(kwargs=lambda w: {}, get=_ADMINS, post=_ADMINS_400),
    "reports:plan_defaults_body": Expect(kwargs=_plan, get=_PLAN_LEADS, post=ALL_405),
    "reports:plan_defaults_body_action": Expect(
        kwargs=_plan, get=ALL_405, post=_roles(LOGIN, 404, 403, REDIRECT) | {"lead": REDIRECT}
    ),
    "reports:plan_defaults_body_block": Expect(
        kwargs=lambda w: {**_plan(w), "block_id": "00000002"},
        get=_PLAN_LEADS,
        post=_PLAN_LEADS_400,
    ),
    "reports:plan_defaults_body_add": Expect(
        kwargs=_plan, query="section=00000001", get=_PLAN_LEADS, post=_PLAN_LEADS_400
    ),
    "reports:plan_defaults_body_section": Expect(
        kwargs=_plan, get=_PLAN_LEADS, post=_PLAN_LEADS_400
    ),
}

# =============================================================================================
# SETTING A PLAN UP (headway/plans/views_setup.py, views_people.py): administrators create plans;
# administrators and the plan's lead set one up. Members without the lead role get 403,
# outsiders see no plan (404). An empty POST redisplays the question with its error; a page of
# answers not given yet sends back to the first question (REDIRECT).
# =============================================================================================
_SETUP = _roles(LOGIN, 404, 403, 200) | {"lead": 200}
_SETUP_FIRST = _roles(LOGIN, 404, 403, REDIRECT) | {"lead": REDIRECT}
_CREATOR_FIRST = _roles(LOGIN, 403, 403, REDIRECT)


def _membership(role: str) -> Callable[[World], dict[str, Any]]:
    def kwargs(w: World) -> dict[str, Any]:
        membership = w.plan.memberships.get(user=w.users[role])
        return {"slug": w.plan.slug, "pk": membership.pk}

    return kwargs


EXPECTATIONS |= {
    "plans:plan_new": Expect(kwargs=lambda w: {}, get=_CREATOR_FIRST, post=ALL_405),
    "plans:plan_new_step": Expect(
        kwargs=lambda w: {"step": "title"}, get=_CREATOR_FIRST, post=_CREATOR_FIRST
    ),
    "plans:plan_new_check": Expect(kwargs=lambda w: {}, get=_CREATOR_FIRST, post=_CREATOR_FIRST),
    "plans:manage": Expect(kwargs=_plan, get=_SETUP, post=ALL_405),
    "plans:details": Expect(kwargs=_plan, get=_SETUP, post=_SETUP),
    "plans:details_step": Expect(
        kwargs=lambda w: {"slug": w.plan.slug, "step": "title"}, get=_SETUP, post=_SETUP
    ),
    "plans:areas": Expect(kwargs=_plan, get=_SETUP, post=ALL_405),
    "plans:area_add": Expect(kwargs=_plan, get=_SETUP, post=_SETUP),
    "plans:area_change": Expect(
        kwargs=lambda w: {"slug": w.plan.slug, "pk": w.area.pk}, get=_SETUP, post=_SETUP
    ),
    "plans:rounds": Expect(kwargs=_plan, get=_SETUP, post=ALL_405),
    "plans:round_open": Expect(kwargs=_plan, get=_SETUP, post=_SETUP),
    "plans:round_open_check": Expect(kwargs=_plan, get=_SETUP_FIRST, post=_SETUP_FIRST),
    "plans:people": Expect(kwargs=_plan, get=_SETUP, post=ALL_405),
    "plans:person_add": Expect(kwargs=_plan, get=_SETUP, post=_SETUP),
    "plans:person_choose": Expect(kwargs=_plan, get=_SETUP_FIRST, post=_SETUP_FIRST),
    "plans:person_invite": Expect(kwargs=_plan, get=_SETUP_FIRST, post=_SETUP_FIRST),
    "plans:person_role": Expect(kwargs=_plan, get=_SETUP_FIRST, post=_SETUP_FIRST),
    "plans:person_check": Expect(kwargs=_plan, get=_SETUP_FIRST, post=_SETUP_FIRST),
    "plans:membership_role": Expect(kwargs=_membership("reader"), get=_SETUP, post=_SETUP),
    # The reader's role is taken away (then rolled back) by the lead or an administrator.
    "plans:membership_remove": Expect(
        kwargs=_membership("reader"),
        get=_SETUP,
        post=_roles(LOGIN, 404, 403, REDIRECT) | {"lead": REDIRECT},
    ),
    # An invitation's one-time link: anyone may open it; a bad link says it has expired.
    "password_set": Expect(
        kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"},
        get=dict.fromkeys(ROLES, 200),
        post=dict.fromkeys(ROLES, 200),
    ),
    "password_set_done": Expect(
        kwargs=lambda w: {}, get=dict.fromkeys(ROLES, 200), post=dict.fromkeys(ROLES, 405)
    ),
}


# =============================================================================================
# INDICATORS: the indicator page, entering values (its owner and delegates), the approval queue
# (plan lead, administrators), and the indicators' spreadsheets.
# Entries for headway/indicators/urls.py go below this line.
# =============================================================================================
def _indicator(w: World) -> Any:
    from headway.testing.factories import IndicatorFactory

    found = w.plan.indicators.filter(reference="PI 1").first()
    return found or IndicatorFactory(plan=w.plan, owner=w.users["owner"], reference="PI 1")


def _indicator_kwargs(w: World) -> dict[str, Any]:
    return {"slug": w.plan.slug, "pk": _indicator(w).pk}


def _value_kwargs(w: World) -> dict[str, Any]:
    return _indicator_kwargs(w) | {"period": "2013-03-01"}


def _submitted_value(w: World) -> dict[str, Any]:
    import datetime as dt

    from headway.plans.choices import UpdateState
    from headway.testing.factories import IndicatorValueFactory

    indicator = _indicator(w)
    value = indicator.values.filter(state=UpdateState.SUBMITTED).first() or IndicatorValueFactory(
        indicator=indicator, period=dt.date(2012, 9, 1), state=UpdateState.SUBMITTED
    )
    return {"slug": w.plan.slug, "pk": value.pk}


# Only the indicator's owner (and delegates) enter its values; nobody else, the lead included.
_ENTERERS = _roles(LOGIN, 404, 403, 403) | {"owner": 200}
_INDICATOR_IMPORTERS = _roles(LOGIN, 404, 403, 200) | {"lead": 200}

EXPECTATIONS |= {
    "indicators:indicator": read_page(_indicator_kwargs),
    # An empty POST redisplays the question with its error; nothing is saved.
    "indicators:value": Expect(kwargs=_value_kwargs, get=_ENTERERS, post=_ENTERERS),
    # Without a draft, check answers sends the owner back to the question.
    "indicators:value_check": Expect(
        kwargs=_value_kwargs,
        get=_ENTERERS | {"owner": REDIRECT},
        post=_ENTERERS | {"owner": REDIRECT},
    ),
    "indicators:approvals": Expect(kwargs=_plan, get=_DECIDERS, post=ALL_405),
    "indicators:decide": Expect(kwargs=_submitted_value, get=ALL_405, post=_DECIDERS),
    "spreadsheets:indicators_export": read_page(_plan),
    "spreadsheets:indicators_import": Expect(
        kwargs=_plan, get=_INDICATOR_IMPORTERS, post=_INDICATOR_IMPORTERS
    ),
}

EXPECTATIONS |= {
    # The plan lead says which months the open round collects; an empty POST shows its errors.
    "indicators:round_collection": Expect(kwargs=_plan, get=_DECIDERS, post=_DECIDERS),
}

EXPECTATIONS |= {
    # Setting indicators up (the plan lead, administrators). The way in and the question pages
    # of adding one lead to the first question while nothing is kept (a fresh session).
    "indicators:new": Expect(kwargs=_plan, get=_SETUP_FIRST, post=ALL_405),
    "indicators:new_step": Expect(
        kwargs=lambda w: {"slug": w.plan.slug, "step": "name"},
        get=_SETUP_FIRST,
        post=_SETUP_FIRST,
    ),
    "indicators:new_check": Expect(kwargs=_plan, get=_SETUP_FIRST, post=_SETUP_FIRST),
    # Changing nothing saves nothing; an empty POST to a question shows its errors.
    "indicators:details": Expect(kwargs=_indicator_kwargs, get=_SETUP, post=_SETUP),
    "indicators:details_step": Expect(
        kwargs=lambda w: _indicator_kwargs(w) | {"step": "name"}, get=_SETUP, post=_SETUP
    ),
    "indicators:targets": Expect(kwargs=_indicator_kwargs, get=_SETUP, post=ALL_405),
    "indicators:target": Expect(kwargs=_value_kwargs, get=_SETUP, post=_SETUP),
    "indicators:comparator": Expect(kwargs=_value_kwargs, get=_SETUP, post=_SETUP),
}
