"""Throughput benchmark: code a synthetic corpus end to end through the CLI and report the figures.

End to end means what `eventcoder code CORPUS -o OUT` does: read JSONL, segment, code, validate and write
Parquet. The run happens in a subprocess so startup and peak memory are real. See bench/README.md.

    python bench/run.py                  # 100,000 sentences
    python bench/run.py --quick          # 10,000 sentences, a fast check
    python bench/run.py --scaling        # also peak memory at 50,000 and 200,000 sentences
    python bench/run.py --style news --pairs 8   # the news-like corpus; --workers 2 against 1 in 8 alternated pairs
    python bench/run.py --json bench/results/figures.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpus import DEFAULT_SEED, STYLES, CorpusInfo, ensure_corpus

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
BIN = Path(sys.executable).parent
EVENTCODER = str(BIN / "eventcoder") if (BIN / "eventcoder").exists() else shutil.which("eventcoder") or "eventcoder"
QUICK_SENTENCES = 10_000
SUMMARY = re.compile(
    r"run (?P<run_id>\S+): (?P<read>\d+) articles read, (?P<coded>\d+) coded, (?P<quarantined>\d+) quarantined, "
    r"(?P<sentences>\d+) sentences, (?P<events>\d+) events written in (?P<seconds>[\d.]+) s"
)
SMALL_ARTICLE = {
    "id": "bench-startup",
    "title": "Ultimatum delivered",
    "text": "The United States threatened Venezuela with new sanctions on Tuesday.",
    "date": "2025-11-30",
}
TARGET_SENTENCES_PER_S = 10_000
TARGET_WARM_START_S = 0.5
TARGET_PEAK_MB = 300
TARGET_SPEEDUP = 1.8  # issue 14 item 5: `--workers 2` over one worker on the news-like corpus


@dataclass
class Process:
    """Wall time, exit status, output and memory of one finished subprocess."""

    seconds: float
    returncode: int
    stderr: str
    max_rss_mb: float  # ru_maxrss: the largest single process (itself or a reaped descendant)
    tree_rss_mb: float  # sampled sum over the process and its children (matters with --workers)


@dataclass
class CodingRun:
    """Figures of one `eventcoder code` run over the corpus."""

    workers: int | None
    wall_seconds: float
    run_seconds: float
    articles: int
    coded: int
    quarantined: int
    sentences: int
    events: int
    code_seconds: float
    write_seconds: float
    max_rss_mb: float
    tree_rss_mb: float
    parquet_mb: float

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.run_seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.run_seconds

    @property
    def events_per_s(self) -> float:
        return self.events / self.run_seconds


@dataclass
class Startup:
    """Seconds to start: loading the codebook alone, and coding one small article through the CLI."""

    load_cold: float
    load_warm: float
    code_cold: float
    code_warm: float


@dataclass
class Pair:
    """One run with `--workers 1` and one with `--workers 2`, made one after the other."""

    one_wall: float
    two_wall: float
    one_run: float
    two_run: float

    @property
    def wall_ratio(self) -> float:
        return self.one_wall / self.two_wall

    @property
    def run_ratio(self) -> float:
        return self.one_run / self.two_run


@dataclass
class Figures:
    """Everything one benchmark invocation measured (written by --json)."""

    machine: dict[str, str]
    corpus: dict[str, object]
    startup: Startup
    main: CodingRun
    workers: dict[str, CodingRun] = field(default_factory=dict)
    scaling: dict[str, CodingRun] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _tree_rss_bytes(root: int, page: int) -> int:
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        pending.extend(_children(pid))
    return total


def run_process(command: list[str], env: dict[str, str] | None = None, sample: bool = False) -> Process:
    """Run `command` to completion; measure wall time, peak RSS (rusage) and, if `sample`, the tree's RSS."""
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        peak = 0
        done = threading.Event()

        def sampler() -> None:
            nonlocal peak
            page = os.sysconf("SC_PAGE_SIZE")
            while not done.wait(0.05):
                peak = max(peak, _tree_rss_bytes(process.pid, page))

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread is not None:
            thread.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        if thread is not None:
            thread.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        text = stderr.read().decode("utf-8", "replace")
    max_rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Process(seconds, process.returncode, text, max_rss_mb, max(peak / 2**20, max_rss_mb))


