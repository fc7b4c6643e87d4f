"""The event matcher's fifth speed pass: `find_candidates` keys its part-of-speech guesses by a form's tag alone,
which holds while each tag belongs to one part of speech, as the codebook compiler inflects them; and its
candidates (trie, gates, memo, and the compiled build's boxed pattern numbers) are those of the plain search."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths4 import WORDS
from test_trigger_index import forms_by_phrase

from eventcoder import events
from eventcoder.actors import Discourse, find_mentions
from eventcoder.codebook.compile import inflect_phrase
from eventcoder.parse import parse_sentence
from eventcoder.slots import governing_support_verb

VERB_TAGS = frozenset({"VB", "VBD", "VBN", "VBG", "VBZ"})
NOUN_TAGS = frozenset({"NN", "NNS"})
# triggers of gated phrases (many patterns with a `requires`) and words that open their gates
GATE_WORDS = ["requests", "appeal", "pushed", "for", "offered", "pledges", "called", "aid", "talks", "ceasefire"]
SENTENCES = [
    'Russian troops attacked Ukraine on Monday, and the police arrested "dozens" of protesters in Kyiv.',
    "The government appealed for humanitarian aid and pushed for a ceasefire after the rebels attacked the town.",
    "Thousands marched in the capital to protest the new law, and officials offered talks with the opposition.",
    "Israel carried out airstrikes on Gaza, while Egypt pledged to mediate a truce between the two sides.",
]


def test_every_trigger_forms_tag_names_its_part_of_speech(codebook: Any) -> None:
    kinds = {(form.pos, form.base) for forms in forms_by_phrase(codebook).values() for form in forms}
    assert {base for pos, base in kinds if pos == "V"} <= VERB_TAGS
    assert {base for pos, base in kinds if pos == "N"} <= NOUN_TAGS
    assert {pos for pos, _ in kinds} == {"V", "N"}


@pytest.mark.parametrize("phrase", ["attack", "carry out airstrike", "state of emergency", "face-to-face", "7"])
def test_the_compiler_inflects_each_part_of_speech_to_its_own_tags(phrase: str) -> None:
    assert set(inflect_phrase(phrase, "V").values()) <= VERB_TAGS
    assert set(inflect_phrase(phrase, "N").values()) <= NOUN_TAGS


def _plain_candidates(parse: Any, codebook: Any, mentions: Any) -> list[tuple[Any, ...]]:
    """`find_candidates` stated plainly: at each start outside the attribution, a quotation and the actor names,
    the phrases longest first, each form's guess made from its own part of speech and tag, every `requires` and
    no `excludes` checked (no trie, no gate, no memo)."""
    norms = parse.norms
    forms_of = forms_by_phrase(codebook)
    longest = max(len(phrase) for phrase in forms_of)
    words = codebook.words
    found: list[tuple[Any, ...]] = []
    for start in range(len(norms)):
        if parse.attributed(start) or parse.quoted[start] or any(m.start <= start < m.end for m in mentions):
            continue
        seen: set[int] = set()
        noun_too = norms[start] in codebook.trigger_index.noun_ing
        for end in range(min(len(norms), start + longest), start, -1):
            for form in forms_of.get(norms[start:end], ()):
                tag = (form.pos, form.base)
                if form.pattern in seen or not events._plausible(
                    tag, parse, start, mentions, words.bare_infinitive_verbs, noun_too
                ):
                    continue
                seen.add(form.pattern)
                pattern = codebook.patterns[form.pattern]
                if not all(events._constraint_holds(parse, c, start, end) for c in pattern.requires) or any(
                    events._constraint_holds(parse, c, start, end) for c in pattern.excludes
                ):
                    continue
                passive = events._is_passive(norms, tag, start, end) or (
                    form.pos == "N" and governing_support_verb(parse, start, words.receiving_verbs) is not None
                )
                found.append((pattern.id, start, end, form.pos, passive))
    return found


def _candidates(text: str, codebook: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    parse = parse_sentence(text, codebook.words.attribution_verbs)
    mentions = find_mentions(parse, codebook, dt.date(2024, 1, 1), Discourse())
    found = events.find_candidates(parse, codebook, mentions)
    return [(c.pattern.id, c.start, c.end, c.pos, c.passive) for c in found], _plain_candidates(
        parse, codebook, mentions
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + GATE_WORDS), min_size=1, max_size=16))
def test_the_candidates_are_those_of_the_plain_search(codebook: Any, words: list[str]) -> None:
    by_matcher, by_plain = _candidates(" ".join(words), codebook)
    assert by_matcher == by_plain


@pytest.mark.parametrize("text", SENTENCES)
def test_the_candidates_of_sentences_with_events_are_those_of_the_plain_search(codebook: Any, text: str) -> None:
    by_matcher, by_plain = _candidates(text, codebook)
    assert by_matcher == by_plain and by_plain
