// Browser tests of a built site, in Debian's headless Chromium (puppeteer-core, axe-core):
//   node tests/browser/check.mjs <output folder> [<the same site built with a base URL>]
// What a reader sees, on one page of every type in both languages, served under a sub-path
// and opened from disk (file://): no sideways scrolling at 320, 360, 768 and 1024 px (and
// 1280); no axe-core violations (WCAG 2.1 A/AA rules); no console errors and no failed
// requests; chart text at least 12 px on a 360 px phone; the language switch keeping the
// #section; search without diacritics, in both languages, from disk and from the server,
// following a result; the 404 page served for a missing address deep under a sub-path styled
// and with every link leading to a real page; the plan summary on the first screen of a phone;
// every public notice printed to PDF is A4 and one or two pages (with its QR code when the
// site has a base URL). Screenshots at 360 and 1280 px of every page type are kept in
// tests/browser/shots/ (or $SHOTS). Every failure is listed; the exit code is 1 if there is any.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const out = path.resolve(process.argv[2] || "output");
const published = process.argv[3] ? path.resolve(process.argv[3]) : null;
const shots = path.resolve(process.env.SHOTS || path.join(path.dirname(new URL(import.meta.url).pathname), "shots"));
fs.mkdirSync(shots, { recursive: true });
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const failures = [];
const fail = (msg) => { failures.push(msg); console.log("FAIL " + msg); };

