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
  // Lists with filters (supervision recommendations by status, plan, agency and year; a plan's
  // targets by status): the choices are kept in the address (?status=overdue&plan=…) so a
  // filtered list can be shared. Without this script every item is listed, grouped, and each
  // group has its own address. A form names its items and groups in data-items and data-groups,
  // and each item carries data-<field> for each select of the form.
  document.querySelectorAll("form.filters[data-items]").forEach(function (form) {
    var fields = Array.prototype.map.call(form.querySelectorAll("select"), function (s) { return s.name; });
    var items = document.querySelectorAll(form.getAttribute("data-items"));
    var groups = document.querySelectorAll(form.getAttribute("data-groups"));
    var shown = document.getElementById(form.getAttribute("data-shown-in"));
    var params = new URLSearchParams(location.search);
    fields.forEach(function (f) {
      var el = form.elements[f];
      var v = params.get(f);
      if (el && v && el.querySelector('option[value="' + CSS.escape(v) + '"]')) { el.value = v; }
    });
    var apply = function () {
      var want = {};
      fields.forEach(function (f) { want[f] = form.elements[f].value; });
      var n = 0;
      items.forEach(function (r) {
        var ok = fields.every(function (f) { return !want[f] || r.getAttribute("data-" + f) === want[f]; });
        r.hidden = !ok;
        if (ok) { n++; }
      });
      groups.forEach(function (g) {
        var left = Array.prototype.filter.call(items, function (r) { return g.contains(r) && !r.hidden; }).length;
        g.hidden = !left;
        var c = g.querySelector(".group-count");
        if (c) { c.textContent = "(" + left + ")"; }
      });
      if (shown) {
        shown.textContent = form.getAttribute("data-shown")
          .replace("{n}", n).replace("{total}", form.getAttribute("data-total"));
      }
      var q = new URLSearchParams(location.search);
      fields.forEach(function (f) { if (want[f]) { q.set(f, want[f]); } else { q.delete(f); } });
      var query = q.toString();
      try { history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash); } catch (e) { /* file:// may refuse */ }
    };
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  });
})();
