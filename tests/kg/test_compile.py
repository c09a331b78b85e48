"""The compiler: Biolink association nodes, stable IRIs, direct triples only when accepted."""

from __future__ import annotations

from rdflib import RDF, XSD, Literal, URIRef

from mnkg.kg.iris import STATEMENT_BASE
from mnkg.kg.iris import Graph as G
from mnkg.kg.sources.compile import (
    BIOLINK,
    MNKGV,
    compile_kg,
    compile_statements,
    statement_count,
    statement_iri,
)
from mnkg.kg.sources.curation import parse_table

OBO = "http://purl.obolibrary.org/obo/"
HEADER = (
    "subject\tpredicate\tobject\tfrequency\tonset\tlaterality\tnegated\tevidence\tsource\t"
    "source_pointer\tcurator\tdate\tstatus\n"
)


def table(*rows: str) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


ROWS = table(
    "MONDO:0004976\tRO:0002200\tHP:0002380\t3/4\t\t\t\tECO:0000302\tdomain.md\t§3\tt\t2026-11-21\t",
    "MONDO:0004976\tRO:0002200\tHP:0003401\t\t\t\ttrue\tECO:0000302\tdomain.md\t§3\tt\t2026-11-21\t",
    "MONDO:0004976\tRO:0004026\tUBERON:0002257\t\t\t\t\tECO:0000304|ECO:0000305\tPMID:123\t\tt\t"
    "2026-11-21\trejected",
    "MONDO:0009669\tRO:0002200\tHP:0001252\tHP:0040281\tHP:0003593\tHP:0012832\t\tECO:0000302\t"
    "seed:001_bc8f10f0675417de.txt\tKey Characteristics\tt\t2026-11-21\taccepted",
)


def test_association_nodes_have_the_biolink_shape() -> None:
    graph = compile_statements(parse_table(ROWS, name="c.tsv"))
    assert str(graph.identifier) == G.KG
    nodes = sorted(graph.subjects(BIOLINK.subject, None))
    assert len(nodes) == 4
    assert all(str(node).startswith(STATEMENT_BASE) for node in nodes)
    first = statement_iri(parse_table(ROWS, name="c.tsv")[0])
    assert (first, RDF.type, BIOLINK.DiseaseToPhenotypicFeatureAssociation) in graph
    assert (first, BIOLINK.predicate, URIRef(OBO + "RO_0002200")) in graph
    assert (first, BIOLINK.has_evidence, URIRef(OBO + "ECO_0000302")) in graph
    assert (first, BIOLINK.has_count, Literal(3)) in graph
    assert (first, BIOLINK.has_total, Literal(4)) in graph
    assert (first, BIOLINK.knowledge_level, Literal("knowledge_assertion")) in graph
    assert (first, BIOLINK.agent_type, Literal("manual_agent")) in graph
    assert (first, BIOLINK.publications, URIRef("https://w3id.org/mnkg/source/domain.md")) in graph
    assert (first, MNKGV.curated_in, Literal("c.tsv:2")) in graph
    assert (first, None, Literal("2026-11-21", datatype=XSD.date)) in graph


def test_direct_triples_only_for_accepted_non_negated_statements() -> None:
    graph = compile_statements(parse_table(ROWS, name="c.tsv"))
    als = URIRef(OBO + "MONDO_0004976")
    has_phenotype = URIRef(OBO + "RO_0002200")
    assert (als, has_phenotype, URIRef(OBO + "HP_0002380")) in graph
    assert (als, has_phenotype, URIRef(OBO + "HP_0003401")) not in graph  # negated
    assert (als, URIRef(OBO + "RO_0004026"), URIRef(OBO + "UBERON_0002257")) not in graph
    negated = statement_iri(parse_table(ROWS, name="c.tsv")[1])
    assert (negated, BIOLINK.negated, Literal(True)) in graph
    assert statement_count(graph) == {"statements": 4, "accepted": 3, "rejected": 1, "negated": 1}


def test_qualifiers_and_publications() -> None:
    statements = parse_table(ROWS, name="c.tsv")
    graph = compile_statements(statements)
    rejected, sma = statement_iri(statements[2]), statement_iri(statements[3])
    assert (
        rejected,
        BIOLINK.publications,
        URIRef("https://www.ncbi.nlm.nih.gov/pubmed/123"),
    ) in graph
    assert len(list(graph.objects(rejected, BIOLINK.has_evidence))) == 2
    assert (sma, BIOLINK.frequency_qualifier, URIRef(OBO + "HP_0040281")) in graph
    assert (sma, BIOLINK.onset_qualifier, URIRef(OBO + "HP_0003593")) in graph
    assert (sma, BIOLINK.qualifiers, URIRef(OBO + "HP_0012832")) in graph
    seed = URIRef("https://w3id.org/mnkg/source/seed/001_bc8f10f0675417de.txt")
    assert (sma, BIOLINK.publications, seed) in graph


def test_statement_iris_are_stable_and_independent_of_row_order() -> None:
    statements = parse_table(ROWS, name="c.tsv")
    reordered = parse_table(
        HEADER + "\n".join(reversed(ROWS.strip().split("\n")[1:])) + "\n", name="other.tsv"
    )
    assert {statement_iri(s) for s in statements} == {statement_iri(s) for s in reordered}
    first = compile_kg()
    second = compile_kg()
    assert set(first.subjects(BIOLINK.subject, None)) == set(second.subjects(BIOLINK.subject, None))
    assert len(first) == len(second)


def test_identity_changes_the_iri() -> None:
    one, two = parse_table(
        table(
            "MONDO:0004976\tRO:0002200\tHP:0002380\t\t\t\t\tECO:0000302\tdomain.md\t\tt\t2026-11-21\t",
            "MONDO:0004976\tRO:0002200\tHP:0002380\t\t\t\t\tECO:0000302\tPMID:1\t\tt\t2026-11-21\t",
        ),
        name="c.tsv",
    )
    assert statement_iri(one) != statement_iri(two)  # same triple, another source
