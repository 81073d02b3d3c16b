// Starts YASGUI on this server's endpoint; the example buttons load a query and run it.
// A file of its own, not inline: the page's Content-Security-Policy allows only 'self'.
(function () {
  var root = document.getElementById("yasgui");
  Yasgui.Yasqe.defaults.prefixCcApi = root.dataset.prefixes;
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: root.dataset.endpoint, method: "POST" },
    // Prefix completion from this server, not prefix.cc: the page works offline.
    yasqe: { prefixCcApi: root.dataset.prefixes },
    copyEndpointOnNewTab: false,
    persistenceId: null
  });
  var tab = yasgui.getTab();
  if (!tab.getQuery() || !tab.getQuery().trim()) {
    tab.setQuery(root.dataset.query);
  }
  // A result cell holding one of this dataset's IRIs opens its page on this server, not
  // the IRI's own address (which, under the default base, is not this server).
  root.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var base = root.dataset.base;
    if (link && base && link.href.indexOf(base) === 0) {
      link.href = root.dataset.pages + link.href.slice(base.length);
    }
  }, true);
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var current = yasgui.getTab();
      current.setQuery(button.dataset.query);
      current.query();
    });
  });
})();
