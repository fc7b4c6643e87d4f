"""The event matcher's seventh speed pass: `find_candidates` makes its memo of part-of-speech guesses only where a
start may need a second guess (several phrases start there, or the one phrase's forms differ in their tags); its
candidates are still those of the plain search, at starts of each kind."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths4 import WORDS
from test_events_fast_paths5 import _candidates

# trigger words whose phrase's forms differ in their tags (the trie node has no shared tag), and words that start
# several trigger phrases
MIXED_TAGS = ["looting", "fires", "guarantee", "kidnap", "appeals", "censure", "tour", "scuffle", "curfews"]
SENTENCES = [
    "Rebels were looting shops in the capital on Monday.",
    "Sylvania appeals for humanitarian aid after the army fires on protesters.",
    "Freedonia will guarantee the ceasefire and censure Sylvania for the curfews.",
    "Gunmen kidnap two aid workers, and a scuffle broke out during the president's tour.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_candidates_at_starts_with_mixed_tags_are_those_of_the_plain_search(codebook: Any, text: str) -> None:
    by_matcher, by_plain = _candidates(text, codebook)
    assert by_matcher == by_plain and by_plain


def test_the_mixed_tag_words_start_phrases_without_a_shared_tag(codebook: Any) -> None:
    """The words above are what the tests take them for: each starts a trigger phrase whose forms differ in tag."""
    for word in MIXED_TAGS:
        forms, _, tag, _, _ = codebook.trigger_index.words[word]
        assert forms and tag is None, word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + MIXED_TAGS), min_size=1, max_size=16))
def test_the_candidates_are_those_of_the_plain_search(codebook: Any, words: list[str]) -> None:
    by_matcher, by_plain = _candidates(" ".join(words), codebook)
    assert by_matcher == by_plain
