"""The event matcher's sixth speed pass holds its shortcuts to the plain computations: the forms of a gated phrase tried
when its window opens some of its patterns are those whose pattern is opened or not closed by the gate (`alone`), in
order (found from the positions of forms the gate keeps); a phrase's forms need no set of the patterns tried at a
start only where no two of them anchor one pattern (the trie's `distinct` flag, tested against the forms in
tests/test_trigger_index.py; the candidates against the plain search in
tests/test_events_fast_paths5.py); and the records of the candidates dropped are `Dropped` records, each naming its
candidate and a reason; and `read_modality`'s test for a cue in a window gives, by either build's form, the
plain search's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import events
from eventcoder.actors import Discourse, find_mentions
from eventcoder.codebook.compile import RequiresGate, TriggerForm, form_places
from eventcoder.parse import parse_sentence

NUMBERS = st.integers(min_value=0, max_value=1000)  # above 256 too: not the interpreter's cached small ints


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(NUMBERS, st.sampled_from(["V", "N"])), max_size=20),
    st.frozensets(NUMBERS, max_size=4),
    st.frozensets(NUMBERS, max_size=12),
)
def test_the_forms_a_gate_opens_as_the_plain_filter(
    numbered: list[tuple[int, str]], opened: frozenset[int], alone: frozenset[int]
) -> None:
    forms = tuple(TriggerForm(("word",), number, pos, "VB" if pos == "V" else "NN") for number, pos in numbered)
    # forms whose numbers were drawn from the sets too, so that each case keeps and drops some
    forms += tuple(TriggerForm(("word",), number, "V", "VBD") for number in sorted(opened | alone))
    plain = tuple(form for form in forms if form.pattern in opened or form.pattern not in alone)
    # the gate as the codebook compiler makes it: the positions of the forms of `unopened` and of each lone pattern's
    unopened = tuple(form for form in forms if form.pattern not in alone)
    unopened_at, lone_at = form_places(forms, alone)
    gate = RequiresGate(0, 0, {}, {}, opened | alone, alone, unopened, unopened_at, lone_at)
    assert events._forms_opened(forms, opened, gate) == plain


# sentences whose candidates the policies drop: overlaps, a verb and its event noun, a controlled complement, the
# content of a demand, no source actor
DROPPING = [
    "Freedonia threatened to impose sanctions on Sylvania and demanded that it release the prisoners.",
    "The rebels staged a hunger strike and attacked the town, and protesters were arrested.",
    "Sylvania agreed to share information and refused to deploy troops.",
]


@pytest.mark.parametrize("text", DROPPING)
def test_the_dropped_candidates_are_dropped_records(codebook: Any, text: str) -> None:
    parse = parse_sentence(text, codebook.words.attribution_verbs)
    mentions = find_mentions(parse, codebook, dt.date(2024, 1, 1), Discourse())
    _, dropped = events.match_events(parse, codebook, mentions, [])
    assert dropped
    for record in dropped:
        assert type(record) is events.Dropped
        assert record.reason and isinstance(record.candidate, events.Candidate)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["if", "said", "not", "reportedly", "the", "talks", ",", "would"]), max_size=12),
    st.frozensets(st.sampled_from(["if", "unless", "not", "reportedly", "would"]), max_size=3),
    st.integers(min_value=0, max_value=14),
    st.integers(min_value=0, max_value=16),
    st.booleans(),
)
def test_no_cue_in_a_window_by_either_form_as_the_plain_search(
    norms: list[str], cues: frozenset[str], begin: int, stop: int, native: bool
) -> None:
    plain = not any(word in cues for word in norms[begin:stop])
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(events, "NATIVE_LOOPS", native)
        assert events._no_cue(cues, tuple(norms), begin, stop) == plain
