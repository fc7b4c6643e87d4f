"""The fifteenth session's place fast paths against the plain computations, in either build's form
(`NATIVE_LOOPS`): `_ranks_below` is `<` on two ranks, and `_resolve`, which compares ranks by it compiled, picks
the first candidate of the lowest rank as `min` does; `_plain_clause_span` is the scan word by word that
`tests/test_geo_fast_paths.py` holds `clause_span` to in either form (compiled, plain loops; pure Python,
`compress` over `map`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rows_fast_paths2 import COUNTRIES, DIVISIONS, _table, place_rows

from eventcoder import geo
from eventcoder.geo import CLAUSE_BREAKS, CLAUSE_OPENERS, LEFT_EDGES, RIGHT_EDGES, place_rank
from eventcoder.parse import Parse


def _plain_clause_span(parse: Parse, start: int, end: int) -> tuple[int, int]:
    """`clause_span` word by word: back from `start` to a break or a conjunction after a comma, on from `end` to
    a break or a comma before a conjunction, then short of the attribution."""
    norms = parse.norms
    left, right = 0, len(norms)
    for index in reversed(range(start)):
        if norms[index] in CLAUSE_BREAKS or (norms[index] in LEFT_EDGES and index > 0 and norms[index - 1] == ","):
            left = index + 1
            break
    for index in range(end, len(norms)):
        if norms[index] in RIGHT_EDGES and (
            norms[index] != "," or (index + 1 < len(norms) and norms[index + 1] in CLAUSE_OPENERS)
        ):
            right = index
            break
    return geo._short_of_the_attribution(parse, start, end, left, right)


ranks = st.tuples(st.booleans(), st.booleans(), st.booleans(), st.integers(-3, 0), st.integers(0, 2))


@settings(max_examples=2000, deadline=None)
@given(ranks, ranks)
def test_ranks_below_is_tuple_order(rank: tuple[bool, bool, bool, int, int],
                                    other: tuple[bool, bool, bool, int, int]) -> None:
    assert geo._ranks_below(rank, other) == (rank < other)
    assert not geo._ranks_below(rank, rank)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(place_rows, min_size=2, max_size=7),
    st.frozensets(st.sampled_from(COUNTRIES)),
    st.frozensets(st.tuples(st.sampled_from(COUNTRIES), st.sampled_from([*DIVISIONS, None]))),
    st.sampled_from([None, *COUNTRIES]),
    st.booleans(),
)
def test_resolve_in_either_form_picks_the_first_of_the_lowest_rank(
    rows: list[tuple[str, int, str, str]],
    countries: frozenset[str],
    context: frozenset[tuple[str, str | None]],
    seat: str | None,
    native: bool,
) -> None:
    gazetteer = _table(rows)
    candidates = gazetteer.candidates("Alpha")
    plain = min(candidates, key=lambda place: place_rank(place, countries, context, seat))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo, "NATIVE_LOOPS", native)
        assert geo._resolve(gazetteer, "Alpha", False, countries, context, seat) is plain
