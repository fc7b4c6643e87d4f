"""In-process coder throughput: segment, parse, match and build records, without reading files, validating
or writing Parquet (those are measured end to end by bench/run.py).

    python bench/coder.py                     # the 10,000-sentence corpus, best of 3
    python bench/coder.py --sentences 100000 --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

import eventcoder
from eventcoder.coder import code_article
from eventcoder.inputs import Article

BENCH = Path(__file__).resolve().parent


def load_articles(path: Path) -> list[Article]:
    """Read the benchmark corpus into articles (no quarantine: the corpus is well formed)."""
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            date = dt.date.fromisoformat(record["date"])
            articles.append(Article(record["id"], record["title"], record["text"], date, None, None, None, ""))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=10_000, help="corpus size (generated if missing)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported")
    args = parser.parse_args()
    corpus = BENCH / "results" / f"corpus-{args.sentences}.jsonl"
    subprocess.run(
        [sys.executable, str(BENCH / "corpus.py"), "--sentences", str(args.sentences), "-o", str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    codebook = eventcoder.load_codebook()
    articles = load_articles(corpus)
    gc.freeze()  # as `eventcoder code` does: the codebook and corpus stay out of the cyclic GC's scans
    best = float("inf")
    sentences = events = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        coded = [code_article(article, codebook) for article in articles]
        best = min(best, time.perf_counter() - start)
        sentences = sum(item.sentences for item in coded)
        events = sum(len(item.rows) for item in coded)
    print(f"{sentences:,} sentences, {events:,} events, best of {args.repeat}: {best:.2f} s, "
          f"{sentences / best:,.0f} sentences/s (coder only, one core)")


if __name__ == "__main__":
    main()
