"""The twelfth session's batch fast path against the plain computation: `batch.code_batch` checks a batch's
records as columns (one `column_validator` call, the `Event` model's own field schemas) and turns those
columns into the table. It accepts only records the model accepts, gives the table the plain form gave,
and leaves every other batch to the record-by-record judgement, which quarantines what it did before."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcoder.batch as batch
import eventcoder.dataset as dataset
from eventcoder.batch import CodedBatch, _table_of_valid_records, code_batch, refused_records
from eventcoder.coder import RECORD_COLUMNS, CodedArticle, code_article
from eventcoder.dataset import SORT_KEYS, DatasetWriter, rows_to_table
from eventcoder.inputs import Article, Rejected, read_articles, rejected_article
from eventcoder.records import COLUMN_NAMES, EVENT_SCHEMA, TEXTS_ONCE_SCHEMA, decoded_texts


def _plain_code_batch(articles: Sequence[Article], codebook: Any) -> CodedBatch:
    """`code_batch` as it was written before (eleventh session): each article's records validated as
    records, then one table of all the good ones, or one table per article when Arrow refuses a value."""
    coded: list[tuple[Article, list[dict[str, Any]]]] = []
    failed: list[tuple[str, Rejected]] = []
    sentences = discarded_sentences = discarded_articles = 0
    for article in articles:
        try:
            result = batch.code_article(article, codebook)
        except Exception as error:  # noqa: BLE001 - as the plain form did
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
    key = _sort_key()
    rows = sorted((row for _, article_rows in coded for row in article_rows), key=key)
    try:
        table = rows_to_table(rows)
    except Exception:  # noqa: BLE001 - as the plain form did
        tables = []
        for article, article_rows in coded:
            try:
                tables.append(rows_to_table(article_rows))
            except Exception as error:  # noqa: BLE001 - as the plain form did
                failed.append((article.id, rejected_article(article, "coder-error", error=error)))
        table = pa.concat_tables(tables) if tables else rows_to_table([])
    return CodedBatch(sentences, table, tuple(failed), discarded_sentences, discarded_articles)


def _sort_key() -> Any:
    names = [name for name, _ in SORT_KEYS]
    return lambda row: tuple(row[name] for name in names)


def _articles(count: int) -> list[Article]:
    lines = "\n".join(
        f'{{"id": "a{number}", "text": "Venezuela threatened Colombia with sanctions. Rebels attacked a police '
        f'station in Bogota on {day}.", "date": "2025-11-0{1 + number % 9}"}}'
        for number, day in zip(range(count), ["Monday", "Tuesday", "Friday"] * count, strict=False)
    )
    return [item for item in read_articles(["-"], stdin=io.StringIO(lines)) if isinstance(item, Article)]


# (article id, column, value): what a broken coder puts in an article's first record (a record is one tuple of
# a value per column, built in one place: it cannot lack a column or have one more)
BREAKS: list[tuple[str, str, object]] = [
    ("a1", "goldstein", "strong"),
    ("a1", "event_date", "2025-11-14"),  # str for date (strict)
    ("a2", "event_date", None),  # null in a non-nullable sort key
    ("a0", "sentence_index", True),  # bool for int
    ("a2", "trigger_start", 2**40),  # the model accepts it, Arrow's int32 does not
    ("a1", "fatalities", "12"),
    ("a2", "article_title", 3),
    ("a1", "raise", RuntimeError("the coder broke")),
]


@pytest.mark.parametrize("slice_rows", [batch.RECORD_SLICE_ROWS, 2])  # the records made Arrow at once, or two by two
@pytest.mark.parametrize(("article_id", "column", "value"), [*BREAKS, ("none", "", None)])
def test_batch_fast_path_gives_the_plain_batch(codebook: Any, monkeypatch: pytest.MonkeyPatch, article_id: str,
                                               column: str, value: object, slice_rows: int) -> None:
    monkeypatch.setattr(batch, "RECORD_SLICE_ROWS", slice_rows)

    def broken(article: Article, codebook: Any) -> CodedArticle:
        coded = code_article(article, codebook)
        if article.id == article_id:
            if column == "raise":
                raise value  # type: ignore[misc]
            coded.records[0] = _changed(coded.records[0], column, value)
        return coded

    monkeypatch.setattr(batch, "code_article", broken)
    articles = _articles(4)
    fast, plain = code_batch(articles, codebook), _plain_code_batch(articles, codebook)
    # the fast path's table of more than one slice holds its texts once (a broken value sends the batch to the slow
    # path; an article whose coding raises leaves the batch without it)
    in_slices = column in ("", "raise") and len(plain.table) > slice_rows
    assert fast.table.schema.equals(TEXTS_ONCE_SCHEMA if in_slices else EVENT_SCHEMA)
    assert decoded_texts(fast.table).equals(plain.table)
    assert fast.failed == plain.failed
    assert (fast.sentences, fast.discarded_sentences, fast.discarded_articles) == (
        plain.sentences, plain.discarded_sentences, plain.discarded_articles)
    assert len(fast.failed) == (article_id != "none")  # every break costs its article, and only that one


def _changed(record: tuple[Any, ...], column: str, value: object) -> tuple[Any, ...]:
    place = RECORD_COLUMNS.index(column)
    return (*record[:place], value, *record[place + 1 :])


VALUES: list[object] = [None, "", "x", 0, 1, -3, 2**31, 2.5, True, False, dt.date(2025, 1, 2),
                        dt.datetime(2025, 1, 2, 3, 4), b"010", ["x"]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.integers(0, 7), st.sampled_from(COLUMN_NAMES), st.sampled_from(VALUES)),
                        max_size=3))
def test_batch_column_check_accepts_only_what_the_model_accepts(
    seed_rows: list[dict[str, Any]], changes: list[tuple[int, str, object]]
) -> None:
    records = [tuple(row[column] for column in RECORD_COLUMNS) for row in seed_rows]
    for index, column, value in changes:
        records[index % len(records)] = _changed(records[index % len(records)], column, value)
    rows = [dict(zip(RECORD_COLUMNS, record, strict=True)) for record in records]
    coded = [(None, CodedArticle(None, 1, records[:2])), (None, CodedArticle(None, 1, records[2:]))]  # type: ignore[arg-type]
    table = _table_of_valid_records(coded)  # type: ignore[arg-type]
    if not changes:
        assert table is not None
    if table is not None:
        assert refused_records(rows) == ""
        assert table.equals(rows_to_table(sorted(rows, key=_sort_key())))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=40), st.lists(st.integers(0, 39), max_size=60))
def test_a_long_text_column_from_its_joined_bytes_is_the_array_arrow_builds(texts: list[str],
                                                                            picks: list[int]) -> None:
    values = [texts[pick % len(texts)] for pick in picks]  # shared objects, as a sentence's events share its text
    joined = dataset._joined_text_array(values)
    joined.validate(full=True)
    assert joined.equals(pa.array(values, pa.string()))


def test_a_batch_with_its_sentence_texts_built_from_joined_bytes_is_the_same_table(
    codebook: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles(4)
    expected = code_batch(articles, codebook).table
    built: list[int] = []
    joined_text_array = dataset._joined_text_array
    monkeypatch.setattr(dataset, "_joined_text_array",
                        lambda values: built.append(len(values)) or joined_text_array(values))
    monkeypatch.setattr(dataset, "LONG_TEXT_ROWS", 0)
    monkeypatch.setattr(dataset, "LONG_TEXT_CHARACTERS", 0)
    table = code_batch(articles, codebook).table
    assert table.equals(expected) and table.schema.equals(expected.schema)
    assert built == [len(table)]


def test_a_batch_made_arrow_in_slices_is_kept_in_its_chunks_by_the_writer(
    codebook: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    articles = _articles(4)
    whole = code_batch(articles, codebook).table
    trims: list[None] = []
    monkeypatch.setattr(batch, "return_freed_pages", lambda: trims.append(None))
    assert code_batch(articles, codebook).table.equals(whole) and not trims  # one slice: nothing to give back
    monkeypatch.setattr(batch, "RECORD_SLICE_ROWS", 3)
    sliced = code_batch(articles, codebook).table
    assert len(trims) == sliced.column(0).num_chunks  # after each slice
    assert decoded_texts(sliced).equals(whole) and sliced.column(0).num_chunks == -(-len(whole) // 3) > 1
    checked = DatasetWriter(tmp_path / "dataset", codebook, "run", {}).check(sliced).table
    assert checked.column(0).num_chunks == sliced.column(0).num_chunks  # in order: not copied by a sort


def test_freed_pages_are_given_back_by_arrow_and_glibc_and_by_arrow_alone_without_glibc(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctypes

    dataset._malloc_trim.cache_clear()
    trimmed: list[object] = []
    pool = pa.default_memory_pool()
    monkeypatch.setattr(pa, "default_memory_pool", lambda: type("Pool", (), {
        "release_unused": lambda self: trimmed.append("arrow") or pool.release_unused()})())
    monkeypatch.setattr(ctypes, "CDLL", lambda name: type("Glibc", (), {"malloc_trim": trimmed.append})())
    dataset.return_freed_pages()
    assert trimmed == ["arrow", 0]
    trimmed.clear()

    def no_glibc(name: object) -> object:
        raise AttributeError("malloc_trim")  # what ctypes raises for a symbol the C library lacks

    dataset._malloc_trim.cache_clear()
    monkeypatch.setattr(ctypes, "CDLL", no_glibc)
    dataset.return_freed_pages()  # nothing to trim, and no error
    assert dataset._malloc_trim() is None and trimmed == ["arrow"]
    dataset._malloc_trim.cache_clear()
