"""``/conditions``: conditions by lesion pattern (UMN, LMN or mixed), with evidence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from mnkg.api.deps import StoreDep, app_cache
from mnkg.kg import conditions_by_pattern

router = APIRouter(tags=["Conditions"])


@router.get(
    "/conditions",
    summary="Conditions with a lesion pattern: UMN, LMN or mixed (both)",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "pattern": "LMN",
                        "source": "mnkg",
                        "conditions": [
                            {
                                "id": "MONDO:0005665",
                                "label": "Bell's palsy",
                                "xrefs": ["ICD10CM:G51.0", "ORPHA:91312"],
                                "patterns": ["LMN"],
                                "source": "mnkg",
                                "evidence": [
                                    {
                                        "level": "LMN",
                                        "kind": "site",
                                        "id": "UBERON:0001647",
                                        "label": "facial nerve",
                                        "has_evidence": ["ECO:0000304"],
                                        "sources": ["https://w3id.org/biolink/infores/mnkg"],
                                        "publications": ["https://w3id.org/mnkg/source/domain.md"],
                                    }
                                ],
                            }
                        ],
                    }
                }
            }
        }
    },
)
def get_conditions(
    request: Request,
    store: StoreDep,
    pattern: Annotated[
        Literal["UMN", "LMN", "mixed"],
        Query(
            description="UMN or LMN: conditions with that level (possibly among others); "
            "mixed: conditions with both",
            examples=["LMN"],
        ),
    ],
    source: Annotated[
        Literal["mnkg", "hpo", "all"],
        Query(
            description="mnkg: the curated conditions; hpo: the OMIM/Orphanet/DECIPHER diseases "
            "of the HPO annotations (needs `mnkg import-hpo`); all: both",
            examples=["mnkg"],
        ),
    ] = "mnkg",
) -> dict[str, Any]:
    """Conditions whose signs or lesion sites put them at the level, with the evidence why."""
    return conditions_by_pattern(store, pattern, source=source, cache=app_cache(request))


__all__ = ["router"]
