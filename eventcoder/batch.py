"""A coded batch: the contract between the coders (in process, process pool, Dask) and the writer.

Coders hand back Arrow tables rather than record dicts: a table crosses a process boundary as a few
buffers, while tens of thousands of dicts would be pickled key by key.

Fault isolation: an exception while coding one article (or turning its records into Arrow) never loses
another article. That article comes back in `failed` with the exception's type, message and place, and
the run quarantines it.

Every record is validated by the pydantic `Event` model (its fields are the columns of the event table;
`records.column_validator` and `records.record_validator` run the model's field schema without importing
pydantic) before it becomes Arrow: a batch's columns at once, and, when any value or record fails that,
each article's records; an article with a record the model refuses is quarantined as `invalid-events`,
naming the record's field. The writer then checks each batch table against the pandera model's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import pyarrow as pa

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import RECORD_COLUMNS, CodedArticle, Record, code_article
from eventcoder.dataset import SORT_KEYS, columns_to_table, joined_tables, return_freed_pages, rows_to_table
from eventcoder.inputs import Article, Rejected, rejected_article
from eventcoder.records import COLUMN_NAMES, column_validator, core_module, record_validator


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
RECORD_SLICE_ROWS = 8_192
"""A batch's records are validated and made Arrow this many at a time (`_table_of_valid_records`): a batch of
news articles (about 5,000 records) in one slice, a long article's in several."""


def code_batch(articles: Sequence[Article], codebook: Codebook) -> CodedBatch:
    """Code articles in this process; an article whose coding raises, or whose records the `Event` model
    refuses, is returned in `failed`."""
    outcomes = _code_each(articles, codebook)
    coded = [(article, result) for article, result in outcomes if not isinstance(result, Rejected)]
    table = _table_of_valid_records(coded)
    if table is None:  # the fast path let go of the records: code the articles again, and judge them one by one
        return _code_batch_article_by_article(_code_each(articles, codebook))
    failed = [(article.id, result) for article, result in outcomes if isinstance(result, Rejected)]
    return _coded_batch(coded, table, failed)


def _code_each(articles: Sequence[Article], codebook: Codebook) -> list[tuple[Article, CodedArticle | Rejected]]:
    outcomes: list[tuple[Article, CodedArticle | Rejected]] = []
    for article in articles:
        try:
            outcomes.append((article, code_article(article, codebook)))
        except Exception as error:  # noqa: BLE001 - quarantined with type, message and place, never hidden
            outcomes.append((article, rejected_article(article, "coder-error", error=error)))
    return outcomes


# the writer's order (it need not sort the table): the sort columns' places in a record
_SORT_KEY = itemgetter(*(RECORD_COLUMNS.index(name) for name, _ in SORT_KEYS))
# where each of the table's columns is in a record
_TABLE_ORDER = itemgetter(*(RECORD_COLUMNS.index(name) for name in COLUMN_NAMES))


def _sorted_records(coded: list[tuple[Article, CodedArticle]]) -> list[Record]:
    return sorted((record for _, result in coded for record in result.records), key=_SORT_KEY)


def record_columns(records: Sequence[Record]) -> list[list[Any]]:
    """The values of records column by column, in COLUMN_NAMES order: the records' tuples turned into columns
    by `zip` (ValueError: records of different lengths), then put in the table's order."""
    if not records:
        return [[] for _ in COLUMN_NAMES]
    return list(_TABLE_ORDER([list(column) for column in zip(*records, strict=True)]))


