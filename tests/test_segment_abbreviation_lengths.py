"""`_ends_at_abbreviation` finds the word before a period in the paragraph and rules out a word longer than any
abbreviation by its length unless its second character is a period (a run of initials): at every period of any
paragraph of words short and long, initials and abbreviations, it gives what the plain test of the window's
last word gives (tests/test_segment_fast_paths.py), told the paragraph is spaced or not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_segment_fast_paths import _reference_ends_at_abbreviation

from eventcoder.text.segment import _ends_at_abbreviation

PIECES = [
    "said.", "capital.", "evening.", "approx.", "Approx.", "thurs.", "u.s.a.", "U.S.A.", "A.B.C.D.", "A.B.C.D.E.F.",
    "K.P.", "J.", "Mr.", "ab.cdefgh.", "1990s.", "x" * 7 + ".", "x" * 8 + ".", "x" * 9 + ".", "x" * 12, ".", "..",
    " ", "  ", "\t", "\n", "\u00a0", "Freedonia", "protested", "a",
]


def _check_every_period(text: str) -> None:
    spaced = not ("\t" in text or "\n" in text or "\u00a0" in text)
    for index, char in enumerate(text):
        if char == ".":
            assert _ends_at_abbreviation(text, index, spaced) == _reference_ends_at_abbreviation(text, index)
            assert _ends_at_abbreviation(text, index) == _reference_ends_at_abbreviation(text, index)


@pytest.mark.parametrize(
    "text",
    ["The talks ended in the capital. Then", "Talks with K.P. Sharma Oli.", "met A.B.C.D.E.F. Smith", "x approx. 5",
     "xxxxxxxxxxxxxxxx. A", "ab.cdefgh. Then", "\tthurs. on", "U.S.A. and", "evening.\nNext"],
)
def test_abbreviation_table(text: str) -> None:
    _check_every_period(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_every_period_is_told_as_the_plain_test_tells_it(text: str) -> None:
    _check_every_period(text)
