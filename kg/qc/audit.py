"""The claims audit: label each claim of a source supported, contradicted or unsupported.

Claims are rows in the curated-table format (``kg/curation.py``). The verdict comes from the
ontology, HermiT and the SHACL shapes, never from a list of known-bad rows:

1. A claim whose subject, predicate or object is not a term of the ontology is **unsupported**
   (closed world: nothing is known about it).
2. Each remaining claim ``S P O`` becomes fresh classes added to one copy of the ontology,
   classified by one HermiT run (:func:`mnkg.kg.owl.reason.run_hermit`):

   - ``Claim_i  ≡ S and (P some O)``   (``S and O`` for an ``rdfs:subClassOf`` claim)
   - ``Entailed_i ≡ P some O``   (none for an ``rdfs:subClassOf`` claim: ``O`` itself)

   ``Claim_i`` unsatisfiable: the ontology refutes the claim, **contradicted** (for a negated
   claim: **supported**). ``S`` below ``Entailed_i`` (or ``O``) in HermiT's classification: the
   ontology entails ``S SubClassOf P some O``, **supported** (negated claim: **contradicted**).
   That is the same as ``S and not (P some O)`` being unsatisfiable, but classifying a complement
   per claim cost HermiT three times the ontology's own classification (about 12 s more than
   the existential classes), so the complement is not built.
3. Otherwise the closed-world knowledge-graph shapes (``ontology/shapes/kg.ttl``) run over the
   claims as associations: a claim whose subject or object is the wrong kind of term for the
   predicate (a 'has phenotype' object that is not a sign, ...) is **contradicted** by the shape.
4. Anything else is **unsupported**: the ontology neither entails nor refutes it.

For a contradiction the report lists the axioms of the ontology that mention the claim's terms
or their (inferred) superclasses and can refute it: disjointness, closure (``only``), negation
(``not``) and functional properties, with the existential axioms they act on.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.collection import Collection
from rdflib.term import Node

from mnkg import ontology as sources
from mnkg.kg.errors import UserError, ValidationFailed
from mnkg.kg.owl.reason import ReasonerResult, run_hermit
from mnkg.kg.qc.audit_explain import (
    Renderer,
    ancestors,
    entailing_axioms,
    neighbourhood,
    refuting_axioms,
)
from mnkg.kg.qc.validate import load_ontology_graph, merged, shapes_graph, validate_graph
from mnkg.kg.sources.compile import add_statement
from mnkg.kg.sources.curation import Statement, read_table
from mnkg.kg.vocab import identifiers

AUDIT_BASE = "https://w3id.org/mnkg/audit/"
SUBCLASS = "rdfs:subClassOf"

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
UNSUPPORTED = "unsupported"
VERDICTS = (SUPPORTED, CONTRADICTED, UNSUPPORTED)

TYPING_SHAPES = frozenset(
    {
        "PhenotypeObjectShape",
        "PhenotypeSubjectShape",
        "LocationObjectShape",
        "LocationSubjectShape",
        "LocatedInSubjectShape",
        "PartOfSubjectShape",
        "NeuronSubjectShape",
        "InheritanceObjectShape",
        "IndicatesLesionSubjectShape",
        "LesionObjectShape",
        "TestObjectShape",
        "TestSubjectShape",
        "TreatmentObjectShape",
        "TreatedSubjectShape",
    }
)
"""Shapes whose violation means the claim relates the wrong kinds of term (a contradiction)."""


@dataclass
class Verdict:
    """The audit's answer for one claim."""

    row: int
    subject: str
    predicate: str
    object_id: str
    negated: bool
    verdict: str
    reasons: list[str]
    subject_label: str = ""
    predicate_label: str = ""
    object_label: str = ""
    source: str = ""
    source_pointer: str = ""
    axioms: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (``row, subject, predicate, object, verdict, reasons`` and more)."""
        return {
            "row": self.row,
            "subject": self.subject,
            "subject_label": self.subject_label,
            "predicate": self.predicate,
            "predicate_label": self.predicate_label,
            "object": self.object_id,
            "object_label": self.object_label,
            "negated": self.negated,
            "verdict": self.verdict,
            "reasons": self.reasons,
            "axioms": self.axioms,
            "source": self.source,
            "source_pointer": self.source_pointer,
        }


@dataclass
class AuditReport:
    """All verdicts of one claims file, in row order."""

    verdicts: list[Verdict]
    reasoner_seconds: float = 0.0
    source: str = ""

    def counts(self) -> dict[str, int]:
        """Number of claims per verdict."""
        counts = dict.fromkeys(VERDICTS, 0)
        for verdict in self.verdicts:
            counts[verdict.verdict] += 1
        return counts

    def json(self) -> str:
        """One JSON object per claim, in a list."""
        return json.dumps([v.as_dict() for v in self.verdicts], indent=2, ensure_ascii=False)

    def text(self) -> str:
        """A readable report: each claim with its verdict, reasons and axioms, then counts."""
        lines = []
        for v in self.verdicts:
            neg = "NOT " if v.negated else ""
            lines.append(
                f"row {v.row}: {v.verdict.upper()}  {v.subject} '{v.subject_label}' {neg}"
                f"{v.predicate_label or v.predicate} {v.object_id} '{v.object_label}'"
            )
            if v.source:
                pointer = f" ({v.source_pointer})" if v.source_pointer else ""
                lines.append(f"  source: {v.source}{pointer}")
            lines.extend(f"  reason: {reason}" for reason in v.reasons)
            lines.extend(f"  axiom:  {axiom}" for axiom in v.axioms)
            lines.append("")
        counts = self.counts()
        lines.append(
            f"{len(self.verdicts)} claim(s): {counts[SUPPORTED]} supported, "
            f"{counts[CONTRADICTED]} contradicted, {counts[UNSUPPORTED]} unsupported"
        )
        return "\n".join(lines)


# --- the audit ----------------------------------------------------------------------------------


def _is_term(graph: RDFGraph, iri: URIRef, *, property_: bool = False) -> bool:
    kinds = (OWL.ObjectProperty,) if property_ else (OWL.Class,)
    if any((iri, RDF.type, kind) in graph for kind in kinds):
        return True
    # reused terms referenced only inside axioms are still terms if they carry a label
    return (iri, RDFS.label, None) in graph and not property_


def _label(graph: RDFGraph, curie: str) -> str:
    if curie == SUBCLASS:
        return "SubClassOf"
    try:
        value = graph.value(URIRef(identifiers.expand(curie)), RDFS.label)
    except UserError:
        return ""
    return str(value) if value is not None else ""


def _expression(graph: RDFGraph, predicate: URIRef, obj: URIRef) -> BNode:
    restriction = BNode()
    graph.add((restriction, RDF.type, OWL.Restriction))
    graph.add((restriction, OWL.onProperty, predicate))
    graph.add((restriction, OWL.someValuesFrom, obj))
    return restriction


def _defined(graph: RDFGraph, iri: URIRef, label: str, members: Sequence[Node]) -> None:
    graph.add((iri, RDF.type, OWL.Class))
    graph.add((iri, RDFS.label, Literal(label)))
    intersection = BNode()
    Collection(graph, intersection, list(members))
    expression = BNode()
    graph.add((expression, RDF.type, OWL.Class))
    graph.add((expression, OWL.intersectionOf, intersection))
    graph.add((iri, OWL.equivalentClass, expression))


def _claim_classes(graph: RDFGraph, index: int, claim: Statement) -> tuple[URIRef, URIRef]:
    """Add ``Claim_i`` (and ``Entailed_i``) for one claim to ``graph``.

    Returns ``Claim_i`` and the named class the claim's subject must lie below for the
    ontology to entail the claim: ``Entailed_i ≡ P some O``, or ``O`` for a subclass claim.
    """
    subject = URIRef(identifiers.expand(claim.subject))
    obj = URIRef(identifiers.expand(claim.object))
    claim_iri = URIRef(f"{AUDIT_BASE}claim-{index}")
    if claim.predicate == SUBCLASS:
        _defined(graph, claim_iri, f"claim {index}", [subject, obj])
        return claim_iri, obj
    asserted = _expression(graph, URIRef(identifiers.expand(claim.predicate)), obj)
    _defined(graph, claim_iri, f"claim {index}", [subject, asserted])
    entailed_iri = URIRef(f"{AUDIT_BASE}entailed-{index}")
    graph.add((entailed_iri, RDF.type, OWL.Class))
    graph.add((entailed_iri, RDFS.label, Literal(f"entailment of claim {index}")))
    graph.add((entailed_iri, OWL.equivalentClass, asserted))
    return claim_iri, entailed_iri


def _unknown_terms(graph: RDFGraph, claim: Statement) -> list[str]:
    problems = []
    for role, curie in (("subject", claim.subject), ("object", claim.object)):
        if not _is_term(graph, URIRef(identifiers.expand(curie))):
            problems.append(
                f"the {role} {curie} is not a term of the ontology (closed world: "
                "nothing is known about it)"
            )
    if claim.predicate != SUBCLASS and not _is_term(
        graph, URIRef(identifiers.expand(claim.predicate)), property_=True
    ):
        problems.append(f"the predicate {claim.predicate} is not a relation of the ontology")
    return problems


def _shape_findings(
    ontology: RDFGraph, claims: Sequence[tuple[int, Statement]]
) -> dict[int, list[tuple[str, str]]]:
    """Run the knowledge-graph shapes over the claims; (shape, message) per claim index."""
    kg = RDFGraph()
    node_of: dict[str, int] = {}
    for index, claim in claims:
        accepted = replace(claim, status="accepted", where=f"claim row {claim.row}")
        node = add_statement(kg, accepted)
        node_of[identifiers.converter().compress(str(node)) or str(node)] = index
    shapes = shapes_graph([p for p in sources.shape_files() if p.name == "kg.ttl"])
    report = validate_graph(merged(ontology, kg), shapes=shapes)
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for finding in report.findings:
        claim_index = node_of.get(finding.focus)
        if claim_index is not None:
            value = f" ({finding.value})" if finding.value else ""
            found[claim_index].append((finding.shape.rsplit(":", 1)[-1], finding.message + value))
    return found


@dataclass
class AuditPlan:
    """The claims, their verdicts so far, and the ontology HermiT must classify to decide them.

    ``graph`` is the ontology plus a ``Claim_i`` class per claim that names known terms (and an
    ``Entailed_i`` for a relation claim). Those classes are definitions of fresh names, so one
    HermiT run over ``graph`` also tells the build everything about the ontology itself
    (:func:`mnkg.kg.owl.reason.without_classes`): the build classifies once for both.
    """

    claims: Sequence[Statement]
    base: RDFGraph
    graph: RDFGraph
    verdicts: dict[int, Verdict]
    reasoned: list[tuple[int, Statement, URIRef, URIRef]]
    source: str = ""


def is_audit_class(iri: str) -> bool:
    """Whether ``iri`` is one of the audit's ``Claim_i`` / ``Entailed_i`` classes."""
    return iri.startswith(AUDIT_BASE)


