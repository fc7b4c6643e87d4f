"""Event dates resolved against the article date, with and without the token prefilter."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dates import resolve_date
from eventcoder.parse import parse_sentence

ARTICLE = dt.date(2025, 11, 30)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("The November 16 discussions faltered.", dt.date(2025, 11, 16), "day"),
        ("Talks resumed on 3 March 2024.", dt.date(2024, 3, 3), "day"),
        ("The deal was signed on 2024-03-05.", dt.date(2024, 3, 5), "day"),
        ("Rebels attacked the town on Monday.", dt.date(2025, 11, 24), "day"),
        ("Troops withdrew yesterday.", dt.date(2025, 11, 29), "day"),
        ("The drugs killed 100,000 people last year.", dt.date(2024, 1, 1), "year"),
        ("Police arrested 77 suspects.", ARTICLE, "article"),
        ("A December 12 summit was planned.", dt.date(2024, 12, 12), "day"),
        ("Protests spread last week.", dt.date(2025, 11, 23), "week"),
    ],
)
def test_dates_resolve(text: str, expected: dt.date, precision: str) -> None:
    assert resolve_date(text, ARTICLE) == (expected, precision)
    assert resolve_date(text, ARTICLE, parse_sentence(text).norms) == (expected, precision)
