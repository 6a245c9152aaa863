"""The benchmark report as Markdown, and writing it into README.md between the benchmark markers."""
from __future__ import annotations

from pathlib import Path

__all__ = ["render", "write_readme", "START", "END", "TARGETS"]

START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
#: Rerun latency targets in seconds, by corpus size in speeches.
TARGETS = {5: 0.3, 1000: 1.0}
CHANGE_LABELS = {"stopword": "stopword added", "deselect": "speech deselected", "top_n": "top-N changed"}


def _f(x, digits: int = 2) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def _mb(nbytes: int) -> str:
    return f"{nbytes / 1e6:.2f}"


def _ingest_cell(r: dict | None, *, per_core: bool = False) -> str:
    if not r or "error" in r:
        return f"failed ({r.get('error', '')[:60]})" if r else "—"
    wall = r["mb_per_s"] / (r["workers"] if per_core else 1)
    return f"{wall:.3f} ({r['mb_per_cpu_s']:.3f}/CPU-s)"


def _ratio(a: dict | None, b: dict | None) -> str:
    if not a or not b or "error" in a or "error" in b:
        return "—"
    return f"{a['mb_per_s'] / b['mb_per_s']:.2f}× ({a['mb_per_cpu_s'] / b['mb_per_cpu_s']:.2f}×)"


