"""The tenth session's record-stage fast paths against the plain computations: `dates.resolve_date` given a
sentence's tokens dates it as the token gate did before (`_may_hold_date` first, the written-year search only
with a four-digit token), now that the gate tests the tokens for a four-digit number only where the text
holds a digit; and `_ascii_digit_in` is the ten `in` tests it replaced."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from test_rows_fast_paths import _plain  # the plain searches, the written-year one switchable

from eventcoder import dates
from eventcoder.dates import resolve_date
from eventcoder.parse import parse_sentence


def _gated(text: str, article: dt.date, norms: tuple[str, ...]) -> tuple[dt.date, str]:
    """The token gate as it was: no date word and no four-digit token dates nothing; the written-year search
    needs a four-digit token."""
    if not dates._may_hold_date(norms):
        return article, "article"
    return _plain(text, article, 4 in map(len, filter(str.isdigit, norms)))


# Words with and without dates, digits of other scripts ("٢٠٢٤" is four digits to `str.isdigit` and `\d`),
# superscripts (digits to `str.isdigit`, not to `\d`), a weekday inside a token, non-ASCII letters.
WORDS = ["on", "last", "this", "week", "month", "year", "yesterday", "today", "Monday", "Monday-Friday", "May",
         "Sept.", "of", "5", "12th", "31", "2019", "2024", "in", "In", "since", "early", "2023-04-05", "1999-12-31-",
         "-", ",", ".", "٢٠٢٤", "٣", "²⁰¹⁹", "¹²", "the", "rebels", "attacked", "Goma", "Zürich", "’s", "said",
         "1,000", "20km"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "  ", " in "]),
       st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_the_token_gate_dates_what_it_dated_before(words: list[str], separator: str, article: dt.date) -> None:
    text = separator.join(words)
    norms = parse_sentence(text).norms
    assert resolve_date(text, article, norms) == _gated(text, article, norms)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="MaySeptDecofJunly 0123456789-.,ſıKlastwekhiyrodT²٢ü", max_size=40),
       st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_the_token_gate_on_any_text(text: str, article: dt.date) -> None:
    norms = parse_sentence(text).norms
    assert resolve_date(text, article, norms) == _gated(text, article, norms)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_digit_in_is_the_ten_in_tests(text: str) -> None:
    assert dates._ascii_digit_in(text) == any(map(text.__contains__, dates.ASCII_DIGITS))
