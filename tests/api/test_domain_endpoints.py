"""GET /conditions, /terms, /search and /version over the real release, through HTTP."""

from __future__ import annotations

import json

import httpx
import pytest
from helpers.api_vocab import ALS, BELL, MD, MG, PBP, PLS, POLIO, SMA, sign
from helpers.curated_counts import expected_curated_counts

from mnkg.kg import (
    ConditionsAnswer,
    LocalizeAnswer,
    MappingsAnswer,
    QueryList,
    SearchPage,
    TermPage,
    VersionInfo,
    compress,
    expand,
)
from mnkg.queries.registry import load_registry


def conditions(http: httpx.Client, pattern: str, **params: str) -> dict:
    response = http.get("/conditions", params={"pattern": pattern, **params})
    assert response.status_code == 200, response.text
    return response.json()


def mondo_ids(condition: dict) -> set[str]:
    return {c for c in [condition["id"], *condition["xrefs"]] if c.startswith("MONDO:")}


def test_conditions_lmn_shape_and_domain(http: httpx.Client) -> None:
    body = conditions(http, "LMN")
    assert body["pattern"] == "LMN"
    for condition in body["conditions"]:
        assert {"id", "label", "xrefs", "patterns", "evidence"} <= set(condition)
        assert "LMN" in condition["patterns"]
        assert set(condition["patterns"]) <= {"UMN", "LMN"}
        assert condition["evidence"]
        assert all(isinstance(x, str) and ":" in x for x in condition["xrefs"])
    found = set().union(*(mondo_ids(c) for c in body["conditions"]))
    assert {ALS, POLIO, BELL, SMA, PBP} <= found
    assert not {PLS, MG, MD} & found


def test_conditions_lmn_agree_with_the_named_query(http: httpx.Client) -> None:
    by_api = {c["id"] for c in conditions(http, "LMN")["conditions"]}
    table = http.get("/queries/conditions-with-lmn-signs").json()["rows"]
    assert {r["condition"] for r in table} <= by_api


def test_conditions_umn_and_mixed(http: httpx.Client) -> None:
    umn = {c["id"] for c in conditions(http, "UMN")["conditions"]}
    mixed = conditions(http, "mixed")["conditions"]
    assert {ALS, PLS} <= umn and not {MG, MD, BELL} & umn
    assert ALS in {c["id"] for c in mixed}
    assert PLS not in {c["id"] for c in mixed}
    assert all(c["patterns"] == ["UMN", "LMN"] for c in mixed)


def test_condition_evidence_names_the_sign_or_site_and_its_provenance(http: httpx.Client) -> None:
    als = next(c for c in conditions(http, "LMN")["conditions"] if c["id"] == ALS)
    kinds = {(e["level"], e["kind"]) for e in als["evidence"]}
    assert {("LMN", "sign"), ("UMN", "sign"), ("LMN", "site")} <= kinds
    fasciculations = [e for e in als["evidence"] if e["id"] == sign("Fasciculations")]
    assert fasciculations and fasciculations[0]["label"] == "Fasciculations"
    assert any(e["has_evidence"] for e in als["evidence"]), "curated evidence codes"


def test_conditions_over_hpo_annotations(http: httpx.Client) -> None:
    body = conditions(http, "LMN", source="hpo")
    ids = {c["id"] for c in body["conditions"]}
    assert any(i.startswith("OMIM:") for i in ids) and any(i.startswith("ORPHA:") for i in ids)
    als1 = next(c for c in body["conditions"] if c["id"] == "OMIM:105400")
    assert "MONDO:0007103" in als1["xrefs"]  # ALS type 1: its MONDO ID is among its xrefs
    sign_evidence = [e for e in als1["evidence"] if e["kind"] == "sign"]
    assert sign("Fasciculations") in {e["id"] for e in sign_evidence}
    assert all(e["has_evidence"] for e in sign_evidence)
    assert {"UMN", "LMN"} <= set(als1["patterns"])  # spasticity, hyperreflexia too
    orpha_als = next(c for c in body["conditions"] if c["id"] == "ORPHA:803")
    frequencies = [e["frequency"] for e in orpha_als["evidence"]]
    assert any(f is not None and 0 < f <= 1 for f in frequencies)


