"""Texts that differ only in their IRIs share one real parse (kg/store/parse.py ``skeleton``),
and what the checks refuse is refused exactly as before, with the IRIs the client wrote."""

from __future__ import annotations

import asyncio
import re

import pytest
from fastapi.testclient import TestClient

from mnkg.kg.settings import Settings
from mnkg.kg.store import parse
from mnkg.kg.store.base import FederationDisabled, QuerySyntaxError
from mnkg.kg.store.lookup_plan import slot
from mnkg.kg.store.parse import check, shape_of, skeleton, slot_iris

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
LOOKUP = "SELECT ?o WHERE {{ <http://example.org/term/{}> " + LABEL + " ?o }}"


def shape(text: str) -> parse.QueryShape:
    return shape_of("query", text, timeout=60)


class _NoGrammar:
    """Stands in for the grammar process: any parse request fails the test."""

    def call(self, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"a parse was requested: {args!r}")

    async def acall(self, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"a parse was requested: {args!r}")


def test_the_skeleton_replaces_plain_iris_and_keeps_the_rest() -> None:
    text = LOOKUP.format("A1")
    assert skeleton(text) == (
        f"SELECT ?o WHERE {{ {slot(0)} <http://www.w3.org/2000/01/rdf-schema#label> ?o }}"
    )
    two = "ASK { <http://example.org/a> <http://example.org/b> <http://example.org/a> }"
    assert skeleton(two) == f"ASK {{ {slot(0)} {slot(1)} {slot(2)} }}"  # numbered in order
    a, b = "http://example.org/a", "http://example.org/b"
    assert slot_iris(two) == [a, b, a]
    assert skeleton("ASK { ?s ?p ?o }") is None  # no IRI: the text itself is the key
    assert skeleton(r"ASK { <http://example.org/a> ?p 'a\'b' }") is None  # an escape


def test_lookups_of_different_terms_share_one_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    first = shape(LOOKUP.format("shared-first"))
    assert first.problem is None and first.form == "query"
    monkeypatch.setattr(parse._GRAMMAR, "pool", _NoGrammar)
    for index in range(50):  # would each be a parse without the skeleton
        assert shape(LOOKUP.format(f"shared-{index}")) == first


def test_the_event_loop_path_shares_the_parse_too(monkeypatch: pytest.MonkeyPatch) -> None:
    async def shapes() -> tuple[parse.QueryShape, parse.QueryShape]:
        first = await parse.ashape_of("query", LOOKUP.format("async-first"), timeout=60)
        monkeypatch.setattr(parse._GRAMMAR, "pool", _NoGrammar)
        return first, await parse.ashape_of("query", LOOKUP.format("async-2"), timeout=60)

    first, second = asyncio.run(shapes())
    assert second == first


@pytest.mark.parametrize("endpoint", ["http://one.example/sparql", "http://two.example/sparql"])
def test_service_is_refused_naming_the_endpoint_the_client_wrote(endpoint: str) -> None:
    text = f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ <http://example.org/x> ?p ?o }} }}"
    assert shape(text).services == (endpoint,)
    with pytest.raises(FederationDisabled, match=endpoint):
        check(shape(text), Settings())


def test_escaped_service_with_varying_iris_is_still_refused() -> None:
    for term in ("e1", "e2"):
        text = (
            r"SELECT * WHERE { \u0053ERVICE <http://evil.example/s> "
            f"{{ <http://example.org/{term}> ?p ?o }} }}"
        )
        with pytest.raises(FederationDisabled, match=r"evil\.example"):
            check(shape(text), Settings())


def test_from_names_the_graphs_of_each_text() -> None:
    for graph in ("http://example.org/g1", "http://example.org/g2"):
        assert shape(f"SELECT * FROM <{graph}> WHERE {{ ?s ?p ?o }}").dataset == (graph,)


def test_a_syntax_error_points_into_the_text_the_client_sent() -> None:
    long_iri = "http://example.org/" + "a" * 80
    text = f"SELECT * WHERE {{ <{long_iri}> ?p ?o }} LIMT 3"
    with pytest.raises(QuerySyntaxError) as raised:
        check(shape(text), Settings())
    assert raised.value.detail["column"] == text.index("LIMT") + 1  # type: ignore[index]


def test_casts_and_unknown_functions_are_judged_on_the_real_iris() -> None:
    cast = (
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
        "SELECT (xsd:integer(?o) AS ?n) WHERE { <http://example.org/c1> ?p ?o }"
    )
    check(shape(cast), Settings())  # allowed, although its skeleton names another function
    unknown = (
        "PREFIX ex: <http://example.org/fn/> "
        "SELECT (ex:f(?o) AS ?n) WHERE { <http://example.org/c1> ?p ?o }"
    )
    with pytest.raises(QuerySyntaxError, match=re.escape("http://example.org/fn/f")):
        check(shape(unknown), Settings())


def test_deep_nesting_next_to_a_plain_iri_is_refused() -> None:
    deep = "SELECT * WHERE " + "{" * 400 + " <http://example.org/d> ?p ?o " + "}" * 400
    assert shape(deep).depth > parse.MAX_TREE_DEPTH


def test_lookups_of_many_terms_answer_over_http(client: TestClient) -> None:
    for term in ("ConditionA", "ConditionC", "ConditionB"):
        text = f"SELECT ?o WHERE {{ <http://example.org/{term}> {LABEL} ?o }}"
        rows = client.get("/sparql", params={"query": text}).json()["results"]["bindings"]
        expected = {"ConditionA": ["condition A"], "ConditionC": ["condition C"]}.get(term, [])
        assert [row["o"]["value"] for row in rows] == expected
