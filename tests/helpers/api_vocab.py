"""IDs of the conditions and signs the tests talk about, read from the verified vocab tables.

Never written from memory: each is looked up by its concept name in ``ontology/vocab/*.tsv``
(the tables checked against MONDO and HPO releases), so a wrong ID fails here, not silently.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

VOCAB = Path(__file__).resolve().parents[2] / "ontology" / "vocab"


@cache
def _table(name: str) -> list[dict[str, str]]:
    with (VOCAB / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def disease(concept: str) -> str:
    """MONDO ID of a condition by its ``concept`` name in diseases.tsv."""
    for row in _table("diseases.tsv"):
        if row["concept"] == concept and row["mondo_id"]:
            return row["mondo_id"]
    raise LookupError(concept)


def sign(label: str) -> str:
    """HPO ID of a sign by its exact HPO label in signs.tsv."""
    for row in _table("signs.tsv"):
        if row["hpo_label"] == label:
            return row["hpo_id"]
    raise LookupError(label)


def site(label: str) -> str:
    """UBERON (or GO) ID of an anatomical site by its label in anatomy.tsv."""
    for row in _table("anatomy.tsv"):
        if row["label"] == label:
            return row["ontology_id"]
    raise LookupError(label)


ALS = disease("amyotrophic lateral sclerosis")
PLS = disease("primary lateral sclerosis")
PMA = disease("progressive muscular atrophy")
POLIO = disease("poliomyelitis")
BELL = disease("Bell's palsy (idiopathic facial palsy)")
SMA = disease("spinal muscular atrophy (group)")
SMA_5Q = disease("proximal (5q) spinal muscular atrophy")
PBP = disease("progressive bulbar palsy")
PSEUDOBULBAR = disease("pseudobulbar palsy")
KENNEDY = disease("spinal and bulbar muscular atrophy (Kennedy disease)")
GBS = disease("Guillain-Barre syndrome")
STROKE = disease("stroke")
MS = disease("multiple sclerosis")
HSP = disease("hereditary spastic paraplegia")
MG = disease("myasthenia gravis")
MD = disease("muscular dystrophy")
PARKINSON = disease("Parkinson disease")
SCI = disease("spinal cord injury")
