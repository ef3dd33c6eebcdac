/* impactctl: every printed sheet says what it is and when it was printed. The stylesheet's
   @page rule writes var(--impact-footer) in the bottom margin beside "Page N of M"; this
   sets it from the page's title and today's date (set through the CSS object model, which
   the Content-Security-Policy allows, unlike an inline style). */
(function () {
  function quoted(text) {
    return '"' + text.replace(/\s+/g, " ").trim().replace(/["\\]/g, "\\$&") + '"';
  }
  function stamp() {
    var heading = document.querySelector("article h1");
    var title = heading ? heading.textContent : document.title;
    var day = new Date().toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    document.documentElement.style.setProperty("--impact-footer", quoted(title + " · printed " + day));
  }
  stamp();
  window.addEventListener("beforeprint", stamp);
})();
