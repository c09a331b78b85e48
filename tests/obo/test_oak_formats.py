"""OAK reads the release's OBO-world formats natively and gives the same answers on each.

The commands are OAK's own CLI (``runoak``), run in-process with click's test runner, so the
session pays OAK's import once; each call opens the file afresh, as ``runoak -i FILE`` does.
No ``--prefix`` is given anywhere: the files declare their prefixes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from oaklib.cli import main as runoak

from mnkg.kg.vocab.identifiers import normalize

FORMATS = ["mnkg.db", "mnkg.obo", "mnkg.owl"]
UMN_LESION = "MNKG:0000101"
MOTOR_LESION = "MNKG:0000100"
MYASTHENIA = "MONDO:0009688"
CURIE = re.compile(r"^[A-Za-z][\w.]*:\S+$")


def oak(release: Path, name: str, *args: str) -> Result:
    result = CliRunner().invoke(runoak, ["-i", str(release / name), *args])
    assert result.exit_code == 0, f"runoak {args} on {name}: {result.output}\n{result.exception!r}"
    return result


def tsv_rows(output: str, *columns: str) -> set[tuple[str, ...]]:
    """The given columns of a TSV answer (header line first), as a set of tuples."""
    lines = [line.split("\t") for line in output.splitlines() if line.strip()]
    header, body = lines[0], lines[1:]
    picks = [header.index(c) for c in columns]
    return {tuple(row[i] for i in picks) for row in body}


def answers(release: Path, *args: str, columns: tuple[str, ...]) -> dict[str, set]:
    return {name: tsv_rows(oak(release, name, *args).output, *columns) for name in FORMATS}


def test_the_release_holds_the_obo_formats(obo_release: Path) -> None:
    for name in [*FORMATS, "mnkg.json"]:
        assert (obo_release / name).stat().st_size > 10_000, name


@pytest.mark.parametrize("name", FORMATS)
def test_info_names_the_term_by_curie_and_label(obo_release: Path, name: str) -> None:
    output = oak(obo_release, name, "info", UMN_LESION).output.strip()
    assert output == f"{UMN_LESION} ! upper motor neuron lesion"


def test_ancestors_are_the_same_on_every_format(obo_release: Path) -> None:
    found = answers(obo_release, "ancestors", "-p", "i", UMN_LESION, columns=("id", "label"))
    assert found["mnkg.db"] == {
        (UMN_LESION, "upper motor neuron lesion"),
        (MOTOR_LESION, "motor system lesion"),
    }
    assert found["mnkg.obo"] == found["mnkg.db"] == found["mnkg.owl"]


def labelled_lines(output: str) -> set[tuple[str, str]]:
    """``CURIE ! label`` lines as (CURIE, label) pairs."""
    return {tuple(line.split(" ! ", 1)) for line in output.splitlines() if " ! " in line}  # type: ignore[misc]


def test_descendants_are_the_same_on_every_format(obo_release: Path) -> None:
    found = {
        name: labelled_lines(oak(obo_release, name, "descendants", "-p", "i", MOTOR_LESION).output)
        for name in FORMATS
    }
    ids = {curie for curie, _label in found["mnkg.db"]}
    assert {UMN_LESION, MOTOR_LESION} <= ids and len(ids) > 10
    assert all(CURIE.match(curie) and label != "None" for curie, label in found["mnkg.db"])
    assert found["mnkg.obo"] == found["mnkg.db"] == found["mnkg.owl"]


def test_relationships_are_the_same_on_every_format(obo_release: Path) -> None:
    columns = ("subject", "predicate", "object", "object_label")
    found = answers(obo_release, "relationships", MYASTHENIA, columns=columns)
    assert ("MONDO:0009688", "RO:0004026", "GO:0031594", "neuromuscular junction") in found[
        "mnkg.db"
    ]
    assert ("MONDO:0009688", "rdfs:subClassOf", "MNKG:0000404") in {r[:3] for r in found["mnkg.db"]}
    assert any(r[1].startswith("MNKG:") for r in found["mnkg.db"]), "MNKG relations as CURIEs"
    assert found["mnkg.obo"] == found["mnkg.db"] == found["mnkg.owl"]


@pytest.mark.parametrize("text", ["l~neuron lesion"])
def test_search_is_the_same_on_the_db_and_obo_formats(obo_release: Path, text: str) -> None:
    """Not on mnkg.owl: OAK's OWL adapter searches by walking every annotation of every
    entity, 30-200 s a search here (docs/obo.md); the other tests compare mnkg.owl's answers."""
    found = {
        name: set(oak(obo_release, name, "search", text).output.splitlines())
        for name in ("mnkg.db", "mnkg.obo")
    }
    assert f"{UMN_LESION} ! upper motor neuron lesion" in found["mnkg.db"]
    assert found["mnkg.obo"] == found["mnkg.db"]


def _mappings(output: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of an SSSOM YAML stream; CURIEs in the project's spelling
    (OAK's own prefix map names Orphanet IRIs ``ORPHANET:``, ours ``ORPHA:``)."""
    found = set()
    for block in output.split("---"):
        fields = dict(re.findall(r"^(\w+): (.+)$", block, flags=re.M))
        if "subject_id" in fields:
            found.add(
                (fields["subject_id"], fields["predicate_id"], normalize(fields["object_id"]))
            )
    return found


def test_mappings_are_the_same_on_every_format(obo_release: Path) -> None:
    found = {
        name: _mappings(oak(obo_release, name, "mappings", MYASTHENIA).output) for name in FORMATS
    }
    assert (MYASTHENIA, "skos:exactMatch", "ORPHA:589") in found["mnkg.db"]
    assert len(found["mnkg.db"]) > 5
    assert found["mnkg.obo"] == found["mnkg.db"] == found["mnkg.owl"]


def test_an_unknown_term_is_not_invented(obo_release: Path) -> None:
    for name in FORMATS:
        output = oak(obo_release, name, "info", "MNKG:9999999").output
        assert "MNKG:9999999" not in output or "None" in output
