#!/usr/bin/env python3
"""Speed comparison with Hugo on the same content, in two corpora.

`plans`: turns a minhbach content folder (normally the synthetic one that `cargo bench --bench
build` leaves in MINHBACH_BENCH_DIR) into an equivalent Hugo site: the same pages in both
languages (home, plan pages with targets by horizon, budget lines and duties, one page per
project and sub-project, the full text of each plan from its Markdown, agency pages, agency
index, about, 404), with comparable templates. Progress pages (targets, reports), charts, data
files and checks have no Hugo counterpart: minhbach builds and checks more. The comparison is
generous to Hugo: the agency pages get their duties pre-computed here, untimed.

`markdown`: generates a plain bilingual Markdown site (default 10,000 pages: 5,000 vi + 5,000
en, about 4 KB each, in 10 sections of 10 sub-sections), the same files for both tools, with
the same reader-facing parts: a bounded menu, breadcrumbs, dates, previous/next, and section
indexes of 25 pages each.

Each run starts from a fresh (removed, untimed) output folder; runs are interleaved (hugo,
minhbach, hugo, …) after one warm-up each, and the medians and minimum of wall time and the
median and maximum of peak memory (wait4's ru_maxrss) are printed, with the date, the machine
and a Markdown table row for the README.

    MINHBACH_BENCH_DIR=/dev/shm/b1000 cargo bench --bench build     # makes the plans
    python3 bench/compare_hugo.py plans /dev/shm/b1000 [runs]
    python3 bench/compare_hugo.py markdown /dev/shm/md [pages] [runs]

Needs `hugo` on PATH (Debian: apt-get install hugo) and Python 3.11+.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import statistics
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("vi", "en")


def t(x, lang):
    if isinstance(x, dict):
        return x.get(lang) or x.get("vi", "")
    return x or ""


def load(p):
    return tomllib.loads(p.read_text(encoding="utf-8")) if p.exists() else {}


def figure(s):
    """Vietnamese notation ("27.500", "90,5") to a number."""
    return float(str(s).replace(".", "").replace(",", "."))


def front(d):
    return "---\n" + json.dumps(d, ensure_ascii=False) + "\n---\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def convert(content, site):
    if site.exists():
        shutil.rmtree(site)
    agencies = {}
    for f in sorted((content / "agencies").glob("*.toml")):
        for a in load(f).get("agency", []):
            agencies[a["id"]] = a
    roles = {a: [] for a in agencies}
    plans = []
    for d in sorted((content / "plans").iterdir()):
        plan = load(d / "plan.toml")
        plan["id"] = d.name
        plan["target"] = load(d / "targets.toml").get("target", [])
        plan["project"] = load(d / "projects.toml").get("project", [])
        plan["duty"] = load(d / "duties.toml").get("duty", [])
        doc = d / "document.vi.md"
        plan["document"] = doc.read_text(encoding="utf-8") if doc.exists() else None
        plans.append(plan)
        for du in plan["duty"]:
            roles.setdefault(du["agency"], []).append((plan["id"], plan["title"], du))
    write(site / "hugo.toml", """
