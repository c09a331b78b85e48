"""Error paths (unknown IDs, bad parameter types, injection) and the OpenAPI description."""

from __future__ import annotations

import httpx
import pytest
from helpers.api_vocab import ALS

INJECTIONS = [
    ALS + "> . ?s ?p ?o } #",
    '" } UNION { ?s ?p ?o } #',
    "<http://example.org/x> } ; DROP ALL",
    "MONDO:0004976 }",
]


def assert_json_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"]
    return body


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_in_an_iri_parameter_is_a_400(http: httpx.Client, value: str) -> None:
    response = http.get("/queries/signs-of-condition", params={"condition": value})
    assert_json_error(response, 400)


@pytest.mark.parametrize("value", ['LMN" } #', "LMN } UNION { ?s ?p ?o }", "lmn"])
def test_injection_in_a_string_parameter_is_a_400(http: httpx.Client, value: str) -> None:
    response = http.get("/queries/signs-distinguishing-umn-lmn", params={"level": value})
    assert_json_error(response, 400)


@pytest.mark.parametrize("value", ["three", "1.5", "1; DROP ALL", "9" * 40])
def test_bad_integer_is_a_400(http: httpx.Client, value: str) -> None:
    response = http.get("/queries/conditions-with-lmn-signs", params={"min_signs": value})
    body = assert_json_error(response, 400)
    assert "min_signs" in body["error"]


def test_injection_in_post_body_is_a_400(http: httpx.Client) -> None:
    response = http.post("/queries/signs-of-condition", json={"condition": INJECTIONS[0]})
    assert_json_error(response, 400)


def test_unknown_parameter_and_missing_parameter(http: httpx.Client) -> None:
    body = assert_json_error(
        http.get("/queries/signs-of-condition", params={"condition": ALS, "limit": "3"}), 400
    )
    assert "limit" in body["error"]
    body = assert_json_error(http.get("/queries/signs-of-condition"), 400)
    assert "condition" in body["error"]


def test_unknown_query_is_a_404_listing_the_names(http: httpx.Client) -> None:
    body = assert_json_error(http.get("/queries/no-such-query"), 404)
    assert "signs-of-condition" in body["detail"]["available"]


def test_unacceptable_format(http: httpx.Client) -> None:
    assert_json_error(http.get("/queries/conditions-with-lmn-signs?format=xml"), 400)
    response = http.get("/queries/conditions-with-lmn-signs", headers={"Accept": "image/png"})
    assert_json_error(response, 406)


def test_unknown_term_is_a_404_with_suggestions(http: httpx.Client) -> None:
    body = assert_json_error(http.get("/terms/MONDO:0004977"), 404)
    suggested = [s["id"] for s in body["detail"]["suggestions"]]
    assert ALS in suggested


def test_unknown_term_by_name_suggests_by_label(http: httpx.Client) -> None:
    body = assert_json_error(http.get("/terms/fasciculation"), 404)
    assert "HP:0002380" in [s["id"] for s in body["detail"]["suggestions"]]


def test_malformed_term_id_is_a_400(http: httpx.Client) -> None:
    assert_json_error(http.get("/terms/MONDO:12ab"), 400)
    assert_json_error(http.get("/terms/NOPREFIX:1"), 400)


def test_unmapped_external_code_is_a_404(http: httpx.Client) -> None:
    assert_json_error(http.get("/terms/ICD10CM:Z99.89"), 404)


def test_bad_query_parameters_of_domain_endpoints(http: httpx.Client) -> None:
    assert_json_error(http.get("/conditions", params={"pattern": "upper"}), 400)
    assert_json_error(http.get("/conditions"), 400)
    assert_json_error(http.get("/search", params={"q": ""}), 400)
    assert_json_error(http.get("/search", params={"q": "als", "limit": "0"}), 400)
    assert_json_error(http.get("/search", params={"q": "als", "cursor": "garbage!"}), 400)
    assert_json_error(http.post("/localize", json={"signs": []}), 400)
    assert_json_error(http.post("/localize", json={"signs": ["HP:0002380"], "extra": 1}), 400)
    assert_json_error(
        http.post("/localize", content=b"{not json", headers={"Content-Type": "application/json"}),
        400,
    )
    assert_json_error(http.post("/terms", json={"ids": []}), 400)


def test_openapi_lists_every_endpoint_with_an_example(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    wanted = {
        ("get", "/queries"),
        ("get", "/queries/{name}"),
        ("post", "/queries/{name}"),
        ("get", "/terms/{id}"),
        ("post", "/terms"),
        ("get", "/search"),
        ("get", "/conditions"),
        ("post", "/localize"),
        ("get", "/version"),
    }
    for method, path in wanted:
        operation = spec["paths"][path][method]
        assert operation.get("summary"), (method, path)
        text = str(operation)
        assert "example" in text, f"{method.upper()} {path} has no example"
        ok = operation["responses"]["200"]["content"]
        assert any("example" in str(media) for media in ok.values()), (method, path)
    docs = http.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
