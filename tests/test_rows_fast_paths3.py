"""The tenth session's record-stage fast paths against the plain computations: `dates.resolve_date` given a
sentence's tokens dates it as the token gate did before (`_may_hold_date` first, the written-year search only
with a four-digit token), now that the gate tests the tokens for a four-digit number only where the text
holds a digit; and `_ascii_digit_in` is the ten `in` tests it replaced."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import dates
from eventcoder.dates import resolve_date
from eventcoder.parse import parse_sentence


def _plain(text: str, article: dt.date, years: bool) -> tuple[dt.date, str]:
    """`resolve_date` without its gates and start positions: every search over the whole text, in order
    (the written-year search only when `years`)."""
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
    match = dates._YEAR.search(text) if years else None
    if match and int(match.group(2)) < article.year:
        return dates.written_years_date_the_event(match, article)
    match = dates._WEEKDAY.search(text)
    if match:
        back = (article.weekday() - dates.WEEKDAYS[match.group(1).lower()]) % 7
        return dates._shifted(article, -back), "day"
    match = dates._RELATIVE.search(text)
    if match:
        phrase = match.group(1).lower()
        if phrase == "yesterday":
            return dates._shifted(article, -1), "day"
        if phrase == "today":
            return article, "day"
        if phrase == "last week":
            return dates._shifted(article, -7), "week"
        if phrase == "this week":
            return article, "week"
        if phrase == "last month":
            return dates._shifted(article.replace(day=1), -1).replace(day=1), "month"
        if phrase == "this month":
            return article.replace(day=1), "month"
        if phrase == "last year":
            return dt.date(max(article.year - 1, dt.MINYEAR), 1, 1), "year"
        return dt.date(article.year, 1, 1), "year"
    return article, "article"


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
