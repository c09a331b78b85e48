"""schemathesis against our OpenAPI schema, over real HTTP to ``mnkg serve`` on 127.0.0.1.

Every operation of /openapi.json is called with generated inputs (bounded: a few dozen examples
per operation, no shrinking beyond hypothesis' defaults); no answer may be a 5xx, and every
answer with a documented status must match its documented schema and content type.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="session")
def api_schema(live):
    return schemathesis.openapi.from_url(live.url + "/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case, live) -> None:
    # A 503 at the query time limit is documented behaviour for expensive generated inputs;
    # everything else 5xx is a bug.
    response = case.call(base_url=live.url, timeout=60)
    if response.status_code == 503:
        assert response.json()["error"]
        return
    case.validate_response(response, checks=CHECKS)


def test_the_schema_lists_the_domain_and_sparql_operations(live) -> None:
    paths = httpx.get(live.url + "/openapi.json").json()["paths"]
    for path in ("/sparql", "/queries", "/queries/{name}", "/localize", "/conditions", "/search"):
        assert path in paths
