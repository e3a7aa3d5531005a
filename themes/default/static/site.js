// Small enhancements; every page works without them (the site opens from disk, no server).
(function () {
  "use strict";
  // The language switch keeps the reader's place: the same section of the other language's page
  // (section ids are the same in both languages).
  var sw = document.querySelector("a.lang-switch");
  if (sw) {
    var base = sw.getAttribute("href").split("#")[0];
    var keep = function () { sw.setAttribute("href", base + location.hash); };
    keep();
    window.addEventListener("hashchange", keep);
  }
  // "Report an error" carries the page's full address as the reader sees it.
  var here = location.href;
  document.querySelectorAll("a.report-error").forEach(function (a) {
    var href = a.getAttribute("href");
    var page = a.getAttribute("data-page");
    if (page && href.indexOf(encodeURIComponent(page)) >= 0) {
      a.setAttribute("href", href.split(encodeURIComponent(page)).join(encodeURIComponent(here)));
    }
  });
  // A printed page says where and when it was printed.
  var p = document.getElementById("printed-from");
  if (p) {
    p.textContent = p.getAttribute("data-label") + " " + here + " · " +
      p.getAttribute("data-date") + " " + new Date().toISOString().slice(0, 10);
  }
})();
