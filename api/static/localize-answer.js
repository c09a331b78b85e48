// The MNKG localisation page: the answer of POST /localize as words, a picture and tables.
// Our own code. window.MnkgLocalizeAnswer = {render}; buttons call window.MnkgLocalizePage.
(function () {
  "use strict";

  const map = window.MnkgLocalizeMap;
  const $ = (id) => document.getElementById(id);

  const LEVEL_WORDS = {
    UMN: "Upper motor neuron lesion: motor cortex, internal capsule, brainstem or the " +
      "descending tracts of the cord.",
    LMN: "Lower motor neuron lesion: anterior horn, cranial motor nuclei, roots, plexus or " +
      "nerves.",
    mixed: "Upper and lower motor neuron lesion together: as in ALS, or a cord lesion with " +
      "lower motor neuron signs at its level and upper motor neuron signs below.",
    neither: "Not a lesion of the motor neurons: neuromuscular junction, muscle, cerebellum, " +
      "basal ganglia, sensory pathways, or no structural lesion.",
    indeterminate: "Not decidable from these findings: examine further.",
  };

  function format(value) {
    const number = Number(value);
    if (!Number.isFinite(number)) {
      return String(value);
    }
    return Math.abs(number) >= 10 ? number.toFixed(1) : number.toFixed(2);
  }

  function signed(value) {
    const number = Number(value);
    return (number > 0 ? "+" : number < 0 ? "\u2212" : "") + format(Math.abs(number));
  }

  function node(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) {
      element.textContent = text;
    }
    if (className) {
      element.className = className;
    }
    return element;
  }

  function nameOf(item) {
    if (item === null || item === undefined) {
      return "";
    }
    if (typeof item !== "object") {
      return String(item);
    }
    return item.label || item.id || "";
  }

  function weightOf(item) {
    if (!item || typeof item !== "object") {
      return null;
    }
    for (const key of ["weight", "contribution", "score"]) {
      if (typeof item[key] === "number") {
        return item[key];
      }
    }
    return null;
  }

  /** "Areflexia (+1.20), Fasciculations (+0.80)": a list of findings with their weights. */
  function findingList(items) {
    const list = node("ul", null, "loc-weights");
    (items || []).forEach(function (item) {
      const weight = weightOf(item);
      const entry = node("li", nameOf(item));
      if (item && item.absent) {
        entry.appendChild(node("span", " absent", "loc-absent"));
      }
      if (weight !== null) {
        entry.appendChild(node("span", " (" + signed(weight) + ")", "loc-weight"));
      }
      if (item && item.text) {
        entry.title = item.text;
      }
      list.appendChild(entry);
    });
    if (!list.children.length) {
      list.appendChild(node("li", "none", "loc-none"));
    }
    return list;
  }

  function button(text, label, onClick) {
    const element = node("button", text);
    element.type = "button";
    element.setAttribute("aria-label", label);
    element.addEventListener("click", onClick);
    return element;
  }

  function sitesOf(data) {
    return Array.isArray(data.sites) ? data.sites : [];
  }

  // -- level, best site and what changed ------------------------------------------------------

  function renderLevel(data) {
    const level = $("loc-level");
    level.dataset.level = data.localization;
    level.replaceChildren(node("strong", "Level: " + data.localization),
      document.createTextNode(" \u2014 " + (LEVEL_WORDS[data.localization] || "")));
    const best = sitesOf(data)[0];
    const line = $("loc-best");
    line.dataset.site = best ? best.id : "";
    line.textContent = best
      ? "Best-supported site: " + (best.label || best.id) + " (" + best.level + ", score " +
        format(best.score) + ")."
      : "";
  }

  function describeChange(data, previous, cause) {
    const box = $("loc-change");
    if (!previous) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const lines = [];
    const before = sitesOf(previous)[0];
    const after = sitesOf(data)[0];
    lines.push(previous.localization === data.localization
      ? "Level unchanged: " + data.localization + "."
      : "Level " + previous.localization + " \u2192 " + data.localization + ".");
    if (before || after) {
      lines.push(before && after && before.id === after.id
        ? "Best site unchanged: " + nameOf(after) + " (score " + format(before.score) + " \u2192 " +
          format(after.score) + ")."
        : "Best site " + (before ? nameOf(before) : "none") + " \u2192 " +
          (after ? nameOf(after) : "none") + ".");
    }
    const topBefore = (previous.conditions || [])[0];
    const topAfter = (data.conditions || [])[0];
    if (topBefore && topAfter && topBefore.id !== topAfter.id) {
      lines.push("First condition " + topBefore.label + " \u2192 " + topAfter.label + ".");
    }
    const heading = cause
      ? cause.replaced
        ? "After replacing " + cause.replaced + " by " + (cause.label || cause.id) + ":"
        : "After adding " + (cause.label || cause.id) + " as " +
          (cause.present ? "present" : "absent") + ":"
      : "Compared with the previous answer:";
    const list = node("ul");
    lines.forEach((text) => list.appendChild(node("li", text)));
    box.replaceChildren(node("strong", heading), list);
    box.dataset.levelBefore = previous.localization;
    box.dataset.levelAfter = data.localization;
    box.hidden = false;
  }

  // -- the picture and the site table ------------------------------------------------------

  function renderSites(data, previous) {
    const sites = sitesOf(data);
    const tbody = $("loc-site-table").querySelector("tbody");
    tbody.replaceChildren();
    $("loc-sites-missing").hidden = Array.isArray(data.sites);
    $("loc-site-table").hidden = !sites.length;
    if (!Array.isArray(data.sites)) {
      map.paintLevel(window.MnkgLocalizePage.svg, data.localization);
      return;
    }
    const painted = map.paint(window.MnkgLocalizePage.svg, sites, format);
    const before = {};
    sitesOf(previous || {}).forEach((site) => { before[site.id] = site.score; });
    const top = Math.max(...sites.map((s) => Number(s.score) || 0), 0);
    const low = Math.min(...sites.map((s) => Number(s.score) || 0), 0);
    sites.forEach(function (site, index) {
      const row = tbody.insertRow();
      row.dataset.site = site.id;
      if (index === 0) {
        row.className = "loc-best-row";
      }
      row.insertCell().textContent = index === 0 ? "1 (best)" : String(index + 1);
      const name = row.insertCell();
      name.appendChild(node("span", site.label || site.id));
      name.appendChild(node("code", " " + site.id));
      if (painted.placement[site.id].placed === "level") {
        name.appendChild(node("span", " (drawn by its level)", "loc-help"));
      }
      row.insertCell().textContent = site.level;
      const score = row.insertCell();
      const meter = document.createElement("meter");
      meter.min = low;
      meter.max = top > low ? top : low + 1;
      meter.value = Number(site.score) || 0;
      meter.setAttribute("aria-hidden", "true");
      score.appendChild(node("span", format(site.score), "loc-score"));
      score.appendChild(meter);
      if (previous && site.id in before && before[site.id] !== site.score) {
        score.appendChild(node("span", " (was " + format(before[site.id]) + ")", "loc-was"));
      } else if (previous && !(site.id in before)) {
        score.appendChild(node("span", " (new)", "loc-was"));
      }
      row.insertCell().appendChild(findingList(site["for"]));
      row.insertCell().appendChild(findingList(site.against));
    });
  }

  // -- examine next, pitfalls, unrecognised inputs -------------------------------------------

  function renderNext(data) {
    const next = Array.isArray(data.next_findings) ? data.next_findings : [];
    const labels = {};
    sitesOf(data).forEach((site) => { labels[site.id] = site.label || site.id; });
    const list = $("loc-next-list");
    list.replaceChildren();
    $("loc-next").hidden = next.length === 0;
    next.forEach(function (finding) {
      const name = nameOf(finding);
      const item = node("li", null, "loc-next-item");
      item.dataset.id = finding.id;
      item.appendChild(node("span", name, "loc-next-name"));
      item.appendChild(node("code", " " + finding.id));
      const separates = finding.separates || finding.sites || [];
      if (separates.length) {
        const siteNames = separates.map((s) => (typeof s === "string" && labels[s]) || nameOf(s));
        item.appendChild(node("span", " separates " + siteNames.join(" / "), "loc-help"));
      }
      const actions = node("span", null, "loc-next-actions");
      [[true, "+ present", finding.if_present], [false, "\u2212 absent", finding.if_absent]]
        .forEach(function ([present, text, favours]) {
          const outcome = present ? "present" : "absent";
          const hint = favours ? " (favours " + (labels[favours] || favours) + ")" : "";
          const control = button(text, "Add " + name + " as " + outcome + hint +
            " and localise again", () => window.MnkgLocalizePage.examine(finding, present));
          control.dataset.state = outcome;
          if (hint) {
            control.title = name + " " + outcome + hint;
          }
          actions.appendChild(control);
        });
      item.appendChild(actions);
      list.appendChild(item);
    });
  }

  function renderPitfalls(data) {
    const pitfalls = (data.explanation || []).filter((item) => item.kind === "pitfall");
    const list = $("loc-pitfall-list");
    list.replaceChildren();
    $("loc-pitfalls").hidden = pitfalls.length === 0;
    pitfalls.forEach(function (pitfall) {
      const item = node("li");
      item.appendChild(node("strong", pitfall.label || pitfall.pitfall || "pitfall"));
      item.appendChild(document.createTextNode(": " + (pitfall.text || "")));
      if (Array.isArray(pitfall.signs) && pitfall.signs.length) {
        item.appendChild(node("span", " (" + pitfall.signs.map(nameOf).join(", ") + ")",
          "loc-help"));
      }
      list.appendChild(item);
    });
  }

  /** A replacement given by ID only: its label from the term page, when there is one. */
  function nameFromTermPage(control, id, replacing) {
    fetch(window.MnkgLocalizePage.termUrl(id), { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then(function (term) {
        if (term && term.label) {
          control.dataset.label = term.label;
          control.textContent = "use " + term.label;
          control.setAttribute("aria-label", "Use " + term.label + " (" + id + ") instead of " +
            replacing);
        }
      })
      .catch(() => {}); // the ID on the button is enough
  }

  function renderUnrecognised(data) {
    const items = Array.isArray(data.unrecognised) ? data.unrecognised : [];
    const list = $("loc-unrecognised-list");
    list.replaceChildren();
    $("loc-unrecognised").hidden = items.length === 0;
    items.forEach(function (entry) {
      const item = node("li");
      item.appendChild(node("code", entry.id));
      item.appendChild(document.createTextNode(": " + (entry.reason || "not recognised")));
      const replacements = [];
      if (entry.replaced_by) {
        replacements.push(entry.replaced_by);
      }
      (entry.suggestions || []).forEach((s) => replacements.push(s));
      replacements.forEach(function (replacement) {
        const id = typeof replacement === "object" ? replacement.id : replacement;
        const label = typeof replacement === "object" ? replacement.label : "";
        item.appendChild(document.createTextNode(" "));
        const use = button("use " + (label || id), "Use " + (label || id) + " instead of " +
          entry.id, () => window.MnkgLocalizePage.replace(entry.id, id, use.dataset.label || ""));
        use.dataset.id = id;
        use.dataset.label = label || "";
        item.appendChild(use);
        if (!label) {
          nameFromTermPage(use, id, entry.id);
        }
      });
      list.appendChild(item);
    });
  }

  // -- conditions -----------------------------------------------------------------------------

  function conditionAgainst(data, condition) {
    if (Array.isArray(condition.against)) {
      return condition.against;
    }
    return (data.explanation || [])
      .filter((e) => e.kind === "contribution" && e.condition === condition.id &&
        Number(e.contribution) < 0)
      .map((e) => ({ id: e.sign && e.sign.id, label: nameOf(e.sign), weight: e.contribution }));
  }

  function renderConditions(data) {
    const conditions = data.conditions || [];
    const list = $("loc-condition-list");
    list.replaceChildren();
    $("loc-conditions-none").hidden = conditions.length > 0;
    conditions.forEach(function (condition) {
      const item = node("li");
      item.dataset.id = condition.id;
      const link = node("a", condition.label || condition.id);
      link.href = window.MnkgLocalizePage.termUrl(condition.id);
      item.appendChild(link);
      item.appendChild(node("code", " " + condition.id));
      item.appendChild(node("span", " score " + format(condition.score), "loc-score"));
      const details = node("dl", null, "loc-condition-details");
      [
        ["matched", (condition.matched || []).map(
          (m) => nameOf(m) + (m.via && m.via.id !== m.id ? " via " + nameOf(m.via) : ""))],
        ["against", conditionAgainst(data, condition).map(
          (a) => nameOf(a) + (weightOf(a) !== null ? " (" + signed(weightOf(a)) + ")" : ""))],
        ["typical, not given", (condition.missing || []).slice(0, 6).map(nameOf)],
      ].forEach(function ([term, values]) {
        if (values.length) {
          details.appendChild(node("dt", term));
          details.appendChild(node("dd", values.join("; ")));
        }
      });
      item.appendChild(details);
      list.appendChild(item);
    });
  }

  function render(data, previous, cause) {
    $("loc-answer").hidden = false;
    renderLevel(data);
    describeChange(data, previous, cause);
    renderSites(data, previous);
    renderNext(data);
    renderPitfalls(data);
    renderUnrecognised(data);
    renderConditions(data);
    if (cause) {
      $("loc-change").setAttribute("tabindex", "-1");
      $("loc-change").focus();
    }
  }

  window.MnkgLocalizeAnswer = { render: render, format: format };
})();
