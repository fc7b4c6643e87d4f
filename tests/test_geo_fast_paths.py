"""The fourteenth session's place fast paths against the plain computations: `geo.ClauseEdges.span` in either
build's form (`NATIVE_LOOPS`: compiled, native loops over the edges; pure Python, `bisect_left`) is
`clause_span`, itself in either form the scan word by word (`test_geo_fast_paths2._plain_clause_span`);
`place_rank` with no clause context (no pair probed) ranks as the plain rank does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_geo_fast_paths2 import _plain_clause_span
from test_rows_fast_paths import CLAUSE_WORDS, _parse
from test_rows_fast_paths2 import COUNTRIES, DIVISIONS, _table, place_rows

from eventcoder import geo
from eventcoder.gazetteer import LEVELS
from eventcoder.geo import ClauseEdges, clause_span, place_rank


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(CLAUSE_WORDS), max_size=16),
    st.tuples(st.integers(0, 16), st.integers(0, 16)),
    st.booleans(),
    st.data(),
)
def test_clause_edges_span_in_either_form_is_clause_span(
    norms: list[str], attribution: tuple[int, int], native: bool, data: st.DataObject
) -> None:
    parse = _parse(norms, attribution)
    edges = ClauseEdges(parse)
    count = len(norms)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo, "NATIVE_LOOPS", native)  # read at each call in pure Python (compiled: one form)
        for _ in range(4):
            start = data.draw(st.integers(0, count))
            end = data.draw(st.integers(start, count))
            assert edges.span(start, end) == clause_span(parse, start, end) == _plain_clause_span(parse, start, end)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(place_rows, min_size=1, max_size=7),
    st.frozensets(st.sampled_from(COUNTRIES)),
    st.sampled_from([frozenset(), (), [], set()]),
    st.frozensets(st.tuples(st.sampled_from(COUNTRIES), st.sampled_from([*DIVISIONS, None]))),
    st.sampled_from([None, *COUNTRIES]),
)
def test_place_rank_is_the_plain_rank(
    rows: list[tuple[str, int, str, str]],
    countries: frozenset[str],
    empty: frozenset[tuple[str, str | None]],
    context: frozenset[tuple[str, str | None]],
    seat: str | None,
) -> None:
    for place in _table(rows).candidates("Alpha"):
        for probed in (empty, context):
            inside = (place.country, place.admin1) in probed or (place.country, None) in probed
            capital = seat is not None and geo._seat_city(place, seat)
            plain = (not inside, place.country not in countries, not capital, -place.population, LEVELS[place.level])
            assert place_rank(place, countries, probed, seat) == plain