// A static host serving the site under /site/, and 404.html for any missing address, as GitHub
// Pages and most hosts do.
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".xml": "application/xml", ".csv": "text/csv", ".json": "application/json" };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const rel = url.startsWith("/site/") ? url.slice("/site/".length) : null;
  let file = rel === null ? null : path.join(out, rel.endsWith("/") || rel === "" ? rel + "index.html" : rel);
  if (file && !file.startsWith(out)) file = null;
  if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    if (req.method !== "HEAD") res.end(fs.readFileSync(file)); else res.end();
  } else {
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    if (req.method !== "HEAD") res.end(fs.readFileSync(path.join(out, "404.html"))); else res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/site/`;

const browser = await puppeteer.launch({ executablePath: chromium, args: ["--no-sandbox"] });
const page = await browser.newPage();
const consoleErrors = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", (e) => consoleErrors.push(String(e)));
// Requests that failed or were refused (a missing file, a blocked script), except the 404 pages
// this test asks for on purpose.
const failedRequests = [];
let expect404 = false;
page.on("requestfailed", (r) => failedRequests.push(`${r.url()} (${r.failure() && r.failure().errorText})`));
page.on("response", (r) => { if (r.status() >= 400 && !expect404) failedRequests.push(`${r.url()} (${r.status()})`); });

// One page of each type, in both languages.
// plans/index.html is the list of all plans, checked with the plan pages below.
const firstPlan = fs.readdirSync(path.join(out, "plans")).filter((f) => f.endsWith(".html") && !/^index(-\d+)?\.html$/.test(f)).sort()[0];
const planId = firstPlan.replace(/\.html$/, "");
const projectDir = path.join(out, "plans", planId);
const anyProject = fs.existsSync(projectDir)
  ? fs.readdirSync(projectDir).filter((f) => f.endsWith(".html") && f !== "document.html").sort()[0]
  : null;
const anyAgency = fs.readdirSync(path.join(out, "agencies")).filter((f) => f !== "index.html").sort()[0];
const pages = ["index.html", `plans/${firstPlan}`, `agencies/${anyAgency}`, "agencies/index.html",
  "progress.html", "glossary.html", "data-notes.html", "accessibility.html"];
for (const f of fs.readdirSync(path.join(out, "plans")).filter((f) => f.endsWith(".html"))) {
  if (!pages.includes(`plans/${f}`)) pages.push(`plans/${f}`);
}
if (anyProject) pages.push(`plans/${planId}/${anyProject}`);
// The other page types: search, the site index, a narrative page, a plan's full text, a target,
// a progress report, and the public notices of a plan and of a report.
pages.push("search.html", "site-index.html");
const narrative = fs.readdirSync(out).filter((f) => f.endsWith(".html") && !/^progress-\d+\.html$/.test(f) && !["index.html", "404.html",
  "progress.html", "glossary.html", "data-notes.html", "accessibility.html", "search.html", "site-index.html"].includes(f)).sort()[0];
// A later page of the progress page's list of every report and revision.
if (fs.existsSync(path.join(out, "progress-2.html"))) pages.push("progress-2.html");
if (narrative) pages.push(narrative);
const planDirs = fs.readdirSync(path.join(out, "plans")).filter((f) => fs.statSync(path.join(out, "plans", f)).isDirectory()).sort();
const firstIn = (dir, pred) => fs.existsSync(dir) ? fs.readdirSync(dir).filter(pred).sort()[0] : undefined;
for (const d of planDirs) {
  if (fs.existsSync(path.join(out, "plans", d, "document.html"))) { pages.push(`plans/${d}/document.html`); break; }
}
const withTargets = planDirs.find((d) => firstIn(path.join(out, "plans", d, "targets"), (f) => f.endsWith(".html")));
if (withTargets) pages.push(`plans/${withTargets}/targets/${firstIn(path.join(out, "plans", withTargets, "targets"), (f) => f.endsWith(".html"))}`);
const withReports = planDirs.find((d) => firstIn(path.join(out, "plans", d, "reports"), (f) => f.endsWith(".html")));
let reportNotice = null;
if (withReports) {
  const r = firstIn(path.join(out, "plans", withReports, "reports"), (f) => f.endsWith(".html"));
  pages.push(`plans/${withReports}/reports/${r}`);
  reportNotice = `plans/${withReports}/reports/${r.replace(/\.html$/, "")}/notice.html`;
}
pages.push(`plans/${planId}/notice.html`);
if (reportNotice) pages.push(reportNotice);
// Supervision: the site-wide list of recommendations and a plan's supervision page.
const withSupervision = planDirs.find((d) => fs.existsSync(path.join(out, "plans", d, "supervision.html")));
if (withSupervision) pages.push("supervision.html", `plans/${withSupervision}/supervision.html`);
const all = pages.flatMap((p) => [p, "en/" + p]);
for (const p of all) if (!fs.existsSync(path.join(out, p))) fail(`${p}: not in the built site`);

const shotName = (p, w) => p.replace(/\//g, "__").replace(/\.html$/, "") + `-${w}.png`;
for (const p of all) {
  for (const w of [320, 360, 768, 1024, 1280]) {
    consoleErrors.length = 0;
    failedRequests.length = 0;
    await page.setViewport({ width: w, height: 800 });
    await page.goto(base + p, { waitUntil: "load" });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (over > 0) fail(`${p} at ${w} px: ${over} px of sideways scrolling`);
    if (consoleErrors.length) fail(`${p} at ${w} px: console errors: ${consoleErrors.join(" | ")}`);
    if (failedRequests.length) fail(`${p} at ${w} px: failed requests: ${failedRequests.join(" | ")}`);
    if (w === 360 || w === 1280) await page.screenshot({ path: path.join(shots, shotName(p, w)), fullPage: true });
    if (w === 320 || w === 1280) {
      await page.evaluate(axeSource);
      const v = await page.evaluate(async () => (await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })).violations.map((x) => `${x.id} (${x.nodes.length})`));
      if (v.length) fail(`${p} at ${w} px: axe-core: ${v.join(", ")}`);
    }
  }
  // Chart text at least 12 px on a 360 px phone.
  await page.setViewport({ width: 360, height: 800 });
  await page.goto(base + p, { waitUntil: "load" });
  // Tap targets of at least 24 px (WCAG 2.2, 2.5.8) for links outside running text.
  const tiny = await page.evaluate(() => [...document.querySelectorAll(
    ".site-header a, .toc a, .ref a, .subs a, .crumbs a, .footer-links a, .actions a, .card h3 a, .shares a")]
    .filter((a) => a.getClientRects().length && a.getBoundingClientRect().height < 24)
    .slice(0, 3).map((a) => `"${a.textContent.trim().slice(0, 30)}" ${a.getBoundingClientRect().height.toFixed(0)} px`));
  if (tiny.length) fail(`${p} at 360 px: tap targets under 24 px: ${tiny.join("; ")}`);
  const small = await page.evaluate(() => {
    const bad = [];
    for (const svg of document.querySelectorAll(".chart svg")) {
      const scale = svg.getBoundingClientRect().width / (parseFloat(svg.getAttribute("width")) || svg.viewBox.baseVal.width);
      for (const t of svg.querySelectorAll("text")) {
        const px = parseFloat(t.getAttribute("font-size") || getComputedStyle(t).fontSize) * scale;
        if (px < 12) bad.push(`"${t.textContent.slice(0, 30)}" ${px.toFixed(1)} px`);
      }
    }
    return bad.slice(0, 3);
  });
  if (small.length) fail(`${p} at 360 px: chart text under 12 px: ${small.join("; ")}`);
}

// A plan page shows its summary on a phone's first screen (360 × 800).
await page.setViewport({ width: 360, height: 800 });
for (const p of all.filter((x) => /^(en\/)?plans\/[^/]+\.html$/.test(x) && !/plans\/index(-\d+)?\.html$/.test(x))) {
  await page.goto(base + p, { waitUntil: "load" });
  const top = await page.evaluate(() => {
    const s = document.querySelector(".summary .funding");
    return s ? s.getBoundingClientRect().bottom : null;
  });
  if (top === null) fail(`${p}: no summary with the funding`);
  else if (top > 800) fail(`${p}: the funding summary ends ${Math.round(top)} px down, below a phone's first screen`);
}

