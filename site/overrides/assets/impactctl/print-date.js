/* impactctl: a printed page says when it was printed (the footer of every sheet). */
(function () {
  function stamp() {
    var text = new Date().toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    document.querySelectorAll(".impact-print-date").forEach(function (el) { el.textContent = text; });
  }
  stamp();
  window.addEventListener("beforeprint", stamp);
})();
