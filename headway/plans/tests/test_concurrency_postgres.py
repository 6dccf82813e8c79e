"""Twenty people at once on the same actions: no update lost or duplicated, stale saves refused.

Runs on PostgreSQL only, where threads really write in parallel (SQLite serialises every writer,
so the race this guards against cannot happen there). CI runs the suite on both databases; the
PostgreSQL run covers this file.
"""

import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from headway.core.concurrency import StaleVersionError
from headway.plans.assessment import Assessment
from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.services import progress_update_save_draft, progress_update_submit
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    ReviewRoundFactory,
    UserFactory,
)

# SQLite serialises writers, so concurrency is tested in the PostgreSQL run of the suite.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]

THREADS = 20
ACTIONS = 4
EDITS_PER_THREAD = 5
TIMEOUT = 60  # seconds; a deadlock fails the test instead of hanging the suite


@pytest.fixture
def world(plan, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast set-up
    area = OutcomeAreaFactory(plan=plan, number=1)
    round_ = ReviewRoundFactory(plan=plan)
    people = []
    for n in range(THREADS):
        person = UserFactory(username=f"owner{n}")
        MembershipFactory(plan=plan, user=person, role=PlanRole.OWNER)
        people.append(person)
    actions = [
        ActionFactory(plan=plan, area=area, reference=f"1.{i + 1}", owner=people[i])
        for i in range(ACTIONS)
    ]
    for n, person in enumerate(people):
        actions[n % ACTIONS].delegates.add(person)
    return round_, actions, people


def run_together(work: Callable[[int, threading.Barrier], Any]) -> list[Any]:
    """Run ``work(thread_number, barrier)`` in THREADS threads; return what each returned."""
    barrier = threading.Barrier(THREADS, timeout=TIMEOUT)
    results: list[Any] = [None] * THREADS
    errors: list[BaseException] = []

    def target(n: int) -> None:
        try:
            results[n] = work(n, barrier)
        except BaseException as exc:  # surfaced below, with the thread's own traceback
            errors.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    if errors:
        raise errors[0]
    return results


def assessment(n: int) -> Assessment:
    return Assessment.single(list(Status)[n % len(Status)])


def test_twenty_people_starting_updates_at_once_make_exactly_one_per_action(world):
    round_, actions, people = world

    def start(n: int, barrier: threading.Barrier) -> str:
        action = actions[n % ACTIONS]
        barrier.wait()
        try:
            progress_update_save_draft(
                action=action, round=round_, by=people[n], assessment=assessment(n),
                narrative=f"started by {n}",
            )  # fmt: skip
        except ValidationError as exc:
            assert "already has an update in progress" in " ".join(exc.messages)
            return "refused"
        return "started"

    outcomes = run_together(start)

    assert Counter(outcomes) == {"started": ACTIONS, "refused": THREADS - ACTIONS}
    per_action = Counter(ProgressUpdate.objects.values_list("action_id", flat=True))
    assert per_action == dict.fromkeys((a.pk for a in actions), 1)
    for update in ProgressUpdate.objects.all():
        starter = int(update.narrative.removeprefix("started by "))
        assert actions[starter % ACTIONS].pk == update.action_id
        assert update.author_id == people[starter].pk


def test_concurrent_edits_lose_nothing_and_refuse_every_stale_save(world):
    round_, actions, people = world
    for i, action in enumerate(actions):
        progress_update_save_draft(
            action=action, round=round_, by=people[i], assessment=assessment(0), narrative="v1"
        )

    def edit(n: int, barrier: threading.Barrier) -> list[tuple]:
        action = actions[n % ACTIONS]
        log = []
        for attempt in range(EDITS_PER_THREAD):
            draft = ProgressUpdate.objects.get(action=action, round=round_)
            barrier.wait()  # everyone has read the same version …
            narrative = f"thread {n} attempt {attempt}"
            try:
                saved = progress_update_save_draft(
                    action=action, round=round_, by=people[n], assessment=assessment(n),
                    narrative=narrative, draft=draft, expected_version=draft.version,
                )  # fmt: skip
                log.append(("saved", action.pk, attempt, draft.version, saved.version, narrative))
            except StaleVersionError as exc:
                assert exc.current.version > draft.version
                log.append(("stale", action.pk, attempt, draft.version, exc.current.version, ""))
            barrier.wait()  # … and every save of this attempt is over before the next read
        return log

    log = [entry for entries in run_together(edit) for entry in entries]

    saved = [e for e in log if e[0] == "saved"]
    stale = [e for e in log if e[0] == "stale"]
    assert len(saved) + len(stale) == THREADS * EDITS_PER_THREAD
    # Exactly one save per action per attempt won; every other one was refused as stale.
    assert Counter((e[1], e[2]) for e in saved) == {
        (a.pk, attempt): 1 for a in actions for attempt in range(EDITS_PER_THREAD)
    }
    assert len(stale) == (THREADS - ACTIONS) * EDITS_PER_THREAD
    by_action = defaultdict(list)
    for _, action_id, attempt, read_version, new_version, narrative in saved:
        assert new_version == read_version + 1
        by_action[action_id].append((attempt, new_version, narrative))
    for action in actions:
        final = ProgressUpdate.objects.get(action=action, round=round_)
        accepted = sorted(by_action[action.pk])
        # No lost change: the versions run on without a gap, and the last save is what is stored.
        assert [version for _, version, _ in accepted] == list(range(2, EDITS_PER_THREAD + 2))
        assert final.version == 1 + EDITS_PER_THREAD
        assert final.narrative == accepted[-1][2]
        assert final.state == UpdateState.DRAFT
    assert ProgressUpdate.objects.count() == ACTIONS


def test_concurrent_submits_submit_each_draft_once(world):
    round_, actions, people = world
    for i, action in enumerate(actions):
        progress_update_save_draft(
            action=action, round=round_, by=people[i], assessment=assessment(i), narrative="v1"
        )

    def submit(n: int, barrier: threading.Barrier) -> str:
        draft = ProgressUpdate.objects.get(action=actions[n % ACTIONS], round=round_)
        barrier.wait()
        try:
            progress_update_submit(update=draft, by=people[n])
        except ValidationError as exc:
            assert "already been submitted" in " ".join(exc.messages)
            return "refused"
        return "submitted"

    outcomes = run_together(submit)

    assert Counter(outcomes) == {"submitted": ACTIONS, "refused": THREADS - ACTIONS}
    assert list(ProgressUpdate.objects.order_by().values_list("state", "version").distinct()) == [
        (UpdateState.SUBMITTED, 2)
    ]
    assert ProgressUpdate.objects.count() == ACTIONS
