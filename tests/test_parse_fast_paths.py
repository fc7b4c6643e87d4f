"""The parse's marks found from the positions of their rare words (`parse._positions`) are the marks of the plain
scans over every word they replace: quotation flags and relative clauses, on any sequence of words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.parse import QUOTE_MARKS, _quoted_flags, _relative_clauses, scare_quotes_are_no_speech


def _plain_quoted_flags(words: tuple[str, ...]) -> tuple[bool, ...]:
    """`_quoted_flags` as it was written before: every word tested against the quotation marks."""
    flags = [False] * len(words)
    inside = False
    after = 0
    for index in [index for index, word in enumerate(words) if word in QUOTE_MARKS]:
        if inside and not scare_quotes_are_no_speech(words, after, index):
            flags[after:index] = [True] * (index - after)
        word = words[index]
        inside = word in ("“", "«") or (word == '"' and not inside)
        after = index + 1
    if inside:
        flags[after:] = [True] * (len(words) - after)
    return tuple(flags)


def _plain_relative_clauses(norms: tuple[str, ...]) -> tuple[int, ...]:
    """`_relative_clauses` as it was written before: a loop over every word."""
    marks = [-1] * len(norms)
    index = 0
    while index < len(norms):
        if norms[index] in ("which", "who", "whose") and index > 0 and norms[index - 1] == ",":
            end = index + 1
            while end < len(norms) and norms[end] not in (",", ";", "."):
                end += 1
            for position in range(index, end):
                marks[position] = index
            index = end
        index += 1
    return tuple(marks)


WORDS = [*'" “ ” « »'.split(), *"which who whose whom , ; . the a 's army said massive strike - Iran".split()]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(tuple))
def test_marks_equal_the_plain_scans(words: tuple[str, ...]) -> None:
    assert _quoted_flags(words) == _plain_quoted_flags(words)
    assert _relative_clauses(words) == _plain_relative_clauses(words)


def test_marks_of_a_sentence() -> None:
    words = ("Iran", ",", "which", "denied", "it", ",", "said", '"', "we", '"', ".")
    assert _relative_clauses(words) == (-1, -1, 2, 2, 2, -1, -1, -1, -1, -1, -1)
    assert _quoted_flags(words) == (False,) * 8 + (True, False, False)