def _check(process: Process, what: str) -> None:
    if process.returncode != 0:
        sys.exit(f"{what} failed with exit status {process.returncode}:\n{process.stderr}")


def cli_has_workers() -> bool:
    """Whether this eventcoder's `code` command takes --workers."""
    completed = subprocess.run([EVENTCODER, "code", "--help"], capture_output=True, text=True, check=True)
    return "--workers" in completed.stdout


def measure_startup(work: Path, repeats: int = 3) -> Startup:
    """Cold = empty EVENTCODER_CACHE_DIR (the codebook is compiled from YAML); warm = a populated one."""
    article = work / "startup.jsonl"
    article.write_text(json.dumps(SMALL_ARTICLE) + "\n", encoding="utf-8")
    load_cold = "import eventcoder; eventcoder.load_codebook(use_cache=False)"
    load_warm = "import eventcoder; eventcoder.load_codebook()"
    cold_times: list[float] = []
    code_cold: list[float] = []
    for attempt in range(repeats):
        cache = work / f"cache-cold-{attempt}"
        cache.mkdir()
        env = {**os.environ, "EVENTCODER_CACHE_DIR": str(cache)}
        process = run_process([sys.executable, "-c", load_cold], env)
        _check(process, "cold codebook load")
        cold_times.append(process.seconds)
        process = run_process([EVENTCODER, "code", str(article), "-o", str(work / f"out-cold-{attempt}")], env)
        _check(process, "cold eventcoder code")
        code_cold.append(process.seconds)
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(work / "cache-cold-0")}  # populated by the cold run
    warm_times: list[float] = []
    code_warm: list[float] = []
    for attempt in range(repeats):
        process = run_process([sys.executable, "-c", load_warm], env)
        _check(process, "warm codebook load")
        warm_times.append(process.seconds)
        process = run_process([EVENTCODER, "code", str(article), "-o", str(work / f"out-warm-{attempt}")], env)
        _check(process, "warm eventcoder code")
        code_warm.append(process.seconds)
    median = statistics.median
    return Startup(median(cold_times), median(warm_times), median(code_cold), median(code_warm))


def _dir_mb(path: Path) -> float:
    return sum(item.stat().st_size for item in path.rglob("*.parquet")) / 2**20


def best_run(corpus: Path, work: Path, workers: int | None, repeat: int) -> CodingRun:
    """The fastest of `repeat` runs (the machine may be shared; the fastest run is the least disturbed)."""
    runs = [code_corpus(corpus, work, workers) for _ in range(max(1, repeat))]
    return min(runs, key=lambda run: run.run_seconds)


def alternated_pairs(corpus: Path, work: Path, count: int) -> list[Pair]:
    """`count` pairs of runs, one worker then two. On a shared machine whose speed drifts by tens of percent
    within minutes, the ratio within a pair made back to back is steadier than one of two fastest runs made
    minutes apart; the first pair runs once beforehand and is left out (a cold page cache)."""
    pairs = []
    for number in range(count + 1):
        one, two = code_corpus(corpus, work, 1), code_corpus(corpus, work, 2)
        if number:
            pairs.append(Pair(one.wall_seconds, two.wall_seconds, one.run_seconds, two.run_seconds))
    return pairs


def code_corpus(corpus: Path, work: Path, workers: int | None) -> CodingRun:
    """Run `eventcoder code` over the corpus in a subprocess and collect its figures."""
    out = work / f"out-{workers or 'default'}-{corpus.stem}"
    shutil.rmtree(out, ignore_errors=True)
    command = [EVENTCODER, "code", str(corpus), "-o", str(out)]
    if workers is not None:
        command += ["--workers", str(workers)]
    process = run_process(command, sample=True)
    _check(process, " ".join(command))
    match = SUMMARY.search(process.stderr)
    if match is None:
        sys.exit(f"no run summary in the output of {' '.join(command)}:\n{process.stderr}")
    manifest = json.loads((out / "_runs" / f"{match['run_id']}.json").read_text(encoding="utf-8"))
    timings = manifest.get("timings", {})
    run = CodingRun(
        workers=workers,
        wall_seconds=process.seconds,
        run_seconds=float(manifest.get("seconds") or match["seconds"]),
        articles=int(match["read"]),
        coded=int(match["coded"]),
        quarantined=int(match["quarantined"]),
        sentences=int(match["sentences"]),
        events=int(match["events"]),
        code_seconds=float(timings.get("code", 0.0)),
        write_seconds=float(timings.get("write", 0.0)),
        max_rss_mb=process.max_rss_mb,
        tree_rss_mb=process.tree_rss_mb,
        parquet_mb=_dir_mb(out),
    )
    shutil.rmtree(out, ignore_errors=True)
    return run


