"""The content stamp moves with every committed change to the records, however it was written,
and with nothing else."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone

from headway.core import changes
from headway.core.changes import content_stamp
from headway.plans.models import Action, OutcomeArea
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    RiskFactory,
    UserFactory,
)


@pytest.fixture
def area(plan):
    return OutcomeAreaFactory(plan=plan, number=1)


@pytest.mark.django_db
def test_every_way_of_writing_moves_the_stamp(area, owner):
    action = ActionFactory(plan=area.plan, area=area, reference="1.1", owner=owner)
    risk = RiskFactory(action=action)
    writes = {
        "save": lambda: ActionFactory(plan=area.plan, area=area, reference="1.2"),
        "edit": lambda: setattr(action, "title", "Renamed") or action.save(),
        "queryset update": lambda: Action.objects.filter(pk=action.pk).update(title="Again"),
        "bulk create": lambda: OutcomeArea.objects.bulk_create(
            [OutcomeArea(plan=area.plan, number=n, title=f"Area {n}") for n in (7, 8)]
        ),
        "bulk update": lambda: Action.objects.bulk_update(
            [Action(pk=action.pk, title="Bulk")], ["title"]
        ),
        "many-to-many": lambda: risk.actions.add(
            ActionFactory(plan=area.plan, area=area, reference="1.3")
        ),
        "queryset delete": lambda: OutcomeArea.objects.filter(number__in=(7, 8)).delete(),
        "raw SQL": lambda: connection.cursor().execute(
            "UPDATE risks_risk SET title = %s WHERE id = %s", ["Raw", risk.pk]
        ),
        "a person's name": lambda: (
            get_user_model().objects.filter(pk=owner.pk).update(first_name="Renamed")
        ),
    }
    previous = content_stamp()
    for name, write in writes.items():
        write()
        now = content_stamp()
        assert now != previous, name
        assert content_stamp() == now, name  # stable while nothing changes
        previous = now


@pytest.mark.django_db
def test_writes_that_show_nowhere_leave_it_alone(owner):
    before = content_stamp()
    Session.objects.create(session_key="x" * 32, session_data="e30=", expire_date=timezone.now())
    owner.last_login = timezone.now()
    owner.save(update_fields=["last_login"])  # what signing in writes
    assert content_stamp() == before


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_it_alone_and_a_savepoint_rollback_is_undone(area):
    before = content_stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        ActionFactory(plan=area.plan, area=area, reference="9.9")
        raise RuntimeError
    assert content_stamp() == before

    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            ActionFactory(plan=area.plan, area=area, reference="9.8")
            raise RuntimeError  # the change row goes with the savepoint...
        ActionFactory(plan=area.plan, area=area, reference="9.7")  # ...so this writes its own
    assert content_stamp() != before


@pytest.mark.django_db
def test_one_row_per_transaction_and_the_log_stays_small(area, monkeypatch):
    from headway.core.models import Change

    content_stamp()  # a reader: this connection's next write is a new change
    before = Change.objects.count()
    with transaction.atomic():
        for n in range(5):
            ActionFactory(plan=area.plan, area=area, reference=f"2.{n}")
    assert Change.objects.count() == before + 1

    monkeypatch.setattr(changes, "KEEP", 3)
    monkeypatch.setattr(changes.secrets, "randbelow", lambda n: 0)  # tidy on every write
    for n in range(6):
        content_stamp()
        ActionFactory(plan=area.plan, area=area, reference=f"3.{n}")
    assert Change.objects.count() <= 4


@pytest.mark.postgresql  # SQLite's shared in-memory test database locks whole tables
@pytest.mark.django_db(transaction=True)
def test_another_connection_sees_the_new_stamp_only_once_the_change_is_committed(area):
    seen: dict[str, str] = {}

    def read(name: str) -> None:
        try:
            seen[name] = content_stamp()
        finally:
            connection.close()

    def from_another_connection(name: str) -> str:
        thread = threading.Thread(target=read, args=(name,))
        thread.start()
        thread.join()
        return seen[name]

    before = from_another_connection("before")
    with transaction.atomic():
        OutcomeAreaFactory(plan=area.plan, number=5)
        UserFactory()
        during = from_another_connection("during")
    after = from_another_connection("after")
    assert during == before
    assert after != before
