"""The sixteenth session's forms of the actor finder give what the plain computations give: `find_mentions` in both
of its build forms (`NATIVE_LOOPS`, both run here in pure Python) finds the same mentions, pronouns among them (found
where `_scan` marks them, in both builds, since the eighteenth session: a native loop over the keys compiled and
`positions_of` in pure Python before)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from test_tokenize_native_forms import in_both_forms

from eventcoder import actors
from eventcoder.actors import Discourse, find_mentions
from eventcoder.parse import parse_sentence

DAY = dt.date(2024, 1, 1)

PRONOUN_WORDS = ["he", "him", "his", "she", "her", "its", "they", "them", "their", "it", "is", "unclear", "wife"]
WORDS = PRONOUN_WORDS + ["Russia", "police", "rebels", "President", "Putin", "the", "army", "met", "said", ",", '"']


def _sentences_in_both_forms(codebook: Any, texts: list[str]) -> list[list[list[Any]]]:
    def code() -> list[list[Any]]:
        discourse = Discourse()
        found = []
        for text in texts:
            mentions = find_mentions(parse_sentence(text, codebook.words.attribution_verbs), codebook, DAY, discourse)
            discourse.remember(mentions)
            found.append(mentions)
        return found

    return in_both_forms(actors, code)


def test_both_forms_find_the_same_pronouns(codebook: Any) -> None:
    by_loop, by_scan = _sentences_in_both_forms(
        codebook, ["President Putin met the army.", "He said they and his wife saw it, and it is unclear."]
    )
    assert by_loop == by_scan
    assert [mention.text for mention in by_loop[1] if mention.pronoun] == ["He", "his", "it"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=3))
def test_both_forms_find_the_same_pronouns_on_any_sentences(codebook: Any, texts: list[str]) -> None:
    by_loop, by_scan = _sentences_in_both_forms(codebook, ["Russia and the rebels met President Putin.", *texts])
    assert by_loop == by_scan
