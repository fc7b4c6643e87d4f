"""The writing side of a run, to count under valgrind: the coded batches of a corpus committed as a run
commits them, into a new dataset, then the run's closing merge (`compact`).

A run's writing side depends on the coded tables only, so the tables are coded once (`--make`) and stored
in a pickle; each side of a comparison then reads the same tables.
A tree whose `DatasetWriter` has `write_tables` checks every coded table and commits them all at once (a
commit per `--batch-size` articles or `run.COMMIT_CHARACTERS` of text, as `run._coding_batches` cuts them);
an older tree commits each coded table on its own (`write_table`). A first pass into a scratch dataset
imports what commits need; the second pass runs inside `functools.reduce`, so that
`--toggle-collect=functools_reduce` counts only it.

    PYTHONPATH=SIDE python bench/endtoend_commits.py --make /tmp/news25k.jsonl /tmp/tables.arrow
    PYTHONPATH=SIDE valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \\
        python bench/endtoend_commits.py /tmp/tables.arrow
"""

from __future__ import annotations

import argparse
import functools
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventcoder.codebook.compile import load_codebook
from eventcoder.dataset import DatasetWriter

BATCH_ARTICLES = 2000  # `--batch-size` by default


def make(corpus: str, out: Path) -> None:
    """Code the corpus in the run's coding batches (in this process) and store their tables and article ids."""
    import eventcoder.run as run
    from eventcoder.batch import code_batch
    from eventcoder.inputs import Article, read_articles

    codebook = load_codebook(())
    batches: list[tuple[pa.Table, list[str], bool]] = []
    for batch, ends_commit, _ in run._coding_batches(read_articles([corpus]), BATCH_ARTICLES):
        articles = [item for item in batch if isinstance(item, Article)]
        batches.append((code_batch(articles, codebook).table, [article.id for article in articles], ends_commit))
    out.write_bytes(pickle.dumps(batches))
    print(f"{len(batches)} coding batches, {sum(len(table) for table, _, _ in batches)} events -> {out}")


def write(dataset: Path, codebook: Any, batches: list[tuple[pa.Table, list[str], bool]]) -> int:
    """Commit the coded batches as a run of this tree would, then merge; return the files left."""
    writer = DatasetWriter(dataset, codebook, "20260101T000000000000Z-000000", {})
    if hasattr(writer, "write_tables"):
        checked: list[Any] = []
        ids: list[str] = []
        for table, article_ids, ends_commit in batches:
            checked.append(writer.check(table))
            ids += article_ids
            if ends_commit:
                writer.write_tables(checked, ids)
                checked, ids = [], []
    else:
        for table, article_ids, _ in batches:
            writer.write_table(table, article_ids)
    writer.compact()
    return sum(1 for _ in (dataset / "events").rglob("*.parquet"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--make", metavar="CORPUS", help="code CORPUS and store its coded batches in TABLES")
    parser.add_argument("tables", type=Path)
    args = parser.parse_args()
    if args.make:
        make(args.make, args.tables)
        return
    codebook = load_codebook(())
    batches = pickle.loads(args.tables.read_bytes())
    with tempfile.TemporaryDirectory() as scratch:
        write(Path(scratch) / "warm", codebook, batches)
        tick, cpu = time.perf_counter(), time.process_time()
        files = functools.reduce(lambda _, __: write(Path(scratch) / "measured", codebook, batches), [0, 0])
        print(f"{len(batches)} coding batches, {files} files, {time.perf_counter() - tick:.3f} s, "
              f"{time.process_time() - cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
