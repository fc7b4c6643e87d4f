"""An `Article` pickles as a call of its class with its fields (`Article.__reduce__`, the fast path a process pool
takes for every article): the same article comes back, by any protocol, copied or deep-copied."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.inputs import Article

_TEXT = st.text(max_size=30)
_ARTICLES = st.builds(
    Article,
    id=_TEXT,
    title=st.none() | _TEXT,
    text=_TEXT,
    date=st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    publisher=st.none() | _TEXT,
    url=st.none() | _TEXT,
    language=st.none() | _TEXT,
    origin=_TEXT,
    replaced_characters=st.integers(0, 10**6),
)


@settings(max_examples=200, deadline=None)
@given(_ARTICLES, st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_an_article_pickles_as_its_class_called_with_its_fields(article: Article, protocol: int) -> None:
    assert article.__reduce__() == (Article, tuple(getattr(article, field.name) for field in fields(Article)))
    for again in (pickle.loads(pickle.dumps(article, protocol)), copy.copy(article), copy.deepcopy(article)):
        assert type(again) is Article
        assert again == article
        assert [getattr(again, field.name) for field in fields(Article)] == [
            getattr(article, field.name) for field in fields(Article)
        ]
