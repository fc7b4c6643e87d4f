"""The parse of ASCII text finds its quotation marks as the words equal to '"' (a native loop compiled, C-level
scans in pure Python), whether a relative pronoun or "according" is among its keys by a native loop over them
compiled (substring searches of the text in lower case in pure Python), and rules out a trailing attribution by
the offset of the text's last comma; both forms give the plain parse (tests/test_parse_rare_marks.py: every word
tested against the quotation marks, every key scanned for the comma), with commas inside numbers ("100,000") and in
the attribution's window or before it, and words that hold the rare ones ("Whole", "accordingly")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_parse_fast_paths import _plain_quoted_flags
from test_parse_rare_marks import VERBS, _plain_parse
from test_tokenize_native_forms import in_both_forms

from eventcoder import parse
from eventcoder.parse import _trailing_attribution, parse_sentence
from eventcoder.text.tokenize import token_columns

PIECES = ['"', ",", ".", "?", "said", "says", "officials", "the", "a", "army", "Iran", "massive", "strike", "100,000",
          "3,5", "1,", "it", "We", '"We', 'said,"', "it.", "According", "to", "which", "WHO", "whose", "Whole",
          "whom", "whiches", "accordingly", "ACCORDING", "wHo"]


def _both_forms(text: str) -> list[parse.Parse]:
    return in_both_forms(parse, lambda: parse_sentence(text, VERBS))


@pytest.mark.parametrize(
    "text",
    [
        'He called it a "massive strike", officials said.',
        '"We will strike," the army said.',
        "Iran, the army said 100,000 people fled.",
        "The army said 100,000 fled, officials said.",
        "Iran, once more, and again and again and again and again, fled said.",
        '"',
        ",",
    ],
)
def test_ascii_marks_of_a_sentence_are_the_plain_ones(text: str) -> None:
    assert _both_forms(text) == [_plain_parse(text)] * 2


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join))
def test_ascii_marks_are_the_plain_ones(text: str) -> None:
    assert _both_forms(text) == [_plain_parse(text)] * 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"', "a", "said", ",", "."]), max_size=30).map(tuple))
def test_ascii_quotation_flags_are_the_plain_ones(words: tuple[str, ...]) -> None:
    if '"' in words:
        assert in_both_forms(parse, lambda: parse._quoted_flags(words, True)) == [_plain_quoted_flags(words)] * 2


def test_a_comma_before_the_window_rules_the_attribution_out() -> None:
    text = "Iran, the army and the navy and the air force struck the port at dawn today."
    _, norms, starts = token_columns(text)
    assert _trailing_attribution(norms, VERBS, starts, text.rfind(",")) == (len(norms), len(norms))
    assert _trailing_attribution(norms, VERBS, starts, len(text)) == (len(norms), len(norms))
