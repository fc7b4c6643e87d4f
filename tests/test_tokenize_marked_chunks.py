"""`_marked_chunk_tokens` splits the chunks of spaced ASCII text that open or close with marks, or hold hyphenated
words or numbers, without the token pattern: wherever it gives tokens they are the ones the plain ordered
alternation (tests/test_tokenize_columns.py) finds there, at the end of the text or before a space and more text,
in both build forms of `token_columns`; and it takes the chunks it is meant to take."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tokenize_columns import _reference
from test_tokenize_native_forms import in_both_forms

from eventcoder.text import tokenize
from eventcoder.text.tokenize import _is_number, _marked_chunk_tokens

# marks, words (abbreviations, initials, ordinals and decades among them), numbers, hyphens and what is neither
PIECES = ['"', "(", ")", ",", ".", ":", ";", "-", "'", "'s", "_", "!", "Mr", "No", "St", "Jr", "P", "a", "US",
          "said", "G20", "al", "Sadr", "8", "16", "2", "1990s", "16th", "1st", "3rd", "2nd", "s", "th", "x1"]
FOLLOWERS = ["", " Smith", " 5", " ,", ' "', " .", "  said"]


def _chunk_tokens_in_context(chunk: str, follower: str) -> tuple[str, ...]:
    """The reference's tokens of `chunk` when `follower` comes after it."""
    words, _, starts = _reference(chunk + follower)
    return tuple(word for word, start in zip(words, starts, strict=True) if start < len(chunk))


@pytest.mark.parametrize(
    ("chunk", "tokens"),
    [
        ('"We', ['"', "We"]),
        ('closely,"', ["closely", ",", '"']),
        ('remain".', ["remain", '"', "."]),
        ("8.2", ["8.2"]),
        ("100,000.", ["100,000", "."]),
        ("10:30,", ["10:30", ","]),
        ("1990s.", ["1990s", "."]),
        ("16th,", ["16th", ","]),
        ("2019,", ["2019", ","]),
        ("al-Sadr", ["al", "-", "Sadr"]),
        ("Port-au-Prince.", ["Port", "-", "au", "-", "Prince", "."]),
        ('("Timor-Leste"),', ["(", '"', "Timor", "-", "Leste", '"', ")", ","]),
        ('",', ['"', ","]),
        ("(AP)", ["(", "AP", ")"]),
        ("P.", None),
        ("Mr.", None),
        ('"Mr.', None),
        ("Jr..", None),
        ("People's", None),
        ("a--b", None),
        ("-", None),
        ("U.S.", None),
        ("8..2", None),
        ("1990S", None),
        ("12ths", None),
        ("x_y", None),
    ],
)
def test_marked_chunks_table(chunk: str, tokens: list[str] | None) -> None:
    assert _marked_chunk_tokens(chunk) == tokens
    if tokens is not None:
        for follower in FOLLOWERS:
            assert tuple(tokens) == _chunk_tokens_in_context(chunk, follower)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join), st.sampled_from(FOLLOWERS))
def test_marked_chunk_tokens_are_the_reference_tokens(chunk: str, follower: str) -> None:
    tokens = _marked_chunk_tokens(chunk)
    if tokens is not None:
        assert tuple(tokens) == _chunk_tokens_in_context(chunk, follower)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=12))
def test_marked_chunk_tokens_on_any_printable_ascii_chunk(chunk: str) -> None:
    tokens = _marked_chunk_tokens(chunk)
    if tokens is not None:
        assert tuple(tokens) == _chunk_tokens_in_context(chunk, " A")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, " ", " ", " "]), max_size=30).map("".join))
def test_both_forms_of_token_columns_equal_the_reference_on_marked_chunks(text: str) -> None:
    assert in_both_forms(tokenize, lambda: tokenize.token_columns(text)) == [_reference(text)] * 2


# the number alternative of the token pattern, alone: what `_is_number`'s loop is held to
NUMBER_RE = re.compile(r"[0-9]+(?:[.,:][0-9]+)*(?:st|nd|rd|th|s)?")


@pytest.mark.parametrize(
    "part",
    ["", "8", "8.2", "100,000", "10:30", "1990s", "16th", "1st", "2nd", "3rd", "s", "th", ".5", "5.", "8..2",
     "1990S", "12ths", "1sts", "1.st", "1,000th", "x1", "1x", "1-2", "12t"],
)
def test_is_number_table(part: str) -> None:
    assert _is_number(part) == (NUMBER_RE.fullmatch(part) is not None)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="0123456789.,:stndrhSx-", max_size=8))
def test_is_number_is_the_number_alternative(part: str) -> None:
    assert _is_number(part) == (NUMBER_RE.fullmatch(part) is not None)
