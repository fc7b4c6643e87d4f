"""`resolve_date` runs each of its searches only when the text holds what every match of it holds, and starts
the weekday search at the first weekday's name: on any text it must find what the plain searches, run in
order over the whole text, find."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import dates
from eventcoder.dates import resolve_date


def _plain(text: str, article: dt.date) -> tuple[dt.date, str]:
    """The searches without their gates (`resolve_date` as it read before them)."""
    match = dates._ISO.search(text)
    if match:
        found = dates._safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found:
            return found, "day"
    for pattern, month, day in ((dates._MONTH_DAY, 1, 2), (dates._DAY_MONTH, 2, 1)):
        match = pattern.search(text)
        if match:
            year = int(match.group(3)) if match.group(3) else article.year
            found = dates._safe_date(year, dates.MONTHS[match.group(month).lower().rstrip(".")], int(match.group(day)))
            found = dates._not_after(found, article, bool(match.group(3)))
            if found:
                return found, "day"
    match = dates._WEEKDAY.search(text)
    if match:
        back = (article.weekday() - dates.WEEKDAYS[match.group(1).lower()]) % 7
        return dates._shifted(article, -back), "day"
    if dates._RELATIVE.search(text):
        return resolve_date(text, article)  # the relative phrases are not gated differently
    return article, "article"


WORDS = ["on", "last", "early", "late", "this", "Monday", "Tuesday", "Sundays", "day", "May", "Sept.", "Dec",
         "of", "5", "12th", "2024", "2023-04-05", "2023-13-40", "-", "today", "yesterday", "week", "onFriday",
         "xMonday", "\t", "  ", ",", "."]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=10), st.sampled_from([" ", "", "  "]))
def test_gated_searches_find_what_the_plain_searches_find(words: list[str], separator: str) -> None:
    text = separator.join(words)
    article = dt.date(2024, 3, 20)
    assert resolve_date(text, article) == _plain(text, article)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="MondayFriTusel 0123-.\t,ySunJ", max_size=40))
def test_gated_searches_on_any_text(text: str) -> None:
    article = dt.date(2024, 3, 20)
    assert resolve_date(text, article) == _plain(text, article)
