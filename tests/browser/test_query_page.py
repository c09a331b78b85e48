"""The query page in a real headless Chromium: it loads, runs a query on /sparql and shows
the results, from this origin only (no CDN, no third-party host)."""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from mnkg.api.routes import page

CURIE_QUERY = (
    "SELECT ?term ?label ?sort_label WHERE { VALUES (?term ?label ?sort_label) { "
    '(<https://w3id.org/mnkg/MNKG_0000101> "upper motor neuron lesion" "upper motor neuron lesion")'
    " } }"
)
QUERY = (
    "SELECT ?label WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label "
    'FILTER(STRSTARTS(?label, "browser test")) } ORDER BY ?label'
)
WAIT = 30
IN_CI = os.environ.get("CI", "").lower() == "true"
LiveServer = Any  # tests/browser/conftest.py: url, store, labels


def _wait(driver, condition):  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(condition)


def _requested_hosts(driver) -> set[str]:  # type: ignore[no-untyped-def]
    """Origins of every http(s)/ws request the page made (from Chrome's performance log)."""
    hosts: set[str] = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            parts = urlsplit(message["params"]["request"]["url"])
            if parts.scheme in ("http", "https", "ws", "wss"):
                hosts.add(f"{parts.scheme}://{parts.netloc}")
    return hosts


