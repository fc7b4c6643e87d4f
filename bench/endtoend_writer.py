"""How long one batch commit takes in a writer thread while this thread codes articles, at several GIL
switch intervals: the writer's starvation that `run._WriterThread` works around.

The writer gives up the GIL at each file operation and pyarrow call and waits to get it back; the coder
hands it over only after the switch interval, and, compiled, only between articles. Besides the commit's
elapsed time and its CPU, the script counts the articles coded while the commit ran: on a loaded machine
both threads slow down alike, so that count moves less with the load than the elapsed time does.

    PYTHONPATH=/tmp/side python bench/endtoend_writer.py /tmp/news25k.jsonl --rounds 4
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from eventcoder.batch import code_batch
from eventcoder.codebook.compile import load_codebook
from eventcoder.dataset import DatasetWriter
from eventcoder.inputs import Article, read_articles

INTERVALS = (0.005, 0.001, 0.0002)  # CPython's default first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="a JSONL corpus; its first 200 articles are coded, the next 240 written")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    codebook = load_codebook(())
    articles = [item for item in itertools.islice(read_articles([args.corpus]), 440) if isinstance(item, Article)]
    coding, writing = articles[:200], articles[200:]
    table = code_batch(writing, codebook).table  # one batch: spread over many months, as the corpus is
    ids = [article.id for article in writing]
    with tempfile.TemporaryDirectory() as scratch:
        writer = DatasetWriter(Path(scratch), codebook, "20260101T000000000000Z-000000", {})
        writer.write_table(table, ids)  # the first commit imports what commits need
        results: dict[float, list[tuple[float, float, int]]] = {interval: [] for interval in INTERVALS}
        for interval in INTERVALS * args.rounds:
            sys.setswitchinterval(interval)
            measured: list[tuple[float, float]] = []

            def commit(into: list[tuple[float, float]] = measured) -> None:
                tick, cpu = time.perf_counter(), time.thread_time()
                writer.write_table(table, ids)  # the same batch again, as a new batch of this run
                into.append((time.perf_counter() - tick, time.thread_time() - cpu))

            thread = threading.Thread(target=commit)
            thread.start()
            coded = 0
            while thread.is_alive():
                code_batch(coding[coded % len(coding):][:1], codebook)
                coded += 1
            thread.join()
            results[interval].append((*measured[0], coded))
        shutil.rmtree(scratch, ignore_errors=True)
    sys.setswitchinterval(INTERVALS[0])
    print(f"one commit of {len(table)} events ({len(writing)} articles), medians of {args.rounds}:")
    for interval, runs in results.items():
        elapsed = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        meanwhile = statistics.median(run[2] for run in runs)
        print(f"switch interval {interval * 1000:4.1f} ms: elapsed {elapsed * 1000:5.0f} ms, writer CPU "
              f"{cpu * 1000:4.0f} ms, articles coded meanwhile {meanwhile:g}")


if __name__ == "__main__":
    main()
