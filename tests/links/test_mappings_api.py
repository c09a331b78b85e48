"""``/mappings``, the SSSOM exports and the prefix map over real HTTP (uvicorn on 127.0.0.1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from fixtures.servers import serving
from sssom.parsers import parse_sssom_json, parse_sssom_table
from sssom.validators import validate

from mnkg.api.app import ROUTERS, create_app
from mnkg.kg.answers import mappings
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.sources.mapping_sets import mappings_graph
from mnkg.kg.store.oxigraph import MemoryStore
from mnkg.kg.vocab.sssom import load_mappings

ALS = "MONDO:0004976"
ROUTER = "mnkg.api.routes.mappings"


def _release(directory: Path) -> Path:
    """A release folder whose mnkg.nq holds the mappings graph and one ontology triple."""
    dataset = rdflib.Dataset()
    graph = dataset.graph(rdflib.URIRef(Graph.MAPPINGS))
    for triple in mappings_graph():
        graph.add(triple)
    ontology = dataset.graph(rdflib.URIRef(Graph.ONTOLOGY))
    ontology.add(
        (
            rdflib.URIRef("https://w3id.org/mnkg/MNKG_0000301"),
            rdflib.RDFS.label,
            rdflib.Literal("lower motor neuron sign"),
        )
    )
    directory.mkdir(parents=True, exist_ok=True)
    dataset.serialize(directory / "mnkg.nq", format="nquads")
    return directory


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MemoryStore]:
    memory = MemoryStore(settings=Settings(data_dir=tmp_path_factory.mktemp("data")))
    memory.load_release(_release(tmp_path_factory.mktemp("release")))
    yield memory
    memory.close()


@pytest.fixture(scope="module")
def base_url(store: MemoryStore) -> Iterator[str]:
    assert ROUTER in {m.__name__ for m in ROUTERS}
    with serving(create_app(settings=store.settings, store=store)) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        yield http


@pytest.mark.parametrize(
    "code",
    ["ICD10CM:G12.21", "UMLS:C0002736", "ORPHA:803", "orphanet:803", "G12.21", "DOID:332"],
)
def test_external_codes_answer_with_als_and_its_mappings(client: httpx.Client, code: str) -> None:
    response = client.get("/mappings", params={"id": code})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["resolved"] == [ALS]
    objects = {m["object_id"] for m in body["mappings"]}
    assert {"ICD10CM:G12.21", "UMLS:C0002736", "ORPHA:803", "DOID:332"} <= objects
    icd = next(m for m in body["mappings"] if m["object_id"] == "ICD10CM:G12.21")
    assert icd["predicate_id"] == "skos:exactMatch"
    assert icd["mapping_justification"] == "semapv:ManualMappingCuration"
    assert icd["object_iri"] == "http://purl.bioontology.org/ontology/ICD10CM/G12.21"
    assert icd["mapping_set_id"].endswith("mnkg-mondo-xrefs.sssom.tsv")


def test_target_filters_to_one_vocabulary_given_in_any_spelling(client: httpx.Client) -> None:
    iri = "http://purl.obolibrary.org/obo/MONDO_0004976"
    body = client.get("/mappings", params={"id": iri, "target": "sctid"}).json()
    assert body["target"] == "SNOMEDCT"
    assert [m["object_id"] for m in body["mappings"]] == ["SNOMEDCT:86044005"]


def test_hpo_xrefs_and_an_ambiguous_code(client: httpx.Client) -> None:
    body = client.get("/mappings", params={"id": "UMLS:C0427055"}).json()
    assert body["resolved"] == ["HP:0007209", "HP:0010628"]
    assert {m["subject_id"] for m in body["mappings"]} == {"HP:0007209", "HP:0010628"}
    assert {m["predicate_id"] for m in body["mappings"]} == {"oboInOwl:hasDbXref"}


def test_unknown_code_is_404_json_with_suggestions(client: httpx.Client) -> None:
    response = client.get("/mappings", params={"id": "ICD10CM:G12.9"})
    assert response.status_code == 404
    body = response.json()
    assert "ICD10CM:G12.9" in body["error"]
    assert "ICD10CM:G12.21" in body["detail"]["suggestions"]


def test_a_term_of_ours_without_mappings_is_an_empty_list(client: httpx.Client) -> None:
    body = client.get("/mappings", params={"id": "mnkg:0000301"}).json()
    assert body == {
        "id": "mnkg:0000301",
        "resolved": ["MNKG:0000301"],
        "target": None,
        "count": 0,
        "mappings": [],
    }
    missing = client.get("/mappings", params={"id": "MNKG:0999999"})
    assert missing.status_code == 404
    assert "not a term of MNKG" in missing.json()["error"]


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"id": "FOO:1"}, 400, "unknown prefix 'FOO'"),
        ({"id": "MONDO:12"}, 400, "malformed MONDO identifier"),
        ({"id": ALS, "target": "nope"}, 400, "unknown prefix 'nope'"),
        ({}, 400, "invalid request parameters"),
    ],
)
def test_bad_input_is_a_4xx_json_naming_the_problem(
    client: httpx.Client, params: dict[str, str], status: int, message: str
) -> None:
    response = client.get("/mappings", params=params)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_tsv_export_is_valid_sssom_with_every_mapping(client: httpx.Client, tmp_path: Path) -> None:
    response = client.get("/mappings/export.sssom.tsv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    path = tmp_path / "export.sssom.tsv"
    path.write_bytes(response.content)
    msdf = parse_sssom_table(path)
    validate(msdf, fail_on_error=True)
    assert len(msdf.df) == len(load_mappings())


def test_json_export_is_valid_sssom(client: httpx.Client, tmp_path: Path) -> None:
    response = client.get("/mappings/export.sssom.json")
    assert response.status_code == 200
    path = tmp_path / "export.sssom.json"
    path.write_bytes(response.content)
    msdf = parse_sssom_json(str(path))
    validate(msdf, fail_on_error=True)
    assert len(msdf.df) == len(load_mappings())


def test_prefix_map_and_jsonld_context(client: httpx.Client) -> None:
    prefixes = client.get("/prefixes.json").json()
    assert prefixes["MONDO"] == "http://purl.obolibrary.org/obo/MONDO_"
    assert prefixes["ORPHA"] == "http://www.orpha.net/ORDO/Orphanet_"
    response = client.get("/context.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert json.loads(response.content)["@context"] == prefixes


@pytest.mark.parametrize(
    "code",
    [
        "ICD10CM:G12.21",
        "icd10:G12.21",
        "G12.21",
        "UMLS:C0427055",
        "UMLS:C0002736",
        ALS,
        "HP:0001324",
    ],
)
def test_targeted_reads_answer_as_reading_every_mapping(store: MemoryStore, code: str) -> None:
    everything = mappings.rows_from_store(store)
    assert len(everything) == len(load_mappings())
    assert mappings.mappings_of(code, mappings.rows_for(store, code)) == mappings.mappings_of(
        code, everything
    )
