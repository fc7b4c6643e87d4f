"""One coding pass to count under valgrind: code the corpus once to warm the caches, then once more inside
`functools.reduce`, so that `--toggle-collect=functools_reduce` counts only that second pass.

    python bench/callgrind_pass.py --make CODEBOOK_DIR PICKLE     # compile a frozen codebook once
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce [--cache-sim=yes] \\
        python bench/callgrind_pass.py CORPUS.jsonl PICKLE [--articles N] [--gc]

The codebook is read from a pickle made by the same code, so the count holds neither the import nor the
compile; run both sides of a comparison with `PYTHONPATH=<frozen copy>` (see "Hot path, fourth pass" in
bench/README.md). `--articles N` codes the first N articles only (default: all); `--gc` prints the
collections the garbage collector made during the counted pass.
"""

from __future__ import annotations

import argparse
import functools
import gc
import pickle
from pathlib import Path
from typing import Any

from coder import load_articles  # bench/coder.py: this script runs from bench/ like it

import eventcoder
from eventcoder.codebook.compile import compile_codebook
from eventcoder.codebook.load import merge_layers
from eventcoder.coder import CodedArticle, code_article


def main() -> None:
    """Make the codebook pickle, or code a corpus twice and report the second pass's totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make", type=Path, default=None, metavar="CODEBOOK_DIR")
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("codebook", type=Path)
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--gc", action="store_true")
    args = parser.parse_args()
    if args.make is not None:
        args.codebook.write_bytes(pickle.dumps(compile_codebook(merge_layers([args.make])), pickle.HIGHEST_PROTOCOL))
        return
    codebook = pickle.loads(args.codebook.read_bytes())
    articles = load_articles(args.corpus)
    if args.articles:
        articles = articles[: args.articles]
    gc.freeze()
    warm = [code_article(article, codebook) for article in articles]
    del warm
    before = [dict(stats) for stats in gc.get_stats()]

    def step(done: list[CodedArticle], article: Any) -> list[CodedArticle]:
        done.append(code_article(article, codebook))
        return done

    coded: list[CodedArticle] = functools.reduce(step, articles, [])
    if args.gc:
        after = gc.get_stats()
        made = [now["collections"] - then["collections"] for now, then in zip(after, before, strict=True)]
        print("gc collections by generation:", made)
    sentences, records = sum(item.sentences for item in coded), sum(len(item.rows) for item in coded)
    print(eventcoder.__file__, sentences, "sentences", records, "records")


if __name__ == "__main__":
    main()
