"""Engines: map the per-file function (`load.process_file`) over the files to annotate.

* ``"local"``: a loop in this process (with a tqdm bar for long runs).
* ``"dask"``: the files are split into partitions and each partition is a task on a Dask
  cluster: a `distributed.LocalCluster` using every core (one single-threaded process per
  core) by default, or any running cluster given by its scheduler address
  (``scheduler="tcp://host:port"``) or a `distributed.Client`. Each task annotates its
  files and writes one Parquet file per frame (``WORKDIR/<frame>/part-00007.parquet``, plus
  ``WORKDIR/report/part-00007.json``); the client then reads that partitioned dataset back.

Tasks open the files by the paths the client found (relative ones against the worker's
working directory, which a LocalCluster shares with the client). With a remote cluster,
give absolute paths and a `workdir` that the workers see at the same paths (a shared file
system), and run the same workbench version and data files on every worker; a worker whose
pipeline fingerprint differs refuses the task rather than return different annotations.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .annotate import Resources, load_resources
from .dtypes import storage_frame
from .load import FRAMES, IMPORTED_CODE, Batch, FileFrames, batch_of, process_file

__all__ = ["ENGINES", "map_files", "run_file", "map_local", "map_dask", "read_dataset", "write_partition"]

ENGINES = ("local", "dask")


def run_file(path: str, resources: Resources, *, columns: Mapping[str, str] | None = None,
             annotate: bool = True) -> FileFrames:
    """`process_file`, the unit every engine maps (`batch_of` then sets the dtypes once per batch)."""
    return process_file(path, resources, columns=columns, annotate_text=annotate)


def _progress(items: list, enabled: bool | None, desc: str, unit: str = "file"):
    if enabled is None:
        enabled = sys.stderr.isatty() and len(items) > 50
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, unit=unit)


def map_local(paths: Sequence[str], positions: Sequence[int], resources: Resources, *,
              columns: Mapping[str, str] | None = None, annotate: bool = True,
              progress: bool | None = None) -> Batch:
    """Annotate the files at `positions` of `paths` in this process."""
    return batch_of(
        (position, run_file(paths[position], resources, columns=columns, annotate=annotate))
        for position in _progress(list(positions), progress, "annotating")
    )


def map_files(paths: Sequence[str], positions: Sequence[int], *, resources: Resources,
              gazetteer: str | Path | None = None, lexicon: str | Path | None = None,
              columns: Mapping[str, str] | None = None, annotate: bool = True, engine: str = "local",
              scheduler=None, workdir: str | Path | None = None, progress: bool | None = None) -> Batch:
    """Annotate the files at `positions` of `paths` with the chosen engine; rows tagged with `_file`."""
    if engine not in ENGINES:
        raise ValueError(f"engine={engine!r}: valid engines are {', '.join(map(repr, ENGINES))}")
    if engine == "local" or not positions:
        return map_local(paths, positions, resources, columns=columns, annotate=annotate, progress=progress)
    return map_dask(paths, positions, resources=resources, gazetteer=gazetteer, lexicon=lexicon,
                    columns=columns, annotate=annotate, scheduler=scheduler, workdir=workdir,
                    progress=progress)


# ---------------------------------------------------------------------------------------- dask

def _atomic_write_bytes(data: bytes, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_partition(batch: Batch, workdir: str | Path, part: int) -> None:
    """Write one partition of the dataset: a Parquet file per frame and the report rows as JSON."""
    workdir = Path(workdir)
    for name in FRAMES:
        folder = workdir / name
        folder.mkdir(parents=True, exist_ok=True)
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pandas(getattr(batch, name), preserve_index=False), sink,
                       compression="zstd")
        _atomic_write_bytes(sink.getvalue().to_pybytes(), folder / f"part-{part:05d}.parquet")
    (workdir / "report").mkdir(parents=True, exist_ok=True)
    _atomic_write_bytes(json.dumps(batch.reports, default=str).encode("ascii"),
                        workdir / "report" / f"part-{part:05d}.json")


def read_dataset(workdir: str | Path, parts: Sequence[int] | None = None) -> Batch:
    """Read the partitioned dataset the Dask tasks wrote (all partitions, or those listed)."""
    workdir = Path(workdir)
    names = sorted(p.stem for p in (workdir / "report").glob("part-*.json")) if parts is None \
        else [f"part-{p:05d}" for p in parts]
    reports = [row for n in names for row in json.loads((workdir / "report" / f"{n}.json").read_bytes())]
    frames = {}
    for name in FRAMES:
        pieces = [storage_frame(name, pq.read_table(workdir / name / f"{n}.parquet").to_pandas())
                  for n in names]
        pieces = [p for p in pieces if len(p)] or pieces[:1]
        frames[name] = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0]
    return Batch(reports=reports, **frames)


@lru_cache(maxsize=4)
def _worker_resources(gazetteer: str | None, lexicon: str | None) -> Resources:
    """The resources, loaded once per worker process."""
    return load_resources(gazetteer, lexicon)


def _dask_partition(part: int, items: list[tuple[int, str]], workdir: str, gazetteer: str | None,
                    lexicon: str | None, fingerprint: str, code: str, columns: dict | None,
                    annotate: bool) -> int:
    """One Dask task: annotate a partition of files and write it to the work folder."""
    resources = _worker_resources(gazetteer, lexicon)
    if resources.fingerprint != fingerprint:  # the data files changed since this worker loaded them
        _worker_resources.cache_clear()
        resources = _worker_resources(gazetteer, lexicon)
    if resources.fingerprint != fingerprint or code != IMPORTED_CODE:
        raise RuntimeError(
            f"dask worker on {os.uname().nodename} runs another workbench pipeline (fingerprint "
            f"{resources.fingerprint}, code {IMPORTED_CODE}; the client has {fingerprint}, {code}): "
            "install the same workbench version and data files on every worker"
        )
    batch = batch_of((position, run_file(path, resources, columns=columns, annotate=annotate))
                     for position, path in items)
    write_partition(batch, workdir, part)
    return len(items)


@contextmanager
def _client(scheduler):
    """A Client on `scheduler` (an address or a Client), else on a new LocalCluster using every core."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
    elif scheduler is not None:
        with Client(scheduler) as client:
            yield client
    else:
        with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client