baseURL = "/"
relativeURLs = true
uglyURLs = true
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]
[languages.vi]
weight = 1
contentDir = "content/vi"
languageName = "Tiếng Việt"
[languages.en]
weight = 2
contentDir = "content/en"
languageName = "English"
""")
    for lang in LANGS:
        c = site / "content" / lang
        write(c / "_index.md", front({"title": "Kế hoạch" if lang == "vi" else "Plans", "layout": "home"}))
        write(c / "about.md", front({"title": "Giới thiệu" if lang == "vi" else "About"}) + "Trang thử.\n")
        write(c / "agencies" / "_index.md", front({"title": "Cơ quan" if lang == "vi" else "Agencies"}))
        for a in agencies.values():
            duties = [
                {"plan": pid, "plan_title": t(title, lang), "relation": du["relation"],
                 "tasks": [t(x, lang) for x in du.get("tasks", [])]}
                for pid, title, du in roles.get(a["id"], [])
            ]
            write(c / "agencies" / f"{a['id']}.md", front({
                "title": t(a["name"], lang), "layout": "agency", "kind_": a.get("kind", ""),
                "duties": duties, "translationKey": "agency-" + a["id"]}))
        for p in plans:
            pid = p["id"]
            horizons = {}
            for tg in p["target"]:
                horizons.setdefault(tg["horizon"], []).append({
                    "indicator": t(tg.get("indicator"), lang), "text": t(tg.get("text"), lang),
                    "value": figure(tg["value"]) if "value" in tg else None,
                    "unit": tg.get("unit", ""), "op": tg.get("op", ""),
                    "lead": [t(agencies[x]["name"], lang) for x in tg.get("lead", [])]})
            projects = []
            for pr in p["project"]:
                for sub in [pr] + pr.get("subproject", []):
                    lines = [{"amount": figure(b["amount"]), "source": b.get("source", ""),
                              "capital": b.get("capital", ""), "phase": b.get("phase", "")}
                             for b in sub.get("budget", []) if "amount" in b]
                    entry = {"id": sub["id"], "code": t(sub["code"], lang),
                             "title": t(sub["title"], lang), "lines": lines,
                             "tasks": [t(x, lang) for x in sub.get("tasks", [])],
                             "objectives": [t(x, lang) for x in sub.get("objectives", [])],
                             "lead": [t(agencies[x]["name"], lang) for x in sub.get("lead", [])]}
                    projects.append(entry)
                    write(c / "plans" / pid / f"{sub['id']}.md", front({
                        "title": entry["code"] + ": " + entry["title"], "layout": "project",
                        "project": entry, "plan_title": t(p["title"], lang),
                        "translationKey": f"{pid}-{sub['id']}"}))
            write(c / "plans" / f"{pid}.md", front({
                "title": t(p["title"], lang), "layout": "plan", "number": p.get("number", ""),
                "date": p.get("date", ""),
                "horizons": [{"year": y, "targets": v} for y, v in sorted(horizons.items())],
                "projects": projects,
                "duties": [{"agency": t(agencies[du["agency"]]["name"], lang), "id": du["agency"],
                            "relation": du["relation"],
                            "tasks": [t(x, lang) for x in du.get("tasks", [])]} for du in p["duty"]],
                "legal": [t(x, lang) for x in p.get("legal_bases", [])],
                "translationKey": pid}))
            if p["document"] is not None:
                write(c / "plans" / pid / "document.md", front({
                    "title": t(p["title"], lang), "layout": "document",
                    "translationKey": pid + "-doc"}) + p["document"])
    layouts = site / "layouts"
    write(layouts / "_default" / "baseof.html", """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ end }}
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}"></head>
<body><header><a href="{{ "" | relLangURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "agencies/" | relLangURL }}">Agencies</a>
{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>minhbach / Hugo comparison</footer></body></html>
""")
    write(layouts / "_default" / "single.html", """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}""")
    write(layouts / "_default" / "list.html", """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}""")
    write(layouts / "_default" / "home.html", """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range where .Site.RegularPages "Layout" "plan" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.number }}</li>{{ end }}</ul>{{ end }}""")
    write(layouts / "_default" / "document.html", """{{ define "main" }}<h1>{{ .Title }}</h1><nav>{{ .TableOfContents }}</nav><article>{{ .Content }}</article>{{ end }}""")
    write(layouts / "_default" / "agency.html", """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.kind_ }}</p>
{{ range .Params.duties }}<section><h2>{{ .plan_title }}</h2><p>{{ .relation }}</p><ul>{{ range .tasks }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}{{ end }}""")
    lines_table = """<table><thead><tr><th>Source</th><th>Capital</th><th>Phase</th><th>Amount</th></tr></thead><tbody>
{{ $sum := 0.0 }}{{ range .lines }}{{ $sum = add $sum .amount }}<tr><td>{{ .source }}</td><td>{{ .capital }}</td><td>{{ .phase }}</td><td>{{ lang.FormatNumber 1 .amount }}</td></tr>{{ end }}
</tbody><tfoot><tr><th colspan="3">Total</th><td>{{ lang.FormatNumber 1 $sum }}</td></tr></tfoot></table>"""
    write(layouts / "_default" / "project.html", """{{ define "main" }}<p>{{ .Params.plan_title }}</p>{{ with .Params.project }}<h1>{{ .code }}: {{ .title }}</h1>
