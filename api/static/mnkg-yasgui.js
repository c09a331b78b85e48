// Starts YASGUI (served from node_modules at /static/yasgui/) on our /sparql, one tab per
// example query. Nothing here talks to another host: autocompletion uses YASGUI's bundled
// prefixes only, and the endpoint list holds just our endpoint.
(function () {
  "use strict";

  const examples = JSON.parse(document.getElementById("mnkg-examples").textContent);
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
  window.mnkgYasgui = yasgui;
  document.body.dataset.ready = "true";
})();