def _table_of_valid_records(coded: list[tuple[Article, CodedArticle]]) -> pa.Table | None:
    """The table of all the articles' records, sorted, when every record holds exactly the `Event` model's
    fields and every column's values pass the model's schema of that field (then the model accepts every
    record); None when any record or value does not, or Arrow refuses a value: the articles are then judged
    one by one, as records (`_code_batch_article_by_article`). Checking columns, one validator call per slice
    of RECORD_SLICE_ROWS records, costs a ninth of validating record dicts article by article (27 against 220 ms
    for news25k's 18,578 records), and the columns are the table's.

    The records are let go of as they become Arrow, slice by slice (the articles' lists of them are emptied):
    a batch holds its records as Python values or as Arrow, not both. The 35,657 records of a 5 MB article
    took 39 MB as tuples and 90 MB as a table (72 MB of it their sentences' texts); built at once, the table
    came on top of the tuples, the columns and the validator's copy of them. A batch of more than one slice holds
    each distinct sentence text once (`records.TEXTS_ONCE_SCHEMA`): that article's table takes 17 MB."""
    try:
        records = _sorted_records(coded)
        for _, result in coded:
            result.records.clear()
        if any(len(record) != len(RECORD_COLUMNS) for record in records):  # not one value per column
            return None
        tables = []
        texts_once = len(records) > RECORD_SLICE_ROWS
        while True:
            columns = record_columns(records[:RECORD_SLICE_ROWS])
            del records[:RECORD_SLICE_ROWS]
            column_validator().validate_python(tuple(columns), strict=True)
            tables.append(columns_to_table(columns, texts_once=texts_once))
            del columns
            if len(tables) > 1 or records:  # a long batch: what each slice let go of goes back as it is made
                return_freed_pages()
            if not records:
                return tables[0] if len(tables) == 1 else pa.concat_tables(tables)
    except Exception:  # noqa: BLE001 - a refused value, an unsortable key: the slow path judges
        return None


def _code_batch_article_by_article(outcomes: list[tuple[Article, CodedArticle | Rejected]]) -> CodedBatch:
    """The batch of articles already coded, their records validated article by article with the `Event` model
    (an article with a refused record goes to `failed`, with the model's errors) and turned into Arrow table
    by table when the whole batch cannot be (the slow path, taken only for a batch with a bad record)."""
    coded: list[tuple[Article, CodedArticle]] = []
    failed: list[tuple[str, Rejected]] = []
    for article, result in outcomes:
        if isinstance(result, Rejected):
            failed.append((article.id, result))
            continue
        refused = refused_records(result.rows)
        if refused:
            failed.append((article.id, rejected_article(article, "invalid-events", reason=refused)))
            continue
        coded.append((article, result))
    records = _sorted_records(coded)
    try:
        table = columns_to_table(record_columns(records))
    except Exception:  # noqa: BLE001 - one article's bad value: find it below, table by table
        table = _tables_one_by_one(coded, failed)
    return _coded_batch(coded, table, failed)


def _coded_batch(coded: list[tuple[Article, CodedArticle]], table: pa.Table,
                 failed: list[tuple[str, Rejected]]) -> CodedBatch:
    return CodedBatch(
        sum(result.sentences for _, result in coded),
        table,
        tuple(failed),
        sum(result.discarded for _, result in coded),
        sum(result.story_discarded for _, result in coded),
    )


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


def _tables_one_by_one(coded: list[tuple[Article, CodedArticle]], failed: list[tuple[str, Rejected]]) -> pa.Table:
    """Build the batch's table article by article, moving the articles whose records Arrow refuses to
    `failed` (the slow path, taken only when the whole batch failed to convert)."""
    tables = []
    for article, result in coded:
        try:
            tables.append(columns_to_table(record_columns(result.records)))
        except Exception as error:  # noqa: BLE001 - quarantined with type, message and place
            failed.append((article.id, rejected_article(article, "coder-error", error=error)))
    return pa.concat_tables(tables) if tables else rows_to_table([])


def merge_batches(parts: Sequence[CodedBatch]) -> CodedBatch:
    """Join the results of several chunks (in order) into one batch."""
    tables = [part.table for part in parts]
    table = joined_tables(tables) if tables else rows_to_table([])
    failed = tuple(item for part in parts for item in part.failed)
    return CodedBatch(
        sum(part.sentences for part in parts),
        table,
        failed,
        sum(part.discarded_sentences for part in parts),
        sum(part.discarded_articles for part in parts),
    )
