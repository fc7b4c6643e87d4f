"""The event matcher's tenth speed pass holds its joined `excludes` to the plain reading: `Pattern.exclusions`, a
pattern's `excludes` with those that look at the same window joined into one constraint when the codebook is
compiled (`compile.joined_by_window`), hold where any of the `excludes` holds, for constraints written here of any
side, reach and phrases and for the default codebook's own patterns, in both forms of the window scan; the joins
keep each window's order, a lone constraint itself, and are shared by patterns with the same `excludes`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths import PHRASES, WORDS, _plain_holds

from eventcoder import events
from eventcoder.codebook.compile import Constraint, joined_by_window
from eventcoder.parse import parse_sentence

CONSTRAINTS = st.tuples(
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3, unique=True),
    st.sampled_from(["after", "before", "around"]),
    st.integers(min_value=1, max_value=4),
)


def _constraint(phrases: list[tuple[str, ...]], where: str, within: int) -> Constraint:
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    return Constraint(by_first, where, within, " ".join(phrases[0]))


def _any_joined_holds(
    norms: tuple[str, ...], joined: tuple[Constraint, ...], start: int, end: int, native: bool
) -> bool:
    """Whether one of `joined` holds, checked the way `find_candidates` checks a pattern's `exclusions`."""
    parse = parse_sentence(" ".join(norms))
    assert parse.norms == norms
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(events, "NATIVE_LOOPS", native)  # read at each call in pure Python (compiled: one form)
        return bool(joined) and (
            events._constraint_holds(parse, joined[0], start, end)
            or (len(joined) > 1 and events._any_holds(parse, joined, start, end))
        )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(CONSTRAINTS, min_size=0, max_size=6),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_joined_excludes_hold_where_any_of_them_holds(
    specs: list[tuple[list[tuple[str, ...]], str, int]],
    words: list[str],
    one_window: bool,
    native: bool,
    data: st.DataObject,
) -> None:
    if one_window and specs:  # all of the first's window: they join into one
        specs = [(phrases, specs[0][1], specs[0][2]) for phrases, _, _ in specs]
    excludes = tuple(_constraint(*spec) for spec in specs)
    joined = joined_by_window(excludes, {}, {})
    windows = list(dict.fromkeys((constraint.where, constraint.within) for constraint in excludes))
    assert [(constraint.where, constraint.within) for constraint in joined] == windows
    norms = tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(norms) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(norms)))
    plain = any(_plain_holds(norms, constraint, start, end) for constraint in excludes)
    assert _any_joined_holds(norms, joined, start, end, native) == plain


def test_a_joined_constraint_keys_each_phrase_once_by_its_first_word() -> None:
    excludes = (
        _constraint([("to", "talks"), ("x", "y")], "after", 3),
        _constraint([("peace", "talks")], "before", 3),
        _constraint([("to", "talks"), ("to",)], "after", 3),
    )
    joined = joined_by_window(excludes, {}, {})
    assert [(constraint.where, constraint.within) for constraint in joined] == [("after", 3), ("before", 3)]
    assert joined[0].by_first == {"to": (("to",), ("to", "talks")), "x": (("x", "y"),)}
    assert joined[0].label == "to talks, to talks"
    assert joined[1] is excludes[1]  # a window's only constraint is kept as it is
    lone = (excludes[0],)
    assert joined_by_window(lone, {}, {}) is lone
    assert joined_by_window((), {}, {}) == ()


def test_patterns_with_the_same_excludes_share_their_join_and_its_tables() -> None:
    tables: dict[Any, Any] = {}
    joins: dict[Any, Any] = {}
    table = {"to": (("to",),)}
    first = (Constraint(table, "after", 2, "to"), Constraint({"x": (("x", "y"),)}, "after", 2, "x y"))
    again = (Constraint(table, "after", 2, "to"), Constraint(first[1].by_first, "after", 2, "x y"))
    joined = joined_by_window(first, tables, joins)
    assert joined_by_window(again, tables, joins) is joined
    same_phrases = (Constraint({"x": (("x", "y"),)}, "before", 1, "x y"), Constraint(table, "before", 1, "to"))
    assert joined_by_window(same_phrases, tables, joins)[0].by_first is joined[0].by_first


def test_the_codebooks_patterns_check_their_excludes_joined(codebook: Any) -> None:
    several = 0
    for pattern in codebook.patterns:
        if len(pattern.excludes) < 2:
            assert pattern.exclusions is pattern.excludes
            continue
        several += 1
        windows = list(dict.fromkeys((constraint.where, constraint.within) for constraint in pattern.excludes))
        assert [(constraint.where, constraint.within) for constraint in pattern.exclusions] == windows
        for constraint in pattern.exclusions:
            phrases = {
                p
                for c in pattern.excludes
                if (c.where, c.within) == (constraint.where, constraint.within)
                for found in c.by_first.values()
                for p in found
            }
            assert {p for found in constraint.by_first.values() for p in found} == phrases
        if pattern.paired is not None:
            assert pattern.paired.exclusions is pattern.exclusions
    assert several


@settings(max_examples=200, deadline=None)
@given(st.data(), st.booleans())
def test_the_codebooks_own_exclusions_hold_where_any_of_its_excludes_holds(
    codebook: Any, data: st.DataObject, native: bool
) -> None:
    several = [pattern for pattern in codebook.patterns if len(pattern.excludes) > 1]
    pattern = data.draw(st.sampled_from(several))
    vocabulary = sorted({word for c in pattern.excludes for found in c.by_first.values() for p in found for word in p})
    words = data.draw(st.lists(st.sampled_from([*vocabulary, "said", "x"]), min_size=2, max_size=16))
    norms = tuple(parse_sentence(" ".join(words)).norms)
    start = data.draw(st.integers(min_value=0, max_value=len(norms) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=min(len(norms), start + 3)))
    plain = any(_plain_holds(norms, constraint, start, end) for constraint in pattern.excludes)
    assert _any_joined_holds(norms, pattern.exclusions, start, end, native) == plain