// The language switch keeps the section the reader is at.
await page.goto(base + `plans/${firstPlan}#budget`, { waitUntil: "load" });
const sw = await page.$eval("a.lang-switch", (a) => a.href);
if (!sw.endsWith(`en/plans/${firstPlan}#budget`)) fail(`language switch drops the #section: ${sw}`);
await page.click("a.lang-switch");
await page.waitForFunction(() => location.pathname.includes("/en/"));
if (!page.url().endsWith("#budget")) fail(`after switching language the address is ${page.url()}`);

// Opened from disk: every page type loads its style and scripts with no console error and no
// failed request (the site must work without a server).
const fileBase = "file://" + out + "/";
for (const p of all) {
  consoleErrors.length = 0;
  failedRequests.length = 0;
  await page.setViewport({ width: 360, height: 800 });
  await page.goto(fileBase + p, { waitUntil: "load" });
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderBottomStyle);
  if (styled !== "solid") fail(`file://${p}: unstyled`);
  if (consoleErrors.length) fail(`file://${p}: console errors: ${consoleErrors.join(" | ")}`);
  if (failedRequests.length) fail(`file://${p}: failed requests: ${failedRequests.join(" | ")}`);
}

// Search, from disk and under the sub-path: Vietnamese typed without diacritics finds the
// words with them ("đ" as "d"), in any word order, in the page's language; a result leads to
// a page that exists.
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
async function search(start, q) {
  await page.goto(start, { waitUntil: "load" });
  await page.waitForFunction(() => window.MiniSearch !== undefined);
  await page.type("#search-q", q);
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0
    || /0 |Không|Nothing/.test(document.getElementById("search-status").textContent), { timeout: 10000 });
  // Every shard loaded: the status stops saying it is searching more.
  await page.waitForFunction(() => !/\(\d+\/\d+\)/.test(document.getElementById("search-status").textContent), { timeout: 20000 });
  return page.$$eval("#search-results li a", (as) => as.map((a) => ({ text: a.textContent, href: a.href })));
}
for (const [where, start] of [["server", base], ["file://", fileBase]]) {
  for (const [lang, q, words] of [["", "dan toc thieu so", ["dân", "tộc", "thiểu", "số"]],
    ["", "thieu so dan toc", ["dân", "tộc", "thiểu", "số"]], ["", "dau tu ha tang", ["đầu", "tư", "hạ", "tầng"]],
    ["en/", "ethnic minority", ["ethnic", "minority"]]]) {
    consoleErrors.length = 0;
    failedRequests.length = 0;
    const results = await search(start + lang + "search.html", q);
    if (!results.length) { fail(`search (${where}) ${lang}"${q}": no results`); continue; }
    const top = results[0];
    const folded = fold(top.text);
    // The top result has every word, and the words with their diacritics ("dan" matched "dân").
    for (const w of words) if (!folded.includes(fold(w))) fail(`search (${where}) ${lang}"${q}": top result "${top.text}" lacks "${w}"`);
    if (lang === "" && !words.some((w) => top.text.toLowerCase().includes(w))) fail(`search (${where}) "${q}": top result "${top.text}" has no word as written with diacritics`);
    if (lang === "en/" && !top.href.includes("/en/")) fail(`search (${where}) en: result leads out of the English site: ${top.href}`);
    if (consoleErrors.length) fail(`search (${where}) "${q}": console errors: ${consoleErrors.join(" | ")}`);
    if (failedRequests.length) fail(`search (${where}) "${q}": failed requests: ${failedRequests.join(" | ")}`);
  }
  // A district's name finds its plan first.
  for (const d of planDirs) {
    const title = fs.readFileSync(path.join(out, "plans", d + ".html"), "utf8").match(/<h1[^>]*>([^<]*)</);
    if (!title) continue;
    const name = title[1].trim();
    const q = fold(name).split(/\s+/).slice(0, 3).join(" ");
    const results = await search(start + "search.html", q);
    if (!results.length || !results[0].href.endsWith(`plans/${d}.html`)) fail(`search (${where}) "${q}": the plan "${name}" is not the first result (${results[0] && results[0].text})`);
  }
  // Follow a result: it opens a page of the site.
  await search(start + "search.html", "dan toc thieu so");
  const href = await page.$eval("#search-results li a", (a) => a.href);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("#search-results li a")]);
  const h1 = await page.$eval("h1", (h) => h.textContent).catch(() => null);
  if (!h1 || page.url() !== href) fail(`search (${where}): following "${href}" did not open a page (${page.url()})`);
  // An address with ?q= runs the search (the home page's form leads there).
  await page.goto(start + "search.html?q=tong+von", { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, { timeout: 10000 }).catch(() => fail(`search (${where}): search.html?q=… shows no results`));
}
// The home page's search form leads to the results.
await page.goto(base + "index.html", { waitUntil: "load" });
await page.type("#home-q", "dan toc");
await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, { timeout: 10000 }).catch(() => fail("the home page's search form shows no results"));
// Without JavaScript the search page leads to the site index, which links every plan.
{
  const nojs = await browser.newPage();
  await nojs.setJavaScriptEnabled(false);
  await nojs.goto(base + "search.html", { waitUntil: "load" });
  const toIndex = await nojs.$$eval("a[href='site-index.html']", (as) => as.filter((a) => a.getClientRects().length).length);
  if (!toIndex) fail("without JavaScript the search page shows no link to the site index");
  await nojs.goto(base + "site-index.html", { waitUntil: "load" });
  const linked = await nojs.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
  for (const f of fs.readdirSync(path.join(out, "plans")).filter((f) => f.endsWith(".html") && !/^index(-\d+)?\.html$/.test(f))) {
    if (!linked.includes(`plans/${f}`)) fail(`site index: no link to plans/${f}`);
  }
  await nojs.close();
}

