"""A chunk coded by a pool worker comes back as the `CodedBatch` this process would make: its table through an
Arrow IPC stream, its counts and its failed articles (quarantine records) as they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import eventcoder.batch as batch
from eventcoder.batch import CodedBatch, code_batch, merge_batches
from eventcoder.codebook.compile import Codebook
from eventcoder.inputs import Article
from eventcoder.parallel import CHUNKS_PER_WORKER, PoolCoder, _received, _shipped, _unshipped

TEXTS = [
    "Venezuela threatened Colombia with sanctions on Monday. Russia expelled two British diplomats.",
    "Israeli troops shelled positions near Rafah. The UN Security Council condemned the attack.",
    "Protesters marched in Caracas against the government.",
    "",
]


def _articles(count: int) -> list[Article]:
    return [Article(f"a{number}", "A title" if number % 3 else None, TEXTS[number % len(TEXTS)],
                    dt.date(2025, 1 + number % 12, 10), None, None, None, "test") for number in range(count)]


def _fields(coded: CodedBatch) -> tuple[Any, ...]:
    return (coded.sentences, coded.table.to_pylist(), coded.table.schema, coded.failed, coded.discarded_sentences,
            coded.discarded_articles)


def test_a_shipped_table_is_the_table(codebook: Codebook) -> None:
    table = code_batch(_articles(12), codebook).table
    assert len(table) > 0
    for part in (table, table.slice(3, 5), table.slice(0, 0)):
        assert _unshipped(_shipped(part)).equals(part, check_metadata=True)


def test_a_received_batch_is_the_coded_batch(codebook: Codebook) -> None:
    coded = code_batch(_articles(12), codebook)
    shipped = (_shipped(coded.table), coded.sentences, coded.failed, coded.discarded_sentences,
               coded.discarded_articles)
    assert _fields(_received(shipped)) == _fields(coded)


@pytest.fixture
def failing_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coding the articles a2 and a7 raises (in the workers too: they are forked after this)."""
    code_article = batch.code_article

    def failing(article: Article, codebook: Codebook) -> Any:
        if article.id in ("a2", "a7"):
            raise ValueError(f"cannot code {article.id}")
        return code_article(article, codebook)

    monkeypatch.setattr(batch, "code_article", failing)


@pytest.mark.usefixtures("failing_article")
def test_pool_batches_equal_this_process_batches_failures_included(codebook: Codebook) -> None:
    articles = _articles(23)
    with PoolCoder(codebook, 2) as pool:
        pooled = pool.submit(articles, codebook)()
    size = -(-len(articles) // (2 * CHUNKS_PER_WORKER))  # the pool's chunks, coded here one by one
    here = merge_batches([code_batch(articles[start : start + size], codebook)
                          for start in range(0, len(articles), size)])
    assert [article_id for article_id, _ in pooled.failed] == ["a2", "a7"]
    assert {rejected.code for _, rejected in pooled.failed} == {"coder-error"}
    assert _fields(pooled) == _fields(here) != _fields(merge_batches([]))