def plan_audit(
    claims: Sequence[Statement], *, ontology: RDFGraph | None = None, source: str = ""
) -> AuditPlan:
    """Label the claims about unknown terms and add the classes HermiT decides the rest by."""
    base = ontology if ontology is not None else load_ontology_graph()
    work = RDFGraph()
    for triple in base:
        work.add(triple)
    verdicts: dict[int, Verdict] = {}
    reasoned: list[tuple[int, Statement, URIRef, URIRef]] = []
    for index, claim in enumerate(claims):
        verdict = Verdict(
            row=claim.row,
            subject=claim.subject,
            predicate=claim.predicate,
            object_id=claim.object,
            negated=claim.negated,
            verdict=UNSUPPORTED,
            reasons=[],
            subject_label=_label(base, claim.subject),
            predicate_label=_label(base, claim.predicate),
            object_label=_label(base, claim.object),
            source=claim.source,
            source_pointer=claim.source_pointer,
        )
        verdicts[index] = verdict
        unknown = _unknown_terms(base, claim)
        if unknown:
            verdict.reasons.extend(unknown)
            continue
        claim_iri, entailment = _claim_classes(work, index, claim)
        reasoned.append((index, claim, claim_iri, entailment))
    return AuditPlan(claims, base, work, verdicts, reasoned, source)


