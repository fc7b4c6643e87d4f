"""Coding with a process pool: the same output as one process, in the same order.

Each worker receives the compiled codebook once, in its initializer, and keeps it for its lifetime; that
per-process slot is the only module-level state in eventcoder and lives only inside pool workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import CodedArticle, code_article
from eventcoder.inputs import Article

CHUNKS_PER_WORKER = 4
_WORKER: dict[str, Codebook] = {}


def _init_worker(codebook: Codebook) -> None:
    _WORKER["codebook"] = codebook


def _code_chunk(articles: list[Article]) -> list[CodedArticle]:
    codebook = _WORKER["codebook"]
    return [code_article(article, codebook) for article in articles]


class PoolCoder:
    """A process pool that codes batches of articles; use as a context manager."""

    def __init__(self, codebook: Codebook, workers: int):
        self._workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(codebook,))

    def __call__(self, articles: Iterable[Article], codebook: Codebook) -> Iterator[CodedArticle]:
        """Code articles in chunks across the pool, yielding results in input order."""
        items = list(articles)
        size = max(1, -(-len(items) // (self._workers * CHUNKS_PER_WORKER)))
        chunks = [items[start : start + size] for start in range(0, len(items), size)]
        for coded in self._pool.map(_code_chunk, chunks):
            yield from coded

    def __enter__(self) -> PoolCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
