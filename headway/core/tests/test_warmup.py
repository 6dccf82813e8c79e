"""The server's master process loads what workers would load on their first request, and
leaves nothing open that forked workers could share."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from headway.core import components
from headway.core.warmup import _template_names, warm


@pytest.mark.django_db(transaction=True)
def test_warming_loads_views_templates_and_components_and_closes_the_database(monkeypatch):
    from headway.core import warmup

    closed = []
    close_all = warmup.connections.close_all
    monkeypatch.setattr(warmup.connections, "close_all", lambda: closed.append(close_all()))
    connection.ensure_connection()
    warm()
    assert closed  # a forked worker opens its own
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):  # kept by tests
        assert connection.connection is None
    assert components._macro.cache_info().currsize >= 30  # every GOV.UK component
    assert "plans/plan.html" in _template_names()
    assert "base.html" in _template_names()


def test_gunicorn_preloads_and_warms_before_forking(monkeypatch):
    called = []
    monkeypatch.setattr("headway.core.warmup.warm", lambda: called.append(True))
    config = runpy.run_path(str(Path(settings.BASE_DIR, "config", "gunicorn.py")))
    assert config["preload_app"] is True
    config["when_ready"](server=None)
    assert called == [True]
