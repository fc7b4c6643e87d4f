"""The fifteenth session's date fast paths against the plain computations: `dates._DAY_MONTH` and `dates._ISO`
open with a digit and test after it that no digit precedes it (`\\d(?<!\\d\\d)`), where the plain patterns open
with the look-behind (`(?<!\\d)\\d`): from any start, a search by either finds the same match (span and groups),
or none."""

from __future__ import annotations

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