<ul>{{ range .objectives }}<li>{{ . }}</li>{{ end }}</ul><ul>{{ range .tasks }}<li>{{ . }}</li>{{ end }}</ul>
<p>{{ delimit .lead "; " }}</p>""" + lines_table + "{{ end }}{{ end }}")
    write(layouts / "_default" / "plan.html", """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.number }} · {{ .Params.date }}</p>
<ul>{{ range .Params.legal }}<li>{{ . }}</li>{{ end }}</ul>
{{ range .Params.horizons }}<h2>{{ .year }}</h2><ul>{{ range .targets }}<li><strong>{{ .indicator }}</strong> {{ .op }} {{ with .value }}{{ lang.FormatNumber 1 . }}{{ end }}{{ .unit }} “{{ .text }}” {{ delimit .lead "; " }}</li>{{ end }}</ul>{{ end }}
{{ range .Params.projects }}<section><h3>{{ .code }}: {{ .title }}</h3>""" + lines_table + """</section>{{ end }}
{{ range .Params.duties }}<section><h3><a href="../agencies/{{ .id }}.html">{{ .agency }}</a> {{ .relation }}</h3><ul>{{ range .tasks }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}{{ end }}""")
    write(layouts / "404.html", """{{ define "main" }}<h1>404</h1>{{ end }}""")
    shutil.copytree(ROOT / "themes" / "default" / "static", site / "static" / "static")


# ---------------------------------------------------------------------------------------------
# The Markdown corpus: a plain bilingual site of narrative pages in nested sections, written
# once as minhbach content (pages/<section>/<sub>/<name>.<lang>.md) and once as a Hugo site
# (content/<lang>/<section>/<sub>/<name>.md), with the same Markdown and front matter.

WORDS_VI = ("kế hoạch thực hiện chương trình mục tiêu quốc gia phát triển kinh tế xã hội vùng "
            "đồng bào dân tộc thiểu số miền núi giai đoạn năm huyện xã thôn bản hộ nghèo nhà ở "
            "đất sản xuất nước sinh hoạt giáo dục y tế văn hóa giao thông điện vốn ngân sách "
            "trung ương địa phương lồng ghép giám sát cộng đồng công khai minh bạch").split()
WORDS_EN = ("plan implementation national target programme socio economic development ethnic "
            "minority mountainous areas period year district commune village household poverty "
            "housing land production water education health culture roads power capital budget "
            "central local integrated supervision community public disclosure").split()


def _para(rng, words, n):
    out = []
    for _ in range(n):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 18)))
        out.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(out)


def _page_md(rng, words, title, k):
    parts = [f"# {title}", "", _para(rng, words, 5), "", f"## {words[k % len(words)].capitalize()}", "",
             _para(rng, words, 4), ""]
    parts += [f"- {_para(rng, words, 1)}" for _ in range(4)] + [""]
    parts += ["| # | " + words[1] + " | " + words[2] + " |", "|---|---|---:|"]
    parts += [f"| {i + 1} | {rng.choice(words)} | {rng.randint(1, 99999):,} |" for i in range(5)]
    parts += ["", f"## {words[(k + 7) % len(words)].capitalize()}", "", _para(rng, words, 6),
              "", f"**{rng.choice(words)}** *{rng.choice(words)}* `{rng.choice(words)}`.", ""]
    return "\n".join(parts)


def markdown_corpus(root, total):
    """`total` pages, half Vietnamese and half English, in 10 sections of 10 sub-sections."""
    import random
    rng = random.Random(1719)
    per_lang = total // 2
    sections, subs = 10, 10
    per_sub = max(1, per_lang // (sections * subs))
    content, site = root / "content", root / "hugo-site"
    for d in (content, site):
        if d.exists():
            shutil.rmtree(d)
    write(content / "site.toml", """title = { vi = "Văn bản thử", en = "Test documents" }
