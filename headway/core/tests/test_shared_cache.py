"""The shared cache on Redis: every worker reads what another cached, sessions read through
it, and a Redis that stops answering degrades to computing the page, never to an error page.

Each test starts a Redis of its own on a free port (not the machine's), so stopping it harms
nothing else."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from headway.conftest import require_or_skip
from headway.testing.factories import ActionFactory, OutcomeAreaFactory

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis():
    server = shutil.which("redis-server")
    if server is None:
        require_or_skip("redis-server", "HEADWAY_REQUIRE_REDIS")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - our own redis-server, fixed arguments
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield {"port": port, "process": process}
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def shared_cache(own_redis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "headway.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{own_redis['port']}/0",
            "KEY_PREFIX": "test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "headway.core.sessions_cached"
    yield own_redis
    caches["default"].close()


def _stop(redis) -> None:
    redis["process"].kill()
    redis["process"].wait(timeout=10)


def test_what_one_worker_caches_another_reads(shared_cache):
    from django.core.cache.backends.redis import RedisCache

    caches["default"].set("fingerprint-key", {"html": "<p>computed once</p>"}, 60)
    # A second process is a second client on the same server.
    other = RedisCache(f"redis://127.0.0.1:{shared_cache['port']}/0", {"KEY_PREFIX": "test"})
    assert other.get("fingerprint-key") == {"html": "<p>computed once</p>"}


def test_a_redis_that_stops_answering_means_computed_pages_not_errors(
    shared_cache, client, plan, lead
):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Leadership")
    action = ActionFactory(plan=plan, area=area, reference="1.1", title="Strategy <vision>")
    client.force_login(lead)
    url = reverse("plans:plan", kwargs={"slug": plan.slug})
    cache = caches["default"]

    first = client.get(url)
    assert first.status_code == 200
    redis = cache._cache.get_client(write=False)
    assert any(key.startswith(b"test:") for key in redis.keys("*"))  # sections and session

    _stop(shared_cache)
    started = time.monotonic()
    second = client.get(url)
    again = client.get(reverse("plans:action", kwargs={"slug": plan.slug, "pk": action.pk}))

    assert second.status_code == 200
    assert plan.title in second.content.decode()
    assert again.status_code == 200
    assert "Strategy &lt;vision&gt;" in again.content.decode()
    assert cache.get("anything", "missing") == "missing"  # a miss, not an exception
    cache.set("anything", 1)  # skipped, not raised
    # The first failure waits one short timeout; then the cache rests instead of waiting again.
    assert time.monotonic() - started < 5


def test_signing_in_and_out_work_with_sessions_read_through_the_shared_cache(
    shared_cache, client, lead
):
    from headway.testing.factories import TEST_PASSWORD

    signed_in = client.post(
        reverse("login"), {"username": lead.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("home")).status_code == 200

    _stop(shared_cache)
    assert client.get(reverse("home")).status_code == 200  # the session, from the database

    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302  # signed out everywhere
