"""A batch of more than one slice of records (a long article's) holds each distinct sentence text once while it is
in memory (`records.TEXTS_ONCE_SCHEMA`: a dictionary column): it is checked as it is, joined with other tables,
shipped between processes and written chunk by chunk as strings. Its files, and every reader, see EVENT_SCHEMA and
the rows a table of strings gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventcoder.batch as batch
import eventcoder.dataset as dataset
from eventcoder.batch import code_batch, merge_batches
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import joined_tables, row_columns, rows_to_table, write_parquet
from eventcoder.inputs import Article
from eventcoder.parallel import _ship, _unship
from eventcoder.records import EVENT_SCHEMA, TEXTS_ONCE_SCHEMA, decoded_texts, holds_texts_once
from eventcoder.run import code_articles
from eventcoder.validate import check_table, rules_hold

SENTENCES = [
    "Freedonia threatened Sylvania with sanctions on Monday, and Sylvania rejected the demand on Tuesday.",
    "Sylvanian troops shelled positions near the border. Freedonia condemned the attack and recalled its envoy.",
    "Protesters marched in the capital against the government. Police arrested dozens of them.",
    "Prices rose again in the spring.",
]


def _articles(count: int) -> list[Article]:
    return [Article(f"a{number}", None, " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(3)),
                    dt.date(2025, 1 + number % 3, 10), None, None, None, "test") for number in range(count)]


def _once(table: pa.Table) -> pa.Table:
    return dataset.columns_to_table(row_columns(table.to_pylist()), texts_once=True)


@pytest.fixture
def coded(codebook: Codebook) -> pa.Table:
    table = code_batch(_articles(8), codebook).table
    assert len(table) > 10 and table.schema.equals(EVENT_SCHEMA)
    return table


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=12), st.lists(st.integers(0, 11), max_size=50))
def test_a_column_of_texts_once_holds_each_distinct_text_once_and_decodes_to_the_strings(
    texts: list[str], picks: list[int]
) -> None:
    values = [texts[pick % len(texts)] for pick in picks]
    column = dataset._sentence_texts(values, once=True)
    column.validate(full=True)
    assert column.dictionary.to_pylist() == list(dict.fromkeys(values))  # in order of first appearance
    assert column.to_pylist() == values
    assert decoded_texts(pa.table({"sentence_text": column})).column(0).to_pylist() == values


def test_a_batch_of_several_slices_holds_its_texts_once_and_stands_for_the_same_rows(
    codebook: Codebook, coded: pa.Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "RECORD_SLICE_ROWS", 4)
    sliced = code_batch(_articles(8), codebook).table
    assert sliced.schema.equals(TEXTS_ONCE_SCHEMA) and holds_texts_once(sliced.schema)
    assert decoded_texts(sliced).equals(coded) and decoded_texts(sliced).schema.equals(EVENT_SCHEMA)
    texts = sliced.column("sentence_text")
    held = sum(len(chunk.dictionary) for chunk in texts.chunks)
    assert held < len(sliced)  # a sentence's events share its text
    assert sum(chunk.dictionary.nbytes for chunk in texts.chunks) < coded.column("sentence_text").nbytes


def test_tables_of_both_kinds_join_into_one_holding_its_texts_once(coded: pa.Table) -> None:
    plain = [coded.slice(0, 5), coded.slice(5)]
    assert joined_tables(plain).equals(pa.concat_tables(plain))  # strings only: as before
    assert joined_tables([plain[0]]) is plain[0]
    mixed = joined_tables([plain[0], _once(plain[1]), coded.slice(0, 0)])
    assert mixed.schema.equals(TEXTS_ONCE_SCHEMA)
    assert decoded_texts(mixed).equals(pa.concat_tables([plain[0], plain[1], coded.slice(0, 0)]))


def test_the_rules_and_the_model_judge_a_table_of_texts_once_as_its_strings(codebook: Codebook,
                                                                          coded: pa.Table) -> None:
    assert rules_hold(_once(coded), codebook) and rules_hold(coded, codebook)
    assert check_table(_once(coded), codebook, model=True) == check_table(coded, codebook, model=True) == []
    rows = coded.to_pylist()
    rows[3]["trigger_end"] = len(rows[3]["sentence_text"]) + 1  # the trigger ends after its sentence
    broken = rows_to_table(rows)
    assert not rules_hold(_once(broken), codebook) and not rules_hold(broken, codebook)
    failures = check_table(_once(broken), codebook)
    assert failures and failures == check_table(broken, codebook)


@pytest.mark.parametrize("limit", [dataset.ROW_GROUP_DECODED_BYTES, 500, 1])
def test_a_table_of_texts_once_is_written_as_strings_in_row_groups_of_bounded_texts(
    coded: pa.Table, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(dataset, "ROW_GROUP_DECODED_BYTES", limit)
    released: list[None] = []
    monkeypatch.setattr(dataset, "return_freed_pages", lambda: released.append(None))
    metadata = {b"eventcoder.run_id": b"r1"}
    table = joined_tables([_once(coded.slice(0, 7)), _once(coded.slice(7))]).replace_schema_metadata(metadata)
    for options in (dataset.LASTING_FILE_OPTIONS, dataset.SMALL_FILE_OPTIONS):
        path = tmp_path / "texts.parquet"
        write_parquet(table, path, options)
        written = pq.ParquetFile(path)
        assert written.schema_arrow.equals(EVENT_SCHEMA)
        assert written.schema_arrow.metadata[b"eventcoder.run_id"] == b"r1"
        assert written.read().equals(coded)
        groups = [written.read_row_group(index) for index in range(written.num_row_groups)]
        text_bytes = [sum(len(text.encode()) for text in group.column("sentence_text").to_pylist()) for group in groups]
        assert all(size <= limit or len(group) == 1 for size, group in zip(text_bytes, groups, strict=True))
        if limit > sum(text_bytes):
            assert written.num_row_groups == 1  # a few chunks of short texts: one group, as strings would be
        assert len(released) == written.num_row_groups  # each group's pages given back once it was written
        released.clear()


def test_an_empty_table_of_texts_once_is_written_as_an_empty_file_of_strings(coded: pa.Table, tmp_path: Path) -> None:
    write_parquet(_once(coded.slice(0, 0)), tmp_path / "empty.parquet", dataset.SMALL_FILE_OPTIONS)
    empty = pq.read_table(tmp_path / "empty.parquet")
    assert len(empty) == 0 and empty.schema.equals(EVENT_SCHEMA)


def test_a_table_of_texts_once_is_shipped_between_processes_as_it_is(coded: pa.Table, tmp_path: Path) -> None:
    # two chunks, each with its own dictionary: a stream replaces the dictionary between them
    table = joined_tables([_once(coded.slice(0, 6)), coded.slice(6)])
    _ship(table, tmp_path / "chunk.arrow")
    shipped = _unship(tmp_path / "chunk.arrow")
    assert shipped.schema.equals(TEXTS_ONCE_SCHEMA) and shipped.equals(table)
    assert decoded_texts(merge_batches([batch.CodedBatch(1, shipped), batch.CodedBatch(1, coded)]).table).equals(
        pa.concat_tables([coded, coded]))


def _corpus(folder: Path, count: int) -> Path:
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": article.id, "text": article.text, "date": str(article.date)}) + "\n"
                              for article in _articles(count)), encoding="utf-8")
    return corpus


def _rows(folder: Path) -> list[dict[str, Any]]:
    return sorted((row for path in sorted((folder / "events").rglob("*.parquet"))
                   for row in pq.read_table(path, partitioning=None).to_pylist()),
                  key=lambda row: row["event_id"])


def test_a_run_whose_batches_hold_their_texts_once_writes_the_rows_of_strings(
    codebook: Codebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path, 30)
    plain = code_articles([str(corpus)], tmp_path / "plain", codebook, batch_articles=10)
    made: list[bool] = []
    columns_to_table = dataset.columns_to_table

    def counted(columns: Any, *, texts_once: bool = False) -> pa.Table:
        made.append(texts_once)
        return columns_to_table(columns, texts_once=texts_once)

    monkeypatch.setattr(batch, "RECORD_SLICE_ROWS", 5)
    monkeypatch.setattr(batch, "columns_to_table", counted)
    once = code_articles([str(corpus)], tmp_path / "once", codebook, batch_articles=10)
    assert all(made) and len(made) > 3  # every batch was made in slices, each holding its texts once
    assert once.events_written == plain.events_written > 0
    assert _rows(tmp_path / "once") == _rows(tmp_path / "plain")
    for path in (tmp_path / "once" / "events").rglob("*.parquet"):
        assert pq.read_schema(path).field("sentence_text").type == pa.string()


def test_a_run_on_one_worker_commits_a_long_batch_before_it_codes_the_next(
    codebook: Codebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path, 12)
    steps: list[str] = []

    def coder(articles: Any, codebook: Codebook) -> batch.CodedBatch:
        steps.append("code")
        return code_batch(articles, codebook)

    check = dataset.DatasetWriter.check

    def checked(writer: dataset.DatasetWriter, table: pa.Table) -> Any:
        steps.append("check once" if holds_texts_once(table.schema) else "check")
        return check(writer, table)

    monkeypatch.setattr(dataset.DatasetWriter, "check", checked)
    monkeypatch.setattr("eventcoder.run.CODING_BATCH_ARTICLES", 3)
    monkeypatch.setattr(batch, "RECORD_SLICE_ROWS", 5)  # every batch is long
    code_articles([str(corpus)], tmp_path / "once", codebook, batch_articles=6, coder=coder)
    assert steps == ["code", "check once"] * 4  # each batch checked (and its commit written) before the next is coded
