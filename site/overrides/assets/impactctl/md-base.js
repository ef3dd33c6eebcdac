/* impactctl: Material for MkDocs' inline head script as a file (see overrides/main.html). */
(function () {
  var scope = document.currentScript.getAttribute("data-scope") || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage === undefined ? localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage === undefined ? localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (e) {
      /* storage full or disabled: Material works without it */
    }
  };
})();
