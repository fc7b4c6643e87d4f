"""End to end, before against after: `eventcoder code CORPUS -o OUT` from two frozen copies of the code,
alternated run by run, with wall, CPU (user + sys of the process and its children) and peak resident memory
(of the process or its largest child, in MB) per run.

The machine running a benchmark is often shared, so wall time moves with the load; CPU time moves much
less. Each side is a folder holding an `eventcoder` package (a `git archive` copy, pure or built with
tools/build_compiled.py); the runs alternate A, B, A, B so that a change of load hits both sides alike.

    python bench/endtoend.py /tmp/base /tmp/new --corpus /tmp/news25k.jsonl --runs 5 --workers 1
    python bench/endtoend.py /tmp/base /tmp/new --corpus C --compare     # also: are the datasets the same?

`--compare` exports every event of each side's last dataset (ordered by event_id) and says whether the two
exports are identical: file layout may differ, content may not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(side: Path, corpus: Path, workers: int, out: Path) -> dict[str, float]:
    """One run of `eventcoder code` with the package of `side`; its wall, CPU and manifest timings. Each side
    keeps its compiled codebook in a cache folder of its own: sharing one, the sides would replace each
    other's entry and every run would compile the codebook again (about 2 s)."""
    environment = {**os.environ, "PYTHONPATH": str(side), "EVENTCODER_CACHE_DIR": str(out.parent / f"{out.name}.cache")}
    command = [sys.executable, "-m", "eventcoder", "code", str(corpus), "-o", str(out),
               "--workers", str(workers), "--no-progress"]
    tick = time.perf_counter()
    # Run in the side's folder: `python -m` puts the working directory first on sys.path, before PYTHONPATH.
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               cwd=side)
    # wait4 gives this run's own usage: its CPU with that of the workers it waited for, and its peak memory
    # (the larger of its own and its largest worker's; on Linux, ru_maxrss is in KB).
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - tick
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    cpu = usage.ru_utime + usage.ru_stime
    manifests = sorted((out / "_runs").glob("*.json"))
    timings = json.loads(manifests[-1].read_text(encoding="utf-8"))["timings"] if manifests else {}
    return {"wall": wall, "cpu": cpu, "rss_mb": usage.ru_maxrss / 1024,
            **{f"t_{key}": value for key, value in timings.items()}}


def export(side: Path, dataset: Path) -> bytes:
    """Every event of the dataset as CSV, in event_id order (what a reader sees, whatever the files)."""
    environment = {**os.environ, "PYTHONPATH": str(side)}
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "events.csv"
        query = f"copy (select * from events order by event_id) to '{target}' (header)"
        subprocess.run([sys.executable, "-m", "eventcoder", "query", str(dataset), query],
                       env=environment, check=True, stdout=subprocess.DEVNULL, cwd=side)
        return target.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sides", nargs="+", type=Path, help="folders holding an eventcoder package")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="check that the datasets hold the same events")
    args = parser.parse_args()
    args.corpus = args.corpus.resolve()
    args.sides = [side.resolve() for side in args.sides]
    results: dict[Path, list[dict[str, float]]] = {side: [] for side in args.sides}
    with tempfile.TemporaryDirectory() as scratch:
        outs = {side: Path(scratch) / f"out{index}" for index, side in enumerate(args.sides)}
        for side in args.sides:  # a first run fills the side's codebook cache: not counted
            run_once(side, args.corpus, args.workers, outs[side])
        for _ in range(args.runs):
            for side in args.sides:
                if outs[side].exists():
                    subprocess.run(["rm", "-rf", str(outs[side])], check=True)
                results[side].append(run_once(side, args.corpus, args.workers, outs[side]))
        print(f"corpus {args.corpus}, --workers {args.workers}, {args.runs} runs each, "
              f"load average now {os.getloadavg()[0]:.2f}")
        for side, runs in results.items():
            keys = sorted(runs[0])
            medians = ", ".join(f"{key} {statistics.median(run.get(key, 0.0) for run in runs):.3f}" for key in keys)
            spread = ", ".join(f"{run['cpu']:.2f}" for run in runs)
            print(f"{side}: median {medians}  (cpu per run: {spread})")
        if args.compare:
            exports = [export(side, outs[side]) for side in args.sides]
            same = all(body == exports[0] for body in exports)
            print(f"datasets identical in content: {same} ({len(exports[0])} bytes of CSV)")


if __name__ == "__main__":
    main()