publisher = { vi = "Bộ thử", en = "Test corpus" }
languages = ["vi", "en"]
menu = [%s]
""" % ", ".join(f'"s{i:02}"' for i in range(1, 9)))
    (content / "plans").mkdir(parents=True)
    made = 0
    for si in range(1, sections + 1):
        sec = f"s{si:02}"
        for lang, words in (("vi", WORDS_VI), ("en", WORDS_EN)):
            front = f'+++\ntitle = "{words[si].capitalize()} {si}"\nweight = {si}\n+++\n'
            body = _para(rng, words, 3) + "\n"
            write(content / "pages" / sec / f"_index.{lang}.md", front + body)
            write(site / "content" / lang / sec / "_index.md", front + body)
        for ui in range(1, subs + 1):
            sub = f"{sec}-{ui:02}"
            for lang, words in (("vi", WORDS_VI), ("en", WORDS_EN)):
                front = f'+++\ntitle = "{words[ui].capitalize()} {si}.{ui}"\nweight = {ui}\n+++\n'
                write(content / "pages" / sec / sub / f"_index.{lang}.md", front)
                write(site / "content" / lang / sec / sub / "_index.md", front)
            for pi in range(1, per_sub + 1):
                name = f"p-{si:02}{ui:02}{pi:03}"
                date = f"20{20 + pi % 6}-{1 + pi % 12:02}-{1 + pi % 28:02}"
                for lang, words in (("vi", WORDS_VI), ("en", WORDS_EN)):
                    title = f"{words[pi % len(words)].capitalize()} {words[(pi * 7) % len(words)]} {si}.{ui}.{pi}"
                    desc = _para(rng, words, 1)
                    front = f'+++\ntitle = "{title}"\ndate = "{date}"\nweight = {pi}\ndescription = "{desc}"\n+++\n'
                    md = front + _page_md(rng, words, title, pi)
                    write(content / "pages" / sec / sub / f"{name}.{lang}.md", md)
                    write(site / "content" / lang / sec / sub / f"{name}.md", md)
                    made += 1
    write(site / "hugo.toml", """
