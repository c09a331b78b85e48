"""The typed answers of the domain API: one pydantic model per answer, returned by the library
functions and declared as the endpoints' ``response_model`` (so ``/openapi.json`` describes
every field).

The JSON of an answer is :func:`to_json`: pydantic's own serializer with ``exclude_unset``, so a
field that only some items carry (an HPO sign's ``frequency``, an association's ``negated``) is
left out where it was never set, exactly as the answers were written before they were typed.
Fields every item carries are required (no default), so they cannot go missing.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["UMN", "LMN"]
PatternName = Literal["UMN", "LMN", "mixed"]
SourceName = Literal["mnkg", "hpo", "all"]
Scope = Literal["exact", "related", "narrow", "broad"]


class Answer(BaseModel):
    """Base of every answer model."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def to_json(answer: BaseModel) -> bytes:
    """The answer's JSON bytes (compact, UTF-8; fields never set left out)."""
    return answer.model_dump_json(exclude_unset=True, by_alias=True).encode()


def to_dict(answer: BaseModel) -> dict[str, Any]:
    """The answer as plain JSON values (what :func:`to_json` writes)."""
    return answer.model_dump(mode="json", exclude_unset=True, by_alias=True)


# --- /search ---------------------------------------------------------------------------------


class SearchHit(Answer):
    """One matching term with the text that matched and how."""

    id: str = Field(description="CURIE of the term", examples=["HP:0002380"])
    label: str = Field(description="its rdfs:label")
    matched: str = Field(description="the label or synonym that matched")
    match_type: Literal[
        "exact label", "exact synonym", "label prefix", "synonym prefix", "word prefix", "substring"
    ]
    matched_field: str = Field(
        description="label, exact synonym, related synonym, narrow synonym or broad synonym"
    )


class SearchPage(Answer):
    """One page of search results, best matches first."""

    query: str
    total: int = Field(description="matching terms over all pages")
    results: list[SearchHit]
    next_cursor: str | None = Field(description="pass as cursor= for the next page; null at end")


# --- /terms ----------------------------------------------------------------------------------


class Synonym(Answer):
    text: str
    scope: Scope


class HierarchyLink(Answer):
    """A parent or child class; asserted in a source graph, or inferred by the reasoner."""

    id: str
    asserted: bool
    label: str
    inferred: bool


class TermMapping(Answer):
    id: str = Field(description="the mapped code or term, as a CURIE")
    predicate: str = Field(examples=["skos:exactMatch"])
    direction: Literal["outgoing", "incoming"]


class Evidence(Answer):
    """Provenance of one association (a curated statement or an HPO annotation)."""

    association: str | None = Field(description="the association node (CURIE or IRI)")
    has_evidence: list[str] = Field(default_factory=list, description="ECO evidence codes")
    publications: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="knowledge sources (infores)")
    status: str | None = Field(default=None, description="accepted, claimed or rejected")
    negated: bool | None = None
    source_pointer: str | None = None
    frequency: float | None = None
    frequency_term: str | None = None
    verdict: str | None = Field(default=None, description="claims only: the audit's verdict")
    reason: str | None = Field(default=None, description="claims only: why the audit said so")


class Edge(Answer):
    """A relation of the term to another term, with the associations that state it."""

    predicate: str
    predicate_label: str
    id: str
    label: str
    graphs: list[str] = Field(description="the named graphs holding the relation")
    evidence: list[Evidence]


class NegatedEdge(Answer):
    """A curated or HPO statement that the term does NOT have this relation (a negation)."""

    direction: Literal["outgoing", "incoming"]
    predicate: str
    predicate_label: str
    id: str
    label: str
    statement: str = Field(description='in words: "does not have phenotype Paresthesia"')
    graphs: list[str]
    evidence: list[Evidence]


class Claim(Answer):
    """A claim of a source document about the term, with the audit's verdict (not a fact)."""

    claim: str = Field(description="the claim node (IRI)")
    direction: Literal["outgoing", "incoming"]
    predicate: str
    predicate_label: str
    id: str
    label: str
    verdict: str | None = Field(description="supported, unsupported or contradicted")
    reason: str | None
    status: str | None
    has_evidence: list[str]
    publications: list[str]
    sources: list[str]
    source_pointer: str | None


class TermPage(Answer):
    """Everything the graph says about one term."""

    id: str = Field(examples=["MONDO:0004976"])
    iri: str
    label: str | None
    definition: str | None
    synonyms: list[Synonym]
    deprecated: bool
    parents: list[HierarchyLink]
    children: list[HierarchyLink]
    mappings: list[TermMapping]
    xrefs: list[str]
    outgoing: list[Edge] = Field(description="positive relations only (no negation, no claim)")
    outgoing_total: int
    incoming: list[Edge]
    incoming_total: int
    negated_edges: list[NegatedEdge] = Field(description="negated statements, both directions")
    claims: list[Claim] = Field(description="claims about the term, with the audit verdict")


