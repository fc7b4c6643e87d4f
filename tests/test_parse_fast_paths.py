"""The parse's marks found from the positions of their rare words (`parse._positions`) are the marks of the plain
scans over every word they replace: quotation flags and relative clauses, on any sequence of words; and `Parse`,
a slotted class, keeps the value semantics of the named tuple it was."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.parse import (
    QUOTE_MARKS,
    Parse,
    _quoted_flags,
    _relative_clauses,
    parse_sentence,
    scare_quotes_are_no_speech,
)
from eventcoder.text.tokenize import tokenize


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


def test_parse_compares_hashes_prints_and_pickles_by_its_fields() -> None:
    """`Parse` is a slotted class rather than a named tuple (faster field reads in pure Python, a native
    constructor compiled); it keeps the named tuple's value semantics and its methods."""
    parse = parse_sentence("Freedonia protested, officials said.", frozenset({"said"}))
    fields = (
        "Freedonia protested, officials said.",
        ("Freedonia", "protested", ",", "officials", "said", "."),
        ("freedonia", "protested", ",", "officials", "said", "."),
        (0, 10, 19, 21, 31, 35),
        (False,) * 6,
        (-1,) * 6,
        2,
        6,
    )
    assert parse == Parse(*fields)
    assert parse != Parse(*fields[:-1], 5)
    assert parse != fields
    assert hash(parse) == hash(Parse(*fields))
    assert repr(parse) == (
        "Parse(text='Freedonia protested, officials said.', words=('Freedonia', 'protested', ',', 'officials', "
        "'said', '.'), norms=('freedonia', 'protested', ',', 'officials', 'said', '.'), starts=(0, 10, 19, 21, 31, "
        "35), quoted=(False, False, False, False, False, False), relative=(-1, -1, "
        "-1, -1, -1, -1), attribution_start=2, attribution_end=6)"
    )
    assert pickle.loads(pickle.dumps(parse)) == parse
    assert copy.deepcopy(parse) == parse
    assert [parse.attributed(index) for index in range(6)] == [False, False, True, True, True, True]
    assert parse.attribution_limit(0) == 2 and parse.attribution_limit(3) == 6
    assert [token.text for token in parse.tokens] == list(fields[1])
    assert [(token.start, token.end) for token in parse.tokens] == [
        (start, end) for _, start, end in tokenize(parse.text)
    ]
