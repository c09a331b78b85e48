"""Each named query over the real release, through HTTP, against the clinical ground truth."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from helpers.api_vocab import (
    ALS,
    BELL,
    HSP,
    MD,
    MG,
    MS,
    PBP,
    PLS,
    PMA,
    POLIO,
    SMA,
    sign,
    site,
)

from mnkg.queries.registry import load_registry

REGISTRY = load_registry()
LMN_INCLUDED = {
    "ALS": ALS,
    "poliomyelitis": POLIO,
    "Bell's palsy": BELL,
    "SMA": SMA,
    "progressive bulbar palsy": PBP,
}
LMN_EXCLUDED = {"primary lateral sclerosis": PLS, "myasthenia gravis": MG, "muscular dystrophy": MD}


def rows(http: httpx.Client, name: str, **params: str) -> list[dict]:
    response = http.get(f"/queries/{name}", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == name
    assert body["count"] == len(body["rows"])
    return body["rows"]


def column(table: list[dict], name: str) -> set[str]:
    return {row[name] for row in table}


def test_registry_lists_the_issue_queries() -> None:
    wanted = {
        "conditions-with-lmn-signs",
        "conditions-with-umn-signs",
        "conditions-with-umn-and-lmn-signs",
        "signs-distinguishing-umn-lmn",
        "lesion-sites-of-condition",
        "conditions-by-lesion-site",
        "conditions-affecting-cranial-lmn",
        "signs-of-condition",
        "tests-confirming-lmn-involvement",
        "treatments",
        "mappings-of-term",
        "contradicted-claims",
    }
    assert wanted <= set(REGISTRY.names())


def test_get_queries_lists_metadata(http: httpx.Client) -> None:
    listed = {q["name"]: q for q in http.get("/queries").json()["queries"]}
    assert set(listed) == set(REGISTRY.names())
    for query in listed.values():
        assert query["summary"] and query["description"] and query["columns"]
        for param in query["params"]:
            assert {"name", "type", "example"} <= set(param)
    assert listed["signs-of-condition"]["params"][0]["type"] == "iri"


@pytest.mark.parametrize("name", REGISTRY.names())
def test_every_query_runs_with_its_examples(http: httpx.Client, name: str) -> None:
    query = REGISTRY.get(name)
    table = rows(http, name, **{p.name: p.example for p in query.params})
    assert all(set(row) == set(query.columns) for row in table)


@pytest.mark.parametrize("name", ["conditions-with-lmn-signs"])
def test_conditions_with_lmn_signs_match_domain(http: httpx.Client, name: str) -> None:
    found = column(rows(http, name), "condition")
    for label, curie in LMN_INCLUDED.items():
        assert curie in found, f"{label} ({curie}) should have LMN signs"
    for label, curie in LMN_EXCLUDED.items():
        assert curie not in found, f"{label} ({curie}) has no LMN sign"


def test_conditions_with_umn_signs_match_domain(http: httpx.Client) -> None:
    found = column(rows(http, "conditions-with-umn-signs"), "condition")
    assert {ALS, PLS, MS, HSP} <= found
    assert not {MG, MD, BELL, SMA} & found


def test_conditions_with_both_are_the_mixed_ones(http: httpx.Client) -> None:
    table = rows(http, "conditions-with-umn-and-lmn-signs")
    found = column(table, "condition")
    assert ALS in found
    assert not {PLS, SMA, PMA, MG, MD} & found
    als = next(r for r in table if r["condition"] == ALS)
    assert "Fasciculations" in als["lmn_signs"] and "Babinski sign" in als["umn_signs"]


def test_min_signs_is_an_integer_filter(http: httpx.Client) -> None:
    everything = rows(http, "conditions-with-lmn-signs")
    several = rows(http, "conditions-with-lmn-signs", min_signs="3")
    assert several and len(several) < len(everything)
    assert all(r["sign_count"] >= 3 for r in several)
    assert {r["condition"] for r in several} <= column(everything, "condition")


def test_signs_distinguishing_umn_from_lmn(http: httpx.Client) -> None:
    table = rows(http, "signs-distinguishing-umn-lmn")
    level = {r["sign"]: r["level"] for r in table}
    assert level[sign("Fasciculations")] == "LMN"
    assert level[sign("Hypotonia")] == "LMN"
    assert level[sign("Areflexia")] == "LMN"
    assert level[sign("Babinski sign")] == "UMN"
    assert level[sign("Spasticity")] == "UMN"
    assert level[sign("Hyperreflexia")] == "UMN"
    assert sign("Muscle weakness") not in level  # both levels: does not distinguish
    only_lmn = rows(http, "signs-distinguishing-umn-lmn", level="LMN")
    assert {r["level"] for r in only_lmn} == {"LMN"}


def test_lesion_sites_of_bells_palsy(http: httpx.Client) -> None:
    table = rows(http, "lesion-sites-of-condition", condition=BELL)
    facial_nerve = next(r for r in table if r["site"] == site("facial nerve"))
    assert facial_nerve["direct"] is True
    assert "LMN" in facial_nerve["levels"] and "cranial LMN" in facial_nerve["levels"]
    assert not any("UMN" in (r["levels"] or "").split(" | ") for r in table)


def test_lesion_sites_accept_an_external_code(http: httpx.Client) -> None:
    by_mondo = rows(http, "lesion-sites-of-condition", condition=ALS)
    by_icd = rows(http, "lesion-sites-of-condition", condition="ICD10CM:G12.21")
    assert by_icd == by_mondo
    assert site("ventral horn of spinal cord") in column(by_mondo, "site")


def test_conditions_by_lesion_site(http: httpx.Client) -> None:
    horn = column(
        rows(http, "conditions-by-lesion-site", site=site("ventral horn of spinal cord")),
        "condition",
    )
    assert {ALS, PMA, POLIO} <= horn
    assert not {MS, MG, PLS} & horn
    lmn_sites = column(rows(http, "conditions-by-lesion-site", site="MNKG:0000205"), "condition")
    assert horn <= lmn_sites and BELL in lmn_sites and MG not in lmn_sites


def test_conditions_affecting_cranial_lmn(http: httpx.Client) -> None:
    found = column(rows(http, "conditions-affecting-cranial-lmn"), "condition")
    assert {BELL, PBP} <= found
    assert not {PLS, MG, MD, HSP} & found


def test_signs_of_als_with_evidence(http: httpx.Client) -> None:
    table = rows(http, "signs-of-condition", condition=ALS)
    assert table, "ALS has curated signs"
    assert all(r["evidence"] and r["evidence"].startswith("ECO:") for r in table)
    assert all(r["source"] for r in table)
    levels = {r["level"] for r in table}
    assert {"UMN", "LMN"} <= levels


def test_tests_confirming_lmn_involvement(http: httpx.Client) -> None:
    table = rows(http, "tests-confirming-lmn-involvement")
    labels = {r["label"] for r in table}
    assert {"electromyography", "nerve conduction study"} <= labels
    assert "magnetic resonance imaging of brain" not in labels
    umn = {
        r["label"] for r in rows(http, "tests-confirming-lmn-involvement", lesion="MNKG:0000101")
    }
    assert "magnetic resonance imaging of brain" in umn and "electromyography" not in umn


def test_tests_confirming_lmn_involvement_name_what_they_confirm_and_where(
    http: httpx.Client,
) -> None:
    """EMG confirms an LMN lesion in ALS or SMA; in PLS it excludes one, in a myopathy it shows
    muscle disease: neither is listed. The confirms column names the lesion class."""
    emg = [
        r
        for r in rows(http, "tests-confirming-lmn-involvement")
        if r["label"] == "electromyography"
    ]
    assert emg and {r["confirms"] for r in emg} == {"MNKG:0000102"}
    assert all(r["confirms_label"] == "lower motor neuron lesion" for r in emg)
    conditions = set(emg[0]["conditions"].split(" | "))
    assert {"amyotrophic lateral sclerosis", "progressive muscular atrophy"} <= conditions
    assert not {"lateral sclerosis", "muscular dystrophy", "polymyositis"} & conditions
    assert not [
        r
        for r in rows(http, "tests-confirming-lmn-involvement")
        if r["label"].startswith("magnetic resonance imaging of spine")
    ]


def test_treatments_for_a_sign_and_a_condition(http: httpx.Client) -> None:
    spasticity = {r["label"] for r in rows(http, "treatments", term=sign("Spasticity"))}
    assert "baclofen" in spasticity
    als = {r["label"] for r in rows(http, "treatments", term=ALS)}
    assert "riluzole" in als


def test_mappings_of_a_term(http: httpx.Client) -> None:
    table = rows(http, "mappings-of-term", term=ALS)
    assert "ICD10CM:G12.21" in column(table, "mapped")
    assert rows(http, "mappings-of-term", term="ICD10CM:G12.21") == table


def test_contradicted_claims(http: httpx.Client) -> None:
    """The build audits kg/claims/*.tsv: seed 004's errors (domain.md §4) and the wrong readings
    of kg/claims/closures-and-negations.tsv come back refuted; rejected rows carry their reason."""
    table = rows(http, "contradicted-claims")
    assert all(r["source"] and r["reason"] for r in table)
    refuted = {(r["subject_label"], r["object_label"]) for r in table}
    assert ("amyotrophic lateral sclerosis", "Paresthesia") in refuted
    assert ("proximal spinal muscular atrophy", "Autosomal dominant inheritance") in refuted
    assert ("lower motor neuron", "primary motor cortex") in refuted
    assert ("Parkinson disease", "lower motor neuron disorder") in refuted
    # the closures and negations file (issue 11), and curated rows rejected with their reason
    assert ("Parkinson disease", "Spasticity") in refuted
    assert ("Babinski sign", "lower motor neuron lesion") in refuted
    assert ("Hemiplegia/hemiparesis", "upper motor neuron lesion") in refuted
    seed = [r for r in table if "004_a518e6381af20a1a" in r["source"]]
    one_source = rows(http, "contradicted-claims", source=seed[0]["source"])
    assert len(one_source) == len(seed)


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_by_format_and_accept(http: httpx.Client, fmt: str, delimiter: str) -> None:
    media = {"csv": "text/csv", "tsv": "text/tab-separated-values"}[fmt]
    by_param = http.get("/queries/conditions-with-lmn-signs", params={"format": fmt})
    by_accept = http.get("/queries/conditions-with-lmn-signs", headers={"Accept": media})
    for response in (by_param, by_accept):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        table = list(csv.reader(io.StringIO(response.text), delimiter=delimiter))
        assert table[0] == ["condition", "label", "sign_count", "signs"]
        assert ALS in {r[0] for r in table[1:]}
    assert by_param.text == by_accept.text


def test_post_runs_with_a_json_body(http: httpx.Client) -> None:
    posted = http.post("/queries/lesion-sites-of-condition", json={"condition": BELL})
    assert posted.status_code == 200
    assert posted.json()["rows"] == rows(http, "lesion-sites-of-condition", condition=BELL)