def audit_statements(
    claims: Sequence[Statement], *, ontology: RDFGraph | None = None, source: str = ""
) -> AuditReport:
    """Audit claims against the ontology (ontology + imports unless given)."""
    plan = plan_audit(claims, ontology=ontology, source=source)
    return finish_audit(plan, run_hermit(plan.graph) if plan.reasoned else None)


def finish_audit(plan: AuditPlan, result: ReasonerResult | None) -> AuditReport:
    """The verdicts, given HermiT's classification of ``plan.graph`` (None: nothing to reason)."""
    base, verdicts, reasoned = plan.base, plan.verdicts, plan.reasoned
    seconds = 0.0
    if reasoned:
        if result is None:
            raise ValueError("claims to reason about, but no reasoner result")
        seconds = result.seconds
        if not result.consistent:
            raise ValidationFailed(
                f"the ontology with the claims is inconsistent ({result.message}); "
                "the claims are classes and cannot cause this, so the ontology itself is"
            )
        unsat = set(result.unsatisfiable)
        closure: dict[Node, set[Node]] = defaultdict(set)
        for sub, sup in base.subject_objects(RDFS.subClassOf):
            if isinstance(sup, URIRef):
                closure[sub].add(sup)
        for narrower, broader in result.inferred_subclass_of:
            closure[URIRef(narrower)].add(URIRef(broader))
        for one, other in result.inferred_equivalent:
            closure[URIRef(one)].add(URIRef(other))
            closure[URIRef(other)].add(URIRef(one))
        _decide_by_reasoner(base, reasoned, unsat, closure, verdicts)
    _decide_by_shapes(base, reasoned, verdicts)
    return AuditReport(
        verdicts=[verdicts[i] for i in range(len(plan.claims))],
        reasoner_seconds=seconds,
        source=plan.source,
    )


