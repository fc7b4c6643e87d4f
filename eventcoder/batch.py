"""A coded batch: the contract between the coders (in process, process pool, Dask) and the writer.

Coders hand back Arrow tables rather than record dicts: a table crosses a process boundary as a few
buffers, while tens of thousands of dicts would be pickled key by key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyarrow as pa

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import code_article
from eventcoder.dataset import rows_to_table
from eventcoder.inputs import Article


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """The records of some articles as one Arrow table, and how many units (sentences) they had."""

    sentences: int
    table: pa.Table


BatchCoder = Callable[[Sequence[Article], Codebook], CodedBatch]


def code_batch(articles: Sequence[Article], codebook: Codebook) -> CodedBatch:
    """Code articles in this process."""
    rows = []
    sentences = 0
    for article in articles:
        coded = code_article(article, codebook)
        sentences += coded.sentences
        rows.extend(coded.rows)
    return CodedBatch(sentences, rows_to_table(rows))


def merge_batches(parts: Sequence[CodedBatch]) -> CodedBatch:
    """Join the results of several chunks (in order) into one batch."""
    tables = [part.table for part in parts]
    table = pa.concat_tables(tables) if tables else rows_to_table([])
    return CodedBatch(sum(part.sentences for part in parts), table)
