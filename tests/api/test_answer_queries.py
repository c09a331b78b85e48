"""The domain answers' SPARQL lives in ``queries/answers/*.rq``: each file is read by the
registry, parses as SPARQL, names only graphs of the release, and never shows up in /queries;
several-row VALUES blocks are bound with pyoxigraph terms."""

from __future__ import annotations

import re

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions
from pyoxigraph import Store as MemoryStore

from mnkg.kg.answers.binding import inject_rows, values_rows
from mnkg.kg.answers.lookup import answer_query
from mnkg.kg.iris import GRAPH_BASE, Graph
from mnkg.queries.registry import load_answer_queries, load_registry

ANSWER_QUERIES = load_answer_queries()
RELEASE_GRAPHS = {v for k, v in vars(Graph).items() if k.isupper()}


def test_the_answer_queries_are_files_the_registry_reads() -> None:
    names = set(ANSWER_QUERIES.names())
    assert {"labels", "term-outgoing", "conditions-hpo-signs", "mapping-rows"} <= names
    assert not names & set(load_registry().names()), "answers are not named queries"


@pytest.mark.parametrize("name", ANSWER_QUERIES.names())
def test_each_answer_query_parses_and_names_release_graphs(name: str) -> None:
    sparql = answer_query(name)
    result = MemoryStore().query(sparql)  # a syntax error raises here
    assert isinstance(result, QuerySolutions)
    graphs = {GRAPH_BASE + g for g in re.findall(r"\bmg:([a-z-]+)", sparql)}
    assert graphs <= RELEASE_GRAPHS
    if graphs:
        assert f"PREFIX mg: <{GRAPH_BASE}>" in sparql


def test_the_api_lists_no_answer_query(http: httpx.Client) -> None:
    listed = {q["name"] for q in http.get("/queries").json()["queries"]}
    assert listed == set(load_registry().names())
    assert http.get("/queries/term-outgoing").status_code == 404


def test_rows_bind_one_variable_to_several_terms() -> None:
    store = MemoryStore()
    a, b, c = (NamedNode(f"http://example.org/{n}") for n in "abc")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for node, text in ((a, "A"), (b, "B"), (c, "C")):
        store.add(Quad(node, label, Literal(text)))
    sparql = inject_rows(answer_query("labels"), "t", [a, c])
    rows = {s["t"].value: s["label"].value for s in store.query(sparql)}  # type: ignore[union-attr]
    assert rows == {a.value: "A", c.value: "C"}
    none = inject_rows(answer_query("labels"), "t", [])
    assert list(store.query(none)) == []  # type: ignore[arg-type]


def test_rows_go_inside_a_group_that_opens_with_its_own_values() -> None:
    sparql = inject_rows(
        answer_query("conditions-curated-signs"), "condition", [NamedNode("urn:x")]
    )
    MemoryStore().query(sparql)
    head = sparql[sparql.index("WHERE {") :]
    assert head.startswith("WHERE { VALUES ?condition { <urn:x> }")


@pytest.mark.parametrize(
    ("variable", "terms", "error"),
    [
        ("t } ?s ?p ?o {", [NamedNode("urn:x")], ValueError),
        ("t", ["<urn:x> } DROP ALL {"], TypeError),
        ("t", [None], TypeError),
    ],
)
def test_rows_refuse_what_is_not_a_variable_or_a_term(
    variable: str, terms: list[object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        values_rows(variable, terms)  # type: ignore[arg-type]


def test_literals_are_escaped_by_pyoxigraph() -> None:
    block = values_rows("o", [Literal('ICD10CM:G12.21" } ; DROP ALL #')])
    assert block == 'VALUES ?o { "ICD10CM:G12.21\\" } ; DROP ALL #" }'
