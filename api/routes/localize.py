"""``/localize``: where is the lesion, given signs present and absent, and which conditions fit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, Response

from mnkg.api.deps import StoreDep, app_cache
from mnkg.kg import LocalizeAnswer, LocalizeRequest, localize, to_json

router = APIRouter(tags=["Localization"])


_EXAMPLE_BODY = {
    "signs": ["HP:0001269", "HP:0010628", "HP:0001347", "Babinski sign"],
    "absent": ["HP:0004661", "HP:0002381"],
}
_EXAMPLE_ANSWER = {
    "localization": "UMN",
    "support": {
        "UMN": [{"id": "HP:0001269", "label": "Hemiparesis", "site": "MNKG:0000110"}],
        "LMN": [],
        "other": [],
    },
    "sites": [
        {
            "id": "MNKG:0000111",
            "label": "lesion of internal capsule",
            "level": "UMN",
            "score": 9.0,
            "for": [
                {"id": "HP:0010628", "label": "Facial palsy", "weight": 3.0},
                {"id": "HP:0003487", "label": "Babinski sign", "weight": 3.0},
            ],
            "against": [],
        }
    ],
    "next_findings": [
        {
            "id": "HP:0002381",
            "label": "Aphasia",
            "if_present": "MNKG:0000110",
            "if_absent": "MNKG:0000110",
            "separates": [
                {"id": "MNKG:0000110", "label": "lesion of primary motor cortex"},
                {"id": "MNKG:0001109", "label": "crossed brainstem lesion"},
            ],
            "weight_difference": 7.0,
        }
    ],
    "unrecognised": [
        {
            "id": "HP:0011349",
            "reason": "obsolete",
            "replaced_by": "HP:0006897",
            "suggestions": [],
            "given_as": "present",
        }
    ],
    "explanation": [
        {
            "kind": "finding",
            "text": "Facial palsy (present) supports lesion of primary motor cortex (+3), "
            "lesion of internal capsule (+3) and argues against lesion of facial nerve (-3).",
            "sign": {"id": "HP:0010628", "label": "Facial palsy"},
            "state": "present",
            "weighed_as": [{"id": "HP:0010628", "label": "Facial palsy"}],
        },
        {
            "kind": "rule",
            "text": "The best-supported site is lesion of internal capsule (+9): an upper "
            "motor neuron lesion.",
        },
    ],
    "conditions": [
        {
            "id": "MONDO:0005098",
            "label": "stroke disorder",
            "xrefs": ["DOID:0051061"],
            "score": 1.86,
            "matched": [
                {
                    "id": "HP:0001269",
                    "label": "Hemiparesis",
                    "via": {"id": "HP:0001269", "label": "Hemiparesis"},
                }
            ],
            "missing": [{"id": "HP:0001257", "label": "Spasticity"}],
            "site_fit": 1.0,
        }
    ],
}


@router.post(
    "/localize",
    summary="Localize a lesion: ranked sites, level, next findings, conditions",
    response_model=LocalizeAnswer,
    responses={200: {"content": {"application/json": {"example": _EXAMPLE_ANSWER}}}},
)
def post_localize(
    request: Request,
    store: StoreDep,
    body: Annotated[
        LocalizeRequest,
        Body(
            openapi_examples={
                "capsular": {"summary": "capsular stroke, forehead spared", "value": _EXAMPLE_BODY},
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
) -> Response:
    """Weighted evidence over candidate lesion sites (docs/localization.md): the level of the
    best site, the next findings to examine, unusable inputs listed in ``unrecognised``, and the
    conditions ranked consistently with the sites."""
    answer = localize(store, body, cache=app_cache(request))
    return Response(to_json(answer), media_type="application/json")


__all__ = ["router"]
