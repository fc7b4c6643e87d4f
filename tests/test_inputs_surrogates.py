"""`inputs.without_surrogates` decides whether a field holds a lone surrogate by `isascii` and a strict UTF-8
encoding instead of searching it with the pattern: the text it returns and the count hold to the plain search
and substitution it replaced, for ASCII, Latin-1, BMP and astral text with and without surrogates."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.inputs import without_surrogates

_PATTERN = re.compile("[\ud800-\udfff]")


def _plain(text: str) -> tuple[str, int]:
    """The reference: the pattern's own substitution, always."""
    return _PATTERN.subn("\ufffd", text)


_CHARACTERS = st.one_of(
    st.characters(max_codepoint=0x7F),
    st.characters(min_codepoint=0x80, max_codepoint=0xFF),
    st.characters(min_codepoint=0x100, max_codepoint=0xFFFF),  # surrogates included
    st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHARACTERS, max_size=12).map("".join))
def test_without_surrogates_matches_the_pattern(text: str) -> None:
    assert without_surrogates(text) == _plain(text)


def test_without_surrogates_table() -> None:
    for text, expected in [
        ("", ("", 0)),
        ("plain ascii", ("plain ascii", 0)),
        ("caf\u00e9 \u2019quoted\u2019 \U0001f600", ("caf\u00e9 \u2019quoted\u2019 \U0001f600", 0)),
        ("lone \ud800 high", ("lone \ufffd high", 1)),
        ("pair as two \ud83d\ude00", ("pair as two \ufffd\ufffd", 2)),
        ("\udfff", ("\ufffd", 1)),
    ]:
        assert without_surrogates(text) == expected == _plain(text)
