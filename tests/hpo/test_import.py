"""`mnkg import-hpo` on a fixture: parsing, negation, zero frequency, obsolete terms, bridge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from helpers.hpo_helpers import (
    AUTOSOMAL_RECESSIVE,
    BILATERAL,
    FASCICULATIONS,
    FIXTURE_ROWS,
    INFANTILE_ONSET,
    LMN,
    MUSCLE_FIBRILLATION,
    OBSOLETE,
    OCCASIONAL,
    SMA1_OMIM,
    SMA1_ORPHA,
    SPASTICITY,
    TONGUE_FASCICULATIONS,
    UMN,
    fixture_release,
    hp_iri,
    hpoa_text,
    release_stanzas,
    row,
)
from typer.testing import CliRunner

from mnkg.kg.cli import import_hpo as import_hpo_command
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.hpo.annotations import parse_frequency
from mnkg.kg.hpo.importer import HPO_FILE, ImportReport, carry_over
from mnkg.kg.hpo.ontology import frequency_values
from mnkg.kg.hpo.sources import resolve_sources
from mnkg.kg.iris import Graph
from mnkg.kg.release.hpo import import_hpo
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.vocab import identifiers
from mnkg.kg.vocab.obo import parse_obo

RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
PREFIXES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
PREFIX biolink: <https://w3id.org/biolink/vocab/>
PREFIX mnkgv: <https://w3id.org/mnkg/vocab/>
"""


def ask(store: OxigraphStore, pattern: str) -> bool:
    return bool(store.query(PREFIXES + f"ASK {{ {pattern} }}"))