def test_term_page_of_als(http: httpx.Client) -> None:
    page = http.get(f"/terms/{ALS}").json()
    assert page["id"] == ALS and page["label"] == "amyotrophic lateral sclerosis"
    assert "ALS" in {s["text"] for s in page["synonyms"]}
    parents = {p["id"]: p for p in page["parents"]}
    assert parents["MNKG:0000402"]["inferred"] is True  # mixed UMN+LMN disorder, by the reasoner
    assert all(p["asserted"] != p["inferred"] for p in page["parents"])
    assert "ICD10CM:G12.21" in {m["id"] for m in page["mappings"]}
    edges = {(e["predicate"], e["id"]) for e in page["outgoing"]}
    assert ("RO:0002200", sign("Fasciculations")) in edges
    assert ("RO:0004026", "UBERON:0002257") in edges
    children = {c["id"] for c in page["children"]}
    assert "MONDO:0007103" in children


def test_term_page_shows_the_mondo_hierarchy(http: httpx.Client) -> None:
    """MONDO's own parents, from the MONDO release (the import module), up to 'disease'."""
    parents = {p["id"]: p for p in http.get(f"/terms/{ALS}").json()["parents"]}
    assert parents["MONDO:0020128"]["asserted"] is True  # motor neuron disorder
    assert parents["MONDO:0020128"]["label"] == "motor neuron disorder"
    page = http.get("/terms/MONDO:0020128").json()
    assert ALS in {c["id"] for c in page["children"]}


def test_sparql_walks_the_disease_hierarchy(http: httpx.Client) -> None:
    """'All motor neuron disorders' is one property path over MONDO's subclass edges."""
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX obo: <http://purl.obolibrary.org/obo/> "
        "SELECT DISTINCT ?d WHERE { ?d rdfs:subClassOf+ obo:MONDO_0020128 . "
        "?d rdfs:subClassOf+ obo:MONDO_0000001 }"
    )
    response = http.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200
    found = {b["d"]["value"] for b in response.json()["results"]["bindings"]}
    expected = {ALS, PLS, POLIO, "MONDO:0018687", "MONDO:0019079", "MONDO:0007103"}
    assert {f"http://purl.obolibrary.org/obo/MONDO_{c.split(':')[1]}" for c in expected} <= found
    assert "http://purl.obolibrary.org/obo/MONDO_0009688" not in found  # myasthenia gravis


def test_term_page_by_iri_and_by_external_code(http: httpx.Client) -> None:
    by_curie = http.get(f"/terms/{ALS}").json()
    by_iri = http.get("/terms/http://purl.obolibrary.org/obo/MONDO_0004976").json()
    by_code = http.get("/terms/ICD10CM:G12.21").json()
    assert by_curie == by_iri == by_code


def test_term_page_of_a_sign_marks_inferred_parents(http: httpx.Client) -> None:
    page = http.get(f"/terms/{sign('Fasciculations')}").json()
    parents = {p["id"]: p for p in page["parents"]}
    assert parents["MNKG:0000301"]["inferred"] is True
    assert any(p["asserted"] for p in page["parents"])
    assert page["incoming_total"] >= len(page["incoming"]) > 0


def test_post_terms_batch(http: httpx.Client) -> None:
    response = http.post("/terms", json={"ids": [ALS, "HP:0002380", "MONDO:0004977"]})
    assert response.status_code == 200
    body = response.json()
    assert [t["id"] for t in body["terms"]] == [ALS, "HP:0002380"]
    assert body["errors"][0]["id"] == "MONDO:0004977" and body["errors"][0]["status"] == 404


