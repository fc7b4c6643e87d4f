"""The event matcher's fourth speed pass holds its shortcuts to the plain computations: the trigger starts of a
sentence found by a native loop (the compiled build's form) or by C iterators (the pure-Python form) give the
same candidates, as a constraint's window search and a `requires` gate's window do, and `read_modality` reads a
trigger with no cue near it without finding its clause (that shortcut is tested against the plain reading in
tests/test_events_fast_paths2.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths import PHRASES, _plain_holds
from test_events_fast_paths import WORDS as CONSTRAINT_WORDS

from eventcoder import events
from eventcoder.actors import Discourse, find_mentions
from eventcoder.codebook.compile import CONDITION_CUES, MODALITY_WORDS, Constraint, RequiresGate
from eventcoder.parse import NEGATIONS, parse_sentence

# trigger words and phrases of the default codebook, with words that open or close their windows and fillers
WORDS = ["in", "said", "attacked", "talks", "met", "with", "the", "rebels", "police", "arrested", "protest"]
WORDS += ["held", "a", "strike", "on", "ukraine", "russia", "accused", "of", '"', "'", "to", "not", "criticism"]
WORDS += ["drew", "from", "carried", "out", "visit", "agreed", "aid", "sanctions", "imposed", ",", "and", "x"]

# pattern sets of a gate's words: shared ones (one object under two words, as the codebook stores them) and others
SHARED = frozenset({1, 2})
NUMBER_SETS = [SHARED, SHARED, frozenset({3}), frozenset({2, 4})]


def _candidates(text: str, codebook: Any, native: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    parse = parse_sentence(text, codebook.words.attribution_verbs)
    mentions = find_mentions(parse, codebook, dt.date(2024, 1, 1), Discourse())
    monkeypatch.setattr(events, "NATIVE_LOOPS", native)  # read at each call in pure Python (compiled: one form)
    found = events.find_candidates(parse, codebook, mentions)
    return [(c.pattern.id, c.index, c.start, c.end, c.pos, c.passive) for c in found]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=16))
def test_trigger_starts_by_either_form_give_the_same_candidates(codebook: Any, words: list[str]) -> None:
    text = " ".join(words)
    with pytest.MonkeyPatch.context() as monkeypatch:
        by_loop = _candidates(text, codebook, True, monkeypatch)
        by_iterators = _candidates(text, codebook, False, monkeypatch)
    assert by_loop == by_iterators


def test_trigger_starts_of_a_sentence_with_events(codebook: Any) -> None:
    text = 'Russian troops attacked Ukraine on Monday, and the police arrested "dozens" of protesters in Kyiv.'
    with pytest.MonkeyPatch.context() as monkeypatch:
        by_loop = _candidates(text, codebook, True, monkeypatch)
        by_iterators = _candidates(text, codebook, False, monkeypatch)
    assert by_loop == by_iterators and len(by_loop) >= 2


def test_the_engine_words_unions_are_those_read_modality_reads(codebook: Any) -> None:
    words = codebook.words
    cues = words.denial_cues | words.failure_cues | words.hypothetical_modals | words.intent_cues
    assert words.modality_cues == cues | NEGATIONS | MODALITY_WORDS
    assert words.clause_cues == CONDITION_CUES | words.report_adverbs


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(CONSTRAINT_WORDS), min_size=1, max_size=14),
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4, unique=True),
    st.sampled_from(["after", "before", "around"]),
    st.integers(min_value=1, max_value=6),
    st.booleans(),
    st.data(),
)
def test_constraint_holds_by_either_form_as_the_plain_window_search(
    words: list[str], phrases: list[tuple[str, ...]], where: str, within: int, native: bool, data: st.DataObject
) -> None:
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    constraint = Constraint(by_first, where, within)
    parse = parse_sentence(" ".join(words))
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(words)))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(events, "NATIVE_LOOPS", native)
        holds = events._constraint_holds(parse, constraint, start, end)
    assert holds == _plain_holds(parse.norms, constraint, start, end)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(CONSTRAINT_WORDS), min_size=1, max_size=14),
    st.dictionaries(st.sampled_from(CONSTRAINT_WORDS), st.sampled_from(NUMBER_SETS), max_size=4),
    st.dictionaries(st.sampled_from(CONSTRAINT_WORDS), st.sampled_from(NUMBER_SETS), max_size=4),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
    st.data(),
)
def test_the_gate_opens_the_same_patterns_by_either_form(
    words: list[str],
    opens_before: dict[str, frozenset[int]],
    opens_after: dict[str, frozenset[int]],
    before: int,
    after: int,
    data: st.DataObject,
) -> None:
    norms = tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(words)))
    gated = frozenset().union(*opens_before.values(), *opens_after.values())
    gate = RequiresGate(before, after, opens_before, opens_after, gated, frozenset())
    # the plain reading: the union of the patterns each word in the window opens on its side of the trigger
    plain = {number for word in norms[max(0, start - before) : start] for number in opens_before.get(word, ())}
    plain |= {number for word in norms[end : end + after] for number in opens_after.get(word, ())}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for native in (True, False):
            monkeypatch.setattr(events, "NATIVE_LOOPS", native)
            assert set(events._opened(norms, gate, start, end)) == plain
