"""The claims audit: each verdict, seed 004's errors flagged, seeds 001-003 supported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from helpers.concurrent_cli import Run, in_background
from helpers.kg_fixtures import FIXTURES, mnkg_command, mnkg_env, run_each
from rdflib import OWL, RDF
from rdflib import Graph as RDFGraph
from rdflib.collection import Collection

from mnkg.kg.qc.audit import AuditReport, audit_file, audit_statements
from mnkg.kg.sources.curation import claims_dir, read_table

SEED_004 = claims_dir() / "seed-004.tsv"
SEEDS_001_003 = claims_dir() / "seeds-001-003.tsv"
SUBCLASS = "rdfs:subClassOf"


@pytest.fixture(scope="module", autouse=True)
def verdicts_run() -> Iterator[Future[Run]]:
    """The verdict fixture through the real CLI, started when the module starts: the child
    process audits on one core while the seed tests (first in this file) audit on the other."""
    command = mnkg_command("audit", str(FIXTURES / "claims" / "verdicts.tsv"), "--format", "json")
    with in_background(command, env=mnkg_env()) as run:
        yield run


@pytest.fixture(scope="module")
def verdicts_json(verdicts_run: Future[Run]) -> list[dict]:
    """The verdict fixture through the real CLI, JSON output."""
    done = verdicts_run.result()
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def seed_004() -> AuditReport:
    return audit_file(SEED_004)


def verdict_of(report: AuditReport, subject: str, predicate: str, obj: str) -> str:
    found = [
        v.verdict
        for v in report.verdicts
        if (v.subject, v.predicate, v.object_id) == (subject, predicate, obj)
    ]
    assert found, f"no claim {subject} {predicate} {obj} in the file"
    return found[0]


def by_object(rows: list[dict], subject: str, obj: str, negated: bool = False) -> dict:
    return next(
        r
        for r in rows
        if r["subject"] == subject and r["object"] == obj and r["negated"] == negated
    )


# domain.md §4, each error with the claim rows of kg/claims/seed-004.tsv that encode it
SECTION_4_ERRORS = {
    "UMN hypotonia, a deficiency of cranial nerves": [
        ("MNKG:0000101", "RO:0002200", "HP:0001252"),
        ("UBERON:0001785", SUBCLASS, "MNKG:0000202"),
        ("MNKG:0000101", "RO:0001025", "UBERON:0001785"),
    ],
    "LMNs in the motor cortex": [
        ("CL:0008039", "RO:0002100", "UBERON:0001384"),
        ("UBERON:0001384", SUBCLASS, "MNKG:0000205"),
    ],
    "cerebellar lesions cause LMN hypotonia": [
        ("MNKG:0000127", SUBCLASS, "MNKG:0000102"),
        ("MONDO:0000437", SUBCLASS, "MNKG:0000401"),
    ],
    "PD, HD, hydrocephalus, meningitis, MG, MD cause LMN hypotonia": [
        ("MONDO:0005180", SUBCLASS, "MNKG:0000401"),
        ("OMIM:143100", SUBCLASS, "MNKG:0000401"),
        ("HP:0000238", SUBCLASS, "MNKG:0000401"),
        ("HP:0001287", SUBCLASS, "MNKG:0000401"),
        ("MONDO:0009688", SUBCLASS, "MNKG:0000401"),
        ("MONDO:0020121", SUBCLASS, "MNKG:0000401"),
    ],
    "SMA is autosomal dominant": [("MONDO:0019079", "MNKG:0000002", "HP:0000006")],
    "ALS with numbness and tingling": [("MONDO:0004976", "RO:0002200", "HP:0003401")],
}
MUST_BE_CONTRADICTED = [
    ("UBERON:0001785", SUBCLASS, "MNKG:0000202"),
    ("CL:0008039", "RO:0002100", "UBERON:0001384"),
    ("UBERON:0001384", SUBCLASS, "MNKG:0000205"),
    ("MNKG:0000127", SUBCLASS, "MNKG:0000102"),
    # not ("MONDO:0000437", SUBCLASS, "MNKG:0000401"): MONDO files Friedreich ataxia and other
    # hereditary ataxias under cerebellar ataxia, so the group carries no closure to refute it with;
    # the lesion-class encoding of the same error (the row above) is refuted.
    ("MONDO:0019079", SUBCLASS, "MNKG:0000404"),
    ("MONDO:0005180", SUBCLASS, "MNKG:0000401"),
    ("MONDO:0009688", SUBCLASS, "MNKG:0000401"),
    ("MONDO:0020121", SUBCLASS, "MNKG:0000401"),
    ("MONDO:0019079", "MNKG:0000002", "HP:0000006"),
    ("MONDO:0004976", "RO:0002200", "HP:0003401"),
]


@pytest.mark.parametrize("error", sorted(SECTION_4_ERRORS))
def test_every_section_4_error_is_flagged(seed_004: AuditReport, error: str) -> None:
    for claim in SECTION_4_ERRORS[error]:
        assert verdict_of(seed_004, *claim) in {"contradicted", "unsupported"}, claim
    # and the reasoner refutes at least one encoding of each error outright
    assert any(verdict_of(seed_004, *c) == "contradicted" for c in SECTION_4_ERRORS[error])


@pytest.mark.parametrize("claim", MUST_BE_CONTRADICTED, ids=lambda c: " ".join(c))
def test_the_reasoner_refutes_the_clear_errors(seed_004: AuditReport, claim: tuple) -> None:
    assert verdict_of(seed_004, *claim) == "contradicted"


def test_seed_004_sound_claims_are_supported(seed_004: AuditReport) -> None:
    """The audit is not a blanket rejection of a bad source."""
    for claim in [
        ("MONDO:0004976", SUBCLASS, "MNKG:0000401"),
        ("MONDO:0016218", SUBCLASS, "MNKG:0000401"),
        ("MONDO:0004976", "RO:0002200", "HP:0002015"),
    ]:
        assert verdict_of(seed_004, *claim) == "supported"


def test_seed_004_text_report_shows_source_and_axioms(seed_004: AuditReport) -> None:
    text = seed_004.text()
    assert "row 7: CONTRADICTED  CL:0008039 'lower motor neuron' has soma location" in text
    assert "source: seed:004_a518e6381af20a1a.txt" in text
    assert "'has soma location' only MNKG:0000203 'lower motor neuron soma site'" in text
    counts = seed_004.counts()
    assert sum(counts.values()) == len(read_table(SEED_004))


# the verdict fixture through the CLI (its run started with the module)


def test_json_has_one_object_per_claim_with_the_required_keys(verdicts_json: list[dict]) -> None:
    assert len(verdicts_json) == 8
    for row in verdicts_json:
        assert {"row", "subject", "predicate", "object", "verdict", "reasons"} <= row.keys()
        assert row["verdict"] in {"supported", "contradicted", "unsupported"}
        assert row["reasons"]
    assert [r["row"] for r in verdicts_json] == sorted(r["row"] for r in verdicts_json)


def test_supported_when_the_ontology_entails_the_claim(verdicts_json: list[dict]) -> None:
    row = by_object(verdicts_json, "MONDO:0004976", "MNKG:0000402")
    assert row["verdict"] == "supported"
    assert "HermiT: the ontology entails" in row["reasons"][0]


def test_contradicted_by_the_reasoner_with_the_axioms(verdicts_json: list[dict]) -> None:
    row = by_object(verdicts_json, "MONDO:0019079", "HP:0001419")
    assert row["verdict"] == "contradicted"
    assert "unsatisfiable" in row["reasons"][0]
    axioms = "\n".join(row["axioms"])
    assert "FunctionalObjectProperty: MNKG:0000002 'has mode of inheritance'" in axioms
    assert "HP:0000007 'Autosomal recessive inheritance'" in axioms
    assert "DisjointClasses:" in axioms


def test_contradicted_by_a_closed_world_shape(verdicts_json: list[dict]) -> None:
    row = by_object(verdicts_json, "MONDO:0004976", "UBERON:0002037")
    assert row["verdict"] == "contradicted"
    assert any("mnkgsh:PhenotypeObjectShape" in r for r in row["reasons"])
    assert any("must be a sign" in r for r in row["reasons"])


def test_unsupported_for_unknown_terms_and_for_open_questions(verdicts_json: list[dict]) -> None:
    unknown = by_object(verdicts_json, "OMIM:143100", "HP:0002072")
    assert unknown["verdict"] == "unsupported"
    assert any("is not a term of the ontology" in r for r in unknown["reasons"])
    open_question = by_object(verdicts_json, "MONDO:0004976", "HP:0012378")  # Fatigue
    assert open_question["verdict"] == "unsupported"
    assert "neither entails nor refutes" in open_question["reasons"][0]


def test_negated_claims(verdicts_json: list[dict]) -> None:
    assert by_object(verdicts_json, "MONDO:0004976", "HP:0003401", True)["verdict"] == "supported"
    assert (
        by_object(verdicts_json, "MONDO:0004976", "HP:0002380", True)["verdict"] == "contradicted"
    )
    assert by_object(verdicts_json, "MONDO:0005180", "HP:0002878", True)["verdict"] == "unsupported"


def test_seeds_001_003_sound_claims_are_all_supported() -> None:
    report = audit_file(SEEDS_001_003)
    not_supported = [
        (v.row, v.subject, v.object_id, v.verdict)
        for v in report.verdicts
        if v.verdict != "supported"
    ]
    assert not not_supported
    assert len(report.verdicts) >= 25


def test_verdicts_follow_the_ontology_not_a_list(
    ontology_graph: RDFGraph, seed_004: AuditReport
) -> None:
    """Without the disjointness of non-motor-neuron and LMN sites, 'PD is an LMN disorder'
    is no longer refuted: the verdict comes from the axioms.

    The verdict with the whole ontology is seed 004's (each claim is decided on classes of its
    own, so auditing it with the other claims of the file gives the same verdict as alone)."""
    weakened = RDFGraph()
    for triple in ontology_graph:
        weakened.add(triple)
    site_207 = "https://w3id.org/mnkg/MNKG_0000207"
    site_205 = "https://w3id.org/mnkg/MNKG_0000205"
    for axiom in list(weakened.subjects(RDF.type, OWL.AllDisjointClasses)):
        members = {str(m) for m in Collection(weakened, weakened.value(axiom, OWL.members))}
        if members == {site_207, site_205}:
            weakened.remove((axiom, None, None))
    claims = [
        c for c in read_table(SEED_004) if c.subject == "MONDO:0005180" and c.predicate == SUBCLASS
    ]
    before = verdict_of(seed_004, "MONDO:0005180", SUBCLASS, claims[0].object)
    after = audit_statements(claims, ontology=weakened)
    assert before == "contradicted"
    assert after.verdicts[0].verdict == "unsupported"


def test_malformed_and_empty_claims_files_are_user_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("subject\tpredicate\n")
    empty = tmp_path / "empty.tsv"
    empty.write_text("subject\tpredicate\tobject\tevidence\tsource\tcurator\tdate\n")
    bad_run, empty_run, absent_run = run_each(
        ("audit", str(bad)), ("audit", str(empty)), ("audit", str(tmp_path / "absent.tsv"))
    )
    assert bad_run.returncode == 2 and "bad.tsv:1: bad header" in bad_run.stderr
    assert "Traceback" not in bad_run.stderr
    assert empty_run.returncode == 2 and "no claims" in empty_run.stderr
    assert absent_run.returncode == 2 and "no such file" in absent_run.stderr


def test_closures_and_negations_contradict_the_wrong_claims() -> None:
    """kg/claims/closures-and-negations.tsv: every claim refuted, with a closure or negation."""
    report = audit_file(claims_dir() / "closures-and-negations.tsv")
    assert len(report.verdicts) >= 20
    for verdict in report.verdicts:
        assert verdict.verdict == "contradicted", (verdict.row, verdict.subject, verdict.object_id)
        assert any(" only " in a or " not (" in a for a in verdict.axioms), verdict.row
    parkinson = next(v for v in report.verdicts if v.object_id == "HP:0001257")
    assert any("not (RO:0002200 'has phenotype' some HP:0001257" in a for a in parkinson.axioms)
