"""The input's last batch is cut into chunks that shrink as the batch runs out, so the pool's workers finish it
together; the coded batch is the one this process would make, however the batch is cut."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.batch import code_batch
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import sort_table
from eventcoder.inputs import Article
from eventcoder.parallel import CHUNKS_PER_WORKER, LAST_CHUNK_ARTICLES, PoolCoder, chunk_sizes

TEXTS = [
    "Venezuela threatened Colombia with sanctions on Monday. Russia expelled two British diplomats.",
    "Israeli troops shelled positions near Rafah. The UN Security Council condemned the attack.",
    "Protesters marched in Caracas against the government.",
    "",
]


@settings(max_examples=300, deadline=None)
@given(articles=st.integers(min_value=0, max_value=5000), workers=st.integers(min_value=1, max_value=16))
def test_chunk_sizes_cut_every_article_once(articles: int, workers: int) -> None:
    even = chunk_sizes(articles, workers, last=False)
    assert sum(even) == articles and all(size > 0 for size in even)
    assert len(even) <= workers * CHUNKS_PER_WORKER and len(set(even[:-1])) <= 1  # even chunks, the last one less
    last = chunk_sizes(articles, workers, last=True)
    assert sum(last) == articles and all(size > 0 for size in last)
    assert last == sorted(last, reverse=True)  # the large chunks first, the small ones at the end
    for index, size in enumerate(last):
        left = articles - sum(last[:index])
        assert size <= max(LAST_CHUNK_ARTICLES, math.ceil(left / (2 * workers)))  # a share of what is left
        assert size == left or size >= min(LAST_CHUNK_ARTICLES, left)
    if articles:
        assert last[-1] <= LAST_CHUNK_ARTICLES or articles <= 2 * workers * LAST_CHUNK_ARTICLES or last[-1] == 1
        assert len(last) <= 2 * workers * (1 + math.log(max(articles, 1))) + 2


def test_the_last_batch_coded_in_shrinking_chunks_is_the_batch_of_one_process(codebook: Codebook) -> None:
    articles = [Article(f"a{number}", "A title" if number % 3 else None, TEXTS[number % len(TEXTS)],
                        dt.date(2025, 1 + number % 12, 10), None, None, None, "test") for number in range(37)]
    alone = code_batch(articles, codebook)
    with PoolCoder(codebook, 2) as pool:
        for last in (False, True):
            pooled = pool.submit(articles, codebook, last=last)()
            assert sort_table(pooled.table).to_pylist() == alone.table.to_pylist()  # sorted as the writer sorts it
            assert (pooled.sentences, pooled.failed, pooled.discarded_sentences, pooled.discarded_articles) == (
                alone.sentences, alone.failed, alone.discarded_sentences, alone.discarded_articles)
