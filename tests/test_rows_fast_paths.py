"""The record stage's fast paths give what the plain computations give: `geo.ClauseEdges` finds the clause
`geo.clause_span` finds (and the one-character gate of its scan holds every edge), a token's end is its start
plus its length (what the record stage reads in place of `Parse.ends`), the place phrases built by
`tuple.__new__` are whole `_Phrase` records, the gated and bounded searches of `dates.resolve_date` find the
date the plain searches find, and `coder._event_id` hashes the text the `str.join` form hashed (the ids of
earlier releases)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import dates
from eventcoder.coder import _event_id
from eventcoder.dates import resolve_date
from eventcoder.geo import RIGHT_EDGES, ClauseEdges, _Phrase, clause_span, sentence_phrases
from eventcoder.parse import Parse, parse_sentence
from eventcoder.text.tokenize import tokenize

CLAUSE_WORDS = [",", ";", ":", "—", "–", "and", "but", "while", "after", "as", "said", "Goma", "in", "the", "."]


def _parse(norms: list[str], attribution: tuple[int, int]) -> Parse:
    count = len(norms)
    start, end = sorted(min(bound, count) for bound in attribution)
    if start == end:  # no attribution: the parser's "none" marks
        start, end = count, count
    offsets = tuple(range(count))
    return Parse(" ".join(norms), tuple(norms), tuple(norms), offsets, (False,) * count, (-1,) * count,
                 start, end)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(CLAUSE_WORDS), max_size=16),
    st.tuples(st.integers(0, 16), st.integers(0, 16)),
    st.data(),
)
def test_clause_edges_span_is_clause_span(norms: list[str], attribution: tuple[int, int], data: st.DataObject) -> None:
    parse = _parse(norms, attribution)
    edges = ClauseEdges(parse)
    count = len(norms)
    for _ in range(4):
        start = data.draw(st.integers(0, count))
        end = data.draw(st.integers(start, count))
        assert edges.span(start, end) == clause_span(parse, start, end)


PLACE_SENTENCES = [
    "Gunmen attacked the town of Darul Jamal in Borno State on Tuesday.",
    "Russian forces shelled targets in Kherson and the southern Kherson region, Ukrainian officials said.",
    "Protesters gathered in Santa Fe, Texas, and in Egypt's restive North Sinai province.",
    "The Turkish capital, Ankara, hosted talks near the Syrian border town of Azaz.",
    "In Washington, the White House said troops moved into the Russian cities of Belgorod and Kursk.",
]


def test_every_clause_edge_is_one_character() -> None:
    # compiled, `ClauseEdges` probes RIGHT_EDGES only for one-character words
    assert RIGHT_EDGES
    assert all(len(edge) == 1 for edge in RIGHT_EDGES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Ab c,.;:—–'’\"-()1Éé9 ", max_size=60))
def test_a_token_ends_its_length_after_its_start(text: str) -> None:
    # `coder.event_records` and `geo._locate_name` slice a token's text to its start plus its word's length
    parse = parse_sentence(text)
    ends = tuple(start + len(word) for start, word in zip(parse.starts, parse.words, strict=True))
    assert [(start, end) for _, start, end in tokenize(text)] == list(zip(parse.starts, ends, strict=True))
    assert all(parse.text[start:end] == word for start, end, word in zip(parse.starts, ends, parse.words,
                                                                          strict=True))


def test_place_phrases_are_whole_records() -> None:
    for text in PLACE_SENTENCES:
        phrases = sentence_phrases(parse_sentence(text), ())
        assert phrases
        for phrase in phrases:
            assert type(phrase) is _Phrase
            assert len(phrase) == len(_Phrase._fields)
            assert _Phrase(*phrase) == phrase
            assert isinstance(phrase.preposition, str) and isinstance(phrase.government, bool)


def _plain(text: str, article: dt.date, years: bool = True) -> tuple[dt.date, str]:
    """`resolve_date` without its gates and start positions: every search over the whole text, in order
    (the written-year search only when `years`; tests/test_rows_fast_paths3.py turns it off)."""
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


# Words that start or end the searches' matches, and the characters beyond ASCII that `re.IGNORECASE` pairs
# with ASCII letters ("ſ" with "s", "ı" and "İ" with "i", the Kelvin sign with "k").
DATE_WORDS = ["on", "last", "Last", "LAST", "this", "This", "laſt", "thıs", "THİS", "week", "WEEK", "month", "year",
              "Year", "yesterday", "Yesterday", "today", "todays", "Today", "Monday", "Sundays", "May", "Mayor",
              "Sept.", "Dec", "of", "Prof", "5", "12th", "31", "2019", "2024", "2023-04-05", "1999-12-31-", "-", "in",
              "In", "since", "during", "early", "mid-", "\t", "\u00a0", "  ", ",", ".", "٣", "xMay", "onFriday"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=10), st.sampled_from([" ", "", "  ", "\n"]))
def test_bounded_searches_find_what_the_plain_searches_find(words: list[str], separator: str) -> None:
    text = separator.join(words)
    article = dt.date(2024, 3, 20)
    assert resolve_date(text, article) == _plain(text, article)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="MaySeptDecofJunly 0123456789-.\t,ſıKlastwekhiyrodT", max_size=40))
def test_bounded_searches_on_any_text(text: str) -> None:
    article = dt.date(2024, 3, 20)
    assert resolve_date(text, article) == _plain(text, article)


def test_the_day_month_search_starts_early_enough() -> None:
    """The first month's name need not end a match ("Mar" in "Mar Elias"), and the day may stand
    before "of" and any white space ("12th \t of \n May")."""
    article = dt.date(2024, 3, 20)
    for text in ["Mar Elias, 12th \t of \n May", "the 3rd of  March", "Prof Jan 5", "on 1st\u00a0of\u00a0Jan"]:
        assert resolve_date(text, article) == _plain(text, article)
        assert resolve_date(text, article)[1] == "day"


@given(
    st.text(max_size=12),
    st.integers(0, 500),
    st.integers(0, 500),
    st.integers(0, 500),
    st.one_of(st.none(), st.text(max_size=8)),
    st.text(max_size=12),
    st.one_of(st.none(), st.text(max_size=8)),
    st.text(max_size=12),
    st.from_regex(re.compile(r"\d{2,4}"), fullmatch=True),
)
def test_event_id_hashes_the_joined_parts(
    article: str, sentence: int, start: int, end: int, source_code: str | None, source: str,
    target_code: str | None, target: str, code: str,
) -> None:
    parts = (article, sentence, start, end, source_code, source, target_code, target, code)
    joined = "ev-" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]
    assert _event_id(*parts) == joined
