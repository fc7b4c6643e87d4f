"""ASCII text holding white space other than " " (\\t-\\r, \\x1c-\\x1f) is not split at spaces: `token_columns` no
longer looks for those nine characters in every text, but `_spaced_ascii_columns` gives up (None) where the pattern it
runs on a chunk it cannot take whole matches nothing, and only such a chunk can hold one. Held here, in both build
forms (`NATIVE_LOOPS`), to the plain ordered alternation of tests/test_tokenize_columns.py on spaced ASCII with those
characters anywhere (inside words, numbers, marks, abbreviations and initials, and between them), and the spaced
path to give up exactly on such text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tokenize_columns import SPACED_ASCII_PIECES, _reference
from test_tokenize_native_forms import in_both_forms

from eventcoder.text import tokenize

OTHER_SPACES = ["\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"]
PIECES = [*SPACED_ASCII_PIECES, "G7", "12abc", "3rd", "Mr.", "J.", "\x00", "\x7f", *OTHER_SPACES]


def _holds_other_space(text: str) -> bool:
    return any(space in text for space in OTHER_SPACES)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_token_columns_equal_the_reference_with_other_white_space(text: str) -> None:
    assert in_both_forms(tokenize, lambda: tokenize.token_columns(text)) == [_reference(text)] * 2


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_spaced_path_gives_up_exactly_on_other_white_space(text: str) -> None:
    found = in_both_forms(tokenize, lambda: tokenize._spaced_ascii_columns(text))
    if _holds_other_space(text):
        assert found == [None, None]
    else:
        assert found == [_reference(text)] * 2


@pytest.mark.parametrize("space", OTHER_SPACES)
@pytest.mark.parametrize(
    "template",
    ["a{}b", "Freedonia{}", "{}said", "3{}5", "3.5{}", "({}x)", '"x{}"', "Mr.{}Smith", "J.{}Doe", "x-{}y", "x,{}"],
)
def test_each_white_space_in_each_kind_of_chunk(template: str, space: str) -> None:
    text = "The army " + template.format(space) + " said."
    assert in_both_forms(tokenize, lambda: tokenize._spaced_ascii_columns(text)) == [None, None]
    assert in_both_forms(tokenize, lambda: tokenize.token_columns(text)) == [_reference(text)] * 2
