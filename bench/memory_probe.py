"""Peak memory of a 100,000-article corpus: run in a fresh process, report its peak RSS.

    python bench/memory_probe.py FOLDER

FOLDER holds the corpus frames as Parquet (``articles.parquet``, ...), written by bench/run.py.
The probe reads them the way the cache reads a corpus entry (Parquet, then `compact`), runs
the dashboard path once, and prints one JSON object: the peak resident set size of the whole
process (``VmHWM`` in /proc/self/status: interpreter, libraries and working memory included;
unlike ``ru_maxrss`` it does not carry over the parent's peak across fork and exec) and the
in-memory size of the frames (``memory_usage(deep=True)``).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.dashboard_path import dashboard_path, typical_filter  # noqa: E402
from workbench.cache import read_parquet_frame  # noqa: E402
from workbench.corpus import Corpus  # noqa: E402
from workbench.dtypes import CORPUS_FRAMES, compact  # noqa: E402


def peak_rss_bytes() -> int:
    """This process's peak resident set size (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(folder: str) -> dict:
    start = time.perf_counter()
    frames = {name: read_parquet_frame(Path(folder) / f"{name}.parquet") for name in CORPUS_FRAMES}
    corpus = compact(Corpus(**frames))
    del frames
    read_s = time.perf_counter() - start
    frames_bytes = sum(int(getattr(corpus, n).memory_usage(deep=True).sum()) for n in CORPUS_FRAMES)
    loaded_peak = peak_rss_bytes()
    dashboard_path(corpus, typical_filter(corpus))
    return {"n_articles": len(corpus.articles), "peak_rss_gb": peak_rss_bytes() / 1e9,
            "peak_rss_gb_after_load": loaded_peak / 1e9,
            "frames_gb": frames_bytes / 1e9, "read_s": read_s}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