def _console_errors(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """Severe console messages: script errors, CSP violations, failed loads."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _expected_labels(server: LiveServer) -> list[str]:
    found = [str(row["label"].value) for row in server.store.query(QUERY)]  # type: ignore[union-attr]
    assert found == sorted(server.labels.values())
    return found


def test_yasgui_page_runs_a_query(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    assert page.YASGUI_BUILD is not None, "YASGUI is vendored in api/static/yasgui/"
    expected = _expected_labels(live_server)
    browser.get(live_server.url + "/")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    titles = [e.title for e in page.examples()]
    tab_names = browser.execute_script(
        "return Object.values(window.mnkgYasgui._tabs).map(t => t.name())"
    )
    assert sorted(tab_names) == sorted(titles)
    assert browser.execute_script("return window.mnkgYasgui.getTab().getYasqe().getValue()") == (
        page.examples()[0].query
    )
    # A user's own query in the active tab, run with the visible query button.
    browser.execute_script("window.mnkgYasgui.getTab().getYasqe().setValue(arguments[0])", QUERY)
    buttons = [
        b for b in browser.find_elements(By.CSS_SELECTOR, ".yasqe_queryButton") if b.is_displayed()
    ]
    assert len(buttons) == 1
    buttons[0].click()
    rows = _wait(
        browser,
        lambda d: (
            [
                r
                for r in d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")
                if r.is_displayed()
            ]
            or False
        ),
    )
    shown = [row.text for row in rows]
    assert len(shown) == len(expected)
    for label, text in zip(expected, shown, strict=True):
        assert label in text
    assert _requested_hosts(browser) == {live_server.url}
    assert _console_errors(browser) == []


def test_plain_page_runs_a_query(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    expected = _expected_labels(live_server)
    browser.get(live_server.url + "/plain")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    options = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "#mnkg-example option")]
    assert options == [e.title for e in page.examples()]
    editor = browser.find_element(By.ID, "mnkg-query")
    assert editor.get_property("value") == page.examples()[0].query
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys(QUERY)
    browser.find_element(By.ID, "mnkg-run").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "table.mnkg-results tbody tr"))
    cells = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table.mnkg-results tbody td")]
    assert cells == expected
    headers = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "table.mnkg-results th")]
    assert headers == ["label"]
    assert browser.find_element(By.ID, "mnkg-status").text == f"{len(expected)} rows"
    assert _requested_hosts(browser) == {live_server.url}
    assert _console_errors(browser) == []


def test_plain_page_shows_the_parser_message(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    browser.get(live_server.url + "/plain")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    editor = browser.find_element(By.ID, "mnkg-query")
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys("SELEC ?x WHERE { ?x ?y ?z }")
    browser.find_element(By.ID, "mnkg-run").click()
    status = _wait(
        browser,
        lambda d: (
            (e := d.find_element(By.ID, "mnkg-status")).get_attribute("class") == "error" and e
        ),
    )
    assert status.text.startswith("400")
    assert "line 1, column 1" in status.text  # the syntax error in plain words, with its position
    assert browser.find_elements(By.CSS_SELECTOR, "table.mnkg-results") == []


def test_fallback_page_when_yasgui_is_absent(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page, "YASGUI_BUILD", None)
    response = httpx.get(live_server.url + "/", timeout=10)
    assert response.status_code == 200
    assert "mnkg-plain.js" in response.text
    assert "yasgui" not in response.text.lower()
    assert "default-src 'self'" in response.headers["content-security-policy"]
    missing = httpx.get(live_server.url + "/static/yasgui/yasgui.min.js", timeout=10)
    assert missing.status_code == 404
    assert "npm ci" in missing.json()["error"]


def test_static_files_stay_in_their_folders(live_server: LiveServer) -> None:
    for path in (
        "/static/mnkg/..%2Froutes%2Fpage.py",
        "/static/mnkg/page.py",
        "/static/mnkg/.hidden.js",
        "/static/yasgui/yasgui.esm.js",
        "/static/yasgui/..%2Fpackage.json",
    ):
        assert httpx.get(live_server.url + path, timeout=10).status_code == 404, path
    ok = httpx.get(live_server.url + "/static/mnkg/mnkg-plain.js", timeout=10)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("text/javascript")


def _visible_cells(driver, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.text for c in driver.find_elements(By.CSS_SELECTOR, selector) if c.is_displayed()]


def test_yasgui_shows_curies_and_hides_helper_columns(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    browser.get(live_server.url + "/")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    yasqe = "window.mnkgYasgui.getTab().getYasqe()"
    browser.execute_script(f"{yasqe}.setValue(arguments[0]); {yasqe}.query()", CURIE_QUERY)
    _wait(browser, lambda d: "MNKG:0000101" in " ".join(_visible_cells(d, ".yasr table tbody td")))
    headers = _visible_cells(browser, ".yasr table thead th")
    assert "term" in headers and "label" in headers
    assert "sort_label" not in headers
    assert "https://w3id.org/mnkg/MNKG_0000101" not in " ".join(
        _visible_cells(browser, ".yasr table tbody td")
    )
    assert _requested_hosts(browser) == {live_server.url}
    assert _console_errors(browser) == []


def test_plain_page_shows_curies_and_hides_helper_columns(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    browser.get(live_server.url + "/plain")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    editor = browser.find_element(By.ID, "mnkg-query")
    browser.execute_script("arguments[0].value = arguments[1]", editor, CURIE_QUERY)
    browser.find_element(By.ID, "mnkg-run").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "table.mnkg-results tbody tr"))
    headers = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "table.mnkg-results th")]
    assert headers == ["term", "label"]
    link = browser.find_element(By.CSS_SELECTOR, "table.mnkg-results tbody a")
    assert link.text == "MNKG:0000101"
    assert link.get_attribute("href") == "https://w3id.org/mnkg/MNKG_0000101"


@pytest.mark.parametrize(
    ("path", "rendered"), [("/docs", ".opblock"), ("/redoc", "[data-section-id]")]
)
def test_api_docs_render_from_this_origin_only(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, path: str, rendered: str
) -> None:
    browser.get(live_server.url + path)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, rendered))
    assert _requested_hosts(browser) == {live_server.url}
    assert _console_errors(browser) == []


def test_vendored_assets_ship_with_their_licences(live_server: LiveServer) -> None:
    for path, kind in (
        ("/static/yasgui/yasgui.min.js", "text/javascript"),
        ("/static/yasgui/LICENSE.txt", "text/plain"),
        ("/static/docs/swagger-ui-bundle.js", "text/javascript"),
        ("/static/docs/swagger-ui.css", "text/css"),
        ("/static/docs/redoc.standalone.js", "text/javascript"),
        ("/static/docs/swagger-ui.LICENSE.txt", "text/plain"),
        ("/static/docs/redoc.LICENSE.txt", "text/plain"),
    ):
        response = httpx.get(live_server.url + path, timeout=10)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith(kind), path
    assert (
        httpx.get(live_server.url + "/static/docs/..%2Fmnkg-page.css", timeout=10).status_code
        == 404
    )
    html = httpx.get(live_server.url + "/docs", timeout=10).text
    assert "cdn.jsdelivr.net" not in html and "/static/docs/swagger-ui-bundle.js" in html
    assert "fonts.googleapis.com" not in httpx.get(live_server.url + "/redoc", timeout=10).text
