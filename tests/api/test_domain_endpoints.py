"""GET /conditions, /terms, /search and /version over the real release, through HTTP."""

from __future__ import annotations

import httpx
import pytest
from helpers.api_vocab import ALS, BELL, MD, MG, PBP, PLS, POLIO, SMA, sign

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
