"""Benchmarks of the workbench, each against a baseline measured in the same run.

    python bench/run.py            a readable table (and the profile of every missed target)
    python bench/run.py --json     one JSON object (the headline keys, plus "details")
    python bench/run.py --quick    a smaller version (about a minute): 120 files, no 100,000-article steps

Measured on ../shared/corpora/polnear-train (real news, read at run time, never copied):

* extraction: articles per second of `annotate` on ONE core (the process pinned to one
  CPU; texts read first, only annotation timed), against one pyahocorasick pass over the
  same texts with the same terms (gazetteer keys and theme lexicon terms);
* cache: `load(cache=False)` (read + annotate + assemble) against reopening from the cache;
* Dask: the same load on a two-worker LocalCluster against the in-process engine
  (cluster start-up reported apart: a notebook starts it once);
* dashboard path: filter + counts + `charts.bar` rendered to PNG for the screen as the dashboard
  does (`charts.screen_png`, 80 dpi; exports stay >= 200 dpi), and the
  Dashboard's refresh, on 10,000 and 100,000 articles built by replicating the real
  corpus with new ids and dates shifted by a week per copy;
* peak memory: the peak RSS (VmHWM) of a fresh process holding the 100,000-article corpus (read
  from Parquet like a cache entry) and running the dashboard path once.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from bench.dashboard_path import (  # noqa: E402
    RENDERING,
    dashboard_path,
    time_dashboard_refresh,
    time_path,
    typical_filter,
)
from bench.extraction import (  # noqa: E402
    baseline_terms,
    extractor_breakdown,
    one_core,
    profile_annotation,
    read_articles,
    time_annotation,
    time_baseline,
)
from bench.replicate import replicate  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "polnear-train"
#: headline key -> (comparison, target); keys without a target are reported, not judged.
TARGETS = {
    "extract_articles_per_s": (">=", 1000.0),
    "cache_reload_ratio": (">=", 20.0),
    "dashboard_ms_100k": ("<=", 200.0),
    "peak_mem_gb_100k": ("<=", 2.0),
}
KEYS = ("extract_articles_per_s", "baseline_ratio", "cache_reload_ratio", "dask_ratio", "dashboard_ms_10k",
        "dashboard_ms_100k", "peak_mem_gb_100k")


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict:
    """CPU model, cores, memory and versions: what the figures were measured on."""
    import numpy
    import pyarrow

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):
        memory_gb = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_gb, 1) if memory_gb else None,
            "system": platform.platform(), "python": platform.python_version(), "pandas": pd.__version__,
            "numpy": numpy.__version__, "pyarrow": pyarrow.__version__}


def _files(corpus: Path, quick: bool) -> list[str]:
    from workbench.readers import discover

    files = sorted(str(p) for p, why in discover(corpus) if why is None)
    return files[:120] if quick else files


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _top_functions(fn, top: int = 12, sort: str = "cumulative") -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(r"workbench|bench", top)
    lines = [line.replace(str(ROOT) + os.sep, "") for line in out.getvalue().splitlines()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


# ------------------------------------------------------------------------------------ measures

def measure_extraction(files: list[str], details: dict, quick: bool) -> dict:
    from workbench.annotate import load_resources

    resources = load_resources()
    articles = read_articles(files, resources)
    texts = articles["text"].tolist()
    terms = baseline_terms(resources)
    _log(f"extraction: {len(texts)} articles on one core")
    with one_core() as cpu:
        annotate_s = time_annotation(articles, resources)
        baseline_s, hits = time_baseline(texts, terms)
        sample = texts[: 60 if quick else 200]
        breakdown = extractor_breakdown(sample, resources)
    details["extraction"] = {
        "articles": len(texts), "cpu_pinned": cpu, "annotate_s": annotate_s, "baseline_s": baseline_s,
        "baseline_terms": len(terms), "baseline_hits": hits,
        "ms_per_article_by_extractor": {k: 1000 * v / len(sample) for k, v in breakdown.items()},
        "breakdown_articles": len(sample),
    }
    return {"extract_articles_per_s": len(texts) / annotate_s, "baseline_ratio": annotate_s / baseline_s,
            "_articles": articles, "_resources": resources}


def _same(a, b) -> bool:
    from workbench.dtypes import CORPUS_FRAMES

    try:
        for name in CORPUS_FRAMES:
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    except AssertionError as exc:
        return str(exc).splitlines()[0]
    return True


def measure_loads(files: list[str], details: dict, work: Path):
    import distributed

    import workbench as wb

    _log("in-process load without cache (re-annotation)")
    local_s, corpus = _timed(lambda: wb.load(files, cache=False, progress=False))
    _log("dask: two-worker LocalCluster")
    start_s, cluster = _timed(lambda: distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None))
    client = distributed.Client(cluster)
    compute_s = None
    try:
        with distributed.get_task_stream(client) as stream:
            dask_s, dask_corpus = _timed(lambda: wb.load(files, cache=False, engine="dask", scheduler=client))
        compute_s = sum(part["stop"] - part["start"] for task in stream.data for part in task["startstops"]
                        if part["action"] == "compute")
    except Exception as exc:  # report it and measure the rest
        dask_s, dask_corpus = None, f"failed: {type(exc).__name__}: {exc}"
    finally:
        client.close()
        cluster.close()
    _log("cache: first load (annotates and writes), then reopening")
    store = work / "cache"
    cold_s, _ = _timed(lambda: wb.load(files, cache=store, progress=False))
    warm = [_timed(lambda: wb.load(files, cache=store, progress=False)) for _ in range(3)]
    warm_s = statistics.median(t for t, _ in warm)
    details["loads"] = {
        "files": len(files), "articles": len(corpus.articles), "in_process_s": local_s,
        "dask_s": dask_s, "dask_cluster_start_s": start_s, "dask_task_compute_s": compute_s,
        "dask_equal_to_in_process": dask_corpus if isinstance(dask_corpus, str)
        else _same(dask_corpus, corpus),
        "cache_first_load_s": cold_s, "cache_reopen_s": warm_s,
        "cache_reopen_equal": _same(warm[0][1], corpus),
    }
    ratios = {"cache_reload_ratio": local_s / warm_s, "dask_ratio": local_s / dask_s if dask_s else None}
    return ratios, corpus


def _split_path(corpus, criteria: dict) -> dict:
    """Milliseconds of each step of the dashboard path (filter, counts, chart), one warm run."""
    from workbench import charts

    t0 = time.perf_counter()
    sliced = corpus.filter(**criteria)
    t1 = time.perf_counter()
    table = sliced.counts("country", top=15)
    t2 = time.perf_counter()
    ax = charts.bar(table, title="Countries mentioned", corpus=sliced)
    charts.screen_png(ax.figure)
    t3 = time.perf_counter()
    import matplotlib.pyplot as plt

    plt.close(ax.figure)
    return {"filter_ms": 1000 * (t1 - t0), "counts_ms": 1000 * (t2 - t1), "chart_ms": 1000 * (t3 - t2)}


def measure_dashboard(corpus, details: dict, work: Path, quick: bool) -> dict:
    results = {}
    for n, key in ((10_000, "dashboard_ms_10k"), (100_000, "dashboard_ms_100k")):
        if quick and n > 10_000:
            results[key] = None
            continue
        _log(f"dashboard path on {n:,} replicated articles")
        build_s, big = _timed(lambda n=n: replicate(corpus, n))
        criteria = typical_filter(big)
        path = time_path(big, criteria)
        entry = {"articles": len(big.articles), "quotes": len(big.quotes), "mentions": len(big.mentions),
                 "replicate_s": build_s, "criteria": criteria, "path": path, "rendering": RENDERING,
                 "steps": _split_path(big, criteria),
                 "frames_gb": sum(int(getattr(big, f).memory_usage(deep=True).sum())
                                  for f in ("articles", "quotes", "mentions", "sentences", "speakers")) / 1e9}
        entry["dashboard_refresh"] = time_dashboard_refresh(big, criteria, repeat=3 if n <= 10_000 else 1)
        if n == 100_000:
            folder = work / "corpus-100k"
            folder.mkdir()
            for name in ("articles", "quotes", "mentions", "sentences", "speakers", "report"):
                getattr(big, name).to_parquet(folder / f"{name}.parquet")
            if path["median_ms"] > TARGETS["dashboard_ms_100k"][1]:
                entry["profile"] = _top_functions(lambda big=big, c=criteria: dashboard_path(big, c))
            del big
            _log("peak memory: a fresh process reads the 100,000-article corpus and runs the path")
            probe = subprocess.run([sys.executable, str(ROOT / "bench" / "memory_probe.py"), str(folder)],
                                   capture_output=True, text=True, check=True)
            details["memory_100k"] = {**json.loads(probe.stdout.strip().splitlines()[-1]),
                                      "method": "VmHWM (peak RSS) of a fresh subprocess"}
            results["peak_mem_gb_100k"] = details["memory_100k"]["peak_rss_gb"]
        details[f"dashboard_{n // 1000}k"] = entry
        results[key] = path["median_ms"]
    results.setdefault("peak_mem_gb_100k", None)
    return results


def run(quick: bool, corpus: Path = CORPUS) -> dict:
    if not corpus.is_dir():
        raise SystemExit(f"{corpus} not found: the benchmarks read a real corpus (see --corpus)")
    details: dict = {"machine": machine(), "corpus": str(corpus), "quick": quick,
                     "load_average_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
                     "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    files = _files(corpus, quick)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as tmp:
        work = Path(tmp)
        extraction = measure_extraction(files, details, quick)
        articles, resources = extraction.pop("_articles"), extraction.pop("_resources")
        results.update(extraction)
        loads, corpus = measure_loads(files, details, work)
        results.update(loads)
        results.update(measure_dashboard(corpus, details, work, quick))
        if results["extract_articles_per_s"] < TARGETS["extract_articles_per_s"][1]:
            _log("profiling extraction (target missed)")
            sample = articles.iloc[: 60 if quick else 200]
            details["extraction"]["profile"] = profile_annotation(sample, resources)
    details["seconds"] = round(time.perf_counter() - START, 1)
    details["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {**{k: results.get(k) for k in KEYS}, "details": details}


# -------------------------------------------------------------------------------------- output

def _verdict(key: str, value) -> str:
    if key not in TARGETS or value is None:
        return ""
    op, target = TARGETS[key]
    ok = value >= target if op == ">=" else value <= target
    return "ok" if ok else "MISSED"


def _load(average) -> str:
    return "n/a" if not average else "/".join(f"{x:.1f}" for x in average)


def _fmt(value, unit: str = "", digits: int = 1) -> str:
    return "skipped" if value is None else f"{value:,.{digits}f}{unit}"


def table(report: dict) -> str:
    d = report["details"]
    m = d["machine"]
    ex, loads = d["extraction"], d["loads"]
    rows = [
        ("extraction, one core (articles/s)", _fmt(report["extract_articles_per_s"], "", 0), ">= 1,000",
         "extract_articles_per_s"),
        ("  annotation time / bare Aho-Corasick pass", _fmt(report["baseline_ratio"], "x"), "(baseline)",
         "baseline_ratio"),
        ("cache: re-annotation / reopening", _fmt(report["cache_reload_ratio"], "x"), ">= 20x",
         "cache_reload_ratio"),
        ("dask 2 workers: in-process / dask time", _fmt(report["dask_ratio"], "x", 2), "(>1 = faster)",
         "dask_ratio"),
        ("filter + counts + chart, 10,000 articles", _fmt(report["dashboard_ms_10k"], " ms", 0), "",
         "dashboard_ms_10k"),
        ("filter + counts + chart, 100,000 articles", _fmt(report["dashboard_ms_100k"], " ms", 0),
         "<= 200 ms",
         "dashboard_ms_100k"),
        ("peak memory, 100,000 articles", _fmt(report["peak_mem_gb_100k"], " GB", 2), "<= 2 GB",
         "peak_mem_gb_100k"),
    ]
    out = [
        f"workbench benchmarks  {d['started']}  ({d['seconds']} s{', --quick' if d['quick'] else ''})",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['system']}; load average "
        f"{_load(d.get('load_average_start'))} at start, {_load(d.get('load_average_end'))} at end",
        f"         Python {m['python']}, pandas {m['pandas']}, numpy {m['numpy']}, pyarrow {m['pyarrow']}",
        f"corpus:  {d['corpus']} ({loads['files']} files, {loads['articles']} articles)",
        "",
        f"{'measure':<46}{'value':>14}  {'target':<14}{'':>6}",
        "-" * 82,
    ]
    out += [f"{label:<46}{value:>14}  {target:<14}{_verdict(key, report[key]):>6}"
            for label, value, target, key in rows]
    by_extractor = sorted(ex["ms_per_article_by_extractor"].items(), key=lambda kv: -kv[1])
    out += ["", "notes:",
            f"  extraction: {ex['articles']} articles, annotate {ex['annotate_s']:.2f} s on CPU "
            f"{ex['cpu_pinned']}; baseline {ex['baseline_s'] * 1000:.0f} ms ({ex['baseline_terms']:,} terms, "
            f"{ex['baseline_hits']:,} hits)",
            f"  ms per article by extractor ({ex['breakdown_articles']} articles): "
            + ", ".join(f"{k} {v:.1f}" for k, v in by_extractor),
            f"  loads: in-process {loads['in_process_s']:.2f} s; dask {_fmt(loads['dask_s'], ' s', 2)} "
            f"(tasks computed {_fmt(loads['dask_task_compute_s'], ' s', 2)} on 2 workers; "
            f"+ {loads['dask_cluster_start_s']:.1f} s cluster start; equal frames: "
            f"{loads['dask_equal_to_in_process']}); cache first load {loads['cache_first_load_s']:.2f} s, "
            f"reopen {loads['cache_reopen_s'] * 1000:.0f} ms (equal: {loads['cache_reopen_equal']})"]
    for size in ("10k", "100k"):
        entry = d.get(f"dashboard_{size}")
        if not entry:
            continue
        steps = ", ".join(f"{k[:-3]} {v:.0f} ms" for k, v in entry["steps"].items())
        refresh = entry["dashboard_refresh"]
        out.append(f"  {entry['articles']:,} articles (replicated: new ids, dates +1 week per copy; "
                   f"{entry['quotes']:,} quotes, {entry['mentions']:,} mentions, frames "
                   f"{entry['frames_gb']:.2f} GB): filter {entry['criteria']}; first run "
                   f"{entry['path']['first_ms']:.0f} ms, median {entry['path']['median_ms']:.0f} ms; "
                   f"chart rendered as {entry.get('rendering', 'PNG')}; "
                   f"steps: {steps}; Dashboard refresh "
                   + ("n/a" if refresh is None else
                      f"to the slice {refresh['filtered_median_ms']:.0f} ms, back to the whole corpus "
                      f"{refresh['whole_corpus_median_ms']:.0f} ms (building the Dashboard "
                      f"{refresh['build_ms']:.0f} ms)"))
    if "memory_100k" in d:
        mem = d["memory_100k"]
        out.append(f"  memory: {mem['method']}: peak {mem['peak_rss_gb']:.2f} GB with one dashboard click, "
                   f"{mem['peak_rss_gb_after_load']:.2f} GB once loaded; the frames themselves "
                   f"{mem['frames_gb']:.2f} GB; reading them from Parquet took {mem['read_s']:.1f} s")
    if "profile" in ex:
        out += ["", "profile of annotate (extraction target missed), by own time:", ex["profile"]]
    if d.get("dashboard_100k", {}).get("profile"):
        out += ["", "profile of the dashboard path at 100,000 articles (target missed), cumulative:",
                d["dashboard_100k"]["profile"]]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="a smaller run (about a minute)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"news folder (default {CORPUS})")
    args = parser.parse_args(argv)
    report = run(args.quick, args.corpus)
    print(json.dumps(report, default=str) if args.json else table(report))
    return 0


START = time.perf_counter()

if __name__ == "__main__":
    sys.exit(main())
