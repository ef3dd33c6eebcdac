/* impactctl: Material for MkDocs' inline content scripts as a file (see overrides/main.html). */
(function () {
  if (document.currentScript.getAttribute("data-tabs-link") === "true") {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        for (var tab of tabs) {
          for (var label of labels.getElementsByTagName("label")) {
            if (label.innerText.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              return;
            }
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.startsWith("__tabbed_");
  }
})();
