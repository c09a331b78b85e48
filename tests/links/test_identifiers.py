"""The one CURIE converter: normalisation, round trips, resolution of external codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.vocab import identifiers, resolution
from mnkg.kg.vocab.resolution import MappingTriple

VOCAB = Path(__file__).resolve().parents[2] / "ontology" / "vocab"
ALS = "MONDO:0004976"
OBO = ["HP", "MONDO", "UBERON", "CL", "GO", "RO", "BFO", "ECO", "IAO", "DOID"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ORPHA:803", "ORPHA:803"),
        ("orphanet:803", "ORPHA:803"),
        ("Orphanet:803", "ORPHA:803"),
        ("ORDO:803", "ORPHA:803"),
        ("Orphanet_803", "ORPHA:803"),
        ("http://www.orpha.net/ORDO/Orphanet_803", "ORPHA:803"),
        ("http://purl.obolibrary.org/obo/MONDO_0004976", ALS),
        ("<http://purl.obolibrary.org/obo/MONDO_0004976>", ALS),
        ("mondo:0004976", ALS),
        ("  MONDO:0004976 ", ALS),
        ("hpo:0001250", "HP:0001250"),
        ("HP_0001250", "HP:0001250"),
        ("SNOMEDCT_US:26544005", "SNOMEDCT:26544005"),
        ("SCTID:86044005", "SNOMEDCT:86044005"),
        ("http://identifiers.org/snomedct/86044005", "SNOMEDCT:86044005"),
        ("MSH:D000690", "MESH:D000690"),
        ("MeSH:D000690", "MESH:D000690"),
        ("umls:c0002736", "UMLS:C0002736"),
        ("UMLS C0002736", "UMLS:C0002736"),
        ("http://linkedlifedata.com/resource/umls/id/C0002736", "UMLS:C0002736"),
        ("icd10cm:g12.21", "ICD10CM:G12.21"),
        ("http://purl.bioontology.org/ontology/ICD10CM/G12.21", "ICD10CM:G12.21"),
        ("ICD10:G12.2", "ICD10WHO:G12.2"),
        ("http://omim.org/entry/105400", "OMIM:105400"),
        ("MIM:105400", "OMIM:105400"),
        ("https://omim.org/MIM:PS105400", "OMIMPS:105400"),
        ("OMIM:PS105400", "OMIMPS:105400"),
        ("icd11.foundation:1982355687", "ICD11F:1982355687"),
        ("mnkg:0000301", "MNKG:0000301"),
        ("https://w3id.org/mnkg/MNKG_0000301", "MNKG:0000301"),
    ],
)
def test_normalize_accepts_curies_iris_synonyms_any_case(text: str, expected: str) -> None:
    assert identifiers.normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty identifier"),
        ("   ", "empty identifier"),
        ("FOO:123", "unknown prefix 'FOO'"),
        ("MONDO:12", "malformed MONDO identifier"),
        ("HP:abcdefg", "malformed HP identifier"),
        ("UMLS:12345", "malformed UMLS identifier"),
        ("MONDO", "is not a CURIE"),
        ("http://example.org/thing/1", "no known prefix for the IRI"),
    ],
)
def test_normalize_rejects_bad_input_naming_the_problem(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        identifiers.normalize(text)


def test_expand_and_compress_follow_the_obo_and_mondo_conventions() -> None:
    assert identifiers.expand("MONDO:0004976") == "http://purl.obolibrary.org/obo/MONDO_0004976"
    assert identifiers.expand("orphanet:803") == "http://www.orpha.net/ORDO/Orphanet_803"
    assert identifiers.expand("MNKG:0000001") == "https://w3id.org/mnkg/MNKG_0000001"
    assert (
        identifiers.expand("ICD10CM:G12.21")
        == "http://purl.bioontology.org/ontology/ICD10CM/G12.21"
    )
    assert identifiers.compress("http://purl.obolibrary.org/obo/UBERON_0002257") == (
        "UBERON:0002257"
    )
    with pytest.raises(UserError):
        identifiers.expand("nope:1")


@pytest.mark.parametrize("prefix", OBO)
def test_obo_prefixes_are_upper_case_purls(prefix: str) -> None:
    assert identifiers.prefix_map()[prefix] == f"http://purl.obolibrary.org/obo/{prefix}_"


@given(prefix=st.sampled_from(["HP", "MONDO", "UBERON", "CL", "MNKG"]), n=st.integers(0, 9999999))
def test_round_trip_curie_iri_curie(prefix: str, n: int) -> None:
    curie = f"{prefix}:{n:07d}"
    assert identifiers.compress(identifiers.expand(curie)) == curie
    assert identifiers.normalize(curie.lower()) == curie


def test_every_record_round_trips_through_its_uri_prefix() -> None:
    for record in identifiers.converter().records:
        assert identifiers.converter().compress(record.uri_prefix + "X1") == f"{record.prefix}:X1"


def test_prefix_spellings_are_unambiguous_case_insensitively() -> None:
    seen: dict[str, str] = {}
    for record in identifiers.converter().records:
        for spelling in (record.prefix, *record.prefix_synonyms):
            assert seen.setdefault(spelling.lower(), record.prefix) == record.prefix, spelling


def _vocab_ids() -> list[str]:
    ids = []
    with (VOCAB / "diseases.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for column in ("mondo_id", "doid", "omim", "omimps", "orpha", "mesh", "umls"):
                ids.extend(v for v in (row[column] or "").split("|") if v)
            for column in ("icd10cm", "icd10who", "snomedct", "icd11_foundation", "ncit"):
                ids.extend(v for v in (row[column] or "").split("|") if v)
            ids.extend(v for v in (row["medgen"] or "").split("|") if v)
    with (VOCAB / "signs.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            ids.append(row["hpo_id"])
            for column in ("umls", "snomedct_us"):
                ids.extend(v for v in (row[column] or "").split("|") if v)
    return ids


def test_every_vocab_id_is_well_formed_and_round_trips() -> None:
    ids = _vocab_ids()
    assert len(ids) > 700
    for text in ids:
        curie = identifiers.normalize(text)
        assert identifiers.compress(identifiers.expand(curie)) == curie


# --- resolution -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "ICD10CM:G12.21",
        "icd10cm:g12.21",
        "ICD-10 G12.21",
        "ICD10:G12.21",
        "G12.21",
        "UMLS:C0002736",
        "UMLS C0002736",
        "ORPHA:803",
        "orphanet:803",
        "http://www.orpha.net/ORDO/Orphanet_803",
        "DOID:332",
        "MESH:D000690",
        "SNOMEDCT:86044005",
        "http://purl.obolibrary.org/obo/MONDO_0004976",
    ],
)
def test_als_codes_resolve_to_the_mondo_term_the_ontology_uses(code: str) -> None:
    assert resolution.resolve(code) == [ALS]


def test_exact_matches_win_over_database_cross_references() -> None:
    # HPO's phenotype term HP:0007354 carries the same UMLS CUI as an xref, MONDO states it exact.
    rows = [
        MappingTriple("MONDO:0004976", "skos:exactMatch", "UMLS:C0002736"),
        MappingTriple("HP:0007354", "oboInOwl:hasDbXref", "UMLS:C0002736"),
    ]
    assert resolution.resolve("UMLS:C0002736", rows) == [ALS]
    assert resolution.resolve("UMLS:C0002736", rows[1:]) == ["HP:0007354"]


def test_an_ambiguous_code_returns_all_candidates() -> None:
    rows = [
        MappingTriple("MONDO:0000001", "skos:exactMatch", "ICD10CM:G12.2"),
        MappingTriple("MONDO:0000002", "skos:exactMatch", "ICD10CM:G12.2"),
        MappingTriple("MONDO:0000003", "skos:exactMatch", "ICD10CM:G12.21"),
    ]
    assert resolution.resolve("ICD10CM:G12.2", rows) == ["MONDO:0000001", "MONDO:0000002"]


def test_an_ambiguous_code_in_the_committed_mappings_returns_all_candidates() -> None:
    # hp.obo cross-references both facial palsy terms to this UMLS concept.
    candidates = resolution.resolve("UMLS:C0427055")
    assert candidates == ["HP:0007209", "HP:0010628"]


def test_resolve_accepts_dict_rows_and_our_own_terms() -> None:
    rows = [{"subject_id": ALS, "predicate_id": "skos:exactMatch", "object_id": "ORPHA:803"}]
    assert resolution.resolve("Orphanet:803", rows) == [ALS]
    assert resolution.resolve("mnkg:0000301", rows) == ["MNKG:0000301"]


@pytest.mark.parametrize(
    ("code", "error", "message"),
    [
        ("UMLS:C9999999", NotFound, "no mapping from UMLS:C9999999"),
        ("XYZ:1", UserError, "unknown prefix 'XYZ'"),
        ("ICD10CM:???", UserError, "malformed ICD10CM identifier"),
        ("ZZZZ9", NotFound, "has no prefix and matches no mapped code"),
        ("", UserError, "empty identifier"),
    ],
)
def test_resolve_errors_name_the_problem(code: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        resolution.resolve(code)


# Where the project deliberately departs from the Bioregistry OBO context shipped with sssom-py
# (docs/mappings.md says why): our prefix -> (Bioregistry prefix, our URI prefix).
DEPARTURES = {
    "ICD10CM": ("icd10cm", "http://purl.bioontology.org/ontology/ICD10CM/"),
    "biolink": ("biolink", "https://w3id.org/biolink/vocab/"),
    "infores": ("infores", "https://w3id.org/biolink/infores/"),
}
RENAMED = {
    "ORPHA": "Orphanet",
    "SNOMEDCT": "SCTID",
    "OMIM": "omim",
    "MEDGEN": "medgen",
    "ICD11F": "icd11.foundation",
    "DECIPHER": "decipher",
    "ISBN": "isbn",
    "HGNC": "hgnc",
}


def test_prefix_map_is_aligned_with_the_bioregistry_obo_context() -> None:
    import json
    from importlib import resources

    bioregistry = {
        e["prefix"]: e for e in json.loads((resources.files("sssom") / "obo.epm.json").read_text())
    }
    checked = 0
    for record in identifiers.converter().records:
        if record.prefix in {"MNKG", "mnkgv", "xsd"}:
            continue  # ours, and XML Schema (not in the OBO context)
        source, uri = DEPARTURES.get(
            record.prefix, (RENAMED.get(record.prefix, record.prefix), None)
        )
        entry = bioregistry[source]
        if uri is None:
            assert record.uri_prefix == entry["uri_prefix"], record.prefix
        else:
            assert record.uri_prefix == uri
            assert entry["uri_prefix"] in record.uri_prefix_synonyms, record.prefix
        if source != record.prefix:
            assert source in record.prefix_synonyms, record.prefix
        checked += 1
    assert checked >= 30


@given(text=st.text(max_size=60))
def test_any_text_gives_a_curie_or_a_user_error(text: str) -> None:
    for function in (identifiers.normalize, resolution.resolve):
        try:
            function(text)
        except UserError:
            pass


@given(
    prefix=st.sampled_from(["orphanet", "ICD10CM", "umls", "hp", "mondo", "sctid", "http://x"]),
    local=st.text(alphabet="0123456789ABCDEFGabc.:/_ -#", max_size=20),
)
def test_prefixed_junk_gives_a_curie_or_a_user_error(prefix: str, local: str) -> None:
    try:
        curie = identifiers.normalize(f"{prefix}:{local}")
    except UserError:
        return
    assert identifiers.normalize(curie) == curie
