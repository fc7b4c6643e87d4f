"""Coding on a Dask cluster (optional extra `eventcoder[dask]`): the same coder, the same batches and
the same dataset writer, with the article chunks of each batch coded on the cluster's workers.

Only coding is distributed; validation and the atomic writes stay in the client process, so the dataset
and every event id are identical to a single-process run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import CodedArticle, code_article
from eventcoder.errors import EventcoderError
from eventcoder.inputs import Article

CHUNK_ARTICLES = 50


def _code_chunk(articles: list[Article], codebook: Codebook) -> list[CodedArticle]:
    return [code_article(article, codebook) for article in articles]


class DaskCoder:
    """Codes batches of articles on a Dask cluster, yielding results in input order."""

    def __init__(self, codebook: Codebook, address: str | Any):
        try:
            from dask.distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the optional extra
            raise EventcoderError("--dask needs Dask: install it with pip install 'eventcoder[dask]'") from error
        try:
            self._client = address if isinstance(address, Client) else Client(address, timeout="10s")
        except OSError as error:
            raise EventcoderError(f"cannot reach the Dask scheduler at {address}: {error}") from error
        self._owns_client = not isinstance(address, Client)
        self._codebook = self._client.scatter(codebook, broadcast=True)

    def __call__(self, articles: Iterable[Article], codebook: Codebook) -> Iterator[CodedArticle]:
        """Submit the articles in chunks and gather the coded articles in order."""
        items = list(articles)
        chunks = [items[start : start + CHUNK_ARTICLES] for start in range(0, len(items), CHUNK_ARTICLES)]
        futures = self._client.map(_code_chunk, chunks, codebook=self._codebook, pure=False)
        for coded in self._client.gather(futures):
            yield from coded

    def __enter__(self) -> DaskCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._owns_client:
            self._client.close()