def test_search_exact_first_and_cursor_paging(http: httpx.Client) -> None:
    first = http.get("/search", params={"q": "fasciculations", "limit": 3}).json()
    assert first["results"][0]["id"] == sign("Fasciculations")
    assert first["results"][0]["match_type"] == "exact label"
    assert first["total"] > 3 and first["next_cursor"]
    seen = [r["id"] for r in first["results"]]
    cursor = first["next_cursor"]
    while cursor:
        page = http.get(
            "/search", params={"q": "fasciculations", "limit": 3, "cursor": cursor}
        ).json()
        seen += [r["id"] for r in page["results"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == first["total"]


def test_search_finds_synonyms(http: httpx.Client) -> None:
    results = http.get("/search", params={"q": "Lou Gehrig disease"}).json()["results"]
    assert results and results[0]["id"] == ALS
    assert results[0]["match_type"] == "exact synonym"
    hp_only = http.get("/search", params={"q": "babinski", "prefix": "HP"}).json()["results"]
    assert hp_only and all(r["id"].startswith("HP:") for r in hp_only)


def test_search_cursor_of_another_query_is_refused(http: httpx.Client) -> None:
    cursor = http.get("/search", params={"q": "fasciculations", "limit": 1}).json()["next_cursor"]
    response = http.get("/search", params={"q": "spasticity", "cursor": cursor})
    assert response.status_code == 400


def test_version(http: httpx.Client) -> None:
    body = http.get("/version").json()
    assert body["ontology"]["versionIRI"].startswith("https://w3id.org/mnkg/releases/")
    assert body["release"]
    versions = {s["iri"]: s["version"] for s in body["sources"]}
    assert any("hp" in iri and v for iri, v in versions.items())
    assert any("mondo" in iri and v for iri, v in versions.items())


def test_version_counts_the_curated_content(http: httpx.Client) -> None:
    """Conditions, signs, sites and statements served, as the curated tables give them."""
    curated = http.get("/version").json()["curated"]
    assert curated == expected_curated_counts()
    assert curated["conditions"] >= 90 and curated["statements"] > 1000


@pytest.mark.parametrize("name", ["conditions-with-lmn-signs", "conditions-affecting-cranial-lmn"])
def test_api_and_sparql_endpoint_agree(http: httpx.Client, name: str) -> None:
    """The named query run through /sparql gives the same rows as /queries/{name}."""
    query = load_registry().get(name)
    ours = http.get(f"/queries/{name}").json()["rows"]
    response = http.post(
        "/sparql",
        data={"query": query.sparql},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    bindings = response.json()["results"]["bindings"]
    assert len(bindings) == len(ours)
    expected = {r["condition"] for r in ours}
    got = {b["condition"]["value"].rsplit("/", 1)[-1].replace("_", ":", 1) for b in bindings}
    assert got == expected


# --- /conditions: pages, streams, serialisation ----------------------------------------------


def test_conditions_pages_add_up_to_the_whole_list(http: httpx.Client) -> None:
    whole = conditions(http, "LMN", source="hpo")
    assert "total" not in whole and "next" not in whole  # unpaged: exactly the old shape
    seen: list[dict] = []
    params = {"pattern": "LMN", "source": "hpo", "limit": "1000"}
    page = http.get("/conditions", params=params).json()
    assert page["total"] == len(whole["conditions"]) > 1000
    while True:
        assert len(page["conditions"]) <= 1000
        seen += page["conditions"]
        if page["next"] is None:
            break
        page = http.get("/conditions", params={**params, "cursor": page["next"]}).json()
    assert seen == whole["conditions"]


def test_conditions_cursor_alone_gives_pages_of_100(http: httpx.Client) -> None:
    first = http.get("/conditions", params={"pattern": "UMN", "limit": "5"}).json()
    assert len(first["conditions"]) == 5 and first["next"]
    rest = http.get("/conditions", params={"pattern": "UMN", "cursor": first["next"]}).json()
    whole = conditions(http, "UMN")["conditions"]
    assert rest["conditions"] == whole[5:105] and rest["total"] == len(whole)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "1001"},
        {"limit": "ten"},
        {"cursor": "not-a-cursor"},
        {"format": "xml"},
        {"format": "tsv", "limit": "10"},
    ],
)
def test_conditions_bad_paging_is_a_400(http: httpx.Client, params: dict[str, str]) -> None:
    response = http.get("/conditions", params={"pattern": "LMN", **params})
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"error", "detail"}


def test_conditions_cursor_of_another_pattern_is_refused(http: httpx.Client) -> None:
    cursor = http.get("/conditions", params={"pattern": "LMN", "limit": "1"}).json()["next"]
    response = http.get("/conditions", params={"pattern": "UMN", "cursor": cursor})
    assert response.status_code == 400 and "another" in response.json()["error"]


