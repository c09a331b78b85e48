"""``/localize``: where is the lesion, given signs present and absent, and which conditions fit."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, ConfigDict, Field

from mnkg.api.deps import StoreDep, app_cache
from mnkg.kg import MAX_SIGNS, LocalizeRequest, localize

router = APIRouter(tags=["Localization"])


class LocalizeBody(BaseModel):
    """Signs found (``signs``) and looked for but not found (``absent``), as HPO IDs or labels."""

    model_config = ConfigDict(extra="forbid")

    signs: list[str] = Field(
        min_length=1,
        max_length=MAX_SIGNS,
        description="signs present: HPO IDs (HP:0002380) or exact HPO labels (Fasciculations)",
    )
    absent: list[str] = Field(
        default_factory=list,
        max_length=MAX_SIGNS,
        description="signs looked for and not found; they count against conditions having them",
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


_EXAMPLE_BODY = {
    "signs": ["HP:0002380", "HP:0001284", "Skeletal muscle atrophy"],
    "absent": ["HP:0003487"],
}
_EXAMPLE_ANSWER = {
    "localization": "LMN",
    "support": {
        "UMN": [],
        "LMN": [
            {"id": "HP:0002380", "label": "Fasciculations", "via": "MNKG:0000301"},
            {"id": "HP:0001284", "label": "Areflexia", "via": "MNKG:0000301"},
            {"id": "HP:0003202", "label": "Skeletal muscle atrophy", "via": "MNKG:0000301"},
        ],
        "other": [],
    },
    "explanation": [
        {
            "kind": "sign",
            "text": "Fasciculations indicates a lower motor neuron lesion.",
            "sign": {"id": "HP:0002380", "label": "Fasciculations"},
            "level": "LMN",
        },
        {
            "kind": "rule",
            "text": "Only lower motor neuron signs: the lesion is of the LMN (anterior horn, "
            "cranial nerve motor nuclei, roots, plexus or nerves).",
        },
        {
            "kind": "contribution",
            "condition": "MONDO:0018687",
            "sign": {"id": "HP:0002380", "label": "Fasciculations"},
            "best_match": {"id": "HP:0002380", "label": "Fasciculations"},
            "common_ancestor": {"id": "HP:0002380", "label": "Fasciculations"},
            "information_content": 1.2,
            "contribution": 0.4,
            "text": "Fasciculations vs progressive muscular atrophy: best match Fasciculations",
        },
    ],
    "conditions": [
        {
            "id": "MONDO:0018687",
            "label": "progressive muscular atrophy",
            "xrefs": ["ORPHA:803"],
            "score": 1.35,
            "matched": [
                {
                    "id": "HP:0002380",
                    "label": "Fasciculations",
                    "via": {"id": "HP:0002380", "label": "Fasciculations"},
                }
            ],
            "missing": [{"id": "HP:0001252", "label": "Hypotonia"}],
        }
    ],
}


@router.post(
    "/localize",
    summary="Localize a lesion (UMN, LMN, mixed, neither, indeterminate) and rank conditions",
    responses={200: {"content": {"application/json": {"example": _EXAMPLE_ANSWER}}}},
)
def post_localize(
    request: Request,
    store: StoreDep,
    body: Annotated[
        LocalizeBody,
        Body(
            openapi_examples={
                "lmn": {"summary": "an LMN picture", "value": _EXAMPLE_BODY},
                "infant": {
                    "summary": "Babinski in an infant (pitfall)",
                    "value": {"signs": ["HP:0003487"], "age_months": 8},
                },
                "shock": {
                    "summary": "acute flaccid areflexic paralysis (shock pitfall)",
                    "value": {"signs": ["HP:0001284", "HP:0010547"], "onset": "acute"},
                },
            }
        ),
    ],
) -> dict[str, Any]:
    """Localization by the ontology's sign logic, pitfalls named, conditions ranked (Resnik)."""
    return localize(
        store,
        LocalizeRequest(
            signs=body.signs,
            absent=body.absent,
            age_months=body.age_months,
            onset=body.onset,
            source=body.source,
            limit=body.limit,
        ),
        cache=app_cache(request),
    )


__all__ = ["router"]
