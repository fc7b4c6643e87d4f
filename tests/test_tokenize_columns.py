"""The hot path's tokeniser is a faster form of the plain ordered alternation, not a different one: the fast
paths in front of `TOKEN_RE` and the `re.split` form in `token_columns` give the same tokens, offsets and
matching keys as the reference below on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.text.tokenize import normalize, token_columns, tokenize

# The tokeniser as it was written before the fast paths: the reference the fast form must equal.
REFERENCE_RE = re.compile(
    r"""
      (?:[A-Za-z]\.){2,8}(?![A-Za-z])
    | (?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Pres|Amb|Rev|St|Jr|Sr|No|vs|Inc|Corp|Ltd|Co
        |Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.(?=\s)
    | [A-Z]\.(?=\s+[A-Z])
    | \d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?
    | ['’][sS](?![A-Za-z])
    | [^\W\d_](?:[^\W_]|['’](?![sS](?![^\W\d_]))(?=[^\W\d_]))*
    | \S
    """,
    re.VERBOSE,
)


def _reference(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    matches = list(REFERENCE_RE.finditer(text))
    words = tuple(match.group() for match in matches)
    return words, tuple(normalize(word) for word in words), tuple(match.start() for match in matches)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Mr. Smith met Gen. Ortiz in Washington, D.C. on Jan. 5.",
        "The U.S. and U.N. said J. Smith's talks ended at 10:30 a.m. on the 16th.",
        "Freedonia's army didn't fire; O'Neill said \u201cno\u201d \u2014 it's the 1990s.",
        "Co. Ltd. Inc. vs. St.Louis No.5 A.B.C.D.E.F.G.H.I.J talks.",
        "Caf\u00e9 S\u00e3o Paulo\u2019s mayor \u2018rejected\u2019 \u00ab\u00a0le plan\u00a0\u00bb.",
        "word_with_underscore x1y2 3.5.6, 100,000s  \t trailing  ",
        "rock'n'roll bin's dogs' 's 'S A's",
    ],
)
def test_token_columns_equal_the_reference(text: str) -> None:
    assert token_columns(text) == _reference(text)
    matches = REFERENCE_RE.finditer(text)
    assert tokenize(text) == [(match.group(), match.start(), match.end()) for match in matches]


ALPHABET = "aAsSbZ.'\u2019 ,\u00e9\u00c9_1\u201c\u00a0\n-MrDCUJ"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_token_columns_equal_the_reference_on_any_text(text: str) -> None:
    assert token_columns(text) == _reference(text)


# ASCII whose only white space is the space: the text `_spaced_ascii_columns` takes, with the chunks
# it splits off by hand (words, numbers, a trailing comma or period, abbreviations, initials) and the others.
SPACED_ASCII_PIECES = ["Freedonia", "said", "x1y2", "3", "1990s", "16th", "3.5", "100,000", ",", ".", "'s", "'",
                       "Mr", "Jan", "Co", "U.S.", "J", "-", '"', "(", ")", " ", "  ", "A", "b", "_", "e.g."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SPACED_ASCII_PIECES), max_size=30).map("".join))
def test_token_columns_equal_the_reference_on_spaced_ascii(text: str) -> None:
    assert token_columns(text) == _reference(text)


# ASCII with control characters that are no white space (\x00, \x1b, \x7f): `token_columns` splits it at spaces
# too (it looks for the other white space only), and must find the tokens the reference finds in the whole text.
CONTROL_ASCII_PIECES = [*SPACED_ASCII_PIECES, "\x00", "\x1b", "\x7f", "\x08", "\x0e", "Mr\x00", "U.S.\x7f"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CONTROL_ASCII_PIECES), max_size=30).map("".join))
def test_token_columns_equal_the_reference_on_spaced_ascii_with_control_characters(text: str) -> None:
    assert token_columns(text) == _reference(text)


@pytest.mark.parametrize("space", ["\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x00"])
def test_token_columns_treat_each_ascii_character_as_the_reference_does(space: str) -> None:
    """Each of the white space characters the spaced path is ruled out by, and one control character it keeps."""
    text = f"Mr.{space}Smith met J.{space}Doe, 3.5{space}km{space}away.{space}"
    assert token_columns(text) == _reference(text)
