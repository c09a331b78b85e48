"""The curated-table reader: clear errors naming file, line and column; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.sources.curation import (
    COLUMNS,
    curated_statements,
    curated_tables,
    parse_table,
    read_table,
    write_table,
)

HEADER = "subject\tpredicate\tobject\tevidence\tsource\tsource_pointer\tcurator\tdate\n"
GOOD = "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tdomain.md\t§3\tt\t2026-11-21\n"


def test_good_row_is_read_with_canonical_curies() -> None:
    row = "mondo:0004976\tro:0002200\thp_0002380\tECO:0000302\tdomain.md\t§3\tt\t2026-11-21\n"
    [statement] = parse_table(HEADER + row, name="t.tsv")
    assert (statement.subject, statement.predicate, statement.object) == (
        "MONDO:0004976",
        "RO:0002200",
        "HP:0002380",
    )
    assert statement.accepted and not statement.negated
    assert statement.where == "t.tsv:2"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "MONDO:0004976\tRO:0002200\tHP:12\tECO:0000302\tdomain.md\t\tt\t2026-11-21\n",
            "t.tsv:2: column 'object': malformed HP identifier",
        ),
        (
            "MONDO:0004976\tRO:0002200\tXX:1\tECO:0000302\tdomain.md\t\tt\t2026-11-21\n",
            "t.tsv:2: column 'object': unknown prefix 'XX'",
        ),
        (
            "MONDO:0004976\tRO:0002200\tHP:0002380\t\tdomain.md\t\tt\t2026-11-21\n",
            "t.tsv:2: column 'evidence' is empty",
        ),
        (
            "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tmy notes\t\tt\t2026-11-21\n",
            "t.tsv:2: column 'source' must be",
        ),
        (
            "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tdomain.md\t\tt\t21/11/2026\n",
            "t.tsv:2: column 'date' must be YYYY-MM-DD",
        ),
        (
            "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tdomain.md\t\t\t2026-11-21\n",
            "t.tsv:2: column 'curator' is empty",
        ),
        (
            "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tdomain.md\t"
            + "x" * 301
            + "\tt\t2026-11-21\n",
            "t.tsv:2: column 'source_pointer' is a heading or a quote",
        ),
        (
            "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tdomain.md\t\tt\t2026-11-21\textra\n",
            "t.tsv:2: 9 cells but the header has 8 columns",
        ),
    ],
)
def test_bad_rows_name_file_line_and_column(row: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_table(HEADER + row, name="t.tsv")
    assert message in caught.value.message


def test_bad_header_lists_missing_and_unknown_columns() -> None:
    with pytest.raises(UserError) as caught:
        parse_table("subject\tpredicat\tobject\n", name="t.tsv")
    assert "t.tsv:1: bad header" in caught.value.message
    assert "missing predicate, evidence, source, curator, date" in caught.value.message
    assert "unknown 'predicat'" in caught.value.message


def test_status_negation_and_sources() -> None:
    header = HEADER.rstrip("\n") + "\tnegated\tstatus\n"
    rows = (
        "MONDO:0004976\tRO:0002200\tHP:0003401\tECO:0000302\tseed:004_a518e6381af20a1a.txt\t\tt\t"
        "2026-11-21\ttrue\trejected\n"
        "MONDO:0004976\tRO:0002200\tHP:0002380\tECO:0000302\tpmid:12345\t\tt\t2026-11-21\t\t\n"
    )
    first, second = parse_table(header + rows, name="t.tsv")
    assert first.negated and first.status == "rejected" and not first.accepted
    assert second.source == "PMID:12345" and second.accepted
    with pytest.raises(UserError, match="must be accepted or rejected"):
        parse_table(header + rows.replace("rejected", "maybe"), name="t.tsv")
    with pytest.raises(UserError, match="must be true or false"):
        parse_table(header + rows.replace("\ttrue\t", "\tperhaps\t"), name="t.tsv")


def test_missing_file_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no such file"):
        read_table(tmp_path / "absent.tsv")
    binary = tmp_path / "b.tsv"
    binary.write_bytes(b"subject\t\xff\xfe\n")
    with pytest.raises(UserError, match="not UTF-8"):
        read_table(binary)


def test_write_table_round_trips() -> None:
    statements = curated_statements()
    again = parse_table(write_table(statements), name="again.tsv")
    assert [s.identity() for s in again] == [s.identity() for s in statements]
    assert [s.evidence for s in again] == [s.evidence for s in statements]


def test_curated_tables_exist_and_read() -> None:
    names = {p.name for p in curated_tables()}
    assert {"conditions.tsv", "lesion-patterns.tsv", "anatomy.tsv"} <= names
    statements = curated_statements()
    assert len(statements) > 300
    assert {s.source for s in statements} >= {
        "domain.md",
        "seed:000_69b62d056f04e624.txt",
        "seed:001_bc8f10f0675417de.txt",
        "seed:002_e3154c7755c695fe.txt",
        "seed:003_a01a97a6d09f77d9.txt",
    }


def test_no_seed_004_statement_is_accepted_in_the_curated_tables() -> None:
    """domain.md §4: seed 004 is unreliable; its claims are audited, never curated as accepted."""
    assert not [s for s in curated_statements() if s.source.startswith("seed:004") and s.accepted]


VALID = [
    "MONDO:0004976",
    "RO:0002200",
    "HP:0002380",
    "ECO:0000302",
    "domain.md",
    "t",
    "2026-11-21",
    "seed:001_bc8f10f0675417de.txt",
    "true",
    "accepted",
    "rejected",
    "3/4",
    "50%",
    "HP:0040281",
    "PMID:1",
    "https://example.org/x",
    "rdfs:subClassOf",
    "HP:0012833",
    "HP:0003593",
    "",
]
cells = st.one_of(
    st.sampled_from(VALID),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"),
        max_size=30,
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=0, max_size=18), max_size=6), st.booleans())
def test_fuzzed_tables_give_user_errors_never_tracebacks(
    rows: list[list[str]], header: bool
) -> None:
    text = ("\t".join(COLUMNS) + "\n" if header else "") + "".join(
        "\t".join(row) + "\n" for row in rows
    )
    try:
        parse_table(text, name="fuzz.tsv")
    except UserError as error:
        assert error.message.startswith("fuzz.tsv")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_fuzzed_text_gives_user_errors_never_tracebacks(text: str) -> None:
    try:
        parse_table(text, name="fuzz.tsv")
    except UserError as error:
        assert "fuzz.tsv" in error.message


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=10), max_size=4), st.sampled_from(COLUMNS))
def test_fuzzed_claim_files_give_user_errors_before_any_reasoning(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], dropped: str
) -> None:
    """A claims file missing a required column (or with bad rows) fails in the reader: a
    UserError naming the file, never a traceback and never a reasoner run."""
    from mnkg.kg.qc.audit import audit_file

    header = [c for c in COLUMNS if c != dropped]
    if dropped not in {"subject", "predicate", "object", "evidence", "source", "curator", "date"}:
        header = [*header, "bogus"]
    path = tmp_path_factory.mktemp("claims") / "claims.tsv"
    path.write_text("\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows))
    with pytest.raises(UserError) as caught:
        audit_file(path)
    assert str(path) in caught.value.message
