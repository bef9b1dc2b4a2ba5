"""Peak memory of a 100,000-article corpus: run in a fresh process, report its ru_maxrss.

    python bench/memory_probe.py FOLDER

FOLDER holds the corpus frames as Parquet (``articles.parquet``, ...), written by bench/run.py.
The probe reads them the way the cache reads a corpus entry (Parquet, then `compact`), runs
the dashboard path once, and prints one JSON object: the peak resident set size of the whole
process (``resource.getrusage(...).ru_maxrss``: interpreter, libraries and working memory
included) and the in-memory size of the frames (``memory_usage(deep=True)``).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from bench.dashboard_path import dashboard_path, typical_filter  # noqa: E402
from workbench.corpus import Corpus  # noqa: E402
from workbench.dtypes import CORPUS_FRAMES, compact  # noqa: E402


def main(folder: str) -> dict:
    start = time.perf_counter()
    frames = {name: pd.read_parquet(Path(folder) / f"{name}.parquet") for name in CORPUS_FRAMES}
    corpus = compact(Corpus(**frames))
    del frames
    read_s = time.perf_counter() - start
    frames_bytes = sum(int(getattr(corpus, n).memory_usage(deep=True).sum()) for n in CORPUS_FRAMES)
    dashboard_path(corpus, typical_filter(corpus))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"n_articles": len(corpus.articles), "peak_rss_gb": peak_kb * 1024 / 1e9,
            "frames_gb": frames_bytes / 1e9, "read_s": read_s}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
