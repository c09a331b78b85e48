"""Fixtures for the HPO bridge tests (data and helpers in ``hpo_helpers.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.hpo_helpers import (
    FASCICULATIONS,
    FIXTURE_ROWS,
    FIXTURE_TERMS,
    LMN,
    SPASTICITY,
    UMN,
    hpoa_text,
    release_stanzas,
    vocab_rows,
)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A folder with the fixture hp.obo and phenotype.hpoa."""
    folder = tmp_path / "hpo-src"
    folder.mkdir()
    (folder / "hp.obo").write_text(release_stanzas(FIXTURE_TERMS), encoding="utf-8")
    (folder / "phenotype.hpoa").write_text(hpoa_text(FIXTURE_ROWS), encoding="utf-8")
    return folder


@pytest.fixture
def seeds() -> dict[str, str]:
    """LMN and UMN seeds from ontology/vocab/signs.tsv, as the reasoner would classify them."""
    pattern = {row["hpo_id"]: row["lesion_pattern"] for row in vocab_rows("signs.tsv")}
    assert pattern[FASCICULATIONS] == "LMN" and pattern[SPASTICITY] == "UMN"
    return {FASCICULATIONS: LMN, SPASTICITY: UMN}
