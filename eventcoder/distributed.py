"""Coding on a Dask cluster (optional extra `eventcoder[dask]`): the same coder, the same batches and
the same dataset writer, with the article chunks of each batch coded on the cluster's workers.

Only coding is distributed; validation and the atomic writes stay in the client process, so the dataset
and every event id are identical to a single-process run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventcoder.batch import CodedBatch, code_batch, merge_batches
from eventcoder.codebook.compile import Codebook
from eventcoder.errors import EventcoderError
from eventcoder.inputs import Article

CHUNK_ARTICLES = 50


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
        self._codebook = self._client.scatter(codebook, broadcast=True, hash=False)

    def __call__(self, articles: Sequence[Article], codebook: Codebook) -> CodedBatch:
        """Submit the articles in chunks and gather the results in order."""
        chunks = [articles[start : start + CHUNK_ARTICLES] for start in range(0, len(articles), CHUNK_ARTICLES)]
        futures = self._client.map(code_batch, chunks, codebook=self._codebook, pure=False)
        return merge_batches(self._client.gather(futures))

    def __enter__(self) -> DaskCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._owns_client:
            self._client.close()
