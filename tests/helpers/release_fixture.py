"""A small release built from the verified vocab tables, for the remote-store tests.

Used until (or unless) the real build (``mnkg.kg.release.pipeline.build_release``) is available. It
has what makes backends disagree if anything does: blank nodes (OWL restrictions), language tags,
typed literals (boolean, integer, decimal, date), several named graphs, and IRIs read from
``ontology/vocab/*.tsv`` (no ID written from memory)."""

from __future__ import annotations

import csv
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize

from mnkg.kg.iris import Graph, mnkg_iri

VOCAB = Path(__file__).resolve().parents[2] / "ontology" / "vocab"
OBO = "http://purl.obolibrary.org/obo/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = NamedNode(RDFS + "label")
SUBCLASS = NamedNode(RDFS + "subClassOf")
LMN_SIGN = NamedNode(mnkg_iri("0000301"))
UMN_SIGN = NamedNode(mnkg_iri("0000300"))
LMN_SITE = NamedNode(mnkg_iri("0000205"))
LMN_DISORDER = NamedNode(mnkg_iri("0000401"))


def obo(curie: str) -> NamedNode:
    """The OBO PURL of a CURIE such as ``HP:0002380``."""
    prefix, local = curie.split(":")
    return NamedNode(f"{OBO}{prefix}_{local}")


def _rows(name: str) -> list[dict[str, str]]:
    with (VOCAB / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _relation(label: str) -> NamedNode:
    for row in _rows("relations.tsv"):
        if row["label"] == label:
            return NamedNode(row["iri"])
    raise LookupError(label)


def fixture_quads() -> list[Quad]:
    """The quads of the fixture release."""
    has_phenotype = _relation("has phenotype")
    has_location = _relation("disease has location")
    ontology, inferred, redundant, kg = (
        NamedNode(Graph.ONTOLOGY),
        NamedNode(Graph.INFERRED),
        NamedNode(Graph.REDUNDANT),
        NamedNode(Graph.KG),
    )
    quads: list[Quad] = []
    signs = {row["hpo_id"]: row for row in _rows("signs.tsv") if row["hpo_id"]}
    for curie, row in signs.items():
        sign = obo(curie)
        quads.append(Quad(sign, RDF_TYPE, NamedNode(OWL + "Class"), ontology))
        quads.append(Quad(sign, LABEL, Literal(row["hpo_label"]), ontology))
        quads.append(
            Quad(
                sign, NamedNode(RDFS + "comment"), Literal(row["concept"], language="en"), ontology
            )
        )
        if row["lesion_pattern"] == "LMN":
            quads.append(Quad(sign, SUBCLASS, LMN_SIGN, inferred))
        elif row["lesion_pattern"] == "UMN":
            quads.append(Quad(sign, SUBCLASS, UMN_SIGN, inferred))
    lmn_signs = [c for c, r in signs.items() if r["lesion_pattern"] == "LMN"]
    other_signs = [c for c, r in signs.items() if r["lesion_pattern"] != "LMN"]
    seen: set[str] = set()
    for i, row in enumerate(_rows("diseases.tsv")):
        curie = row["mondo_id"]
        if not curie or curie in seen:
            continue
        seen.add(curie)
        disease = obo(curie)
        quads.append(Quad(disease, RDF_TYPE, NamedNode(OWL + "Class"), ontology))
        quads.append(Quad(disease, LABEL, Literal(row["mondo_label"]), ontology))
        lmn = "LMN" in row["lesion_pattern"]
        if lmn:
            restriction = BlankNode(f"r{i}")
            quads += [
                Quad(disease, SUBCLASS, restriction, ontology),
                Quad(restriction, RDF_TYPE, NamedNode(OWL + "Restriction"), ontology),
                Quad(restriction, NamedNode(OWL + "onProperty"), has_location, ontology),
                Quad(restriction, NamedNode(OWL + "someValuesFrom"), LMN_SITE, ontology),
                Quad(disease, SUBCLASS, LMN_DISORDER, inferred),
            ]
            for sign in lmn_signs[i % 5 :: 7]:
                quads.append(Quad(disease, has_phenotype, obo(sign), redundant))
        for sign in other_signs[i % 3 :: 11]:
            quads.append(Quad(disease, has_phenotype, obo(sign), redundant))
        statement = NamedNode(f"https://w3id.org/mnkg/statement/fixture-{i}")
        quads += [
            Quad(statement, NamedNode(RDF_TYPE.value), NamedNode(OWL + "Axiom"), kg),
            Quad(statement, NamedNode(OWL + "annotatedSource"), disease, kg),
            Quad(
                statement,
                NamedNode("https://w3id.org/mnkg/accepted"),
                Literal(str(i % 2 == 0).lower(), datatype=NamedNode(XSD + "boolean")),
                kg,
            ),
            Quad(
                statement,
                NamedNode("https://w3id.org/mnkg/rank"),
                Literal(str(i), datatype=NamedNode(XSD + "integer")),
                kg,
            ),
            Quad(
                statement,
                NamedNode("https://w3id.org/mnkg/weight"),
                Literal(f"{i}.25", datatype=NamedNode(XSD + "decimal")),
                kg,
            ),
            Quad(
                statement,
                NamedNode("https://w3id.org/mnkg/curated"),
                Literal(f"2025-01-{1 + i % 28:02d}", datatype=NamedNode(XSD + "date")),
                kg,
            ),
        ]
    return quads


def write_fixture_release(release_dir: Path) -> Path:
    """Write the fixture release (``mnkg.nq``) into ``release_dir`` and return the folder."""
    release_dir.mkdir(parents=True, exist_ok=True)
    body = serialize(fixture_quads(), format=RdfFormat.N_QUADS)
    assert body is not None
    (release_dir / "mnkg.nq").write_bytes(body)
    return release_dir