def select(store: OxigraphStore, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def iri(curie: str) -> str:
    return identifiers.expand(curie)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", query_timeout=10.0, workers=1)


@pytest.fixture
def imported(
    settings: Settings, sources: Path, seeds: dict[str, str]
) -> Iterator[tuple[ImportReport, OxigraphStore]]:
    fixture_release(settings.release_dir, seeds)
    report = import_hpo(settings, [sources])
    store = OxigraphStore(settings.data_dir, settings=settings)
    yield report, store
    store.close()


# --------------------------------------------------------------------------- parsing


def test_obo_parsing_keeps_labels_synonyms_xrefs_parents_and_obsolete(sources: Path) -> None:
    terms = {t.id: t for t in parse_obo(sources / "hp.obo").terms}
    tongue = terms[TONGUE_FASCICULATIONS]
    assert tongue.name == "Tongue fasciculations"
    assert FASCICULATIONS in tongue.parents and MUSCLE_FIBRILLATION in tongue.parents
    assert all(not p.endswith("!") and " " not in p for p in tongue.parents)
    fasc = terms[FASCICULATIONS]
    assert fasc.definition and not fasc.definition.startswith('"')
    assert any(scope == "EXACT" for scope, _ in fasc.synonyms)
    assert any(x.startswith("UMLS:") for x in fasc.xrefs)
    obsolete = terms[OBSOLETE]
    assert obsolete.obsolete and obsolete.replaced_by and not obsolete.parents


def test_frequency_terms_take_their_value_from_their_own_definition(sources: Path) -> None:
    values = frequency_values(parse_obo(sources / "hp.obo").terms)
    assert values[OCCASIONAL] == pytest.approx((5 + 29) / 200)  # "Present in 5% to 29%"
    assert 1.0 in values.values() and 0.0 in values.values()  # Obligate, Excluded
    assert parse_frequency("3/4", values, "x").value == 0.75
    assert parse_frequency("0/5", values, "x").is_zero
    assert parse_frequency("0%", values, "x").is_zero
    assert parse_frequency("12.5%", values, "x").value == 0.125
    excluded = next(term for term, value in values.items() if value == 0.0)
    assert parse_frequency(excluded, values, "x").is_zero
    assert not parse_frequency("", values, "x").is_zero
    for bad in ("5/4", "often", "HP:0000001", "120%"):
        with pytest.raises(UserError):
            parse_frequency(bad, values, "file:3")


# --------------------------------------------------------------------------- the store


def test_hpo_classes_in_their_graph(imported: tuple[ImportReport, OxigraphStore]) -> None:
    report, store = imported
    g = Graph.HPO
    assert ask(store, f'GRAPH <{g}> {{ <{hp_iri(FASCICULATIONS)}> rdfs:label "Fasciculations" }}')
    assert ask(store, f"GRAPH <{g}> {{ <{hp_iri(FASCICULATIONS)}> obo:IAO_0000115 ?d }}")
    assert ask(store, f"GRAPH <{g}> {{ <{hp_iri(FASCICULATIONS)}> oboInOwl:hasExactSynonym ?s }}")
    assert ask(store, f"GRAPH <{g}> {{ <{hp_iri(FASCICULATIONS)}> oboInOwl:hasDbXref ?x }}")
    assert ask(
        store,
        f"GRAPH <{g}> {{ <{hp_iri(TONGUE_FASCICULATIONS)}> rdfs:subClassOf "
        f"<{hp_iri(FASCICULATIONS)}> }}",
    )
    assert report.hpo_version == "2025-01-16"


def test_obsolete_term_is_deprecated_with_replacement_and_never_classified(
    imported: tuple[ImportReport, OxigraphStore],
) -> None:
    _, store = imported
    old = hp_iri(OBSOLETE)
    assert ask(store, f"GRAPH <{Graph.HPO}> {{ <{old}> owl:deprecated true ; obo:IAO_0100001 ?r }}")
    assert not ask(store, f"<{old}> rdfs:subClassOf ?any")


def test_descendant_of_an_lmn_sign_is_an_lmn_sign(
    imported: tuple[ImportReport, OxigraphStore],
) -> None:
    report, store = imported
    bridge = f"GRAPH <{Graph.HPO_BRIDGE}>"
    assert ask(store, f"{bridge} {{ <{hp_iri(TONGUE_FASCICULATIONS)}> rdfs:subClassOf <{LMN}> }}")
    assert ask(store, f"{bridge} {{ <{hp_iri(FASCICULATIONS)}> rdfs:subClassOf <{LMN}> }}")
    assert not ask(
        store, f"{bridge} {{ <{hp_iri(TONGUE_FASCICULATIONS)}> rdfs:subClassOf <{UMN}> }}"
    )
    # Muscle fibrillation is a parent, not a descendant: not classified by this release.
    assert not ask(
        store,
        f"VALUES ?k {{ <{LMN}> <{UMN}> }} {bridge} {{ <{hp_iri(MUSCLE_FIBRILLATION)}> "
        "rdfs:subClassOf ?k }",
    )
    assert report.bridge.per_class["LMN"] == 2 and report.bridge.seeds["LMN"] == 1
    assert report.bridge.both_lmn_umn == []


def test_lmn_query_lists_diseases_with_matched_signs(
    imported: tuple[ImportReport, OxigraphStore],
) -> None:
    _, store = imported
    rows = select(
        store,
        f"""SELECT ?disease ?label ?sign WHERE {{
          GRAPH <{Graph.HPO_BRIDGE}> {{ ?sign rdfs:subClassOf <{LMN}> }}
          GRAPH <{Graph.HPO_ANNOTATIONS}> {{ ?disease obo:RO_0002200 ?sign ; rdfs:label ?label }}
        }}""",
    )
    found = {(r["disease"], r["sign"]) for r in rows}
    assert found == {
        (iri(SMA1_OMIM), hp_iri(TONGUE_FASCICULATIONS)),
        (iri(SMA1_ORPHA), hp_iri(FASCICULATIONS)),
    }
    labels = {r["disease"]: r["label"] for r in rows}
    assert labels[iri(SMA1_OMIM)] == "Spinal muscular atrophy, type I"
    # One triple pattern answers "which diseases have LMN signs" (Ubergraph style).
    diseases = select(
        store, f"SELECT ?d WHERE {{ GRAPH <{Graph.HPO_BRIDGE}> {{ ?d obo:RO_0002200 <{LMN}> }} }}"
    )
    assert {r["d"] for r in diseases} == {iri(SMA1_OMIM), iri(SMA1_ORPHA)}


def test_negated_and_zero_frequency_annotations_never_count(
    imported: tuple[ImportReport, OxigraphStore],
) -> None:
    report, store = imported
    spasticity = hp_iri(SPASTICITY)
    for disease in (SMA1_OMIM, SMA1_ORPHA):
        assert not ask(store, f"<{iri(disease)}> obo:RO_0002200 <{spasticity}>")
        assert not ask(store, f"<{iri(disease)}> obo:RO_0002200 <{UMN}>")
    # ... but both stay as association nodes, with what makes them not count.
    assert ask(
        store,
        f"""GRAPH <{Graph.HPO_ANNOTATIONS}> {{ ?a biolink:subject <{iri(SMA1_OMIM)}> ;
             biolink:object <{spasticity}> ; biolink:negated true }}""",
    )
    assert ask(
        store,
        f"""GRAPH <{Graph.HPO_ANNOTATIONS}> {{ ?a biolink:subject <{iri(SMA1_ORPHA)}> ;
             biolink:object <{spasticity}> ; biolink:has_count 0 ; biolink:has_total 5 ;
             mnkgv:frequency_value ?f ; biolink:sex_qualifier "male" ;
             biolink:qualifiers <{hp_iri(BILATERAL)}> . FILTER (?f = 0) }}""",
    )
    assert report.annotations.negated == 1 and report.annotations.zero_frequency == 1
    assert report.bridge.diseases["UMN"] == 0


def test_association_shape(imported: tuple[ImportReport, OxigraphStore]) -> None:
    report, store = imported
    rows = select(
        store,
        f"""SELECT ?a ?eco ?onset ?f ?pks ?pub WHERE {{ GRAPH <{Graph.HPO_ANNOTATIONS}> {{
              ?a a biolink:DiseaseToPhenotypicFeatureAssociation ;
                 biolink:subject <{iri(SMA1_OMIM)}> ; biolink:predicate obo:RO_0002200 ;
                 biolink:object <{hp_iri(TONGUE_FASCICULATIONS)}> ; biolink:has_evidence ?eco ;
                 biolink:onset_qualifier ?onset ; mnkgv:frequency_value ?f ;
                 biolink:primary_knowledge_source ?pks ; biolink:publications ?pub }} }}""",
    )
    assert len(rows) == 1  # the duplicate row collapsed into the same node
    only = rows[0]
    assert only["eco"] == iri("ECO:0000304")  # TAS
    assert only["onset"] == hp_iri(INFANTILE_ONSET)
    assert float(only["f"]) == pytest.approx(5 / 8)
    assert only["pks"] == iri("infores:hpo-annotations")
    assert only["pub"] == iri(SMA1_OMIM)
    assert report.annotations.duplicates == 1
    occasional = select(
        store,
        f"""SELECT ?f WHERE {{ ?a biolink:subject <{iri(SMA1_ORPHA)}> ;
              biolink:object <{hp_iri(FASCICULATIONS)}> ;
              biolink:frequency_qualifier <{hp_iri(OCCASIONAL)}> ; mnkgv:frequency_value ?f }}""",
    )
    assert [float(r["f"]) for r in occasional] == [pytest.approx(0.17)]
    # Inheritance rows keep their own predicate, never has phenotype.
    ar = hp_iri(AUTOSOMAL_RECESSIVE)
    assert ask(store, f"<{iri(SMA1_OMIM)}> obo:RO_0000053 <{ar}>")
    assert not ask(store, f"<{iri(SMA1_OMIM)}> obo:RO_0002200 <{ar}>")
    assert ask(store, f'?a biolink:object <{ar}> ; mnkgv:hpoa_aspect "I" ; a biolink:Association')


def test_association_iris_are_stable(
    settings: Settings, sources: Path, seeds: dict[str, str]
) -> None:
    fixture_release(settings.release_dir, seeds)
    import_hpo(settings, [sources], load=False)
    first = (settings.release_dir / HPO_FILE).read_bytes()
    import_hpo(settings, [sources], load=False)
    assert (settings.release_dir / HPO_FILE).read_bytes() == first


def test_term_under_both_lmn_and_umn_is_in_both_and_counted(
    settings: Settings, sources: Path
) -> None:
    # A constructed contradiction: the tongue term's two parents put in opposite classes.
    fixture_release(settings.release_dir, {FASCICULATIONS: LMN, MUSCLE_FIBRILLATION: UMN})
    report = import_hpo(settings, [sources], load=False)
    assert report.bridge.both_lmn_umn == [hp_iri(TONGUE_FASCICULATIONS)]
    text = (settings.release_dir / HPO_FILE).read_text(encoding="utf-8")
    for cls in (LMN, UMN):
        assert f"<{hp_iri(TONGUE_FASCICULATIONS)}> <{RDFS_SUBCLASS}> <{cls}>" in text
    assert report.bridge.diseases_lmn_and_umn == 1  # SMA1 (OMIM) through tongue fasciculations


# --------------------------------------------------------------------------- bad input


def test_a_bad_row_names_its_line_and_leaves_the_previous_import_serving(
    settings: Settings, sources: Path, seeds: dict[str, str], tmp_path: Path
) -> None:
    fixture_release(settings.release_dir, seeds)
    import_hpo(settings, [sources])
    before = (settings.release_dir / HPO_FILE).read_bytes()
    bad = tmp_path / "bad.hpoa"
    bad_row = row(SMA1_OMIM, "x", "", FASCICULATIONS, SMA1_OMIM, "XYZ", "", "", "", "", "P", "")
    bad.write_text(hpoa_text([*FIXTURE_ROWS, bad_row]), encoding="utf-8")
    with pytest.raises(UserError, match=r"bad\.hpoa:10: unknown evidence code 'XYZ'"):
        import_hpo(settings, [sources / "hp.obo", bad])
    assert (settings.release_dir / HPO_FILE).read_bytes() == before
    assert not list(settings.data_dir.glob(".*partial"))
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        assert ask(store, f"<{iri(SMA1_OMIM)}> obo:RO_0002200 <{hp_iri(TONGUE_FASCICULATIONS)}>")
    finally:
        store.close()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ((SMA1_OMIM, "x", "MAYBE", FASCICULATIONS, SMA1_OMIM, "TAS", "", "", "", "", "P", ""),
         "unknown qualifier 'MAYBE'"),
        ((SMA1_OMIM, "x", "", "HP:12", SMA1_OMIM, "TAS", "", "", "", "", "P", ""),
         "hpo_id 'HP:12' is not an HP ID"),
        ((SMA1_OMIM, "x", "", FASCICULATIONS, SMA1_OMIM, "TAS", "", "often", "", "", "P", ""),
         "unreadable frequency 'often'"),
        ((SMA1_OMIM, "x", "", FASCICULATIONS, SMA1_OMIM, "TAS", "", "", "", "", "Z", ""),
         "unknown aspect 'Z'"),
        (("NOPE:1", "x", "", FASCICULATIONS, SMA1_OMIM, "TAS", "", "", "", "", "P", ""),
         "unusable disease ID 'NOPE:1'"),
    ],
)  # fmt: skip
def test_bad_cells_are_user_errors(
    settings: Settings, sources: Path, tmp_path: Path, cells: tuple[str, ...], message: str
) -> None:
    bad = tmp_path / "phenotype.hpoa"
    bad.write_text(hpoa_text([row(*cells)]), encoding="utf-8")
    with pytest.raises(UserError, match=message):
        import_hpo(settings, [sources / "hp.obo", bad], load=False)