def _partitions(items: list, n_parts: int) -> list[list]:
    size = math.ceil(len(items) / max(1, n_parts))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _absolute(path: str | Path | None) -> str | None:
    return None if path is None else str(Path(path).expanduser().resolve())


def map_dask(paths: Sequence[str], positions: Sequence[int], *, resources: Resources,
             gazetteer: str | Path | None = None, lexicon: str | Path | None = None,
             columns: Mapping[str, str] | None = None, annotate: bool = True, scheduler=None,
             workdir: str | Path | None = None, progress: bool | None = None,
             partitions_per_worker: int = 4) -> Batch:
    """Annotate the files at `positions` on a Dask cluster, through a partitioned Parquet dataset.

    `workdir` keeps the dataset (in a new sub-folder per run); by default it goes to a
    temporary folder removed once read back.
    """
    from distributed import as_completed

    items = [(position, str(paths[position])) for position in positions]
    own_folder = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="workbench-dask-")) if own_folder \
        else Path(workdir) / f"run-{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with _client(scheduler) as client:
            n_workers = max(1, sum(client.nthreads().values()))
            parts = _partitions(items, n_workers * partitions_per_worker)
            task = (str(folder), _absolute(gazetteer), _absolute(lexicon), resources.fingerprint,
                    IMPORTED_CODE, dict(columns) if columns else None, annotate)
            futures = [client.submit(_dask_partition, i, part, *task, pure=False)
                       for i, part in enumerate(parts)]
            for future in _progress(as_completed(futures), progress and len(parts) > 1, "annotating", "part"):
                future.result()  # re-raises a failed task here
        return read_dataset(folder, range(len(parts)))
    finally:
        if own_folder:
            shutil.rmtree(folder, ignore_errors=True)

