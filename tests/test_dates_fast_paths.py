"""`dates.resolve_date`'s written-year search against the plain one: `_YEAR` searched from `_year_start` (the
earliest a match can start, given the first number a year of it can be) finds what it finds from the start, and
nothing where no such number stands; `_four_digit_token` in either build's form (`NATIVE_LOOPS`) is the test
by `map` and `filter` it stands for."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import dates

# Prepositions and cue words in either case, month names at their longest and shortest (with and without a
# period), years, near-years and dates, white space of several kinds and none, words that hold the letters
# of a preposition.
PIECES = ["in", "In", "since", "Since", "during", "During", "early", "late", "mid-", "mid", "September.", "Sept",
          "Sept.", "May", "may", "December", "2019", "1899", "1799", "2100", "20199", "2020-", "2014-05-06", "٢٠٢٤",
          "19", "20", "1", "x", "Berlin", "insider", "-", ",", ".", "_", "é"]
SPACES = ["", " ", "  ", "\t", "\n ", "\u2003", "\u00a0 ", "   \t  "]


def _same(left: object, right: object) -> bool:
    if left is None or right is None:
        return left is right
    assert isinstance(left, dates.re.Match) and isinstance(right, dates.re.Match)
    return left.span() == right.span() and left.groups() == right.groups()


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=14))
def test_the_written_year_search_from_its_start_finds_what_the_whole_search_finds(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(piece + space for piece, space in pieces)
    whole = dates._YEAR.search(text)
    first = dates._YEAR_NUMBER.search(text)
    if first is None:
        assert whole is None
        return
    start = dates._year_start(text, first.start())
    assert 0 <= start <= first.start()
    assert _same(dates._YEAR.search(text, start), whole)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels have held the town since   early\t September.   2019, officials said.",
        "The war began in 2014 and flared in mid-2022.",
        "In\u2003\u2003December 1999 the army took power; during 2004 it left.",
        "Talks resumed on 5 May 2023 after a break that lasted since 2021.",
        "Insiders said 2019 was the year, not in 2018.",
        "during" + " " * 200 + "late" + " " * 200 + "Sept" + " " * 200 + "2011",
    ],
)
def test_written_years_far_from_their_preposition(text: str) -> None:
    first = dates._YEAR_NUMBER.search(text)
    assert first is not None
    assert _same(dates._YEAR.search(text, dates._year_start(text, first.start())), dates._YEAR.search(text))
    assert dates._YEAR.search(text) is not None


NORMS = ["2019", "201", "20190", "٢٠٢٤", "²⁰¹⁹", "12th", "1,000", "abcd", "in", "", "-", "2023-04-05"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NORMS), max_size=10), st.booleans())
def test_four_digit_token_in_either_form_is_the_map_and_filter_test(norms: list[str], native: bool) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "NATIVE_LOOPS", native)  # read at each call in pure Python (compiled: one form)
        found = dates._four_digit_token(tuple(norms))
    assert found == (4 in map(len, filter(str.isdigit, norms)))
