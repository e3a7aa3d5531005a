// Search benchmark in headless Chromium (puppeteer-core from tests/browser/node_modules):
//   node bench/search.mjs <built site> [runs]
// For each query: opens search.html from disk (file://) in a fresh page, types or enters the
// query as soon as the page has loaded, and times from the first keystroke to the first result shown, to the
// first result that has every word (before it, entries with some of the words are shown and
// said to be so), and to the last shard searched; prints medians and the bytes of index (raw
// and gzipped) loaded before the first result.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/browser/", import.meta.url));
const puppeteer = require("puppeteer-core");
const site = path.resolve(process.argv[2] || "output");
const runs = parseInt(process.argv[3] || "7", 10);
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const size = (f) => { const b = fs.readFileSync(f); return [b.length, zlib.gzipSync(b, { level: 9 }).length]; };

const dir = path.join(site, "search");
const shards = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
let raw = 0, gz = 0;
for (const f of shards) { const [r, g] = size(path.join(dir, f)); raw += r; gz += g; }
const [raw0, gz0] = size(path.join(dir, "0.js"));
const [rawEngine, gzEngine] = size(path.join(site, "static/minisearch.min.js"));
const [rawScript, gzScript] = size(path.join(site, "static/search.js"));
console.log(`index (vi): ${shards.length} shards, ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzipped (each shard gzipped alone)`);
console.log(`loaded before the first result: shard 0 ${(raw0 / 1024).toFixed(0)} KiB raw, ${(gz0 / 1024).toFixed(1)} KiB gzipped; engine ${(gzEngine / 1024).toFixed(1)} KiB and search.js ${(gzScript / 1024).toFixed(1)} KiB gzipped`);

const browser = await puppeteer.launch({ executablePath: chromium, args: ["--no-sandbox"] });
for (const [mode, q] of [["typed", "dan toc thieu so"], ["entered", "dan toc thieu so"], ["entered", "ty le ho ngheo"], ["entered", "du an 4"]]) {
  const first = [], full = [], last = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.setViewport({ width: 360, height: 800 });
    await page.goto("file://" + site + "/search.html", { waitUntil: "load" });
    // "typed": key by key from the first keystroke (the first results may be those of its first
    // letters); "entered": the whole query at once, as when it is pasted.
    let t0;
    if (mode === "typed") {
      await page.focus("#search-q");
      t0 = await page.evaluate(() => performance.now());
      await page.keyboard.type(q);
    } else {
      t0 = await page.$eval("#search-q", (el, q) => {
        el.focus();
        el.value = q;
        el.dispatchEvent(new Event("input"));
        return performance.now();
      }, q);
    }
    const t1 = await page.evaluate(() => new Promise((ok) => {
      const done = () => document.querySelector("#search-results li");
      if (done()) return ok(performance.now());
      new MutationObserver((_, o) => { if (done()) { o.disconnect(); ok(performance.now()); } })
        .observe(document.getElementById("search-results"), { childList: true });
    }));
    await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-partial") === "false"
      || !/\(\d+\/\d+\)/.test(document.getElementById("search-status").textContent), { timeout: 120000, polling: 10 });
    const tf = await page.evaluate(() => document.getElementById("search-results").getAttribute("data-partial") === "false" ? performance.now() : null);
    await page.waitForFunction(() => !/\(\d+\/\d+\)/.test(document.getElementById("search-status").textContent), { timeout: 120000, polling: 20 });
    const t2 = await page.evaluate(() => performance.now());
    first.push(t1 - t0);
    if (tf !== null) full.push(tf - t0);
    last.push(t2 - t0);
    await page.close();
  }
  const fullText = full.length ? `${median(full).toFixed(0)} ms` : "none (no entry has every word)";
  console.log(`${mode} "${q}": first result ${median(first).toFixed(0)} ms (min ${Math.min(...first).toFixed(0)}, max ${Math.max(...first).toFixed(0)}), first with every word ${fullText}, every shard searched ${median(last).toFixed(0)} ms, median of ${runs}`);
}
await browser.close();
