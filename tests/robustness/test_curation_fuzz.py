"""Fuzzing the curated TSV tables and claim files (hypothesis): a clear UserError, never a crash.

Curators edit ``kg/data/*.tsv`` in spreadsheets and users hand ``mnkg audit`` claim files of
their own, so any text may arrive. The reader (:mod:`mnkg.kg.sources.curation`) and the compiler
(:mod:`mnkg.kg.sources.compile`) must either accept a table or raise :class:`UserError` naming the
file and line; any other exception would reach the user as a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mnkg.kg.errors import UserError
from mnkg.kg.sources.compile import compile_statements
from mnkg.kg.sources.curation import COLUMNS, claims_dir, curated_tables, parse_table, read_table

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

# Text a spreadsheet can put in a cell: any printable character, quotes, control characters,
# non-BMP, right-to-left marks; never a tab or newline (those make new cells / rows).
CELL = st.text(
    alphabet=st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)),
    max_size=40,
)
CELL_LIKE = st.one_of(
    CELL,
    st.sampled_from(
        [
            "",
            " ",
            "MONDO:",
            ":0004976",
            "MONDO:0004976 ",
            "HP:abc",
            "hp:0002380",
            "MNKG:0000003",
            "http://",
            "https://w3id.org/mnkg/MNKG_",
            "ECO:",
            "2026-02-30",
            "2026-13-01",
            "26-1-1",
            "yes",
            "not",
            "NOT",
            "true ",
            "0.5",
            "1/0",
            "0/0",
            "-1/3",
            "101%",
            "nan",
            "inf",
            "1e309",
            '"',
            '""',
            "'",
            "\\",
            "\x00",
            "\x7f",
            "\u202e",
            "🧠",
            "a" * 3000,
            "seed:000_0000000000000000.txt",
            "seed:../../etc/passwd",
            "domain.md",
            "§3",
            "accepted",
            "rejected",
            "pending",
        ]
    ),
)


def _real_rows(paths: list[Path]) -> list[tuple[list[str], list[str]]]:
    rows = []
    for path in paths:
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        header = lines[0].split("\t")
        rows += [(header, line.split("\t")) for line in lines[1:4]]
    return rows


REAL = _real_rows([*curated_tables(), *sorted(claims_dir().glob("*.tsv"))])


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join("\t".join(cells) for cells in [header, *rows]) + "\n"


def _parse_and_compile(text: str) -> None:
    try:
        statements = parse_table(text, name="fuzz.tsv")
        compile_statements(statements)
    except UserError as error:
        message = str(error)
        assert message.startswith("fuzz.tsv"), message  # names the file (and line)
        assert "Traceback" not in message


def test_the_real_tables_are_sampled() -> None:
    assert len(REAL) >= 6  # kg/data and kg/claims both contribute rows


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_is_a_table_or_a_user_error(text: str) -> None:
    _parse_and_compile(text)


@FUZZ
@given(
    row=st.sampled_from(REAL),
    changes=st.lists(st.tuples(st.integers(0, 20), CELL_LIKE), min_size=1, max_size=4),
)
def test_a_real_row_with_cells_replaced_is_accepted_or_a_user_error(
    row: tuple[list[str], list[str]], changes: list[tuple[int, str]]
) -> None:
    header, cells = row
    cells = list(cells) + [""] * (len(header) - len(cells))
    for index, value in changes:
        cells[index % len(cells)] = value
    _parse_and_compile(_table(header, [cells]))


@FUZZ
@given(
    row=st.sampled_from(REAL),
    header=st.lists(
        st.sampled_from([*COLUMNS, "Subject", "subject ", "", "extra"]), min_size=0, max_size=18
    ),
    extra_cells=st.integers(-5, 5),
)
def test_bad_headers_and_ragged_rows_are_user_errors(
    row: tuple[list[str], list[str]], header: list[str], extra_cells: int
) -> None:
    _, cells = row
    cells = cells[: len(cells) + extra_cells] if extra_cells < 0 else cells + ["x"] * extra_cells
    _parse_and_compile(_table(header or ["subject"], [cells]))


@FUZZ
@given(data=st.binary(max_size=300), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_a_file_of_any_bytes_is_read_or_refused_clearly(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, prefix: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "claims.tsv"
    header = "\t".join(COLUMNS).encode()
    path.write_bytes(prefix + header + b"\n" + data)
    try:
        compile_statements(read_table(path))
    except UserError as error:
        assert str(path) in str(error)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00s\x00u\x00b",  # UTF-16 from a spreadsheet export
        b"subject\tpredicate\n",  # header with required columns missing
        "\t".join(COLUMNS).encode() + b"\nMONDO:0004976\tx\n",  # short row, bad predicate
        "\t".join(COLUMNS).encode() + b"\n" + b"\t".join([b"not a curie"] * len(COLUMNS)),
    ],
    ids=["utf16", "missing-columns", "short-row", "garbage-cells"],
)
def test_mnkg_audit_on_a_bad_claims_file_is_a_message_not_a_traceback(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "claims.tsv"
    path.write_bytes(content)
    completed = subprocess.run(
        [sys.executable, "-c", "from mnkg.kg.cli import main; main()", "audit", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr + completed.stdout
    assert str(path) in completed.stderr + completed.stdout
