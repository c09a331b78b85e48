"""owlready2 and py-horned-owl open ``mnkg.owl`` as written, without flags: classes with their
labels, asserted parents and restrictions, and the release's versionIRI."""

from __future__ import annotations

from pathlib import Path

import pyhornedowl
from owlready2 import World

ALS = "http://purl.obolibrary.org/obo/MONDO_0004976"
MNKG = "https://w3id.org/mnkg/MNKG_"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def test_py_horned_owl_opens_the_owl_file(obo_release: Path) -> None:
    ontology = pyhornedowl.open_ontology(str(obo_release / "mnkg.owl"))
    assert ALS in ontology.get_classes()
    assert ontology.get_annotation(ALS, RDFS_LABEL) == "amyotrophic lateral sclerosis"
    assert {MNKG + "0000402", MNKG + "0000403"} <= set(ontology.get_superclasses(ALS))
    assert "/releases/" in str(ontology.get_version_iri())


def test_owlready2_opens_the_owl_file_with_its_restrictions(obo_release: Path) -> None:
    world = World()
    ontology = world.get_ontology((obo_release / "mnkg.owl").as_uri()).load()
    als = world.search_one(iri=ALS)
    assert als is not None and "amyotrophic lateral sclerosis" in [str(x) for x in als.label]
    parents = {str(p.iri) for p in als.is_a if hasattr(p, "iri")}
    assert {MNKG + "0000402", MNKG + "0000403"} <= parents
    restrictions = [p for p in als.is_a if not hasattr(p, "iri")]
    assert any("RO_0002200" in str(r) for r in restrictions)  # has phenotype some <sign>
    assert len(list(ontology.classes())) > 1000
    world.close()
