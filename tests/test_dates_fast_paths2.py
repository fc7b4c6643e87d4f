"""The fifteenth session's date fast paths against the plain computations: `dates._DAY_MONTH` and `dates._ISO`
open with a digit and test after it that no digit precedes it (`\\d(?<!\\d\\d)`), where the plain patterns open
with the look-behind (`(?<!\\d)\\d`): from any start, a search by either finds the same match (span and groups),
or none; `_first_weekday` in either build's form (`NATIVE_LOOPS`) is where `_WEEKDAY_NAME` first matches; `_shifted`
passes the days to `timedelta` by position, the same date as by keyword, clamped alike at both ends of the range."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import dates

# the patterns as written before, the look-behind first
PLAIN_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + dates._MONTH + r"(?:,?\s+(\d{4}))?")
PLAIN_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")

# digits in runs of every length (ASCII and not), day suffixes, "of", month names whole, short and with a period,
# hyphens, years and ISO dates whole and cut, letters and punctuation around them
PIECES = ["1", "12", "123", "2024", "20245", "٢", "٢٠٢٤", "st", "nd", "rd", "th", "of", "March", "Mar", "Mar.",
          "Sept", "September", "May", "may", "-", "--", "2014-05-06", "2014-05-0", "12014-05-06", "2014-05-067",
          "05-06", ",", ".", "x", "On", "é", "\u2003"]
SPACES = ["", " ", "  ", "\t", "\n", "\u00a0"]


def _same(left: re.Match[str] | None, right: re.Match[str] | None) -> bool:
    if left is None or right is None:
        return left is right
    return left.span() == right.span() and left.groups() == right.groups()


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=12), st.integers(0, 80))
def test_digit_first_patterns_find_what_the_plain_ones_find(pieces: list[tuple[str, str]], start: int) -> None:
    text = "".join(piece + space for piece, space in pieces)
    start = min(start, len(text))
    assert _same(dates._DAY_MONTH.search(text, start), PLAIN_DAY_MONTH.search(text, start))
    assert _same(dates._ISO.search(text, start), PLAIN_ISO.search(text, start))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Fighting resumed on 12 March 2022 near the city.", 0),
        ("Fighting resumed on 12 March 2022 near the city.", 21),  # inside the day: its second digit follows one
        ("Talks on the 3rd of September, 2019 failed.", 10),
        ("Issue 112 March edition", 0),  # three digits: no day
        ("7 May", 0),  # a day at the start of the text
        ("12345-05-06 or 2014-05-06T10", 0),  # the first is no ISO date, the second is
        ("2014-05-06", 1),  # a search from inside the year sees the digit before it
        ("on 2014-05-061", 0),
    ],
)
def test_digit_first_patterns_on_the_edges(text: str, start: int) -> None:
    assert _same(dates._DAY_MONTH.search(text, start), PLAIN_DAY_MONTH.search(text, start))
    assert _same(dates._ISO.search(text, start), PLAIN_ISO.search(text, start))


# weekdays' names whole, cut, lower-case and inside words, "day" alone and in other words, stems alone
DAY_PIECES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "monday", "Mon", "Tues",
              "Wednes", "day", "days", "today", "holiday", "Sundays", "SUNDAY", "Satur day", "Thurs", "dayday",
              "Fri-day", "on", "last", "é", ",", "x"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DAY_PIECES), st.sampled_from(["", " ", "\n"])), max_size=10),
       st.booleans())
def test_first_weekday_in_either_form_is_the_name_search(pieces: list[tuple[str, str]], native: bool) -> None:
    text = "".join(piece + space for piece, space in pieces)
    named = dates._WEEKDAY_NAME.search(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "NATIVE_LOOPS", native)  # read at each call in pure Python (compiled: one form)
        assert dates._first_weekday(text) == (named.start() if named is not None else -1)


def _plain_shifted(date: dt.date, days: int) -> dt.date:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


@settings(max_examples=1000, deadline=None)
@given(st.dates(), st.integers(-4_000_000, 4_000_000))
def test_shifted_is_the_plain_shift(date: dt.date, days: int) -> None:
    assert dates._shifted(date, days) == _plain_shifted(date, days)
