"""The event matcher's ninth speed pass holds its joined `excludes` to the plain reading: a pattern's `excludes` that
look at the same window, joined into one constraint (`events._joined_by_window`), hold where any of them holds,
for constraints written here of any side, reach and phrases and for the default codebook's own patterns with
several, in both forms of the window scan; the memo that keeps them (`TriggerIndex.exclusions`) is no part of
the index's value, pickles or copies. A gate's patterns, which the matcher tells by their `requires`, are its
phrase's patterns with one."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths import PHRASES, WORDS, _plain_holds

from eventcoder import events
from eventcoder.codebook.compile import Constraint
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
    parse = parse_sentence(" ".join(norms))
    assert parse.norms == norms
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(events, "NATIVE_LOOPS", native)  # read at each call in pure Python (compiled: one form)
        return any(events._constraint_holds(parse, constraint, start, end) for constraint in joined)


@settings(max_examples=400, deadline=None)
@given(
    specs=st.lists(CONSTRAINTS, min_size=2, max_size=6),
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    one_window=st.booleans(),
    native=st.booleans(),
    data=st.data(),
)
def test_joined_excludes_hold_where_any_of_them_holds(
    specs: list[tuple[list[tuple[str, ...]], str, int]], words: list[str], one_window: bool, native: bool, data: Any
) -> None:
    if one_window:  # all of the first's window: they join into one
        specs = [(phrases, specs[0][1], specs[0][2]) for phrases, _, _ in specs]
    excludes = tuple(_constraint(*spec) for spec in specs)
    joined = events._joined_by_window(excludes)
    windows = list(dict.fromkeys((constraint.where, constraint.within) for constraint in excludes))
    assert [(constraint.where, constraint.within) for constraint in joined] == windows
    if one_window:
        assert len(joined) == 1
    norms = tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(norms) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(norms)))
    plain = any(_plain_holds(norms, constraint, start, end) for constraint in excludes)
    assert _any_joined_holds(norms, joined, start, end, native) == plain


def test_a_joined_constraint_keys_each_phrase_once_by_its_first_word() -> None:
    excludes = (
        _constraint([("to", "talks"), ("x", "y")], "after", 3),
        _constraint([("to", "talks"), ("to",)], "after", 3),
        _constraint([("peace", "talks")], "before", 3),
    )
    joined = events._joined_by_window(excludes)
    assert [(constraint.where, constraint.within) for constraint in joined] == [("after", 3), ("before", 3)]
    assert joined[0].by_first == {"to": (("to",), ("to", "talks")), "x": (("x", "y"),)}
    assert joined[1].by_first == {"peace": (("peace", "talks"),)}
    assert joined[0].label == "to talks, to talks"


@settings(max_examples=200, deadline=None)
@given(st.data(), st.booleans())
def test_the_codebooks_own_excludes_joined_hold_where_any_of_them_holds(
    codebook: Any, data: st.DataObject, native: bool
) -> None:
    several = [pattern for pattern in codebook.patterns if len(pattern.excludes) > 1]
    assert several
    pattern = data.draw(st.sampled_from(several))
    joined = events._joined_by_window(pattern.excludes)
    vocabulary = sorted({word for c in pattern.excludes for found in c.by_first.values() for p in found for word in p})
    words = data.draw(st.lists(st.sampled_from([*vocabulary, "said", "x"]), min_size=2, max_size=16))
    norms = tuple(parse_sentence(" ".join(words)).norms)
    start = data.draw(st.integers(min_value=0, max_value=len(norms) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=min(len(norms), start + 3)))
    plain = any(_plain_holds(norms, constraint, start, end) for constraint in pattern.excludes)
    assert _any_joined_holds(norms, joined, start, end, native) == plain


def test_the_memo_of_joined_excludes_is_no_part_of_the_trigger_index(codebook: Any) -> None:
    index = codebook.trigger_index
    copied = pickle.loads(pickle.dumps(index))
    index.exclusions["a pattern id"] = ()
    try:
        assert copied.exclusions == {}
        assert copied == index
    finally:
        del index.exclusions["a pattern id"]


def test_a_gates_patterns_are_those_of_its_phrase_with_a_requires(codebook: Any) -> None:
    """`find_candidates` passes over a form of a gated phrase whose pattern has a `requires` the gate did not open,
    telling the gate's patterns by their `requires` rather than by `RequiresGate.gated`: the two are the same."""
    index = codebook.trigger_index
    assert index.gates
    for phrase, gate in index.gates.items():
        forms = index.forms[phrase]
        assert gate.gated == {form.pattern for form in forms if codebook.patterns[form.pattern].requires}
