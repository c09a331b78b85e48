"""The two build steps this package plugs into ``mnkg build``: compile and validate."""

from __future__ import annotations

import pytest
from rdflib import Graph as RDFGraph

from mnkg.kg.errors import ValidationFailed
from mnkg.kg.qc.validate import require_valid, validate_release
from mnkg.kg.sources.compile import compile_kg, compile_statements, statement_count
from mnkg.kg.sources.curation import parse_table

BAD_TABLE = (
    "subject\tpredicate\tobject\tevidence\tsource\tcurator\tdate\n"
    "MONDO:0004976\tRO:0004026\tHP:0002380\tECO:0000302\tdomain.md\tt\t2026-11-21\n"
)


def test_a_violation_stops_the_build_with_the_report(ontology_graph: RDFGraph) -> None:
    kg = compile_kg()  # the curated graph, plus one bad row
    kg += compile_statements(parse_table(BAD_TABLE, name="kg/data/bad.tsv"))
    report = validate_release(ontology=ontology_graph, kg=kg)
    counts = report.counts()
    assert counts["violations"] == 1 and counts["conforms"] is False
    with pytest.raises(ValidationFailed) as caught:
        require_valid(report)
    message = caught.value.message
    assert message.startswith("SHACL validation failed:")
    assert "row:     kg/data/bad.tsv:2" in message
    assert "must be an anatomical site" in message
    assert caught.value.exit_code == 1


def test_statement_counts_for_the_summary() -> None:
    kg = compile_statements(parse_table(BAD_TABLE, name="bad.tsv"))
    assert statement_count(kg) == {"statements": 1, "accepted": 1, "rejected": 0, "negated": 0}