def test_conditions_stream_as_tsv_and_jsonl(http: httpx.Client) -> None:
    whole = conditions(http, "LMN", source="all")["conditions"]
    with http.stream(
        "GET", "/conditions", params={"pattern": "LMN", "source": "all", "format": "tsv"}
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/tab-separated-values")
        lines = [line for line in response.iter_lines() if line]
    header, *rows = [line.split("\t") for line in lines]
    assert header == ["id", "label", "patterns", "source", "xrefs", "signs", "sites"]
    assert [r[0] for r in rows] == [c["id"] for c in whole]
    assert all(len(r) == len(header) for r in rows)
    by_id = {r[0]: r for r in rows}
    for condition in whole[:50]:
        assert by_id[condition["id"]][2] == "|".join(condition["patterns"])
        assert by_id[condition["id"]][4] == "|".join(condition["xrefs"])
    jsonl = http.get("/conditions", params={"pattern": "LMN", "source": "all", "format": "jsonl"})
    assert jsonl.headers["content-type"].startswith("application/jsonl")
    assert [json.loads(line) for line in jsonl.text.splitlines()] == whole


def test_domain_answers_validate_against_their_models(http: httpx.Client) -> None:
    checks = [
        (ConditionsAnswer, "/conditions?pattern=mixed&source=all"),
        (ConditionsAnswer, "/conditions?pattern=LMN&limit=3"),
        (TermPage, f"/terms/{ALS}"),
        (SearchPage, "/search?q=spasticity"),
        (MappingsAnswer, f"/mappings?id={ALS}"),
        (VersionInfo, "/version"),
        (QueryList, "/queries"),
    ]
    for model, url in checks:
        response = http.get(url)
        assert response.status_code == 200, url
        model.model_validate_json(response.content)  # extra="forbid": no field undeclared
    bodies = [  # a pitfall, an absent finding, an unusable input and a ranked condition each
        {"signs": ["HP:0003487", "HP:0001284"], "onset": "acute", "source": "all"},
        {"signs": ["HP:0002380", "HP:0003202"], "absent": ["HP:0001257"], "limit": 3},
        {"signs": ["HP:0002380", "HP:0011349", "no such finding"]},
    ]
    for body in bodies:
        response = http.post("/localize", json=body)
        assert response.status_code == 200, response.text
        LocalizeAnswer.model_validate_json(response.content)


def test_openapi_describes_every_domain_answer(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    expected = {
        ("/terms/{id}", "get"): "TermPage",
        ("/terms", "post"): "TermPages",
        ("/search", "get"): "SearchPage",
        ("/conditions", "get"): "ConditionsAnswer",
        ("/mappings", "get"): "MappingsAnswer",
        ("/version", "get"): "VersionInfo",
        ("/queries", "get"): "QueryList",
        ("/localize", "post"): "LocalizeAnswer",
    }
    for (path, method), model in expected.items():
        content = spec["paths"][path][method]["responses"]["200"]["content"]
        assert content["application/json"]["schema"]["$ref"].endswith("/" + model), path
    schemas = spec["components"]["schemas"]
    assert {"negated_edges", "claims", "outgoing"} <= set(schemas["TermPage"]["properties"])
    assert {"total", "next", "conditions"} <= set(schemas["ConditionsAnswer"]["properties"])
    assert "verdict" in schemas["Claim"]["properties"]
    assert {"sites", "next_findings", "unrecognised"} <= set(
        schemas["LocalizeAnswer"]["properties"]
    )
    body = spec["paths"]["/localize"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("/LocalizeRequest")  # one request model, the library's
    limit = next(
        p for p in spec["paths"]["/conditions"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["anyOf"][0]["maximum"] == 1000


# --- honest term views and search -------------------------------------------------------------

BIOLINK = "https://w3id.org/biolink/vocab/"
KG = "https://w3id.org/mnkg/graph/kg"
CLAIMS = "https://w3id.org/mnkg/graph/claims"


def sparql_rows(http: httpx.Client, query: str) -> list[dict]:
    response = http.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def curie_of(iri: str) -> str:
    return compress(iri)


def test_term_page_puts_negations_apart(http: httpx.Client) -> None:
    negated = sparql_rows(
        http,
        f"SELECT ?p ?o WHERE {{ GRAPH <{KG}> {{ ?a <{BIOLINK}negated> true ; "
        f"<{BIOLINK}subject> <{expand(ALS)}> ; <{BIOLINK}predicate> ?p ; "
        f"<{BIOLINK}object> ?o }} }}",
    )
    assert negated, "the curated data negates at least one ALS phenotype"
    page = http.get(f"/terms/{ALS}").json()
    shown = {(e["predicate"], e["id"]) for e in page["outgoing"]}
    wanted = {(curie_of(r["p"]), curie_of(r["o"])) for r in negated}
    assert not wanted & shown, "a negated statement is shown as an edge"
    negations = {(n["predicate"], n["id"]): n for n in page["negated_edges"]}
    assert wanted <= set(negations)
    for key in wanted:
        assert negations[key]["direction"] == "outgoing"
        assert negations[key]["statement"].startswith("amyotrophic lateral sclerosis does not ")
        assert all(e["negated"] is True for e in negations[key]["evidence"])


def test_term_page_shows_claims_with_their_verdict_never_as_edges(http: httpx.Client) -> None:
    claimed = sparql_rows(
        http,
        f"SELECT ?a ?p ?o ?verdict WHERE {{ GRAPH <{CLAIMS}> {{ ?a <{BIOLINK}subject> "
        f"<{expand(ALS)}> ; <{BIOLINK}predicate> ?p ; <{BIOLINK}object> ?o ; "
        "<https://w3id.org/mnkg/vocab/verdict> ?verdict } }",
    )
    assert any(r["verdict"] == "contradicted" for r in claimed)
    page = http.get(f"/terms/{ALS}").json()
    claims = {c["claim"]: c for c in page["claims"]}
    assert {r["a"] for r in claimed} == set(claims)
    for row in claimed:
        assert claims[row["a"]]["verdict"] == row["verdict"]
        assert claims[row["a"]]["id"] == curie_of(row["o"])
    for edge in page["outgoing"] + page["incoming"]:
        assert CLAIMS not in edge["graphs"]
        assert not any("/claim/" in (e["association"] or "") for e in edge["evidence"])
    contradicted = {curie_of(r["o"]) for r in claimed if r["verdict"] == "contradicted"}
    only_claimed = contradicted - {e["id"] for e in page["outgoing"]}
    assert only_claimed, "a contradicted claim that nothing else states is not an edge"


@pytest.mark.parametrize("graph", ["kg", "redundant", "nonredundant"])
def test_no_direct_triple_graph_states_a_negated_or_refuted_statement(
    http: httpx.Client, graph: str
) -> None:
    """One query per graph over the whole release: a negated statement (curated or HPO) or a
    claim the audit contradicted must never be a positive triple of a graph of direct triples."""
    found = sparql_rows(
        http,
        f"""PREFIX biolink: <{BIOLINK}>
        PREFIX mnkgv: <https://w3id.org/mnkg/vocab/>
        SELECT ?a ?s ?p ?o WHERE {{
          {{ GRAPH ?source {{ ?a biolink:negated true }} }}
          UNION {{ GRAPH <{CLAIMS}> {{ ?a mnkgv:verdict "contradicted" }} }}
          UNION {{ GRAPH ?source {{ ?a mnkgv:curation_status "rejected" }} }}
          ?a biolink:subject ?s ; biolink:predicate ?p ; biolink:object ?o .
          GRAPH <https://w3id.org/mnkg/graph/{graph}> {{ ?s ?p ?o }}
        }} LIMIT 20""",
    )
    assert found == []


def test_the_negations_the_graph_check_looks_for_exist(http: httpx.Client) -> None:
    count = sparql_rows(
        http,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{BIOLINK}negated> true ; <{BIOLINK}subject> ?s }}",
    )
    assert int(count[0]["n"]) > 10  # curated negations and HPO NOT annotations


@pytest.mark.parametrize("q", ["has phenotype", "fasciculations", "paresthesia", "sclerosis"])
def test_search_returns_terms_never_statements_or_claims(http: httpx.Client, q: str) -> None:
    results = http.get("/search", params={"q": q, "limit": 100}).json()["results"]
    assert results or q == "has phenotype"
    for hit in results:
        assert not hit["id"].startswith("http"), hit  # statements and claims have no CURIE
    ids = " ".join(f"<{expand(h['id'])}>" for h in results)
    if ids:
        associations = sparql_rows(
            http, f"SELECT ?t WHERE {{ VALUES ?t {{ {ids} }} ?t <{BIOLINK}subject> ?s }}"
        )
        assert associations == []
