"""A coded batch: the contract between the coders (in process, process pool, Dask) and the writer.

Coders hand back Arrow tables rather than record dicts: a table crosses a process boundary as a few
buffers, while tens of thousands of dicts would be pickled key by key.

Fault isolation: an exception while coding one article (or turning its records into Arrow) never loses
another article. That article comes back in `failed` with the exception's type, message and place, and
the run quarantines it.

Every record is validated by the pydantic `Event` model (its fields are the columns of the event table;
`records.record_validator` runs the model's field schema without importing pydantic) before it becomes
Arrow; an article with a record the model refuses is quarantined as `invalid-events`, naming the record's
field. The writer then checks each batch table against the pandera model's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import pyarrow as pa

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import code_article
from eventcoder.dataset import SORT_KEYS, rows_to_table
from eventcoder.inputs import Article, Rejected, rejected_article
from eventcoder.records import core_module, record_validator


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """The records of some articles as one Arrow table, how many units (sentences) they had, the articles
    whose coding failed, as (article id, quarantine record), and how many sentences and whole articles
    discard phrases kept from coding."""

    sentences: int
    table: pa.Table
    failed: tuple[tuple[str, Rejected], ...] = ()
    discarded_sentences: int = 0
    discarded_articles: int = 0


BatchCoder = Callable[[Sequence[Article], Codebook], CodedBatch]


def code_batch(articles: Sequence[Article], codebook: Codebook) -> CodedBatch:
    """Code articles in this process; an article whose coding raises is returned in `failed`."""
    coded: list[tuple[Article, list[dict[str, Any]]]] = []
    failed: list[tuple[str, Rejected]] = []
    sentences = discarded_sentences = discarded_articles = 0
    for article in articles:
        try:
            result = code_article(article, codebook)
        except Exception as error:  # noqa: BLE001 - quarantined with type, message and place, never hidden
            failed.append((article.id, rejected_article(article, "coder-error", error=error)))
            continue
        refused = refused_records(result.rows)
        if refused:
            failed.append((article.id, rejected_article(article, "invalid-events", reason=refused)))
            continue
        sentences += result.sentences
        discarded_sentences += result.discarded
        discarded_articles += result.story_discarded
        coded.append((article, result.rows))
    rows = sorted((row for _, article_rows in coded for row in article_rows), key=_SORT_KEY)
    try:
        table = rows_to_table(rows)
    except Exception:  # noqa: BLE001 - one article's bad value: find it below, table by table
        table = _tables_one_by_one(coded, failed)
    return CodedBatch(sentences, table, tuple(failed), discarded_sentences, discarded_articles)


_SORT_KEY = itemgetter(*(name for name, _ in SORT_KEYS))  # the writer's order: it need not sort the table


def refused_records(rows: list[dict[str, Any]]) -> str:
    """Validate records with the pydantic `Event` model; return why the model refuses them ('' when it
    accepts every one): the first three errors, each with its record index and field."""
    try:
        record_validator().validate_python(rows, strict=True)
    except core_module().ValidationError as error:
        problems = [
            f"record {'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()[:3]
        ]
        return f"records fail the event record model ({error.error_count()} error(s)): " + "; ".join(problems)
    return ""


def _tables_one_by_one(
    coded: list[tuple[Article, list[dict[str, Any]]]], failed: list[tuple[str, Rejected]]
) -> pa.Table:
    """Build the batch's table article by article, moving the articles whose records Arrow refuses to
    `failed` (the slow path, taken only when the whole batch failed to convert)."""
    tables = []
    for article, rows in coded:
        try:
            tables.append(rows_to_table(rows))
        except Exception as error:  # noqa: BLE001 - quarantined with type, message and place
            failed.append((article.id, rejected_article(article, "coder-error", error=error)))
    return pa.concat_tables(tables) if tables else rows_to_table([])


def merge_batches(parts: Sequence[CodedBatch]) -> CodedBatch:
    """Join the results of several chunks (in order) into one batch."""
    tables = [part.table for part in parts]
    table = pa.concat_tables(tables) if tables else rows_to_table([])
    failed = tuple(item for part in parts for item in part.failed)
    return CodedBatch(
        sum(part.sentences for part in parts),
        table,
        failed,
        sum(part.discarded_sentences for part in parts),
        sum(part.discarded_articles for part in parts),
    )
