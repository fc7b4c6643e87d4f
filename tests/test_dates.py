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


FIRST_DAY = dt.date(1, 1, 1)


@pytest.mark.parametrize(
    ("text", "article", "expected", "precision"),
    [
        ("The army attacked yesterday.", FIRST_DAY, FIRST_DAY, "day"),
        ("The army attacked last week.", dt.date(1, 1, 3), FIRST_DAY, "week"),
        ("The army attacked last month.", FIRST_DAY, FIRST_DAY, "month"),
        ("The army attacked last year.", dt.date(1, 6, 1), FIRST_DAY, "year"),
        ("The army attacked on Sunday.", FIRST_DAY, FIRST_DAY, "day"),
        ("The army attacked on December 31.", FIRST_DAY, FIRST_DAY, "article"),
        ("The army attacked yesterday.", dt.date.max, dt.date(9999, 12, 30), "day"),
        ("Talks are set for this year.", dt.date.max, dt.date(9999, 1, 1), "year"),
    ],
)
def test_dates_relative_phrases_clamp_to_the_date_range(
    text: str, article: dt.date, expected: dt.date, precision: str
) -> None:
    assert resolve_date(text, article) == (expected, precision)
