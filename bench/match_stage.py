"""Event matching alone: replay the `match_events` (or `find_candidates`, or `fill_slots`) calls one coding pass
makes, over sentences analysed beforehand, to count or time that stage without the rest of the pass.

    python bench/match_stage.py CORPUS.jsonl PICKLE --stage match|find|fill [--articles N] [--repeat N]
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \\
        python bench/match_stage.py CORPUS.jsonl PICKLE --stage match --articles 25 --repeat 1

The codebook is read from a pickle made by `bench/callgrind_pass.py --make` with the same code. The corpus is
coded once (not counted) while the calls are recorded, the stage is replayed once to warm the caches, then
once per `--repeat` inside `functools.reduce` (so `--toggle-collect=functools_reduce` counts only those); the
best CPU time of the repeats is printed. `match` minus `fill` is what the matcher costs outside the slot rules.
"""

from __future__ import annotations

import argparse
import functools
import gc
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coder import load_articles  # bench/coder.py: this script runs from bench/ like it

import eventcoder
from eventcoder import coder, events
from eventcoder.coder import code_article

Call = tuple[tuple[Any, ...], dict[str, Any]]


def _recorder(function: Callable[..., Any], calls: list[Call]) -> Callable[..., Any]:
    def record(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, dict(kwargs)))
        return function(*args, **kwargs)

    return record


def main() -> None:
    """Record one stage's calls over the corpus, then replay them and report instructions' worth of work."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("codebook", type=Path)
    parser.add_argument("--stage", choices=("match", "find", "fill"), default="match")
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--calls", type=Path, default=None, help="keep the recorded match calls in this pickle (match and find only)"
    )
    args = parser.parse_args()
    codebook = pickle.loads(args.codebook.read_bytes())
    real_match, real_fill = events.match_events, events.fill_slots
    matches: list[Call] = []
    fills: list[Call] = []
    if args.calls is not None and args.calls.exists() and args.stage != "fill":
        # the sentences, their mentions and the countries, without the codebook (another build may read them)
        matches = [((parse, codebook, *rest), kwargs) for parse, rest, kwargs in pickle.loads(args.calls.read_bytes())]
    else:
        articles = load_articles(args.corpus)
        if args.articles:
            articles = articles[: args.articles]
        coder.match_events = _recorder(real_match, matches)
        events.fill_slots = _recorder(real_fill, fills)
        for article in articles:
            code_article(article, codebook)
        coder.match_events, events.fill_slots = real_match, real_fill
        # the countries list grows as the article goes on: the recorded calls keep what each call saw
        matches = [(call, {**kwargs, "countries": tuple(kwargs.get("countries", ()))}) for call, kwargs in matches]
        if args.calls is not None:
            kept = [(call[0], call[2:], kwargs) for call, kwargs in matches]
            args.calls.write_bytes(pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
    stage: Callable[..., Any]
    if args.stage == "match":
        stage, calls = real_match, matches
    elif args.stage == "find":
        stage, calls = events.find_candidates, [(call[:3], {}) for call, _ in matches]
    else:
        stage, calls = real_fill, fills

    def step(done: int, call: Call) -> int:
        stage(*call[0], **call[1])
        return done + 1

    gc.freeze()
    for call, kwargs in calls:  # warm up, outside `functools.reduce` so that callgrind does not count it
        stage(*call, **kwargs)
    best = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        functools.reduce(step, calls, 0)
        best = min(best, time.process_time() - started)
    print(f"{eventcoder.__file__}: {args.stage} {len(calls)} calls, best CPU {best * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
