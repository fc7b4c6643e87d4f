"""ASCII text is tokenised by the token pattern written with explicit ASCII classes (`ASCII_CLASSES`); it must
give exactly the tokens, offsets and keys of the Unicode pattern (`TOKEN_RE`, which `tokenize` and the codebook
compiler use) on any ASCII text, the separators \\x1c-\\x1f that `\\s` counts as space included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.text.tokenize import ASCII_CLASSES, UNICODE_CLASSES, token_columns, tokenize


def _by_the_unicode_pattern(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    found = tokenize(text)
    return (
        tuple(word for word, _, _ in found),
        tuple(word.lower() for word, _, _ in found),
        tuple(start for _, start, _ in found),
    )


def test_tokenize_ascii_classes_name_the_same_classes() -> None:
    assert set(ASCII_CLASSES) == set(UNICODE_CLASSES)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Gen. Ortiz in Washington, D.C. on Jan. 5.",
        "The U.S. and U.N. said J. Smith's talks ended at 10:30 a.m. on the 16th.",
        "Freedonia's army didn't fire; O'Neill said \"no\" - it's the 1990s.",
        "word_with_underscore x1y2 3.5.6, 100,000s  \t trailing  \x0b\x0c",
        "rock'n'roll bin's dogs' 's 'S A's _x __ a_b",
        "fields\x1cgroups\x1drecords\x1eunits\x1f. end\x1f",
        "~!@#$%^&*()[]{}<>|\\/`+=?",
    ],
)
def test_tokenize_ascii_text_equals_the_unicode_pattern(text: str) -> None:
    assert text.isascii()
    assert token_columns(text) == _by_the_unicode_pattern(text)


ASCII_ALPHABET = "aAsSbZzJ09.'_ ,;:-\t\n\x0b\x1c\x1f\x7f\"MrDCUJo"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ASCII_ALPHABET, max_size=40))
def test_tokenize_ascii_equals_the_unicode_pattern_on_any_ascii_text(text: str) -> None:
    assert token_columns(text) == _by_the_unicode_pattern(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_tokenize_any_ascii_character_equals_the_unicode_pattern(text: str) -> None:
    assert token_columns(text) == _by_the_unicode_pattern(text)


SPACED_ALPHABET = "aAsSbZzJ09.'_ ,;:-\"MrDCUJo()GenJan"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=SPACED_ALPHABET, max_size=60))
def test_tokenize_printable_ascii_by_chunks_equals_the_unicode_pattern(text: str) -> None:
    """Printable ASCII (white space only as spaces) is tokenised chunk by chunk between the spaces."""
    assert text.isprintable()
    assert token_columns(text) == _by_the_unicode_pattern(text)
