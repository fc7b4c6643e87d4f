"""`written_years_date_the_event` (dates.py): a year written after a preposition of time dates the sentence's
events, so background a story recalls ("In 2014, Freedonia annexed ...") is not dated as the news."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dates import resolve_date

ARTICLE = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("In 2014, Freedonia annexed the northern province.", dt.date(2014, 1, 1), "year"),
        ("Freedonia invaded Sylvania in February 2022.", dt.date(2022, 2, 1), "month"),
        ("Sylvania has shelled border towns since early 2019.", dt.date(2019, 1, 1), "year"),
        # a day-level date still wins; the article's own year or a later one dates nothing
        ("Freedonia attacked on Oct. 7, 2023.", dt.date(2023, 10, 7), "day"),
        ("Freedonia will cut its forces in 2030.", ARTICLE, "article"),
        ("In 2026, Freedonia shelled the town.", ARTICLE, "article"),
        # a year that is part of a range or a name is no date of the sentence
        ("In the 2014-2015 war, Freedonia shelled the town.", ARTICLE, "article"),
    ],
)
def test_written_years_date_the_event(text: str, date: dt.date, precision: str) -> None:
    assert resolve_date(text, ARTICLE) == (date, precision)