// The list of recommendations filters in the browser, opened from disk as from a server, and
// keeps the filter in the address; without JavaScript every recommendation is listed.
if (withSupervision) {
  const visible = () => page.$$eval(".rec-group .rec", (rs) => rs.filter((r) => r.getClientRects().length).map((r) => ({ status: r.dataset.status, plan: r.dataset.plan })));
  const total = (await page.goto(fileBase + "supervision.html", { waitUntil: "load" }), await visible()).length;
  for (const start of [fileBase, base]) {
    await page.goto(start + "supervision.html?status=overdue", { waitUntil: "load" });
    const shown = await visible();
    const overdue = await page.$$eval(".rec[data-status='overdue']", (rs) => rs.length);
    if (!shown.length || shown.length !== overdue || shown.some((d) => d.status !== "overdue")) {
      fail(`supervision filter (${start}): ?status=overdue shows ${shown.length} of ${overdue} overdue`);
    }
    const status = await page.$eval("#rec-shown", (e) => e.textContent);
    if (!status.includes(String(overdue))) fail(`supervision filter: the count says "${status}"`);
    // Choose a plan too: only its recommendations of that status remain; the address says so.
    const plan = await page.$eval("#f-plan option:nth-child(2)", (o) => o.value);
    await page.select("#f-plan", plan);
    const both = await visible();
    if (both.some((d) => d.plan !== plan || d.status !== "overdue")) fail("supervision filter: plan and status together show others");
    const counted = await page.$eval("#status-overdue .group-count", (e) => e.textContent);
    if (counted !== `(${both.length})`) fail(`supervision filter: the overdue group says ${counted}, ${both.length} shown`);
    if (start === base && !page.url().includes(`plan=${plan}`)) fail(`supervision filter: the address ${page.url()} lacks the plan`);
    await page.click("#rec-filters button[type=reset]");
    await page.waitForFunction((n) => document.querySelectorAll(".rec-group .rec:not([hidden])").length === n, { timeout: 5000 }, total)
      .catch(() => fail("supervision filter: clearing the filters does not show every recommendation"));
  }
  const nojs = await browser.newPage();
  await nojs.setJavaScriptEnabled(false);
  await nojs.goto(fileBase + "supervision.html?status=overdue", { waitUntil: "load" });
  const all = await nojs.$$eval(".rec-group .rec", (rs) => rs.filter((r) => r.getClientRects().length).length);
  const formShown = await nojs.$eval("#rec-filters", (f) => f.getClientRects().length > 0);
  if (all !== total || formShown) fail(`supervision without JavaScript: ${all} of ${total} listed, filters shown: ${formShown}`);
  await nojs.close();
}