def _decide_by_shapes(
    base: RDFGraph,
    reasoned: Sequence[tuple[int, Statement, URIRef, URIRef]],
    verdicts: dict[int, Verdict],
) -> None:
    """Step 3 and 4: the closed-world shapes over the claims HermiT left undecided."""
    undecided = [(i, c) for i, c, _, _ in reasoned if not verdicts[i].reasons]
    if not undecided:
        return
    shape_hits = _shape_findings(base, undecided)
    for index, claim in undecided:
        verdict = verdicts[index]
        typing = [(s, m) for s, m in shape_hits.get(index, []) if s in TYPING_SHAPES]
        if typing and not claim.negated:
            verdict.verdict = CONTRADICTED
            verdict.reasons.extend(
                f"closed-world shape mnkgsh:{shape}: {message}" for shape, message in typing
            )
        else:
            verdict.reasons.append(
                "the ontology neither entails nor refutes it (HermiT: both the claim and "
                "its denial are satisfiable) and no shape rejects it"
            )
        verdict.reasons.extend(
            f"note: shape mnkgsh:{s}: {m}"
            for s, m in shape_hits.get(index, [])
            if s not in TYPING_SHAPES
        )


def _decide_by_reasoner(
    base: RDFGraph,
    reasoned: Iterable[tuple[int, Statement, URIRef, URIRef]],
    unsat: set[str],
    closure: dict[Node, set[Node]],
    verdicts: dict[int, Verdict],
) -> None:
    render = Renderer(base)
    for index, claim, claim_iri, entailment in reasoned:
        verdict = verdicts[index]
        subject = URIRef(identifiers.expand(claim.subject))
        obj = URIRef(identifiers.expand(claim.object))
        predicate = (
            None if claim.predicate == SUBCLASS else URIRef(identifiers.expand(claim.predicate))
        )
        if str(subject) in unsat:
            verdict.reasons.append(f"the subject {render.name(subject)} is itself unsatisfiable")
            continue
        stated = (
            f"{render.name(subject)} SubClassOf {render.name(obj)}"
            if predicate is None
            else f"{render.name(subject)} SubClassOf ({render.name(predicate)} some "
            f"{render.name(obj)})"
        )
        refuted = str(claim_iri) in unsat
        chain = {subject} | ancestors(closure, subject)
        entailed = entailment in chain  # HermiT's taxonomy is complete for named classes
        below = {obj} | {c for c, parents in closure.items() if obj in ancestors(closure, c)}
        if refuted:
            verdict.verdict = SUPPORTED if claim.negated else CONTRADICTED
            verdict.reasons.append(
                f"HermiT: '{stated.replace(' SubClassOf ', ' and ')}' is unsatisfiable, so the "
                "ontology refutes the claim"
                + (" (the claim is negated, so it is supported)" if claim.negated else "")
            )
            verdict.axioms = refuting_axioms(
                base,
                subject_side=neighbourhood(base, closure, [subject]),
                object_side=neighbourhood(base, closure, [obj]),
                subject_chain=chain,
                predicate=predicate,
                defined=[subject, obj],
            )
        elif entailed:
            verdict.verdict = CONTRADICTED if claim.negated else SUPPORTED
            verdict.reasons.append(
                f"HermiT: the ontology entails {stated}"
                + (" (the claim says it does not hold)" if claim.negated else "")
            )
            verdict.axioms = entailing_axioms(
                base, subject_chain=chain, object_below=below, predicate=predicate, defined=[obj]
            )


def audit_file(path: Path | str) -> AuditReport:
    """``mnkg audit CLAIMS.tsv``: read the claims (curated-table format) and audit them."""
    claims = read_table(path)
    if not claims:
        raise UserError(f"{path}: no claims (only a header)")
    return audit_statements(claims, source=str(path))


__all__ = [
    "CONTRADICTED",
    "SUPPORTED",
    "UNSUPPORTED",
    "VERDICTS",
    "AuditPlan",
    "AuditReport",
    "Verdict",
    "audit_file",
    "audit_statements",
    "finish_audit",
    "is_audit_class",
    "plan_audit",
]
