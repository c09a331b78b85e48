// Starts YASGUI (vendored in api/static/yasgui/, served at /static/yasgui/) on our /sparql, one
// tab per example query. Nothing here talks to another host: autocompletion uses YASGUI's
// bundled prefixes only, and the endpoint list holds just our endpoint. Result tables show IRIs
// as CURIEs (the project's prefix map, #mnkg-display) and hide the helper columns it names.
(function () {
  "use strict";

  const examples = JSON.parse(document.getElementById("mnkg-examples").textContent);
  const display = JSON.parse(document.getElementById("mnkg-display").textContent);
  const endpoint = new URL(document.body.dataset.endpoint, window.location.href).href;
  const version = document.body.dataset.examplesVersion;
  const seededKey = "mnkg-yasgui-seeded-" + version;

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
    },
    // New examples (a new version) start a fresh set of tabs; edits persist until then.
    persistenceId: "mnkg-yasgui-" + version,
    autoAddOnInit: false,
    yasqe: { autocompleters: ["prefixes"], prefixCcApi: null },
    // The query's own PREFIX declarations are added by YASGUI and win over these.
    yasr: { prefixes: display.prefixes },
  });

  // Hide helper columns (a portable sort key) in the table plugin once it has drawn.
  function hideHelperColumns(yasr, plugin) {
    const table = plugin && plugin.dataTable;
    if (!table) {
      return;
    }
    table.columns().every(function () {
      const title = (this.header().textContent || "").trim();
      if (display.hidden.indexOf(title) >= 0) {
        this.visible(false);
      }
    });
  }
  function watch(tab) {
    const yasr = tab && tab.getYasr && tab.getYasr();
    if (yasr && !yasr.mnkgWatched) {
      yasr.mnkgWatched = true;
      yasr.on("drawn", hideHelperColumns);
      const plugin = yasr.plugins && yasr.plugins[yasr.getSelectedPluginName()];
      hideHelperColumns(yasr, plugin);
    }
  }
  yasgui.on("queryResponse", function (_yasgui, tab) {
    watch(tab);
  });
  yasgui.on("tabSelect", function (_yasgui, tabId) {
    window.setTimeout(function () {
      watch(yasgui.getTab(tabId));
    }, 0);
  });

  let seeded = false;
  try {
    seeded = window.localStorage.getItem(seededKey) === "1";
  } catch (error) {
    seeded = false;
  }
  if (!seeded || Object.keys(yasgui._tabs).length === 0) {
    Object.keys(yasgui._tabs).forEach(function (id) {
      yasgui.getTab(id).close();
    });
    examples.forEach(function (example, index) {
      yasgui.addTab(index === 0, {
        name: example.title,
        yasqe: { value: example.query },
        requestConfig: { endpoint: endpoint, method: "POST" },
      });
    });
    try {
      window.localStorage.setItem(seededKey, "1");
    } catch (error) {
      // Private browsing: the tabs are simply seeded again next time.
    }
  }
  watch(yasgui.getTab());
  window.mnkgYasgui = yasgui;
  document.body.dataset.ready = "true";
})();