// A plan's targets filter by status (the summary's status links lead there), opened from disk
// as from a server; without JavaScript every target is listed with its status.
{
  const planPage = "plans/van-quan-2021-2025.html";
  const visible = () => page.$$eval("ol.targets > li.target", (ts) => ts.filter((t) => t.getClientRects().length).map((t) => t.dataset.status));
  for (const start of [fileBase, base]) {
    await page.goto(start + planPage, { waitUntil: "load" });
    const all = await visible();
    const link = await page.$eval(".summary a.status-deteriorating", (a) => a.getAttribute("href")).catch(() => null);
    if (!link) { fail(`${planPage}: the summary has no link to the targets getting worse`); break; }
    await page.goto(start + planPage + link, { waitUntil: "load" });
    const shown = await visible();
    const worse = all.filter((s) => s === "deteriorating").length;
    if (!worse || shown.length !== worse || shown.some((s) => s !== "deteriorating")) fail(`target filter (${start}): ${link} shows ${shown.length} targets, ${worse} getting worse`);
    const said = await page.$eval("#targets-shown", (e) => e.textContent);
    if (!said.includes(String(worse))) fail(`target filter: the count says "${said}"`);
    await page.click("#target-filters button[type=reset]");
    await page.waitForFunction((n) => [...document.querySelectorAll("ol.targets > li.target")].filter((t) => t.getClientRects().length).length === n, { timeout: 5000 }, all.length)
      .catch(() => fail("target filter: clearing it does not show every target"));
  }
  const nojs = await browser.newPage();
  await nojs.setJavaScriptEnabled(false);
  await nojs.goto(fileBase + planPage + "?status=deteriorating#targets", { waitUntil: "load" });
  const listed = await nojs.$$eval("ol.targets > li.target", (ts) => ts.filter((t) => t.getClientRects().length).length);
  const total = await nojs.$$eval("ol.targets > li.target", (ts) => ts.length);
  const formShown = await nojs.$eval("#target-filters", (f) => f.getClientRects().length > 0);
  if (listed !== total || formShown) fail(`targets without JavaScript: ${listed} of ${total} listed, filter shown: ${formShown}`);
  await nojs.close();
}

