"""The tokeniser's two build-specific forms (`NATIVE_LOOPS`) give the same tokens: which ASCII chunks
`token_columns` takes whole, or as a word and its comma or period, is decided by `isalnum`, a first character
past "9" and `isdigit` in the compiled build and by `isalpha` and `isdigit` in pure Python; the keys are each
word's `lower` (a one-character word that is no capital its own key) compiled and one `lower` of the joined words in
pure Python. Both are run here in pure Python (the flag is read at each call) and held to the plain ordered
alternation of tests/test_tokenize_columns.py, on chunks of letters and digits in either order, with and without a
trailing comma or period, and to `normalize` of each word on any printable ASCII text."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tokenize_columns import SPACED_ASCII_PIECES, _reference

from eventcoder.text import tokenize
from eventcoder.text.tokenize import normalize

# chunks whose letters and digits mix (a word starting with a digit is a number and a word, not one token)
T = TypeVar("T")

PIECES = SPACED_ASCII_PIECES + ["G7", "M23", "COVID19", "A1", "x", "12abc", "3rd", "1990", "9", "0a", "Z9z"]


def in_both_forms(module: ModuleType, compute: Callable[[], T]) -> list[T]:
    """What `compute()` gives with `module.NATIVE_LOOPS` true, then false: both forms of each place of the module
    that has two, run in pure Python."""
    found = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        for native in (True, False):
            monkeypatch.setattr(module, "NATIVE_LOOPS", native)
            found.append(compute())
    return found


def _both_forms(text: str) -> list[tuple[tuple[object, ...], ...]]:
    return in_both_forms(tokenize, lambda: tokenize.token_columns(text))


@pytest.mark.parametrize(
    "text",
    [
        "The G7 met M23 rebels, COVID19 cases rose in 2020, 12abc 3rd A1. B2, x9. Mr. Jan. 5.",
        "0a 9 99, 99. a1b2c3 Ab. Co. G7. G7, 1990s. 16th,",
        "A b Z z I @ [ ] ^ ` { ~ _ McCain iPhone NATO's A. Z, a.",
    ],
)
def test_both_forms_equal_the_reference(text: str) -> None:
    assert _both_forms(text) == [_reference(text)] * 2


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_both_forms_equal_the_reference_on_spaced_ascii(text: str) -> None:
    assert _both_forms(text) == [_reference(text)] * 2


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80))
def test_both_forms_key_each_word_by_normalize(text: str) -> None:
    for words, norms, _ in _both_forms(text):
        assert norms == tuple(map(normalize, words))