class TermError(Answer):
    id: str
    status: int
    error: str
    detail: Any = None


class TermPages(Answer):
    """Pages of the known IDs of a batch; the others in ``errors``."""

    terms: list[TermPage]
    errors: list[TermError]


# --- /conditions -----------------------------------------------------------------------------


class ConditionEvidence(Answer):
    """Why a condition has a level: the sign or site and the provenance of its association."""

    level: Level
    kind: Literal["sign", "site"]
    id: str
    label: str
    frequency: float | None = Field(default=None, description="HPO only: highest frequency")
    frequency_term: str | None = Field(default=None, description="HPO annotations only")
    has_evidence: list[str]
    sources: list[str]
    publications: list[str]


class Condition(Answer):
    id: str
    label: str
    xrefs: list[str]
    patterns: list[Level]
    source: Literal["mnkg", "hpo"]
    evidence: list[ConditionEvidence]


class ConditionsAnswer(Answer):
    """Conditions with a lesion pattern; ``total`` and ``next`` only when paged."""

    pattern: PatternName
    source: SourceName
    conditions: list[Condition]
    total: int | None = Field(default=None, description="paged requests: conditions over all pages")
    next: str | None = Field(default=None, description="paged requests: cursor of the next page")


# --- /mappings -------------------------------------------------------------------------------


class MappingRecord(Answer):
    """One mapping as an SSSOM record (empty slots left out), plus the object's IRI."""

    subject_id: str
    predicate_id: str
    object_id: str
    mapping_justification: str
    subject_label: str | None = None
    object_label: str | None = None
    mapping_provider: str | None = None
    comment: str | None = None
    mapping_set_id: str | None = None
    object_iri: str | None = None


class MappingsAnswer(Answer):
    id: str
    resolved: list[str] = Field(description="the terms the ID resolves to (several if ambiguous)")
    target: str | None
    count: int
    mappings: list[MappingRecord]


# --- /version --------------------------------------------------------------------------------


class OntologyVersion(Answer):
    iri: str
    versionIRI: str | None
    versionInfo: str | None


class SourceVersion(Answer):
    iri: str
    graph: str | None
    versionIRI: str | None
    version: str | None
    title: str | None
    license: str | None


class Software(Answer):
    name: str
    version: str


class CuratedCounts(Answer):
    """The curated content served: accepted statements and the conditions, signs, sites named."""

    conditions: int
    signs: int
    sites: int
    statements: int


class StoreStatus(Answer):
    """Whether the store holds a release (set by the API, ``api/deps.py``; docs/stores.md)."""

    holds_release: bool
    generation: str
    missing_graphs: list[str]
    error: str | None = None
    isolation: dict[str, str | None] | None = None
    """Whether the query workers run without a network (embedded store; docs/sparql.md)."""


class VersionInfo(Answer):
    release: str | None
    ontology: OntologyVersion
    sources: list[SourceVersion]
    graphs: list[str]
    curated: CuratedCounts
    software: Software
    store: StoreStatus | None = None


# --- /queries --------------------------------------------------------------------------------


class QueryParamInfo(Answer):
    name: str
    type: Literal["iri", "string", "integer", "decimal", "boolean"]
    description: str
    example: str
    required: bool
    default: str | None = None
    enum: list[str] | None = None
    pattern: str | None = None


class QueryInfo(Answer):
    name: str
    summary: str
    description: str
    tags: list[str]
    params: list[QueryParamInfo]
    columns: list[str]
    example_url: str


class QueryList(Answer):
    queries: list[QueryInfo]


__all__ = [
    "Answer",
    "Claim",
    "Condition",
    "ConditionEvidence",
    "ConditionsAnswer",
    "CuratedCounts",
    "Edge",
    "Evidence",
    "HierarchyLink",
    "Level",
    "MappingRecord",
    "MappingsAnswer",
    "NegatedEdge",
    "OntologyVersion",
    "PatternName",
    "QueryInfo",
    "QueryList",
    "QueryParamInfo",
    "Scope",
    "SearchHit",
    "SearchPage",
    "Software",
    "SourceName",
    "SourceVersion",
    "StoreStatus",
    "Synonym",
    "TermError",
    "TermMapping",
    "TermPage",
    "TermPages",
    "VersionInfo",
    "to_dict",
    "to_json",
]
