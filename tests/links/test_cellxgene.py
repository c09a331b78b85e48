"""The MONDO, UBERON and CL releases of the cellxgene-ontology-guide wheel, as MNKG reads them."""

from __future__ import annotations

import pytest

from mnkg.kg.errors import UserError
from mnkg.kg.vocab import cellxgene

pytest.importorskip("cellxgene_ontology_guide")


def test_each_pinned_release_loads_with_labels_and_parents() -> None:
    for prefix, size in (("MONDO", 30_000), ("UBERON", 10_000), ("CL", 2_000)):
        terms = cellxgene.load(prefix)
        assert len(terms) > size
        assert cellxgene.RELEASES[prefix] in cellxgene.release_name(prefix)
    als = cellxgene.term("MONDO:0004976")
    assert als.label == "amyotrophic lateral sclerosis"
    assert "MONDO:0020128" in als.parents and "ALS" in als.synonyms


def test_ancestors_reach_the_root_through_direct_parents() -> None:
    found = cellxgene.with_ancestors(["MONDO:0004976"])
    assert cellxgene.MONDO_ROOT in found and "MONDO:0020128" in found
    for term in found.values():
        assert set(term.parents) <= set(found) or term.curie == cellxgene.MONDO_ROOT


def test_unknown_and_deprecated_ids_are_user_errors() -> None:
    with pytest.raises(UserError, match="MONDO:9999999 is not in MONDO v2026-05-05"):
        cellxgene.term("MONDO:9999999")
    deprecated = next(t.curie for t in cellxgene.load("MONDO").values() if t.deprecated)
    with pytest.raises(UserError, match="is deprecated"):
        cellxgene.with_ancestors([deprecated])
    with pytest.raises(UserError, match="no cellxgene-ontology-guide release"):
        cellxgene.load("HP")
