"""Schemathesis fuzzes the API from its own OpenAPI schema: no server error, no off-schema answer.

It runs in-process against the Django WSGI application as an authenticated action owner (who
may also create drafts), with few examples per operation so the whole run stays short.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def schema():
    """The schema, loaded through the WSGI application as a client would.

    As Django's own test client does, the per-request connection closing is switched off: the
    test's transaction lives on the connection that the requests share.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_schema_is_openapi_3_and_lists_every_entity(world, client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    for name in ("plans", "areas", "actions", "milestones", "rounds", "updates", "risks"):
        assert f"/api/v1/{name}/" in document["paths"]
    assert "/api/v1/plans/{slug}/summary/" in document["paths"]


def test_fuzzing_the_api_from_its_schema_finds_no_error(world, owner, schema):
    token = f"Token {Token.objects.get_or_create(user=owner)[0].key}"
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        fixed = {"slug": world["plan"].slug} if "{slug}" in operation.path else None
        strategy = operation.as_strategy(headers={"Authorization": token}, path_parameters=fixed)

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        call()
