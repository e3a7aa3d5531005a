// Search of the site, in the browser, with no server: the index is in script files
// (search/0.js, 1.js …, one set per language) that call mbSearchShard(k, entries), so it loads
// from disk (file://) as well as from any host and subpath. Shard 0 (pages, terms, agencies,
// plans) is loaded when the page opens; the projects, targets and reports of the other shards
// after the first results are shown, each adding its entries and refreshing the results.
// The engine is MiniSearch (static/minisearch.min.js, MIT licence). Vietnamese is matched
// without its diacritics: "dan toc thieu so" finds "dân tộc thiểu số", "d" finds "đ".
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreWrap = document.getElementById("search-more-wrap");
  var moreBtn = document.getElementById("search-more");
  if (!app || !input || !window.MiniSearch) return;
  var L = JSON.parse(app.getAttribute("data-labels"));
  var total = parseInt(app.getAttribute("data-shards"), 10) || 1;
  var base = app.getAttribute("data-base");

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var index = new window.MiniSearch({
    fields: ["t", "c", "x"],
    storeFields: ["k", "u", "t", "c"],
    processTerm: function (term) { var f = fold(term); return f.length ? f : null; },
    searchOptions: {
      boost: { t: 3, c: 1, x: 1 },
      // The last word may be unfinished while the reader types.
      prefix: function (term, i, terms) { return i === terms.length - 1; },
      // Long words (English, names) forgive a typo; Vietnamese syllables are short and exact.
      fuzzy: function (term) { return term.length >= 6 ? 0.2 : false; },
      combineWith: "AND"
    }
  });
  // What readers most often look for comes first among equal matches.
  var kindBoost = { plan: 1.6, project: 1.3, agency: 1.3, commune: 1.3, page: 1.2, term: 1.2, target: 1.1, report: 1, supervision: 1, recommendation: 1 };
  var boost = function (id, term, stored) { return (stored && kindBoost[stored.k]) || 1; };

  var loaded = 0, requested = 1, nextId = 0, failed = false, wanted = false, limit = 20;
  window.mbSearchShard = function (k, entries) {
    var docs = new Array(entries.length);
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      docs[i] = { id: nextId++, k: e[0], u: e[1], t: e[2], c: e[3], x: e[4] };
    }
    index.addAll(docs);
    loaded++;
    if (wanted) more();
    // The next shard is fetched before the reader has finished typing.
    if (loaded === 1 && requested === 1 && total > 1) load(requested++);
    // Each shard refreshes the results, at most every 300 ms (the first and last at once).
    var wait = 300 - (Date.now() - lastRun);
    if (loaded === 1 || loaded === total || wait <= 0) { clearTimeout(refresh); refresh = null; run(true); }
    else if (!refresh) refresh = setTimeout(function () { refresh = null; run(true); }, wait);
  };
  var refresh = null, lastRun = 0, shownQuery = null;
  function load(k) {
    var s = document.createElement("script");
    s.src = base + k + ".js";
    s.async = true;
    s.onerror = function () { failed = true; run(); };
    document.head.appendChild(s);
  }
  // The other shards, four at a time, once the reader has searched.
  function more() {
    wanted = true;
    while (requested < total && requested - loaded < 4) load(requested++);
  }

  function say(key, vars) {
    var s = L[key] || key;
    for (var v in vars) s = s.split("{" + v + "}").join(vars[v]);
    return s;
  }
  // `fromShard`: a shard has come in; the query may be unchanged.
  function run(fromShard) {
    lastRun = Date.now();
    var q = input.value.trim();
    if (!q) { list.textContent = ""; moreWrap.hidden = true; status.textContent = ""; return; }
    if (failed && !loaded) { status.textContent = L.failed; return; }
    if (!loaded) { status.textContent = L.loading; return; }
    more();
    var res = index.search(q, { boostDocument: boost });
    // No entry has every word: those with some of them, said so, until the shards still loading
    // bring entries with all. While shards come in, the entries with some words already shown
    // stay: finding them again for each shard would cost more than it shows.
    var partial = !res.length;
    if (partial && fromShard === true && shownQuery === q && loaded < total && list.getAttribute("data-partial") === "true") {
      status.textContent = status.textContent.replace(/\(\d+\/\d+\)/, "(" + loaded + "/" + total + ")");
      return;
    }
    if (partial) res = index.search(q, { boostDocument: boost, combineWith: "OR" });
    shownQuery = q;
    list.textContent = "";
    moreWrap.hidden = true;
    // The words in the order typed, in a title, count double (among the best 200: folding every
    // title of a long list would cost more than the search).
    var fq = fold(q), top = Math.min(res.length, 200);
    for (var i = 0; i < top; i++) if (fold(res[i].t).indexOf(fq) >= 0) res[i].score *= 2;
    res.sort(function (a, b) { return b.score - a.score; });
    var frag = document.createDocumentFragment();
    res.slice(0, limit).forEach(function (r) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = L[r.k] || r.k;
      var a = document.createElement("a");
      a.href = r.u;
      a.textContent = r.t;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (r.c) {
        var c = document.createElement("span");
        c.className = "search-context";
        c.textContent = r.c;
        li.appendChild(c);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
    list.setAttribute("data-partial", partial ? "true" : "false");
    moreWrap.hidden = res.length <= limit;
    var n = res.length.toLocaleString(document.documentElement.lang);
    var text = res.length ? say(partial ? "partial" : "count", { n: n, q: q }) : say("none", { q: q });
    if (loaded < total) text += " · " + say("more", { k: loaded, n: total });
    status.textContent = text;
  }
  var timer = null;
  input.addEventListener("input", function () {
    limit = 20;
    clearTimeout(timer);
    timer = setTimeout(function () {
      run();
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// */ }
    }, 40);
  });
  input.form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  moreBtn.addEventListener("click", function () { limit += 50; run(); });
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) input.value = decodeURIComponent(m[1].replace(/\+/g, " "));
  load(0);
})();
