"""The event matcher's eighth speed pass holds its gates to their promise: a `requires` gate keys a constraint's
phrases by side (a word before the trigger opens only the patterns that look before it) and, after the trigger, by
their first word that is no preposition or determiner, and still opens every pattern whose first `requires`
holds, for constraints of any side, reach and phrases (patterns written here, sentences drawn from their words).
The positions a gate keeps of its phrase's forms are tested against the forms in tests/test_trigger_index.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths import _plain_holds

from eventcoder import events
from eventcoder.codebook.compile import Constraint, Pattern, _key_word, requires_gate

# phrases led by prepositions and determiners (keyed by a later word after the trigger), by other words, and made
# of such words only (keyed by their first)
PHRASES = [
    ("in", "support", "of"),
    ("in", "support"),
    ("for", "talks"),
    ("for", "the", "talks"),
    ("to",),
    ("to", "the"),
    ("the", "talks"),
    ("talks",),
    ("support", "for"),
    ("aid",),
]
WORDS = ["in", "support", "of", "for", "talks", "to", "the", "aid", "said", "x"]


def _pattern(number: int, phrases: list[tuple[str, ...]], where: str, within: int) -> Pattern:
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    requires = (Constraint(by_first, where, within),)
    return Pattern(f"p{number}", "010", None, requires, (), (), ("subject",), ("object",), False, None, 10)


CONSTRAINTS = st.tuples(
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3, unique=True),
    st.sampled_from(["after", "before", "around"]),
    st.integers(min_value=1, max_value=5),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(CONSTRAINTS, min_size=4, max_size=7),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=16),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_a_gate_opens_every_pattern_whose_first_requires_holds(
    constraints: list[tuple[list[tuple[str, ...]], str, int]],
    words: list[str],
    one_reach: bool,
    native: bool,
    data: st.DataObject,
) -> None:
    if one_reach:  # every pattern's reach the first's: no wider reach of another hides a window cut short
        constraints = [(phrases, where, constraints[0][2]) for phrases, where, _ in constraints]
    patterns = [_pattern(number, *constraint) for number, constraint in enumerate(constraints)]
    gate = requires_gate(range(len(patterns)), patterns, set())
    assert gate is not None
    norms = tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(norms) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(norms)))
    original = events.NATIVE_LOOPS
    events.NATIVE_LOOPS = native  # read at each call in pure Python (compiled: one form)
    try:
        opened = events._opened(norms, gate, start, end)
    finally:
        events.NATIVE_LOOPS = original
    for number, pattern in enumerate(patterns):
        if _plain_holds(norms, pattern.requires[0], start, end):
            assert number in opened


def test_a_phrase_is_keyed_by_its_first_word_that_is_no_preposition_or_determiner() -> None:
    assert [_key_word(phrase) for phrase in PHRASES] == [1, 1, 1, 2, 0, 0, 1, 0, 0, 0]


@pytest.mark.parametrize("within", [1, 2, 3])
@pytest.mark.parametrize("phrase", [("in", "support"), ("for", "the", "talks"), ("in", "support", "of")])
def test_a_phrase_keyed_by_a_later_word_opens_at_the_end_of_its_window(within: int, phrase: tuple[str, ...]) -> None:
    patterns = [_pattern(number, [phrase], "after", within) for number in range(4)]
    gate = requires_gate(range(4), patterns, set())
    assert gate is not None
    norms = ("said", *["x"] * (within - 1), *phrase)  # the phrase starts at the last place of the window
    assert _plain_holds(norms, patterns[0].requires[0], 0, 1)
    assert events._opened(norms, gate, 0, 1) == {0, 1, 2, 3}
