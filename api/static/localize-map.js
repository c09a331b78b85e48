// The MNKG localisation page: the motor pathway schematic (an SVG drawn here) and its shading.
// Our own code, no dependencies. window.MnkgLocalizeMap = {draw, paint, regionsOf, REGIONS}.
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const BODY_OFFSET = 24;

  // Each region: its label, where the label goes, and its shapes ([tag, attributes]).
  // "line" regions are drawn by their stroke (tracts, roots, nerves), the others by their fill.
  const REGIONS = [
    { id: "cortex", head: true, label: "motor cortex", at: [262, 44], shapes: [
      ["path", { d: "M110 96 Q112 14 262 12 Q412 14 414 96 Q340 72 262 74 Q184 72 110 96 Z" }]] },
    { id: "basal-ganglia", head: true, label: "basal ganglia", at: [406, 132], anchor: "start",
      shapes: [["ellipse", { cx: 358, cy: 126, rx: 40, ry: 18 }]] },
    { id: "capsule", head: true, label: "internal capsule", at: [232, 124], anchor: "end", shapes: [
      ["path", { d: "M240 94 L284 94 L276 142 L248 142 Z" }]] },
    { id: "brainstem", label: "brainstem", at: [304, 162], anchor: "start", shapes: [
      ["rect", { x: 222, y: 150, width: 80, height: 112, rx: 18 }]] },
    { id: "nucleus-facial", label: "VII", small: true, at: [250, 182], anchor: "start", shapes: [
      ["circle", { cx: 242, cy: 178, r: 6 }]] },
    { id: "nucleus-ambiguus", label: "IX, X", small: true, at: [250, 210], anchor: "start",
      shapes: [["circle", { cx: 242, cy: 206, r: 6 }]] },
    { id: "nucleus-hypoglossal", label: "XII", small: true, at: [250, 238], anchor: "start",
      shapes: [["circle", { cx: 242, cy: 234, r: 6 }]] },
    { id: "cranial-nerve", label: "cranial nerves", at: [128, 204], anchor: "end", line: true,
      shapes: [["path", { d: "M236 178 L136 166 M236 206 L136 206 M236 234 L136 246" }]] },
    { id: "cerebellum", label: "cerebellum", at: [372, 256], shapes: [
      ["ellipse", { cx: 372, cy: 206, rx: 56, ry: 34 }]] },
    { id: "cord-cervical", label: "cervical cord", at: [318, 312], anchor: "start", shapes: [
      ["rect", { x: 236, y: 270, width: 52, height: 84, rx: 6 }]] },
    { id: "cord-thoracic", label: "thoracic cord", at: [318, 404], anchor: "start", shapes: [
      ["rect", { x: 236, y: 356, width: 52, height: 100, rx: 6 }]] },
    { id: "cord-lumbar", label: "lumbar and sacral cord", at: [318, 488], anchor: "start",
      shapes: [["path", { d: "M236 458 L288 458 L280 514 Q262 528 244 514 Z" }]] },
    { id: "anterior-horn", label: "anterior horn", at: [232, 448], anchor: "end", shapes: [
      ["rect", { x: 240, y: 274, width: 9, height: 236, rx: 3 }]] },
    { id: "dorsal-columns", label: "dorsal columns", at: [318, 530], anchor: "start", shapes: [
      ["rect", { x: 275, y: 274, width: 9, height: 236, rx: 3 }]] },
    { id: "corticospinal", head: true, label: "corticospinal tract", at: [256, 160], anchor: "end",
      line: true, shapes: [["path", { d: "M262 76 L262 " + (512 + BODY_OFFSET) }]] },
    { id: "roots", label: "ventral roots", at: [198, 366], anchor: "end", line: true, shapes: [
      ["path", { d: "M236 296 L196 300 M236 326 L196 330 M236 392 L200 394 M236 424 L200 426 " +
        "M236 478 L196 482 M236 500 L196 506" }]] },
    { id: "drg", label: "dorsal root ganglia", at: [318, 346], anchor: "start", shapes: [
      ["ellipse", { cx: 302, cy: 298, rx: 7, ry: 5 }], ["ellipse", { cx: 302, cy: 392, rx: 7, ry: 5 }],
      ["ellipse", { cx: 302, cy: 478, rx: 7, ry: 5 }]] },
    { id: "cauda-equina", label: "cauda equina", at: [300, 590], anchor: "start", line: true,
      shapes: [["path", { d: "M250 520 L240 600 M256 524 L252 602 M262 526 L262 604 " +
        "M268 524 L272 602 M274 520 L284 600" }]] },
    { id: "plexus", label: "plexus", at: [172, 286], anchor: "middle", shapes: [
      ["path", { d: "M196 300 L178 314 L196 330 L160 314 Z" }],
      ["path", { d: "M196 482 L178 494 L196 506 L160 494 Z" }]] },
    { id: "nerve", label: "peripheral nerves", at: [92, 576], anchor: "middle", line: true,
      shapes: [["path", { d: "M160 314 L96 336 M200 410 L96 410 M160 494 L96 520" }]] },
    { id: "nmj", label: "NMJ", small: true, at: [92, 380], anchor: "middle", shapes: [
      ["circle", { cx: 92, cy: 337, r: 5 }], ["circle", { cx: 92, cy: 410, r: 5 }],
      ["circle", { cx: 92, cy: 521, r: 5 }]] },
    { id: "muscle", label: "muscle", at: [48, 290], anchor: "middle", shapes: [
      ["ellipse", { cx: 58, cy: 338, rx: 24, ry: 34 }], ["ellipse", { cx: 58, cy: 410, rx: 24, ry: 26 }],
      ["ellipse", { cx: 58, cy: 522, rx: 24, ry: 34 }]] },
    { id: "functional", label: "no structural lesion (functional)", at: [120, 641],
      anchor: "middle", shapes: [["rect", { x: 14, y: 620, width: 212, height: 32, rx: 6 }]] },
    { id: "elsewhere", label: "another site (not drawn)", at: [400, 641], anchor: "middle",
      shapes: [["rect", { x: 300, y: 620, width: 200, height: 32, rx: 6 }]] },
  ];

  const CORD = ["cord-cervical", "cord-thoracic", "cord-lumbar"];

  // The ontology's lesion classes (ontology/mnkg-edit.ttl) by ID; a site in several regions
  // (ALS: tract and anterior horn) shades them all.
  const REGIONS_BY_ID = {
    "MNKG:0000110": ["cortex"],
    "MNKG:0000111": ["capsule"],
    "MNKG:0000112": ["corticospinal"],
    "MNKG:0000113": ["brainstem"],
    "MNKG:0000114": CORD,
    "MNKG:0000115": ["anterior-horn"],
    "MNKG:0000116": ["nucleus-facial"],
    "MNKG:0000117": ["nucleus-hypoglossal"],
    "MNKG:0000118": ["nucleus-ambiguus"],
    "MNKG:0000119": ["roots"],
    "MNKG:0000120": ["nerve"],
    "MNKG:0000121": ["cranial-nerve"],
    "MNKG:0000122": ["cranial-nerve"],
    "MNKG:0000123": ["cauda-equina"],
    "MNKG:0000124": ["nmj"],
    "MNKG:0000125": ["muscle"],
    "MNKG:0000126": ["basal-ganglia"],
    "MNKG:0000127": ["cerebellum"],
    "MNKG:0000128": CORD,
    // The localization block (docs/localization.md): the sites each level needs.
    "MNKG:0001101": ["cord-cervical"],
    "MNKG:0001102": ["cord-thoracic"],
    "MNKG:0001103": ["cord-cervical"],
    "MNKG:0001104": CORD,
    "MNKG:0001105": CORD,
    "MNKG:0001106": ["cord-cervical"],
    "MNKG:0001107": ["cord-lumbar"],
    "MNKG:0001108": ["corticospinal", "anterior-horn"],
    "MNKG:0001109": ["brainstem"],
    "MNKG:0001110": ["nucleus-facial", "nucleus-ambiguus", "nucleus-hypoglossal"],
    "MNKG:0001111": ["plexus"],
    "MNKG:0001112": ["nerve", "roots"],
    "MNKG:0001113": ["drg", "dorsal-columns"],
    "MNKG:0001114": ["nerve"],
    "MNKG:0001115": ["functional"],
  };

  // Sites the table above does not know (new lesion classes), placed by words of their label;
  // the first pattern that matches wins, so the specific ones come first.
  const REGIONS_BY_WORDS = [
    [/no structural|functional|non-?organic/i, ["functional"]],
    [/plexus/i, ["plexus"]],
    [/cauda equina|conus/i, ["cauda-equina"]],
    [/dorsal root ganglion|ganglionopath|sensory neuronopath/i, ["drg"]],
    [/dorsal column|posterior column/i, ["dorsal-columns"]],
    [/anterior horn|ventral horn|motor neuronopath/i, ["anterior-horn"]],
    [/cervical/i, ["cord-cervical"]],
    [/thoracic/i, ["cord-thoracic"]],
    [/lumbar|sacral/i, ["cord-lumbar"]],
    [/neuromuscular|junction/i, ["nmj"]],
    [/muscle|myopath/i, ["muscle"]],
    [/root|radicul/i, ["roots"]],
    [/facial nucleus|facial motor nucleus/i, ["nucleus-facial"]],
    [/hypoglossal/i, ["nucleus-hypoglossal"]],
    [/ambiguus/i, ["nucleus-ambiguus"]],
    [/cranial nerve|facial nerve|bell/i, ["cranial-nerve"]],
    [/nerve|neuropath/i, ["nerve"]],
    [/brainstem|brain stem|pons|pontine|medulla|midbrain|bulbar|cranial nucle/i, ["brainstem"]],
    [/capsul/i, ["capsule"]],
    [/corticospinal|pyramidal tract/i, ["corticospinal"]],
    [/cortex|cortical|hemispher|cerebral/i, ["cortex"]],
    [/basal ganglia|striat|nigra|extrapyramidal/i, ["basal-ganglia"]],
    [/cerebell/i, ["cerebellum"]],
    [/spinal cord|myelopath|cord/i, CORD],
  ];

  // Last resort: where a site of each level sits.
  const REGIONS_BY_LEVEL = {
    UMN: ["corticospinal"],
    LMN: ["anterior-horn", "roots", "nerve"],
    mixed: CORD,
    neither: ["elsewhere"],
  };

  // Without a site ranking (an older server): the regions a level means, lightly shaded.
  const LEVEL_REGIONS = {
    UMN: ["cortex", "capsule", "corticospinal", "brainstem"],
    LMN: ["anterior-horn", "roots", "plexus", "nerve", "cranial-nerve", "nucleus-facial",
      "nucleus-ambiguus", "nucleus-hypoglossal"],
    mixed: ["corticospinal", "anterior-horn", "cord-cervical", "cord-thoracic", "cord-lumbar"],
    neither: ["nmj", "muscle", "cerebellum", "basal-ganglia"],
  };

  /** The regions a site is drawn in, and how it was placed (id, label or level). */
  function regionsOf(site) {
    if (REGIONS_BY_ID[site.id]) {
      return { regions: REGIONS_BY_ID[site.id], placed: "id" };
    }
    const label = String(site.label || "");
    for (const [pattern, regions] of REGIONS_BY_WORDS) {
      if (pattern.test(label)) {
        return { regions: regions, placed: "label" };
      }
    }
    return { regions: REGIONS_BY_LEVEL[site.level] || ["elsewhere"], placed: "level" };
  }

  function element(tag, attributes, parent) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(function ([name, value]) {
      node.setAttribute(name, String(value));
    });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  /** Draw the schematic into ``container``; returns the <svg>. */
  function draw(container) {
    const svg = element("svg", {
      viewBox: "0 0 600 690",
      role: "img",
      "aria-labelledby": "loc-map-title loc-map-desc",
      class: "loc-map",
    });
    element("title", { id: "loc-map-title" }, svg).textContent = "Motor pathway schematic";
    element("desc", { id: "loc-map-desc" }, svg).textContent = "No answer yet.";
    // The brain (head) and, lowered a little to leave room for labels, brainstem and below.
    const frame = element("g", { transform: "translate(44 0)" }, svg);
    const parts = {
      head: element("g", {}, frame),
      body: element("g", { transform: "translate(0 " + BODY_OFFSET + ")" }, frame),
    };
    REGIONS.forEach(function (region) {
      const group = element("g", {
        class: "loc-region" + (region.line ? " loc-line" : ""),
        "data-region": region.id,
        "data-shade": "0",
      }, parts[region.head ? "head" : "body"]);
      element("title", {}, group).textContent = region.label;
      region.shapes.forEach(function ([tag, attributes]) {
        element(tag, attributes, group);
      });
    });
    REGIONS.forEach(function (region) {
      const text = element("text", {
        x: region.at[0],
        y: region.at[1],
        "text-anchor": region.anchor || "middle",
        class: "loc-label" + (region.small ? " loc-small" : ""),
        "data-label-for": region.id,
      }, parts[region.head ? "head" : "body"]);
      element("tspan", { class: "loc-name" }, text).textContent = region.label;
      element("tspan", { class: "loc-score-text", dx: "4" }, text);
    });
    container.replaceChildren(svg);
    return svg;
  }

  function reset(svg) {
    svg.querySelectorAll(".loc-region").forEach(function (group) {
      group.setAttribute("data-shade", "0");
      group.removeAttribute("data-best");
      group.removeAttribute("data-level-only");
      group.removeAttribute("data-sites");
      group.querySelector("title").textContent =
        REGIONS.find((r) => r.id === group.dataset.region).label;
    });
    svg.querySelectorAll(".loc-score-text").forEach(function (node) {
      node.textContent = "";
    });
  }

  /** Scores as 1..5 steps of the spread within this answer (scores compare only within it). */
  function shades(sites) {
    const scores = sites.map((s) => Number(s.score) || 0);
    const top = Math.max(...scores);
    const low = Math.min(0, ...scores);
    return scores.map(function (score) {
      if (top <= low) {
        return 3;
      }
      return Math.max(1, Math.round(1 + (4 * (score - low)) / (top - low)));
    });
  }

  /**
   * Shade each site's regions by its score (a region holding several sites takes the best),
   * outline the best site's; write the scores beside the labels. Returns {placed, best}.
   */
  function paint(svg, sites, format) {
    reset(svg);
    const steps = shades(sites);
    const placement = {};
    sites.forEach(function (site, index) {
      const where = regionsOf(site);
      placement[site.id] = where;
      where.regions.forEach(function (regionId) {
        const group = svg.querySelector('[data-region="' + regionId + '"]');
        if (!group) {
          return;
        }
        const names = group.dataset.sites ? group.dataset.sites.split(" ") : [];
        names.push(site.id);
        group.dataset.sites = names.join(" ");
        if (Number(group.dataset.shade) < steps[index]) {
          group.dataset.shade = String(steps[index]);
        }
        const title = group.querySelector("title");
        title.textContent += "\n" + (site.label || site.id) + ": score " + format(site.score) +
          (index === 0 ? " (best)" : "");
        const label = svg.querySelector('[data-label-for="' + regionId + '"] .loc-score-text');
        if (label && !label.textContent) {
          label.textContent = (index === 0 ? "\u2605 best " : "") + format(site.score);
        }
        if (index === 0) {
          group.dataset.best = "true";
        }
      });
    });
    const best = sites[0];
    svg.querySelector("desc").textContent = best
      ? "Best-supported site: " + (best.label || best.id) + " (score " + format(best.score) +
        "). " + sites.slice(1, 5).map((s) => (s.label || s.id) + " " + format(s.score)).join("; ")
      : "No candidate site.";
    return { placement: placement, best: best ? placement[best.id].regions : [] };
  }

  /** Without sites: lightly shade what the level means, no outline. */
  function paintLevel(svg, level) {
    reset(svg);
    (LEVEL_REGIONS[level] || []).forEach(function (regionId) {
      const group = svg.querySelector('[data-region="' + regionId + '"]');
      group.dataset.shade = "2";
      group.dataset.levelOnly = "true";
      const label = svg.querySelector('[data-label-for="' + regionId + '"] .loc-score-text');
      label.textContent = "(" + level + ")";
    });
    svg.querySelector("desc").textContent = "No site ranking; level " + level + ".";
  }

  window.MnkgLocalizeMap = {
    draw: draw,
    paint: paint,
    paintLevel: paintLevel,
    regionsOf: regionsOf,
    REGIONS: REGIONS,
  };
})();
