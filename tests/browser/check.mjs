// Browser tests of a built site, in Debian's headless Chromium (puppeteer-core, axe-core):
//   node tests/browser/check.mjs <output folder>
// What a reader sees: no sideways scrolling at 320, 768, 1024 and 1280 px; no axe-core
// violations (WCAG 2.1 A/AA rules) and no console errors; chart text at least 12 px on a 360 px
// phone; the language switch keeping the #section; the 404 page served for a missing address
// deep under a sub-path styled and with every link leading to a real page; the plan summary
// on the first screen of a phone. Every failure is listed; the exit code is 1 if there is any.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const out = path.resolve(process.argv[2] || "output");
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
const all = pages.flatMap((p) => [p, "en/" + p]);

for (const p of all) {
  for (const w of [320, 768, 1024, 1280]) {
    consoleErrors.length = 0;
    await page.setViewport({ width: w, height: 800 });
    await page.goto(base + p, { waitUntil: "load" });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (over > 0) fail(`${p} at ${w} px: ${over} px of sideways scrolling`);
    if (consoleErrors.length) fail(`${p} at ${w} px: console errors: ${consoleErrors.join(" | ")}`);
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

// The 404 page for a missing address three folders deep, under the sub-path: styled, and every
// link leads to a page that exists.
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

// Report an error: the e-mail carries the page's own address.
await page.goto(base + `plans/${firstPlan}`, { waitUntil: "load" });
const report = await page.$eval("a.report-error", (a) => a.href).catch(() => null);
if (report && !decodeURIComponent(report).includes(base + `plans/${firstPlan}`)) {
  fail(`report-error link lacks the page address: ${report}`);
}

await browser.close();
server.close();
console.log(`${all.length} pages checked at 320, 768, 1024 and 1280 px; ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
