"""A trailing attribution (', X said.') is found in the form cheaper in the running build (`NATIVE_LOOPS`): whether a
verb follows a comma by a native loop over the words after it compiled, by `isdisjoint` on their slice in pure
Python; and the rare words of a sentence are sought among the keys of their own length. Both forms are run here in
pure Python (the flag is read at each call) and held to the plain computation: the last comma within the sentence's
last nine words (before its closing marks) after which one of the verbs stands, and the parse of every sentence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_parse_rare_marks import VERBS, _plain_parse
from test_tokenize_native_forms import in_both_forms

from eventcoder import parse
from eventcoder.parse import _trailing_attribution, parse_sentence

KEYS = [",", ".", "!", "?", '"', "said", "says", "told", "the", "army", "iran", "who", "whom", "whose", "which"]
KEYS += ["wh", "according", "accordin", "to", "a", "officials", "and", "thewho", "whichs"]


def _plain_trailing_attribution(norms: tuple[str, ...], verbs: frozenset[str]) -> tuple[int, int]:
    count = last = len(norms)
    while last > 0 and norms[last - 1] in (".", "!", '"', "”", "?"):
        last -= 1
    for index in range(last - 1, max(last - 9, 0), -1):
        if norms[index] == "," and any(word in verbs for word in norms[index + 1 : last]):
            return index, count
    return count, count


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(KEYS), max_size=30).map(tuple))
def test_both_forms_find_the_plain_trailing_attribution(norms: tuple[str, ...]) -> None:
    starts = tuple(range(len(norms)))  # every comma within reach of the offset test
    found = in_both_forms(parse, lambda: _trailing_attribution(norms, VERBS, starts, len(norms)))
    assert found == [_plain_trailing_attribution(norms, VERBS)] * 2


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*KEYS, "Who", "WHICH", "According", "Said"]), max_size=30).map(" ".join))
def test_both_forms_parse_as_the_plain_parse(text: str) -> None:
    assert in_both_forms(parse, lambda: parse_sentence(text, VERBS)) == [_plain_parse(text)] * 2