def test_source_resolution(sources: Path, tmp_path: Path) -> None:
    chosen = resolve_sources([sources])
    assert chosen.obo == sources / "hp.obo" and chosen.hpoa == sources / "phenotype.hpoa"
    only_obo = resolve_sources([sources / "hp.obo"])
    assert only_obo.obo == sources / "hp.obo" and only_obo.hpoa.name == "phenotype.hpoa"
    assert only_obo.hpoa.parent != sources  # the annotations still come from the wheel
    with pytest.raises(NotFound, match="no such file"):
        resolve_sources([tmp_path / "missing"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NotFound, match=r"holds no hp\.obo"):
        resolve_sources([empty])
    not_hpoa = tmp_path / "notes.txt"
    not_hpoa.write_text("hello\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"not a phenotype\.hpoa file"):
        import_hpo(Settings(data_dir=tmp_path / "d"), [sources / "hp.obo", not_hpoa], load=False)
    not_obo = tmp_path / "x.obo"
    not_obo.write_text("format-version: 1.2\n", encoding="utf-8")
    with pytest.raises(UserError, match="holds no \\[Term\\] stanza"):
        parse_obo(not_obo)


def test_cli_reports_counts_and_turns_bad_input_into_a_message(
    settings: Settings, sources: Path, seeds: dict[str, str], tmp_path: Path
) -> None:
    fixture_release(settings.release_dir, seeds)
    app = typer.Typer()  # the command alone: the full CLI also loads every other command
    import_hpo_command.register(app)
    app.command("version")(lambda: None)  # a second command keeps the subcommand syntax
    runner = CliRunner()
    data = ["--data-dir", str(settings.data_dir)]
    done = runner.invoke(app, ["import-hpo", "--from", str(sources), *data, "--no-load"])
    assert done.exit_code == 0, done.output
    assert "negated: 1; zero frequency: 1" in done.output
    assert "LMN 2 (release: 1)" in done.output
    missing = runner.invoke(app, ["import-hpo", "--from", str(tmp_path / "nowhere"), *data])
    assert missing.exit_code != 0
    assert isinstance(missing.exception, NotFound)


def test_fixture_obo_is_the_release_text() -> None:
    # Guard for the fixture itself: the stanzas are copied, not written by hand.
    text = release_stanzas([FASCICULATIONS])
    assert "data-version: hp/releases/2025-01-16" in text
    assert "name: Fasciculations" in text


def test_carry_over_reclassifies_against_a_new_release(
    settings: Settings, sources: Path, seeds: dict[str, str], tmp_path: Path
) -> None:
    fixture_release(settings.release_dir, seeds)
    import_hpo(settings, [sources], load=False)
    previous = (settings.release_dir / HPO_FILE).read_text(encoding="utf-8")
    # A new release that no longer classifies Fasciculations: its descendants leave LMN too.
    new_release = fixture_release(tmp_path / "new-release", {SPASTICITY: UMN})
    stats = carry_over(settings.release_dir / HPO_FILE, new_release)
    assert stats.per_class["LMN"] == 0 and stats.per_class["UMN"] == 1
    carried = (new_release / HPO_FILE).read_text(encoding="utf-8")
    tongue_lmn = f"<{hp_iri(TONGUE_FASCICULATIONS)}> <{RDFS_SUBCLASS}> <{LMN}>"
    assert tongue_lmn in previous and tongue_lmn not in carried
    bridge = f"<{Graph.HPO_BRIDGE}> .\n"
    kept = sorted(line for line in previous.splitlines(True) if not line.endswith(bridge))
    assert kept == sorted(line for line in carried.splitlines(True) if not line.endswith(bridge))
