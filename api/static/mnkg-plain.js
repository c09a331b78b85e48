// The MNKG plain query page: a textarea, the example queries and a result table.
// Our own code, used when the vendored YASGUI is missing and at /plain. IRIs show as CURIEs
// (the project's prefix map, #mnkg-display, as links to the full IRI); helper columns are hidden.
(function () {
  "use strict";

  const examples = JSON.parse(document.getElementById("mnkg-examples").textContent);
  const display = JSON.parse(document.getElementById("mnkg-display").textContent);
  const namespaces = Object.entries(display.prefixes).sort(function (a, b) {
    return b[1].length - a[1].length; // the longest namespace wins (OMIMPS before OMIM)
  });

  function curie(iri) {
    for (const [prefix, namespace] of namespaces) {
      if (iri.startsWith(namespace) && iri.length > namespace.length) {
        return prefix + ":" + iri.slice(namespace.length);
      }
    }
    return iri;
  }
  const endpoint = new URL(document.body.dataset.endpoint, window.location.href).href;
  const editor = document.getElementById("mnkg-query");
  const picker = document.getElementById("mnkg-example");
  const runButton = document.getElementById("mnkg-run");
  const status = document.getElementById("mnkg-status");
  const results = document.getElementById("mnkg-results");

  examples.forEach(function (example, index) {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = example.title;
    picker.appendChild(option);
  });
  if (examples.length > 0) {
    editor.value = examples[0].query;
  }
  picker.addEventListener("change", function () {
    const example = examples[Number(picker.value)];
    if (example) {
      editor.value = example.query;
    }
  });

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function termText(term) {
    if (!term) {
      return "";
    }
    if (term.type === "uri") {
      return term.value;
    }
    if (term.type === "bnode") {
      return "_:" + term.value;
    }
    if (term["xml:lang"]) {
      return term.value + " @" + term["xml:lang"];
    }
    return term.value;
  }

  function showTable(data) {
    const vars = (data.head.vars || []).filter(function (name) {
      return display.hidden.indexOf(name) < 0;
    });
    const rows = data.results.bindings;
    const table = document.createElement("table");
    table.className = "mnkg-results";
    const head = table.createTHead().insertRow();
    vars.forEach(function (name) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    const body = table.createTBody();
    rows.forEach(function (row) {
      const tr = body.insertRow();
      vars.forEach(function (name) {
        const td = tr.insertCell();
        const term = row[name];
        const text = termText(term);
        if (term && term.type === "uri") {
          const link = document.createElement("a");
          link.href = text;
          link.rel = "noopener noreferrer";
          link.textContent = curie(text);
          link.title = text;
          td.appendChild(link);
        } else {
          td.textContent = text;
        }
      });
    });
    results.replaceChildren(table);
    say(rows.length + (rows.length === 1 ? " row" : " rows"), false);
  }

  async function run() {
    runButton.disabled = true;
    say("running…", false);
    results.replaceChildren();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: editor.value }),
      });
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        let message = response.status + " " + response.statusText;
        if (type.indexOf("json") >= 0) {
          const problem = await response.json();
          message += ": " + (problem.error || JSON.stringify(problem));
        }
        say(message, true);
        return;
      }
      if (type.indexOf("sparql-results+json") >= 0) {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          say("ASK: " + data.boolean, false);
        } else {
          showTable(data);
        }
      } else {
        const pre = document.createElement("pre");
        pre.className = "mnkg-graph";
        pre.textContent = await response.text();
        results.replaceChildren(pre);
        say("graph (" + type.split(";")[0] + ")", false);
      }
    } catch (error) {
      say("request failed: " + error, true);
    } finally {
      runButton.disabled = false;
    }
  }

  runButton.addEventListener("click", run);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  document.body.dataset.ready = "true";
})();
