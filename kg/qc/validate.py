"""SHACL validation of the ontology, the knowledge graph and users' files.

The engine is ``pyshacl-turbo`` (the pySHACL API, executed in Rust: 15x faster on the release
here); ``pyshacl`` itself stays available as ``engine="pyshacl"``, and a test checks that both
give the same report on every shape fixture (``tests/kg/test_shacl_engines.py``).

:func:`validate_graph` is the one entry point: a data graph (which already contains any
background), the shapes of ``ontology/shapes/*.ttl``, and a :class:`ValidationReport` with one
:class:`Finding` per result, the focus node's label beside it. :func:`validate_release` is what
the build calls; :func:`validate_files` is ``mnkg validate FILE ...``: the files are parsed with
pyoxigraph (errors carry line and column) and validated together with the ontology, its import
modules and the curated knowledge graph as background, so a user's statements are judged in the
context of the release.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pyshacl_turbo
from rdflib import RDF, RDFS, BNode, Literal, Namespace, URIRef
from rdflib import Graph as RDFGraph
from rdflib.term import Node

from mnkg import ontology as ontology_sources
from mnkg.kg.errors import NotFound, UserError, ValidationFailed
from mnkg.kg.sources.compile import compile_kg
from mnkg.kg.sources.ontology import load_imports, load_ontology, tbox
from mnkg.kg.vocab import identifiers

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
MNKGV = Namespace("https://w3id.org/mnkg/vocab/")

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".owl": ox.RdfFormat.RDF_XML,
    ".rdf": ox.RdfFormat.RDF_XML,
}
"""File extensions ``mnkg validate`` reads, and their RDF syntax."""

ENGINES = {"pyshacl-turbo": pyshacl_turbo.validate, "pyshacl": pyshacl.validate}
"""The SHACL engines (same API, same report graph); the first is the default."""
DEFAULT_ENGINE = "pyshacl-turbo"


@dataclass(frozen=True)
class Finding:
    """One SHACL result, with the terms shown as CURIEs and labels."""

    severity: str
    focus: str
    focus_label: str
    path: str
    value: str
    message: str
    shape: str
    where: str = ""
    focus_iri: str = ""

    def as_dict(self) -> dict[str, str]:
        """A JSON-ready dict of the finding."""
        return {
            "focus_iri": self.focus_iri,
            "severity": self.severity,
            "focus": self.focus,
            "focus_label": self.focus_label,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "shape": self.shape,
            "where": self.where,
        }


@dataclass
class ValidationReport:
    """The outcome of one validation: findings, the standard SHACL report graph, counts."""

    conforms: bool
    findings: list[Finding]
    report_graph: RDFGraph
    seconds: float
    focus_nodes_checked: int = 0
    sources: list[str] = field(default_factory=list)

    @property
    def violations(self) -> int:
        """Number of results with severity Violation."""
        return sum(1 for finding in self.findings if finding.severity == "Violation")

    @property
    def warnings(self) -> int:
        """Number of results with severity Warning."""
        return sum(1 for finding in self.findings if finding.severity == "Warning")

    def counts(self) -> dict[str, float | int | bool]:
        """The numbers ``summary.json`` records."""
        return {
            "conforms": self.conforms,
            "violations": self.violations,
            "warnings": self.warnings,
            "results": len(self.findings),
            "validation_seconds": round(self.seconds, 3),
        }

    def text(self) -> str:
        """A readable report: one block per result, then a summary line."""
        lines: list[str] = []
        for finding in self.findings:
            focus = finding.focus + (f" '{finding.focus_label}'" if finding.focus_label else "")
            lines.append(f"{finding.severity.upper()}  {focus}")
            if finding.where:
                lines.append(f"  row:     {finding.where}")
            if finding.path:
                lines.append(f"  path:    {finding.path}")
            if finding.value:
                lines.append(f"  value:   {finding.value}")
            lines.append(f"  message: {finding.message}")
            lines.append(f"  shape:   {finding.shape}")
            lines.append("")
        verdict = "conforms" if self.conforms else "does not conform"
        what = ", ".join(self.sources) if self.sources else "data"
        lines.append(
            f"{what}: {verdict}: {self.violations} violation(s), {self.warnings} warning(s) "
            f"in {self.seconds:.1f} s"
        )
        return "\n".join(lines)

    def turtle(self) -> str:
        """The standard SHACL validation report, as Turtle."""
        return self.report_graph.serialize(format="turtle")

    def json(self) -> str:
        """The standard SHACL validation report, as JSON-LD."""
        return self.report_graph.serialize(format="json-ld", indent=2)

    def summary_json(self) -> str:
        """Findings and counts as plain JSON (for programs that do not speak JSON-LD)."""
        return json.dumps(
            {**self.counts(), "findings": [f.as_dict() for f in self.findings]}, indent=2
        )


# --- inputs -------------------------------------------------------------------------------------


def shapes_graph(paths: Sequence[Path] | None = None) -> RDFGraph:
    """The SHACL shapes (all of ``ontology/shapes/*.ttl`` unless ``paths`` is given)."""
    graph = RDFGraph()
    for path in paths if paths is not None else ontology_sources.shape_files():
        graph.parse(path, format="turtle")
    return graph


def load_ontology_graph() -> RDFGraph:
    """Our axioms (``mnkg-edit.ttl``) and the import modules, merged, as the build reads them."""
    return tbox(load_ontology(), load_imports())


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # a simple literal, as rdflib writes it
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def parse_file(path: Path | str, *, into: RDFGraph | None = None) -> RDFGraph:
    """Parse an RDF file chosen by extension; errors name the file, line and column.

    Raises :class:`NotFound` for a missing file and :class:`UserError` for an unknown extension
    or a syntax error. Quads of named graphs are merged into the one graph returned.
    """
    path = Path(path)
    if not path.exists():
        raise NotFound(f"no such file: {path}")
    if not path.is_file():
        raise UserError(f"not a file: {path}")
    rdf_format = FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(sorted(FORMATS))
        raise UserError(f"{path}: unknown RDF file extension {path.suffix!r} (known: {known})")
    graph = into if into is not None else RDFGraph()
    blank_prefix = f"f{abs(hash(str(path.resolve()))) % 10**8}"
    try:
        for quad in ox.parse(path=str(path), format=rdf_format):
            subject = _to_rdflib(quad.subject)
            obj = _to_rdflib(quad.object)
            if isinstance(subject, BNode):
                subject = BNode(f"{blank_prefix}{subject}")
            if isinstance(obj, BNode):
                obj = BNode(f"{blank_prefix}{obj}")
            graph.add((subject, URIRef(quad.predicate.value), obj))
    except SyntaxError as error:
        line, column = error.lineno, error.offset
        detail = str(error.msg) if error.msg else str(error)
        detail = re.sub(r"^Parser error (at|between) line .*?: ", "", detail)
        raise UserError(f"{path}:{line}:{column}: parse error: {detail}") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UserError(f"{path}: cannot read as {rdf_format.name}: {error}") from None
    return graph


# --- validation ---------------------------------------------------------------------------------


def _curie(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        curie = identifiers.converter().compress(str(node))
        if curie is None:
            for prefix, base in (
                ("mnkgsh", "https://w3id.org/mnkg/shapes/"),
                ("biolink", str(BIOLINK)),
                ("mnkgv", str(MNKGV)),
                ("sh", str(SH)),
            ):
                if str(node).startswith(base):
                    return f"{prefix}:{str(node)[len(base) :]}"
            return str(node)
        return curie
    if isinstance(node, Literal):
        return f'"{node}"'
    return "(anonymous)"


def _label(data: RDFGraph, node: Node | None) -> str:
    if node is None or not isinstance(node, URIRef):
        return ""
    label = data.value(node, RDFS.label)
    if label is not None:
        return str(label)
    subject = data.value(node, BIOLINK.subject)
    if subject is not None:  # an association: "subject predicate object"
        parts = [
            _label(data, term) or _curie(term)
            for term in (
                subject,
                data.value(node, BIOLINK.predicate),
                data.value(node, BIOLINK.object),
            )
        ]
        negated = (node, BIOLINK.negated, Literal(True)) in data
        return f"{parts[0]} {'NOT ' if negated else ''}{parts[1]} {parts[2]}"
    return ""


def _path_text(report: RDFGraph, path: Node | None) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):
        alternatives = report.value(path, SH.alternativePath)
        if alternatives is not None:
            members = list(report.items(alternatives))
            return " | ".join(_curie(member) for member in members)
        return "(path)"
    return _curie(path)


def _value_text(data: RDFGraph, value: Node | None) -> str:
    if value is None:
        return ""
    label = _label(data, value)
    return _curie(value) + (f" '{label}'" if label else "")


def findings_of(report: RDFGraph, data: RDFGraph, shapes: RDFGraph | None = None) -> list[Finding]:
    """The results of a SHACL report graph as :class:`Finding` s, in a stable order."""
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        severity = report.value(result, SH.resultSeverity)
        shape = report.value(result, SH.sourceShape)
        constraint = report.value(result, SH.sourceConstraint)
        if isinstance(shape, BNode):  # a property shape: name the node shape that holds it
            for graph in (report, shapes) if shapes is not None else (report,):
                parent = graph.value(predicate=SH.property, object=shape)
                if parent is not None:
                    shape = parent
                    break
        shape_name = _curie(constraint) if isinstance(constraint, URIRef) else _curie(shape)
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        where = data.value(focus, MNKGV.curated_in) if focus is not None else None
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=_curie(focus),
                focus_label=_label(data, focus),
                path=_path_text(report, report.value(result, SH.resultPath)),
                value=_value_text(data, report.value(result, SH.value)),
                message="; ".join(sorted(messages)) or "constraint not met",
                shape=shape_name,
                where=str(where) if where is not None else "",
                focus_iri=str(focus) if focus is not None else "",
            )
        )
    findings.sort(
        key=lambda f: (f.severity != "Violation", f.focus, f.shape, f.value, f.path, f.message)
    )
    return findings


def validate_graph(
    data: RDFGraph,
    *,
    shapes: RDFGraph | None = None,
    use_shapes: Sequence[str] | None = None,
    sources: Iterable[str] = (),
    engine: str = DEFAULT_ENGINE,
) -> ValidationReport:
    """Validate ``data`` (already merged with any background) against the shapes.

    ``use_shapes`` (IRIs) restricts the run to those node shapes, as pyshacl's option does;
    ``engine`` is a key of :data:`ENGINES`.
    """
    started = time.perf_counter()
    shapes = shapes if shapes is not None else shapes_graph()
    selected: list[str] | None = None
    if use_shapes:  # pyshacl runs only the listed shapes: list their property shapes too
        selected = []
        for shape in use_shapes:
            selected.append(str(shape))
            selected.extend(
                str(p) for p in shapes.objects(URIRef(shape), SH.property) if isinstance(p, URIRef)
            )
    conforms, report_graph, _ = ENGINES[engine](
        data,
        shacl_graph=shapes,
        use_shapes=selected,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    assert isinstance(report_graph, RDFGraph)
    findings = findings_of(report_graph, data, shapes)
    return ValidationReport(
        conforms=bool(conforms),
        findings=findings,
        report_graph=report_graph,
        seconds=time.perf_counter() - started,
        sources=list(sources),
    )


def merged(*graphs: RDFGraph) -> RDFGraph:
    """One graph with the triples of all the given graphs (named-graph identity dropped)."""
    union = RDFGraph()
    for graph in graphs:
        for triple in graph:
            union.add(triple)
    return union


def validate_release(*, ontology: RDFGraph, kg: RDFGraph) -> ValidationReport:
    """The build's ``# KG: validate`` step: ontology + imports + knowledge graph, all shapes."""
    return validate_graph(merged(ontology, kg), sources=["ontology", "imports", "kg"])


def require_valid(report: ValidationReport, *, shown: int = 20) -> None:
    """Raise :class:`ValidationFailed` (the build stops) when the report has any violation."""
    if not report.violations:
        return
    head = ValidationReport(
        conforms=report.conforms,
        findings=report.findings[:shown],
        report_graph=report.report_graph,
        seconds=report.seconds,
        sources=report.sources,
    )
    more = len(report.findings) - shown
    tail = f"\n... and {more} more result(s); run `mnkg validate` for all" if more > 0 else ""
    raise ValidationFailed(f"SHACL validation failed:\n{head.text()}{tail}")


def build_graphs() -> tuple[RDFGraph, RDFGraph]:
    """The ontology (with imports) and the compiled curated KG, made as the build makes them."""
    ontology = load_ontology_graph()
    return ontology, compile_kg(ontology=ontology)


def validate_built() -> ValidationReport:
    """``mnkg validate`` with no file: build the graphs in-process and validate them."""
    ontology, kg = build_graphs()
    return validate_release(ontology=ontology, kg=kg)


def validate_files(paths: Sequence[Path | str]) -> ValidationReport:
    """``mnkg validate FILE ...``: the files, with ontology, imports and KG as background."""
    if not paths:
        raise UserError("no file given")
    user = RDFGraph()
    for path in paths:
        parse_file(path, into=user)
    ontology, kg = build_graphs()
    return validate_graph(merged(ontology, kg, user), sources=[str(p) for p in paths])


__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "FORMATS",
    "Finding",
    "ValidationReport",
    "build_graphs",
    "findings_of",
    "load_ontology_graph",
    "merged",
    "parse_file",
    "require_valid",
    "shapes_graph",
    "validate_built",
    "validate_files",
    "validate_graph",
    "validate_release",
]