baseURL = "/"
relativeURLs = true
uglyURLs = true
paginate = 25
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]
[languages.vi]
weight = 1
contentDir = "content/vi"
languageName = "Tiếng Việt"
title = "Văn bản thử"
[languages.en]
weight = 2
contentDir = "content/en"
languageName = "English"
title = "Test documents"
""")
    layouts = site / "layouts"
    # The same reader-facing parts as minhbach's pages: a bounded menu (the top-level sections),
    # language switch, breadcrumbs, the page's date, previous/next in its section, and section
    # indexes listing sub-sections and pages, 25 a page.
    write(layouts / "_default" / "baseof.html", """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ end }}
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}"></head>
<body><header><a href="{{ "" | relLangURL }}">{{ .Site.Title }}</a>
<nav>{{ range first 8 .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}</nav></header>
<main>{{ if not .IsHome }}<nav class="crumbs"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>{{ end }}
{{ block "main" . }}{{ end }}</main>
<footer>{{ range first 8 .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</footer></body></html>
""")
    write(layouts / "_default" / "single.html", """{{ define "main" }}{{ with .Date }}<p>{{ .Format "2006-01-02" }}</p>{{ end }}<article>{{ .Content }}</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}""")
    write(layouts / "_default" / "list.html", """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ with .Sections }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .RegularPagesRecursive }})</li>{{ end }}</ul>{{ end }}
{{ $p := .Paginate .RegularPages.ByWeight }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<br>{{ .Description }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}""")
    write(layouts / "index.html", """{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}""")
    write(layouts / "404.html", """{{ define "main" }}<h1>404</h1>{{ end }}""")
    shutil.copytree(ROOT / "themes" / "default" / "static", site / "static" / "static")
    return made


def run_once(cmd, out):
    """One run into a fresh output folder (removed first, untimed): (wall seconds, peak memory
    in MiB) of the finished child, from wait4's rusage."""
    if Path(out).exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{err[-3000:]}")
    return took, usage.ru_maxrss / 1024


def interleaved(a, b, runs):
    """A, B, A, B … after one warm-up each, every run into a fresh output folder. `a` and `b`
    are (command, output folder). Returns each side's runs as (wall seconds, peak MiB)."""
    run_once(*a), run_once(*b)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(run_once(*a))
        tb.append(run_once(*b))
    return ta, tb


def summary(runs):
    """Median and minimum wall time, median and maximum peak memory."""
    walls, mems = [r[0] for r in runs], [r[1] for r in runs]
    return {"median": statistics.median(walls), "min": min(walls),
            "mem": statistics.median(mems), "mem_max": max(mems)}


def count(out):
    return sum(1 for p in Path(out).rglob("*.html"))


def size(out):
    return sum(p.stat().st_size for p in Path(out).rglob("*") if p.is_file())


def machine():
    cpus = os.cpu_count()
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    except OSError:
        mem = 0
    return f"{cpus} cores ({model}), {mem / 2**20:.0f} GiB"


def compare(bench, content, site, runs, what, prepared):
    hugo = shutil.which("hugo")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    minhbach = ROOT / "target" / "release" / "minhbach"
    hugo_out, mb_out = bench / "hugo-out", bench / "minhbach-out"
    th, tm = interleaved(
        ([hugo, "--quiet", "-s", str(site), "-d", str(hugo_out)], hugo_out),
        ([str(minhbach), "build", "--content", str(content), "--output", str(mb_out)], mb_out),
        runs,
    )
    h, m = summary(th), summary(tm)
    hp, mp = count(hugo_out), count(mb_out)
    print(f"{what}, {time.strftime('%Y-%m-%d')}, {machine()}")
    print(f"{version}")
    print(f"untimed preparation of the Hugo site: {prepared}")
    print(f"interleaved runs (hugo, minhbach, …), {runs} each after a warm-up, fresh output each run")
    for name, r, pages, out in (("hugo", h, hp, hugo_out), ("minhbach", m, mp, mb_out)):
        print(f"{name:9} {pages} pages, {size(out) / 2**20:.0f} MiB written; wall median {r['median']:.2f} s "
              f"(min {r['min']:.2f}) = {pages / r['median']:.0f} pages/s; peak memory median "
              f"{r['mem']:.0f} MiB (max {r['mem_max']:.0f})")
    print(f"minhbach takes {m['median'] / h['median']:.2f}× hugo's wall time (medians) for "
          f"{mp / hp:.2f}× its pages, at {m['mem'] / h['mem']:.2f}× its peak memory")
    print("| tool | pages | wall median | wall min | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for name, r, pages in (("Hugo", h, hp), ("minhbach", m, mp)):
        print(f"| {name} | {pages:,} | {r['median']:.2f} s | {r['min']:.2f} s | {r['mem']:.0f} MiB |")


USAGE = """usage:
  compare_hugo.py plans <bench dir with content/> [runs]
      the synthetic plans that `MINHBACH_BENCH_DIR=<dir> cargo bench --bench build` leaves
  compare_hugo.py markdown <dir> [pages] [runs]
      a bilingual Markdown site of <pages> pages (default 10000: 5000 vi + 5000 en) in
      nested sections, generated into <dir>/content and <dir>/hugo-site"""


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("plans", "markdown"):
        # The older form: compare_hugo.py <bench dir> [runs].
        args = ["plans"] + args
    if not shutil.which("hugo"):
        sys.exit("hugo is not installed (Debian: apt-get install hugo)")
    mode = args[0]
    if len(args) < 2:
        sys.exit(USAGE)
    bench = Path(args[1])
    if mode == "plans":
        runs = int(args[2]) if len(args) > 2 else 5
        content = bench / "content"
        if not content.is_dir():
            sys.exit(USAGE)
        site = bench / "hugo-site"
        start = time.perf_counter()
        convert(content, site)
        prepared = (f"converting {content} to Hugo content (duties pre-computed per agency) "
                    f"took {time.perf_counter() - start:.1f} s")
        plans = sum(1 for _ in (content / "plans").iterdir())
        compare(bench, content, site, runs, f"{plans} synthetic plans", prepared)
    else:
        pages = int(args[2]) if len(args) > 2 else 10000
        runs = int(args[3]) if len(args) > 3 else 5
        start = time.perf_counter()
        made = markdown_corpus(bench, pages)
        prepared = (f"generating the corpus (the same Markdown written for both) took "
                    f"{time.perf_counter() - start:.1f} s; Hugo needs no conversion")
        compare(bench, bench / "content", bench / "hugo-site", runs,
                f"bilingual Markdown corpus of {made} pages in nested sections", prepared)


if __name__ == "__main__":
    main()