def machine() -> dict[str, str]:
    """nproc, CPU model, Python version and date: what the figures were measured on."""
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
        "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),  # other work on a shared machine skews
    }


def _corpus_path(sentences: int, style: str) -> Path:
    return RESULTS / (f"corpus-{sentences}.jsonl" if style == "short" else f"corpus-{style}-{sentences}.jsonl")


def _corpus(sentences: int, style: str) -> CorpusInfo:
    path = _corpus_path(sentences, style)
    return ensure_corpus(path, sentences, DEFAULT_SEED, log=lambda line: print(line, file=sys.stderr), style=style)


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISS"


def table(figures: Figures) -> str:
    """One aligned table of every figure, with the target where there is one."""
    main = figures.main
    start = figures.startup
    rows: list[tuple[str, str, str, str]] = [
        ("corpus", f"{main.articles:,} articles, {main.sentences:,} sentences", "", ""),
        ("workers (main run)", str(main.workers or "no --workers option"), "", ""),
        ("events written", f"{main.events:,} ({main.events / main.sentences:.2f} per sentence)", "", ""),
        ("quarantined", f"{main.quarantined:,}", "0", _mark(main.quarantined == 0)),
        ("sentences/s (run)", f"{main.sentences_per_s:,.0f}", f">= {TARGET_SENTENCES_PER_S:,}",
         _mark(main.sentences_per_s >= TARGET_SENTENCES_PER_S)),
        ("sentences/s (wall, with startup)", f"{main.sentences / main.wall_seconds:,.0f}", "", ""),
        ("articles/s", f"{main.articles_per_s:,.0f}", "", ""),
        ("events/s", f"{main.events_per_s:,.0f}", "", ""),
        ("run seconds / wall seconds", f"{main.run_seconds:.2f} / {main.wall_seconds:.2f}", "", ""),
        ("  coding (read+segment+code)", _share(main.code_seconds, main.run_seconds), "", ""),
        ("  writing (validate+Parquet)", _share(main.write_seconds, main.run_seconds), "", ""),
        ("  other (reading between batches, manifest)",
         _share(main.run_seconds - main.code_seconds - main.write_seconds, main.run_seconds), "", ""),
        ("Parquet written", f"{main.parquet_mb:.1f} MB", "", ""),
        ("peak RSS (largest process)", f"{main.max_rss_mb:.0f} MB", f"< {TARGET_PEAK_MB} MB",
         _mark(main.max_rss_mb < TARGET_PEAK_MB)),
        ("startup: codebook load cold", f"{start.load_cold:.2f} s", "", ""),
        ("startup: codebook load warm", f"{start.load_warm:.2f} s", "", ""),
        ("startup: code 1 article cold", f"{start.code_cold:.2f} s", "", ""),
        ("startup: code 1 article warm", f"{start.code_warm:.2f} s", f"< {TARGET_WARM_START_S} s",
         _mark(start.code_warm < TARGET_WARM_START_S)),
    ]
    one = figures.workers.get("1")
    for key, run in figures.workers.items():
        rows.append((f"workers={key}: sentences/s", f"{run.sentences_per_s:,.0f}", "", ""))
        rows.append((f"workers={key}: peak RSS (process / tree)", f"{run.max_rss_mb:.0f} / {run.tree_rss_mb:.0f} MB",
                     "", ""))
    two = figures.workers.get("2")
    if figures.pairs:
        walls = sorted(pair.wall_ratio for pair in figures.pairs)
        runs = sorted(pair.run_ratio for pair in figures.pairs)
        median = statistics.median(walls)
        rows.append((f"workers=2 speed-up, wall (median of {len(walls)} pairs)",
                     f"{median:.2f}x (pairs {walls[0]:.2f}-{walls[-1]:.2f})", f">= {TARGET_SPEEDUP}x",
                     _mark(median >= TARGET_SPEEDUP)))
        rows.append(("workers=2 speed-up, run seconds (median)",
                     f"{statistics.median(runs):.2f}x (pairs {runs[0]:.2f}-{runs[-1]:.2f})", "", ""))
    elif one is not None and two is not None:
        speedup = two.sentences_per_s / one.sentences_per_s
        rows.append(("workers=2 speed-up", f"{speedup:.2f}x", f">= {TARGET_SPEEDUP}x",
                     _mark(speedup >= TARGET_SPEEDUP)))
    for key, run in figures.scaling.items():
        rows.append((f"scaling: {int(key):,} sentences peak RSS", f"{run.max_rss_mb:.0f} MB",
                     f"< {TARGET_PEAK_MB} MB", _mark(run.max_rss_mb < TARGET_PEAK_MB)))
    info = figures.machine
    header = (f"eventcoder benchmark on {info['nproc']} x {info['cpu']}, Python {info['python']}, {info['date']}, "
              f"load average before: {info['load']}")
    widths = [max(len(row[index]) for row in rows) for index in range(4)]
    lines = [header, ""]
    for row in (("figure", "value", "target", ""), *rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _share(part: float, whole: float) -> str:
    return f"{part:.2f} s ({part / whole:.0%})" if whole else f"{part:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=100_000, help="corpus size in sentences (default 100000)")
    parser.add_argument("--quick", action="store_true", help=f"use {QUICK_SENTENCES:,} sentences")
    parser.add_argument("--style", choices=STYLES, default="short",
                        help="short (default) or news-like sentences (bench/corpus.py --style)")
    parser.add_argument("--workers", type=int, default=None,
                        help="pass --workers N to `eventcoder code` for the main run (default 1, if it has the option)")
    parser.add_argument("--repeat", type=int, default=1, help="run each coding measurement N times, keep the fastest")
    parser.add_argument("--pairs", type=int, default=0,
                        help="also run --workers 1 and --workers 2 alternately N times; the speed-up is their median")
    parser.add_argument("--scaling", action="store_true",
                        help="also measure peak memory at 50,000 and 200,000 sentences")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    sentences = QUICK_SENTENCES if args.quick else args.sentences

    has_workers = cli_has_workers()
    workers = args.workers
    if not has_workers:
        if workers is not None:
            print("note: `eventcoder code` has no --workers option; ignoring --workers", file=sys.stderr)
        workers = None
    elif workers is None:
        workers = 1  # the throughput target is for one core; the CLI's own default is one worker per CPU

    corpus = _corpus(sentences, args.style)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-", dir=RESULTS) as scratch:
        work = Path(scratch)
        print("measuring startup ...", file=sys.stderr)
        startup = measure_startup(work)
        print(f"coding {corpus.sentences:,} sentences ...", file=sys.stderr)
        figures = Figures(
            machine(),
            {**asdict(corpus), "path": str(corpus.path)},
            startup,
            best_run(corpus.path, work, workers, args.repeat),
        )
        if has_workers:
            for count in (1, 2):
                if count == workers:
                    figures.workers[str(count)] = figures.main
                    continue
                print(f"coding with --workers {count} ...", file=sys.stderr)
                figures.workers[str(count)] = best_run(corpus.path, work, count, args.repeat)
            if args.pairs > 0:
                print(f"coding with --workers 1 and 2 alternately, {args.pairs} pairs ...", file=sys.stderr)
                figures.pairs = alternated_pairs(corpus.path, work, args.pairs)
        if args.scaling:
            for size in (50_000, 200_000):
                print(f"coding {size:,} sentences for the memory profile ...", file=sys.stderr)
                figures.scaling[str(size)] = code_corpus(_corpus(size, args.style).path, work, workers)

    print(table(figures))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        body = asdict(figures)
        for run in (body["main"], *body["workers"].values(), *body["scaling"].values()):
            run["sentences_per_s"] = run["sentences"] / run["run_seconds"]
        args.json.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
