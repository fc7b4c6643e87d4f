"""The compiled segmenter finds the sentence boundaries of a paragraph without "!" or "?" by a native loop over its
periods (`_period_boundaries`); the loop gives the matches of the periods-only pattern, with the end of the white
space after each, on any text, and `split_sentences` in either build's form (`NATIVE_LOOPS`) gives the spans of the
plain computation (tests/test_segment_fast_paths.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_segment_fast_paths import PIECES, _reference_split
from test_tokenize_native_forms import in_both_forms

from eventcoder.text import segment
from eventcoder.text.segment import _PERIOD_BOUNDARY_RE, _matched_boundaries, _period_boundaries

# marks, closers and openers, every kind of white space, capitals, digits and other letters
ALPHABET = ".!?\"'\u201d\u2019)]\u201c\u2018([ \t\n\u00a0\u2003\x1cAZ09az\u00c9"


def _both_forms(text: str) -> list[list[tuple[int, int]]]:
    return in_both_forms(segment, lambda: segment.split_sentences(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        ".",
        "A. B",
        "Freedonia protested. Sylvania replied.",
        'He said "no." Then he left. (He was sure.) [It ended.]  "Done." \u201cYes.\u201d 3.5 km. 10 died.',
        "Wait... What happened.. Nothing.\u2003And then\u00a0Mr. X came.\t\u2018No.\u2019 Ok. ( x. (A",
        ". .. A.. B. .C .\n\nD",
    ],
)
def test_period_boundaries_are_the_pattern_matches(text: str) -> None:
    assert _period_boundaries(text) == _matched_boundaries(_PERIOD_BOUNDARY_RE, text)
    assert _both_forms(text) == [_reference_split(text)] * 2


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_period_boundaries_are_the_pattern_matches_on_any_text(text: str) -> None:
    assert _period_boundaries(text) == _matched_boundaries(_PERIOD_BOUNDARY_RE, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_period_boundaries_are_the_pattern_matches_on_any_characters(text: str) -> None:
    assert _period_boundaries(text) == _matched_boundaries(_PERIOD_BOUNDARY_RE, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_both_forms_split_as_the_plain_computation(text: str) -> None:
    assert _both_forms(text) == [_reference_split(text)] * 2
