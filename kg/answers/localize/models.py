"""``/localize``'s request and answer, as pydantic models.

:class:`LocalizeRequest` is the one request model: the HTTP body, the CLI and the case runner
build it, and its constraints are what ``/openapi.json`` documents. :class:`LocalizeAnswer` is
what :func:`mnkg.kg.answers.localize.localize` returns (docs/localization.md explains each part).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mnkg.kg.answers.models import Answer
from mnkg.kg.errors import UserError

MAX_SIGNS = 50
SOURCES = ("mnkg", "hpo", "all")
ONSETS = ("acute", "chronic")
LevelName = Literal["UMN", "LMN", "mixed", "neither"]


class LocalizeRequest(BaseModel):
    """Signs found (``signs``) and looked for but not found (``absent``), as HPO IDs or labels,
    and what is known of the patient."""

    model_config = ConfigDict(extra="forbid")

    signs: list[str] = Field(
        min_length=1,
        max_length=MAX_SIGNS,
        description="findings present: HPO IDs (HP:0002380), exact HPO labels (Fasciculations) "
        "or MNKG findings (MNKG:0001150 sensory level); unusable ones are listed in unrecognised",
    )
    absent: list[str] = Field(
        default_factory=list,
        max_length=MAX_SIGNS,
        description="findings looked for and not found: they count against the sites and "
        "conditions that would have them",
    )
    age_months: float | None = Field(
        default=None,
        ge=0,
        le=1500,
        description="age in months; under 24 an extensor plantar response is normal",
    )
    onset: Literal["acute", "chronic"] | None = Field(
        default=None,
        description="acute (hours to days): flaccidity and areflexia may be spinal or cerebral "
        "shock of a UMN lesion",
    )
    source: Literal["mnkg", "hpo", "all"] = Field(
        default="mnkg", description="which annotated conditions to rank"
    )
    limit: int = Field(default=10, ge=1, le=100, description="most conditions returned")

    @model_validator(mode="after")
    def _not_too_many(self) -> LocalizeRequest:
        if len(self.signs) + len(self.absent) > MAX_SIGNS:
            raise ValueError(f"at most {MAX_SIGNS} signs per request (present and absent)")
        return self

    @classmethod
    def of(cls, **fields: Any) -> LocalizeRequest:
        """Build a request from Python values (the CLI, the case runner): a
        :class:`UserError` naming the field instead of pydantic's ValidationError."""
        try:
            return cls(**fields)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in e['loc']) or 'request'}: {e['msg']}"
                for e in error.errors()
            )
            raise UserError(f"invalid localization request: {problems}") from None


class TermRef(Answer):
    id: str
    label: str


class SupportItem(TermRef):
    site: str
    level: str | None = None


class Support(Answer):
    """Present findings by the level of the site each supports most."""

    UMN: list[SupportItem]
    LMN: list[SupportItem]
    other: list[SupportItem]


class Weighed(TermRef):
    weight: float
    absent: bool | None = None


class SiteAnswer(Answer):
    id: str
    label: str
    level: LevelName
    score: float
    for_: list[Weighed] = Field(alias="for")
    against: list[Weighed]


class NextFinding(TermRef):
    if_present: str
    if_absent: str | None
    separates: list[TermRef]
    weight_difference: float


class Unrecognised(Answer):
    """An input that was not used, and why (``reason``); ``label`` names a known term that is
    not a finding (an onset, a frequency, an inheritance mode)."""

    id: str
    reason: str
    replaced_by: str | None
    suggestions: list[TermRef]
    given_as: Literal["present", "absent"]
    label: str | None = None
    detail: str | None = None


class FindingExplanation(Answer):
    kind: Literal["finding"]
    text: str
    sign: TermRef
    state: Literal["present", "absent"]
    weighed_as: list[TermRef]


class PitfallExplanation(Answer):
    kind: Literal["pitfall"]
    text: str
    pitfall: str
    id: str
    label: str
    signs: list[TermRef]


class RuleExplanation(Answer):
    kind: Literal["rule"]
    text: str


class ContributionExplanation(Answer):
    kind: Literal["contribution"]
    text: str
    condition: str
    sign: TermRef | None
    absent: bool | None = None
    best_match: TermRef | None
    common_ancestor: TermRef | None
    information_content: float | None
    contribution: float


Explanation = Annotated[
    FindingExplanation | PitfallExplanation | RuleExplanation | ContributionExplanation,
    Field(discriminator="kind"),
]


class Matched(TermRef):
    via: TermRef | None


class RankedCondition(Answer):
    id: str
    label: str
    xrefs: list[str]
    score: float
    matched: list[Matched]
    missing: list[TermRef]
    site_fit: float | None = None


class LocalizeAnswer(Answer):
    """The level, the ranked sites, the next findings, what was not used, the conditions."""

    localization: Literal["UMN", "LMN", "mixed", "neither", "indeterminate"]
    support: Support
    explanation: list[Explanation]
    conditions: list[RankedCondition]
    sites: list[SiteAnswer]
    next_findings: list[NextFinding]
    unrecognised: list[Unrecognised]


__all__ = ["MAX_SIGNS", "ONSETS", "SOURCES", "LocalizeAnswer", "LocalizeRequest"]