// Every public notice prints on A4, one or two pages; with a base URL it carries its QR code.
async function printNotice(site, p, qr) {
  await page.goto("file://" + site + "/" + p, { waitUntil: "load" });
  await page.emulateMediaType("print");
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display);
  if (hidden !== "none") fail(`${p}: the site header prints with the notice`);
  await page.emulateMediaType(null);
  const pdf = Buffer.from(await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: false }));
  const text = pdf.toString("latin1");
  const pagesIn = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  if (!box || Math.abs(parseFloat(box[1]) - 595.9) > 2 || Math.abs(parseFloat(box[2]) - 842.9) > 2) fail(`${p}: printed page is not A4 (${box && box.slice(1).join(" × ")})`);
  if (pagesIn < 1 || pagesIn > 2) fail(`${p}: the printed notice takes ${pagesIn} pages, not one or two`);
  const hasQr = await page.$(".notice-qr svg path") !== null;
  if (qr && !hasQr) fail(`${p}: no QR code though the site has a base URL`);
  if (!qr && hasQr) fail(`${p}: a QR code without a base URL (it could only lead nowhere)`);
  return pagesIn;
}
const notices = [];
for (const d of planDirs) {
  for (const lang of ["", "en/"]) {
    notices.push(`${lang}plans/${d}/notice.html`);
    const rd = path.join(out, lang + "plans", d, "reports");
    if (fs.existsSync(rd)) for (const r of fs.readdirSync(rd).filter((f) => fs.statSync(path.join(rd, f)).isDirectory()).sort()) notices.push(`${lang}plans/${d}/reports/${r}/notice.html`);
  }
}
const counts = [0, 0, 0];
for (const n of notices) {
  const k = await printNotice(published || out, n, Boolean(published));
  counts[Math.min(k, 2)]++;
  // Its radio script is plain text beside it.
  const radio = path.join(published || out, n.replace(/notice\.html$/, "radio.txt"));
  if (!fs.existsSync(radio) || /<[a-z]/i.test(fs.readFileSync(radio, "utf8"))) fail(`${n}: no plain-text radio script beside it`);
}
console.log(`${notices.length} notices printed: ${counts[1]} on one A4 page, ${counts[2]} on two`);
if (published) {
  // The QR code leads to the page's public address.
  await page.goto("file://" + published + `/plans/${planId}/notice.html`, { waitUntil: "load" });
  const label = await page.$eval(".notice-qr svg", (s) => s.getAttribute("aria-label"));
  if (!/^QR https?:\/\/.+\/plans\/.+\.html$/.test(label)) fail(`notice QR code is labelled "${label}"`);
}

// The 404 page for a missing address three folders deep, under the sub-path: styled, and every
// link leads to a page that exists.
expect404 = true;
for (const missing of ["nothere/deep/er/page.html", "en/plans/x/y/z"]) {
  const resp = await page.goto(base + missing, { waitUntil: "networkidle0" });
  if (resp.status() !== 404) fail(`${missing}: status ${resp.status()}`);
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderBottomStyle);
  if (styled !== "solid") fail(`404 at ${missing} is unstyled`);
  // Links to other pages (the skip link points into this one).
  const hrefs = await page.$$eval("a[href]", (as) => as.filter((a) => !a.getAttribute("href").startsWith("#")).map((a) => a.href).filter((h) => h.startsWith(location.origin)));
  for (const h of hrefs) {
    const r = await fetch(h, { method: "HEAD" });
    if (!r.ok) fail(`404 at ${missing}: link ${h} is broken (${r.status})`);
  }
  if (hrefs.length < 5) fail(`404 at ${missing}: only ${hrefs.length} links`);
}

expect404 = false;
// Report an error: the e-mail carries the page's own address.
await page.goto(base + `plans/${firstPlan}`, { waitUntil: "load" });
const report = await page.$eval("a.report-error", (a) => a.href).catch(() => null);
if (report && !decodeURIComponent(report).includes(base + `plans/${firstPlan}`)) {
  fail(`report-error link lacks the page address: ${report}`);
}

await browser.close();
server.close();
console.log(`${all.length} pages checked at 320, 360, 768, 1024 and 1280 px, from a server and from disk; screenshots in ${shots}; ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
