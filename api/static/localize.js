// The MNKG localisation page: findings in, the lesion on the motor pathway out.
// Our own code, no dependencies; the picture is drawn by localize-map.js (window.MnkgLocalizeMap).
(function () {
  "use strict";

  const map = window.MnkgLocalizeMap;
  const body = document.body;
  const endpoint = new URL(body.dataset.endpoint, window.location.href);
  const searchUrl = new URL(body.dataset.search, window.location.href);
  const termsUrl = new URL(body.dataset.terms, window.location.href);
  const $ = (id) => document.getElementById(id);
  const input = $("loc-finding");
  const listbox = $("loc-suggestions");
  const chosen = $("loc-chosen");
  const status = $("loc-status");
  const svg = map.draw($("loc-map"));

  const state = { findings: [], previous: null, lastRequest: null, sequence: 0, limit: null };
  let suggestions = [];
  let active = -1;

  // -- findings ---------------------------------------------------------------------------

  function findingIndex(id) {
    return state.findings.findIndex((f) => f.id === id);
  }

  function addFinding(id, label, present) {
    const at = findingIndex(id);
    if (at >= 0) {
      state.findings[at].present = present;
    } else {
      state.findings.push({ id: id, label: label || "", present: present });
    }
    renderFindings();
  }

  function renderFindings() {
    chosen.replaceChildren();
    state.findings.forEach(function (finding) {
      const name = finding.label || finding.id;
      const item = document.createElement("li");
      item.className = "loc-chip";
      item.dataset.id = finding.id;
      item.dataset.state = finding.present ? "present" : "absent";
      const text = document.createElement("span");
      text.className = "loc-chip-label";
      text.textContent = name;
      item.appendChild(text);
      if (finding.label && finding.label !== finding.id) {
        const code = document.createElement("code");
        code.textContent = finding.id;
        item.appendChild(code);
      }
      const toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "loc-toggle";
      toggle.setAttribute("aria-pressed", finding.present ? "true" : "false");
      toggle.setAttribute("aria-label", name + ": " + (finding.present ? "present" : "absent") +
        "; press to mark " + (finding.present ? "absent" : "present"));
      toggle.textContent = finding.present ? "+ present" : "\u2212 absent";
      toggle.addEventListener("click", function () {
        finding.present = !finding.present;
        renderFindings();
        chosen.querySelector('[data-id="' + CSS.escape(finding.id) + '"] .loc-toggle').focus();
      });
      item.appendChild(toggle);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "loc-remove";
      remove.setAttribute("aria-label", "Remove " + name);
      remove.textContent = "\u00d7";
      remove.addEventListener("click", function () {
        state.findings.splice(findingIndex(finding.id), 1);
        renderFindings();
        input.focus();
      });
      item.appendChild(remove);
      chosen.appendChild(item);
    });
    $("loc-empty").hidden = state.findings.length > 0;
  }

  // -- completion (GET /search, exact matches first) -------------------------------------

  let searchTimer = null;
  let searchAbort = null;

  function closeList() {
    listbox.hidden = true;
    listbox.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    suggestions = [];
    active = -1;
  }

  function highlight(index) {
    active = index;
    listbox.querySelectorAll("[role=option]").forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", "loc-option-" + index);
      listbox.children[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function showSuggestions(results) {
    suggestions = results;
    listbox.replaceChildren();
    results.forEach(function (hit, index) {
      const option = document.createElement("li");
      option.id = "loc-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.id = hit.id;
      const label = document.createElement("span");
      label.className = "loc-option-label";
      label.textContent = hit.label;
      option.appendChild(label);
      if (hit.matched && hit.matched !== hit.label) {
        const via = document.createElement("span");
        via.className = "loc-option-via";
        via.textContent = " (" + hit.matched_field + ": " + hit.matched + ")";
        option.appendChild(via);
      }
      const code = document.createElement("code");
      code.textContent = " " + hit.id;
      option.appendChild(code);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the input
        choose(index, !event.shiftKey);
      });
      listbox.appendChild(option);
    });
    listbox.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    highlight(results.length ? 0 : -1);
    say(results.length ? results.length + " matching terms" : "No HPO term matches.");
  }

  function choose(index, present) {
    const hit = suggestions[index];
    if (!hit) {
      return;
    }
    addFinding(hit.id, hit.label, present);
    input.value = "";
    closeList();
    say(hit.label + " added as " + (present ? "present" : "absent") + ".");
  }

  function complete() {
    const text = input.value.trim();
    if (searchAbort) {
      searchAbort.abort();
    }
    if (text.length < 2) {
      closeList();
      return;
    }
    searchAbort = new AbortController();
    const url = new URL(searchUrl);
    url.search = new URLSearchParams({ q: text, prefix: "HP", limit: "12" }).toString();
    fetch(url, { headers: { Accept: "application/json" }, signal: searchAbort.signal })
      .then((response) => response.json().then((data) => ({ ok: response.ok, data: data })))
      .then(function ({ ok, data }) {
        if (input.value.trim() !== text) {
          return; // the user typed on: a newer search is under way
        }
        if (!ok) {
          closeList();
          say(errorText(data), true);
          return;
        }
        listbox.dataset.query = text;
        showSuggestions(data.results || []);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          say("search failed: " + error.message, true);
        }
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(complete, 150);
  });
  input.addEventListener("keydown", function (event) {
    const open = !listbox.hidden && suggestions.length > 0;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight((active + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight((active - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter") {
      event.preventDefault(); // Enter in the box adds a finding; the button localises
      if (open && active >= 0) {
        choose(active, !event.shiftKey);
      } else if (/^HP:\d{7}$/.test(input.value.trim())) {
        addFinding(input.value.trim(), "", !event.shiftKey);
        input.value = "";
      }
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      closeList();
    }
  });
  input.addEventListener("blur", function () {
    setTimeout(closeList, 100);
  });

  // -- the request and the query string ---------------------------------------------------

  function requestBody() {
    const request = { signs: state.findings.filter((f) => f.present).map((f) => f.id) };
    const absent = state.findings.filter((f) => !f.present).map((f) => f.id);
    if (absent.length) {
      request.absent = absent;
    }
    if ($("loc-onset").value) {
      request.onset = $("loc-onset").value;
    }
    const age = $("loc-age").value.trim();
    if (age !== "") {
      request.age_months = Number(age);
    }
    if ($("loc-source").value !== "mnkg") {
      request.source = $("loc-source").value;
    }
    if (state.limit !== null) {
      request.limit = state.limit;
    }
    return request;
  }

  function queryString(request) {
    const params = new URLSearchParams();
    request.signs.forEach((id) => params.append("signs", id));
    (request.absent || []).forEach((id) => params.append("absent", id));
    ["onset", "age_months", "source", "limit"].forEach(function (name) {
      if (request[name] !== undefined) {
        params.set(name, String(request[name]));
      }
    });
    return params.toString();
  }

  function readQueryString() {
    const params = new URLSearchParams(window.location.search);
    params.getAll("signs").forEach((id) => addFinding(id, "", true));
    params.getAll("absent").forEach((id) => addFinding(id, "", false));
    $("loc-onset").value = params.get("onset") || "";
    $("loc-age").value = params.get("age_months") || "";
    $("loc-source").value = params.get("source") || "mnkg";
    // Not a field of the page, but a shared link keeps it (the server checks its range).
    state.limit = params.has("limit") ? Number(params.get("limit")) : null;
    return state.findings.length > 0;
  }

  function shellQuote(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
  }

  function curlCommand(request) {
    return "curl -s -X POST " + shellQuote(endpoint.href) +
      " -H 'Content-Type: application/json' -d " + shellQuote(JSON.stringify(request));
  }

  // -- localise ---------------------------------------------------------------------------

  function say(text, isError) {
    status.textContent = text;
    status.className = "loc-status" + (isError ? " error" : "");
  }

  function errorText(data) {
    if (!data || typeof data !== "object") {
      return "the server's answer was not JSON";
    }
    let text = data.error || "request failed";
    const detail = data.detail;
    if (detail && Array.isArray(detail.suggestions) && detail.suggestions.length) {
      text += "; did you mean " + detail.suggestions.map((s) => s.label + " (" + s.id + ")")
        .join(", ") + "?";
    } else if (Array.isArray(detail)) {
      text += ": " + detail.map((d) => (d.loc || []).join(".") + " " + d.msg).join("; ");
    }
    return text;
  }

  /** POST /localize with the current findings; ``cause`` says what changed (or null). */
  function localise(cause) {
    const request = requestBody();
    const sequence = ++state.sequence;
    state.lastRequest = request;
    window.history.replaceState(null, "", "?" + queryString(request));
    updateShare(request);
    body.dataset.busy = "true";
    say("Localising\u2026");
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(request),
    })
      .then((response) => response.json().then((data) => ({ ok: response.ok, data: data }),
        () => ({ ok: false, data: null })))
      .then(function ({ ok, data }) {
        if (sequence !== state.sequence) {
          return;
        }
        if (!ok) {
          say(errorText(data), true);
          return;
        }
        learnLabels(data);
        renderFindings();
        window.MnkgLocalizeAnswer.render(data, state.previous, cause);
        state.previous = data;
        say("Localised: " + data.localization + ".");
        body.dataset.answered = String(sequence);
      })
      .catch((error) => say("localisation failed: " + error.message, true))
      .finally(function () {
        if (sequence === state.sequence) {
          body.dataset.busy = "false";
        }
      });
  }

  /** Labels of the chosen findings (a shared link carries IDs only), from anywhere in the answer. */
  function learnLabels(data) {
    const seen = {};
    (function walk(value) {
      if (Array.isArray(value)) {
        value.forEach(walk);
      } else if (value && typeof value === "object") {
        if (typeof value.id === "string" && typeof value.label === "string" && value.label) {
          seen[value.id] = seen[value.id] || value.label;
        }
        Object.values(value).forEach(walk);
      }
    })(data);
    state.findings.forEach(function (finding) {
      if (!finding.label && seen[finding.id]) {
        finding.label = seen[finding.id];
      }
    });
  }

  function updateShare(request) {
    const link = $("loc-permalink");
    link.href = window.location.href;
    $("loc-request-text").value = JSON.stringify(request, null, 2);
  }

  function copy(text, what) {
    const area = $("loc-request-text");
    area.value = text;
    const done = () => { $("loc-copy-status").textContent = what + " copied."; };
    const fallback = function () {
      area.focus();
      area.select();
      const ok = document.execCommand && document.execCommand("copy");
      $("loc-copy-status").textContent = ok ? what + " copied."
        : what + " is selected below: press Ctrl+C to copy it.";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  $("loc-copy-json").addEventListener("click", function () {
    copy(JSON.stringify(state.lastRequest || requestBody(), null, 2), "JSON request");
  });
  $("loc-copy-curl").addEventListener("click", function () {
    copy(curlCommand(state.lastRequest || requestBody()), "curl command");
  });
  $("loc-form").addEventListener("submit", function (event) {
    event.preventDefault();
    closeList();
    if (!state.findings.length) {
      say("Add a finding first.", true);
      input.focus();
      return;
    }
    if ($("loc-age").validity.badInput) {
      say("The age must be a number of months.", true);
      $("loc-age").focus();
      return;
    }
    localise(null);
  });
  $("loc-clear").addEventListener("click", function () {
    state.findings = [];
    renderFindings();
    input.focus();
  });

  // The answer's "examine next" and "use instead" buttons come back here.
  window.MnkgLocalizePage = {
    examine: function (finding, present) {
      addFinding(finding.id, finding.label, present);
      return localise({ id: finding.id, label: finding.label, present: present });
    },
    replace: function (oldId, newId, label) {
      const at = findingIndex(oldId);
      if (at >= 0) {
        state.findings[at] = { id: newId, label: label || "", present: state.findings[at].present };
      }
      renderFindings();
      return localise({ id: newId, label: label, replaced: oldId });
    },
    termUrl: (id) => new URL("./" + encodeURI(id), termsUrl).href,
    svg: svg,
  };

  renderFindings();
  body.dataset.ready = "true";
  if (readQueryString()) {
    localise(null);
  }
})();
