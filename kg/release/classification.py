"""Where the reasoner places each condition: the report behind ``mnkg reason``."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDFS, Graph, URIRef

from mnkg.kg.owl.materialize import materialize
from mnkg.kg.owl.reason import named_classes
from mnkg.kg.release.pipeline import classify
from mnkg.kg.sources.ontology import load_imports, load_ontology, tbox
from mnkg.kg.vocab.identifiers import compress

DISEASE_HAS_LOCATION = URIRef("http://purl.obolibrary.org/obo/RO_0004026")
GROUPINGS = {
    "https://w3id.org/mnkg/MNKG_0000400": "UMN",
    "https://w3id.org/mnkg/MNKG_0000401": "LMN",
    "https://w3id.org/mnkg/MNKG_0000402": "mixed",
    "https://w3id.org/mnkg/MNKG_0000403": "cranial LMN",
    "https://w3id.org/mnkg/MNKG_0000404": "neither",
}


def conditions(graph: Graph) -> list[str]:
    """Classes that carry a 'disease has location' axiom: the conditions of the ontology."""
    found = set()
    for cls, restriction in graph.subject_objects(RDFS.subClassOf):
        if (restriction, OWL.onProperty, DISEASE_HAS_LOCATION) in graph and isinstance(cls, URIRef):
            found.add(str(cls))
    return sorted(found)


def classification_report(edit_file: Path | None = None) -> dict:
    """Classify with HermiT and report counts and each condition's inferred groupings.

    ``edit_file`` replaces the packaged ``mnkg-edit.ttl`` (a curator's working copy).
    """
    merged = tbox(load_ontology(edit_file), load_imports())
    result = classify(merged)
    redundant, _ = materialize(merged, result.inferred_graph())
    rows = []
    for iri in conditions(merged):
        ancestors = {str(o) for o in redundant.objects(URIRef(iri), RDFS.subClassOf)}
        label = merged.value(URIRef(iri), RDFS.label)
        groups = [name for group, name in GROUPINGS.items() if group in ancestors]
        rows.append({"id": compress(iri), "label": str(label), "groups": groups})
    return {
        "consistent": True,
        "unsatisfiable": len(result.unsatisfiable),
        "classes": len(named_classes(merged)),
        "inferred_subclass_axioms": len(result.inferred_subclass_of),
        "seconds": round(result.seconds, 2),
        "conditions": rows,
    }


__all__ = ["GROUPINGS", "classification_report", "conditions"]