def _ingest_table(sizes: dict) -> list[str]:
    rows = ["| speeches | MB | baseline jieba.lcut + Counter, 1 process | TifaLens cold, all detectors | cold per core "
            "| cold ÷ baseline | TifaLens warm (restart) | warm ÷ baseline |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, r in sizes.items():
        cold = r.get("cold")
        workers = f" ({cold['workers']} workers)" if cold and "workers" in cold else ""
        rows.append(f"| {int(n):,} | {_mb(r['bytes'])} | {_ingest_cell(r.get('baseline'))} | "
                    f"{_ingest_cell(cold)}{workers} | {_ingest_cell(cold, per_core=True)} | "
                    f"{_ratio(cold, r.get('baseline'))} | {_ingest_cell(r.get('warm'))} | "
                    f"{_ratio(r.get('warm'), r.get('baseline'))} |")
    return rows


def _ingest_detail(sizes: dict) -> list[str]:
    rows = ["| speeches | baseline s (CPU s) | cold s: parse+normalise / segment+detect (CPU s, all processes) "
            "| warm s: parse+normalise / cache read (CPU s) | runs b/c/w | load average |",
            "|---:|---:|---:|---:|---:|---:|"]
    for n, r in sizes.items():
        b, c, w = (r.get(k) or {} for k in ("baseline", "cold", "warm"))
        bm, cm, wm = (x.get("median", {}) for x in (b, c, w))
        loads = [run.get("load_avg", 0) for x in (b, c, w) for run in x.get("runs", [])]
        rows.append(
            f"| {int(n):,} | {_f(bm.get('seconds'))} ({_f(bm.get('cpu_seconds'))}) | "
            f"{_f(cm.get('load_seconds'))} / {_f(cm.get('process_seconds'))} ({_f(cm.get('cpu_seconds'))}) | "
            f"{_f(wm.get('load_seconds'))} / {_f(wm.get('process_seconds'))} ({_f(wm.get('cpu_seconds'))}) | "
            f"{len(b.get('runs', []))}/{len(c.get('runs', []))}/{len(w.get('runs', []))} | "
            f"{_f(max(loads) if loads else None, 1)} |")
    return rows


def _target(n: int) -> float | None:
    return TARGETS.get(n)


def _verdict(n: int, rr: dict) -> str:
    target = _target(n)
    if target is None:
        return "no target"
    if "timeout" in rr or "error" in rr or "first_render" not in rr:
        return f"**missed** (target ≤ {target} s)"
    changes = [c for c in rr.get("changes", {}).values() if c.get("n")]
    if not changes:
        return "—"
    worst = max(c["median"] for c in changes)
    worst_cpu = max(c["cpu"]["median"] for c in changes)
    cpu = f"; CPU {worst_cpu:.2f} s {'≤' if worst_cpu <= target else '>'} {target} s"
    if worst <= target:
        return f"met (worst median {worst:.2f} s ≤ {target} s{cpu})"
    return f"**missed** by {worst - target:.2f} s (worst median {worst:.2f} s > {target} s{cpu})"


def _change_cell(c: dict | None) -> str:
    if not c or not c.get("n"):
        return "—"
    return f"{c['median']:.2f} / {c['max']:.2f} (n={c['n']}; CPU {c['cpu']['median']:.2f})"


def _rerun_table(sizes: dict) -> list[str]:
    rows = ["| speeches | tab | first render s (CPU s) | " + " | ".join(
        f"{label}: median / max s" for label in CHANGE_LABELS.values()) + " | target |",
        "|---:|---|---:|---:|---:|---:|---|"]
    for n, r in sizes.items():
        for view, rr in r.get("rerun", {}).items():
            if "error" in rr:
                rows.append(f"| {int(n):,} | {view} | failed: {rr['error'][:80]} | — | — | — | {_verdict(int(n), rr)} |")
                continue
            if "first_render" not in rr:
                rows.append(f"| {int(n):,} | {view} | > timeout ({rr.get('timeout', '')[:60]}) | — | — | — | "
                            f"{_verdict(int(n), rr)} |")
                continue
            fr = rr["first_render"]
            cells = " | ".join(_change_cell(rr["changes"].get(k)) for k in CHANGE_LABELS)
            extra = f" ⚠ {len(rr['problems'])} errors shown" if rr.get("problems") else ""
            rows.append(f"| {int(n):,} | {view} | {fr['seconds']:.2f} ({fr['cpu_seconds']:.2f}){extra} | {cells} | "
                        f"{_verdict(int(n), rr)} |")
    visits = [(n, r["first_visit"]["first_render"]) for n, r in sizes.items()
              if "first_render" in (r.get("first_visit") or {})]
    if visits:
        rows += ["", "First render in a fresh process once every cache is warm (segmentations and phrases from the "
                 "ingest, the parsed file, count frame and overview from a first visit). The first visit itself "
                 "(the file parsed and the count frame built once per corpus and lexicon) took " + "; ".join(
                     f"{int(n):,} speeches {fr['seconds']:.2f} s ({fr['cpu_seconds']:.2f} CPU s)" for n, fr in visits)
                 + "."]
    return rows


def _cloud_note(sizes: dict) -> list[str]:
    """Why the word-cloud tab misses the rerun target: drawing is the work, per visible cloud."""
    return ["The 词云 tab draws one cloud per visible speech (at most 6 per page; further speeches are paged), "
            "each drawn from the filtered counts and cached per (words, counts, colour). A stopword change alters "
            "every visible cloud's words, so up to 6 clouds are drawn again: drawing itself (wordcloud's layout "
            "and the PNG encoding) is the cost, about 0.1–0.15 CPU s per 800×400 cloud (laid out at 400×200, drawn at scale 2). Other sidebar changes that "
            "leave a cloud's words unchanged are cache hits.", ""]


def _memory_table(sizes: dict) -> list[str]:
    rows = ["| speeches | baseline | cold ingest: main / largest worker | warm ingest | dashboard first render "
            "(AppTest, " + "/".join(next(iter(sizes.values()), {}).get("rerun", {}).keys()) + ") |",
            "|---:|---:|---:|---:|---:|"]
    for n, r in sizes.items():
        b, c, w = (r.get(k) or {} for k in ("baseline", "cold", "warm"))
        dash = " / ".join(_f(rr.get("peak_rss_first_render_mb"), 0) for rr in r.get("rerun", {}).values())
        rows.append(f"| {int(n):,} | {_f(b.get('peak_rss_mb'), 0)} | {_f(c.get('peak_rss_mb'), 0)} / "
                    f"{_f(c.get('peak_worker_rss_mb'), 0)} | {_f(w.get('peak_rss_mb'), 0)} | {dash} |")
    return rows


def _profile_table(p: dict | None, title: str) -> list[str]:
    if not p or "error" in p:
        return [f"{title}: not measured ({(p or {}).get('error', 'skipped')})."]
    total = p["profiled_seconds"] or 1.0
    rows = [f"{title} — {p['wall_seconds']:.2f} s wall under the profiler, {total:.2f} s profiled:", "",
            "| step | seconds | share | calls |", "|---|---:|---:|---:|"]
    for s in p["steps"]:
        if s["calls"]:
            rows.append(f"| {s['step'].strip()}{' (inside the step above)' if s['step'].startswith('  ') else ''} | "
                        f"{s['seconds']:.3f} | {100 * s['seconds'] / total:.0f} % | {s['calls']:,} |")
    rows += ["", "Largest cumulative times in the project's own functions: " + "; ".join(
        f"`{h['function']}` {h['seconds']:.2f} s" for h in p["cumulative"][:6]) + ".", ""]
    return rows


def _segmenter_table(seg: dict | None) -> list[str]:
    if not seg:
        return ["Not measured."]
    rows = ["| corpus | speeches | identical token sequences | boundary precision | recall | F1 | "
            "fast cut: × jieba lcut | segment() (tokens + tags): × jieba lcut |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    examples = []
    for name, r in seg.items():
        if "error" in r:
            rows.append(f"| {name} | failed: {r['error'][:80]} | | | | | | |")
            continue
        label = {"built-in": "built-in 5", "national": "national reports"}.get(name) or f"generated {int(name):,}"
        rows.append(f"| {label} | {r['speeches']:,} | {r['identical']:,} | {r['precision']:.5f} | "
                    f"{r['recall']:.5f} | {r['f1']:.5f} | {r['speedup_vs_lcut']:.1f}× | "
                    f"{r.get('segment_vs_lcut', 0):.1f}× |")
        examples += r.get("examples", [])
    if examples:
        rows += ["", "First differences (jieba ≠ fast): " + "; ".join(
            f"`{e}`" for e in dict.fromkeys(examples)) + "."]
    return rows


def _ok(r) -> bool:
    return bool(r) and "error" not in r


def _cpu(r: dict | None) -> float | None:
    """CPU seconds of an ingest result (its median run) or of a single measurement."""
    if not _ok(r):
        return None
    return r["median"]["cpu_seconds"] if "median" in r else r.get("cpu_seconds")


def _wall(r: dict | None) -> float | None:
    if not _ok(r):
        return None
    return r["median"]["seconds"] if "median" in r else r.get("seconds")


def _x(base: float | None, ours: float | None) -> str:
    """How many times the baseline's throughput per CPU-second (same text: baseline CPU ÷ ours)."""
    return "—" if not base or not ours else f"{base / ours:.2f}×"


def _national_section(results: dict) -> list[str]:
    nat = results.get("national")
    if not nat:
        return []
    if "error" in nat:
        return ["### National reports (real, distinct text)", "", f"Failed: {nat['error']}", ""]
    base = _cpu(nat.get("baseline"))
    mb = nat["bytes"] / 1e6
    out = ["### National reports (real, distinct text)", "",
           f"The 52 national government work reports (1954–2025) as one 第N篇 compilation, {mb:.1f} MB, measured "
           "side by side with plain jieba in the same run. *Baseline*: read the file, `jieba.lcut`, "
           "`collections.Counter` (dictionary loaded before the clock). *×* is the baseline's CPU seconds divided "
           "by ours on the same text: how many times the baseline's throughput per CPU-second. Ingest is "
           "`load_paths` + `process_corpus` with all six detectors, empty cache, each one-process run in a fresh "
           "process (a repeat in the same process would find the first run's per-word memos); its start-up — "
           "imports, jieba's dictionary, the fast engine, the tag table and the detectors' lists — is outside the "
           "clock, as jieba's dictionary is for the baseline; *jieba engine* is the same with "
           "`TIFALENS_SEGMENTER=jieba` (the reference segmenter). The command-line rows are whole processes "
           "(start-up, imports, dictionary, parsing, work), cold (empty data dir) then warm (same data dir).", "",
           "| what | wall s | CPU s | × plain jieba per CPU-s | peak MB |", "|---|---:|---:|---:|---:|"]

    def row(label, r, peak=None):
        if not _ok(r):
            return f"| {label} | failed | | | |" if r else f"| {label} | — | | | |"
        mem = peak if peak is not None else r.get("peak_rss_mb")
        return (f"| {label} | {_f(_wall(r))} | {_f(_cpu(r))} | {_x(base, _cpu(r))} | "
                f"{_f(mem, 0) if mem else '—'} |")

    out.append(row("plain jieba.lcut + Counter", nat.get("baseline")))
    cold = nat.get("cold") or {}
    out.append(row("ingest, all detectors, 1 process", nat.get("cold_1")))
    out.append(row(f"ingest, all detectors, {cold.get('workers', '?')} workers", cold))
    out.append(row("ingest, jieba engine, 1 process", nat.get("cold_jieba")))
    out.append(row("ingest warm (restart: cache read)", nat.get("warm")))
    labels = {"terms": "CLI `terms --top 20`", "idiom": "CLI `phrases --kind idiom`",
              "terms_44mb": f"CLI `terms --top 20` on {nat.get('big_bytes', 0) / 1e6:.0f} MB"}
    for name, runs in (nat.get("cli") or {}).items():
        for when in ("cold", "warm"):
            r = runs.get(when)
            big = name == "terms_44mb"
            if big and _ok(r):   # a different text: no ratio against the 52-report baseline
                out.append(f"| {labels[name]}, {when} | {_f(_wall(r))} | {_f(_cpu(r))} | — | "
                           f"{_f(r.get('peak_rss_mb'), 0)} |")
            else:
                out.append(row(f"{labels[name]}, {when}", r))
    out.append("")
    return out


def _compare_section(results: dict) -> list[str]:
    comp = dict(results.get("compare") or {})
    nat = (results.get("national") or {}).get("compare")
    if nat:
        comp = {"national": nat, **comp}
    if not comp:
        return []
    out = ["### Similarity & reuse at scale", "",
           "What the 相似与复用 view computes on a first visit, in a fresh process: MinHash fingerprints of every "
           "speech's seeds, candidate pairs, the top 100 pairs aligned, their similarity, groups of versions and "
           "the detail of the best pair (segmentations already in the cache). Above "
           "40 speeches the view lists these pairs instead of N × N heatmaps. Targets: 300 speeches ≤ 10 s wall "
           "on 2 cores, 1,000 finishes.", "",
           "| corpus | speeches | features | pairs listed | version groups | wall s | CPU s | peak MB |",
           "|---|---:|---|---:|---:|---:|---:|---:|"]
    for name, r in comp.items():
        label = "national reports" if name == "national" else f"generated {int(name):,}"
        if not _ok(r):
            out.append(f"| {label} | failed: {(r or {}).get('error', '')[:60]} | | | | | | |")
            continue
        out.append(f"| {label} | {r['speeches']:,} | {r['features']} | {r['pairs_listed']} | {r['version_groups']} | "
                   f"{_f(r['seconds'])} | {_f(r['cpu_seconds'])} | {_f(r['peak_rss_mb'], 0)} |")
    return out + [""]


def _before_after(results: dict) -> list[str]:
    before, nat = results.get("before"), results.get("national")
    if not before or not nat or "error" in nat:
        return []
    base = _cpu(nat.get("baseline"))
    out = ["### Before and after", "",
           f"{before.get('label', 'Before')} against this version, same machine, same text (the 52 national "
           "reports; the big file is the 14 marked copies), same benchmark processes. × is plain jieba's CPU "
           "seconds (this run) divided by the row's.", "",
           "| measurement | before: CPU s (×) | after: CPU s (×) | before: peak MB | after: peak MB |",
           "|---|---:|---:|---:|---:|"]

    def cells(r, ratio=True):
        if not _ok(r):
            return "—", "—"
        return (f"{_f(_cpu(r))} ({_x(base, _cpu(r))})" if ratio else _f(_cpu(r)),
                _f(r.get("peak_rss_mb") or (r.get("median") or {}).get("peak_rss_mb"), 0)
                if r.get("peak_rss_mb") else "—")

    rows = [("full ingest, all detectors, 1 process", before.get("cold_1"), nat.get("cold_1"), True)]
    for name, label in (("terms", "CLI terms, cold"), ("idiom", "CLI phrases --kind idiom, cold")):
        rows.append((label, (before.get("cli") or {}).get(name, {}).get("cold"),
                     (nat.get("cli") or {}).get(name, {}).get("cold"), True))
        rows.append((label.replace("cold", "warm"), (before.get("cli") or {}).get(name, {}).get("warm"),
                     (nat.get("cli") or {}).get(name, {}).get("warm"), True))
    rows.append(("CLI terms on 44 MB, cold", (before.get("cli") or {}).get("terms_44mb", {}).get("cold"),
                 (nat.get("cli") or {}).get("terms_44mb", {}).get("cold"), False))
    for label, b, a, ratio in rows:
        (bc, bm), (ac, am) = cells(b, ratio), cells(a, ratio)
        out.append(f"| {label} | {bc} | {ac} | {bm} | {am} |")
    for note in before.get("notes", []):
        out += ["", note]
    return out + [""]


def render(results: dict) -> str:
    """The whole report as Markdown (no heading: it goes under the README's ``## Performance``)."""
    sizes = results.get("sizes", {})
    cs = results.get("coldstart") or {}
    prof = results.get("profiles") or {}
    out = [
        f"Measured {results.get('started', '')} with `python -m benchmarks` on {results.get('cores')} cores "
        f"({results.get('cpu') or 'unknown CPU'}); load average {_f(results.get('load_avg_start'), 1)} at the start "
        f"and {_f(results.get('load_avg_end'), 1)} at the end; the whole run took "
        f"{_f((results.get('total_seconds') or 0) / 60, 1)} min. A load average above the number of cores means other "
        "programs were competing for them: wall times then include waiting for a core, CPU-second figures do not.",
        *[f"\n{note}" for note in results.get("notes", [])],
        "",
        "Corpora are generated by resampling whole paragraphs of the five built-in speeches (seeded) into "
        "第N篇 compilations of "
        + ", ".join(f"{int(n):,}" for n in sizes) + " speeches. Because paragraphs repeat, per-word caches (the "
        "part-of-speech cache of unknown words) hit more often than they would on real, distinct speeches.",
        "",
        *_before_after(results),
        *_national_section(results),
        *_compare_section(results),
        "### Ingest throughput",
        "",
        "MB/s of UTF-8 text, wall clock (in brackets: MB per CPU-second, all processes together). *Baseline*: "
        "read the file, `jieba.lcut` the whole text, `collections.Counter`, one process, dictionary already "
        "loaded. *Cold*: `load_paths` (parse, normalise, metadata) + `process_corpus` with every phrase detector, "
        "an empty persistent cache and a fresh pool of worker processes (their start-up and dictionary load "
        "included). *Warm*: the same call in a new process once the cache is filled — what a restart costs. "
        "*Per core* divides the cold figure by the number of workers. The ratios compare different work: the "
        "baseline segments only; TifaLens also normalises, tags parts of speech and runs six detectors.",
        "",
        *_ingest_table(sizes),
        "",
        *_ingest_detail(sizes),
        "",
        "### Rerun latency (Streamlit AppTest)",
        "",
        "Seconds from a sidebar change to the finished rerun, on the opened tab, the corpus already in the "
        "persistent cache. Each change is repeated (each time a new stopword, one more speech deselected, a new "
        "top-N value) within a time budget; n is the number of runs. AppTest runs the script in-process without a "
        "browser, so websocket transfer and drawing in the browser come on top. Targets: ≤ 0.3 s at 5 speeches, "
        "≤ 1 s at 1,000 (judged on the slowest change's median).",
        "",
        *_rerun_table(sizes),
        "",
        *_cloud_note(sizes),
        "### Cold start and peak memory",
        "",
    ]
    if cs and "error" not in cs:
        out += [f"First full render of the built-in corpus ({cs['view']} tab) in a fresh process with an empty "
                f"cache: {cs['import_seconds']:.2f} s to import Streamlit + AppTest, then "
                f"{cs['first_render_seconds']:.2f} s for the first run ({cs['first_render_cpu_seconds']:.2f} CPU s: "
                f"dashboard imports, corpus, jieba dictionary, segmentation of 5 speeches, first tab) — "
                f"{cs['total_seconds']:.2f} s in all; peak memory {cs['peak_rss_mb']:.0f} MB.", ""]
    elif cs:
        out += [f"Cold start failed: {cs['error']}", ""]
    br = results.get("browser")
    if br and "server_seconds" in br:
        out += [f"In a real browser (`streamlit run` + headless Chromium, empty cache): the server answered after "
                f"{br['server_seconds']:.2f} s and the first page drew its first chart on the 词频 tab "
                f"{br['first_page_seconds']:.2f} s after the page was opened — {br['total_seconds']:.2f} s from "
                "launch to a usable page.", ""]
    elif br:
        out += [f"Browser page load: {br.get('skipped') or br.get('error')}.", ""]
    out += ["Peak resident memory (max RSS, MB) of each fresh process:", "", *_memory_table(sizes), "",
            "### Where the time goes (cProfile)", "",
            *_profile_table(prof.get("ingest"), "Ingest of the national reports (or, without them, of a generated "
                            "corpus), one process, empty cache"),
            *_profile_table(prof.get("rerun_words"), "One rerun of the 词频 tab after a stopword is added"),
            *_profile_table(prof.get("rerun_clouds"), "One rerun of the 词云 tab after a stopword is added"),
            "### The fast segmenter against jieba", "",
            "The `fast` engine (`analysis.text.segment.cut`: jieba-rs with the lexicon at jieba's frequencies and "
            "the post-pass) compared token by token with the `jieba` engine (jieba + the lexicon, the reference); "
            "speed in CPU seconds on up to 2 MB of text: raw rjieba `cut`, and `segment` (tokens + tags, tag "
            "cache warm) against jieba's `lcut`. `segment` uses the fast engine.", "",
            *_segmenter_table(results.get("segmenter"))]
    return "\n".join(out).rstrip() + "\n"


def write_readme(path: str | Path, text: str) -> None:
    """Put ``text`` between the markers of ``path``; add a ``## Performance`` section with them if missing."""
    path = Path(path)
    readme = path.read_text(encoding="utf-8")
    if START in readme and END in readme:
        head, rest = readme.split(START, 1)
        _old, tail = rest.split(END, 1)
        readme = f"{head}{START}\n{text}{END}{tail}"
    else:
        readme = readme.rstrip("\n") + f"\n\n## Performance\n\n{START}\n{text}{END}\n"
    path.write_text(readme, encoding="utf-8")
