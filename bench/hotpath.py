"""The in-process coder alone: CPU seconds per sentence and per token on a JSONL corpus, no I/O, no validation.

    .venv/bin/python bench/hotpath.py CORPUS.jsonl [--repeat N] [--codebook DIR]

It codes every article with `code_article` and keeps the fastest of N passes, timed with `process_time` so
that other processes on a shared machine inflate the figure less than wall time would. To compare two
commits, check one out as a worktree and run this script with `PYTHONPATH=<worktree>` and without,
alternately, on the same corpus: the ratio of the two `us/token` figures is the cost change per token.
`--codebook DIR` compiles that codebook directory alone instead of loading the default one (for example a
frozen copy, so that codebook edits made meanwhile do not move the figure); `--layer DIR` puts a layer on
top (the imported CAMEO.2.0 verb dictionary, for example); `--rows FILE` writes the records, to check that
a speed change leaves them byte-identical.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

from coder import load_articles  # bench/coder.py: this script runs from bench/ like it

import eventcoder
from eventcoder.codebook.compile import Codebook, compile_codebook
from eventcoder.codebook.load import merge_layers
from eventcoder.coder import code_article
from eventcoder.text.segment import segment
from eventcoder.text.tokenize import tokenize


def main() -> None:
    """Code the corpus N times and print the fastest pass's CPU time per sentence and per token."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--codebook", type=Path, default=None)
    parser.add_argument(
        "--layer", type=Path, action="append", default=[], help="a codebook layer on top (repeatable)"
    )
    parser.add_argument("--rows", type=Path, default=None, help="write every record as JSON lines (to compare runs)")
    args = parser.parse_args()
    articles = load_articles(args.corpus)
    codebook: Codebook = (
        compile_codebook(merge_layers([args.codebook, *args.layer]))
        if args.codebook
        else eventcoder.load_codebook(args.layer)
    )
    sentences = [sentence for article in articles for sentence in segment(article.title, article.text)]
    tokens = sum(len(tokenize(sentence.text)) for sentence in sentences)
    gc.freeze()
    best = float("inf")
    events = 0
    for _ in range(args.repeat):
        started = time.process_time()
        coded = [code_article(article, codebook) for article in articles]
        best = min(best, time.process_time() - started)
        events = sum(len(item.rows) for item in coded)
    if args.rows is not None:
        with args.rows.open("w", encoding="utf-8") as handle:
            for item in coded:
                for row in item.rows:
                    handle.write(json.dumps(row, default=str, sort_keys=True) + "\n")
    forms = sum(len(forms) for forms in codebook.triggers.values())
    print(
        f"{eventcoder.__file__}: {len(codebook.patterns)} patterns, {forms} trigger forms; "
        f"{len(sentences)} sentences {tokens} tokens {events} events; "
        f"best CPU {best:.2f} s = {len(sentences) / best:,.0f} sentences/s, {best / tokens * 1e6:.2f} us/token"
    )


if __name__ == "__main__":
    main()
