"""The event matcher's fourth speed pass holds its shortcuts to the plain computations: the trigger starts of a
sentence found by a native loop (the compiled build's form) or by C iterators (the pure-Python form) give the
same candidates, and `read_modality` reads a trigger with no cue near it without finding its clause (that
shortcut is tested against the plain reading in tests/test_events_fast_paths2.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import events
from eventcoder.actors import Discourse, find_mentions
from eventcoder.codebook.compile import CONDITION_CUES, MODALITY_WORDS
from eventcoder.parse import NEGATIONS, parse_sentence

# trigger words and phrases of the default codebook, with words that open or close their windows and fillers
WORDS = ["in", "said", "attacked", "talks", "met", "with", "the", "rebels", "police", "arrested", "protest"]
WORDS += ["held", "a", "strike", "on", "ukraine", "russia", "accused", "of", '"', "'", "to", "not", "criticism"]
WORDS += ["drew", "from", "carried", "out", "visit", "agreed", "aid", "sanctions", "imposed", ",", "and", "x"]


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
