"""`parse_sentence` rules out the rare marks of ASCII text (a quotation mark, "which", "who", "whose", "according")
by searching the text in lower case instead of testing every key, and gives a sentence without them the shared
unmarked tuples of its length; its parse is the plain one, every scan run on every sentence, on ASCII and non-ASCII
text alike, short or long."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.parse import (
    NO_CLAUSES,
    NOT_QUOTED,
    SHARED_LENGTHS,
    Parse,
    _attribution_span,
    _quoted_flags,
    _relative_clauses,
    parse_sentence,
)
from eventcoder.text.tokenize import token_columns

VERBS = frozenset({"said", "says"})


def _plain_parse(text: str) -> Parse:
    words, norms, starts = token_columns(text)
    quoted, relative = _quoted_flags(words), _relative_clauses(norms)
    # the sentence's length bounds its commas' offsets whatever the text: the attribution found by scanning the keys
    attribution = _attribution_span(norms, VERBS, starts, len(text))
    return Parse(text, words, norms, starts, quoted, relative, *attribution)


PIECES = [
    *"Which which WHICH wHo who WHO whose Whose whole whom According according ACCORDING to To".split(),
    *'" , . ; said officials the a army Iran massive strike Whó accórding “ ” « » ’ ‘'.split(),
]


@pytest.mark.parametrize(
    "text",
    [
        "Iran, which denied it, said the army struck.",
        "The WHO, Whose staff left, warned.",
        'He called it a "massive strike", officials said.',
        "According to officials, the army withdrew.",
        "The army withdrew, ACCORDING TO officials.",
        "A whole army, whom nobody saw, left.",
        "Iran, whó denied it, said “we will strike” « ici », accórding to officials.",
        " ".join(["Iran"] * (SHARED_LENGTHS - 1)),
        " ".join(["Iran"] * SHARED_LENGTHS),
        " ".join(["Iran"] * 300) + ", officials said.",
    ],
)
def test_parse_of_a_sentence_is_the_plain_parse(text: str) -> None:
    assert parse_sentence(text, VERBS) == _plain_parse(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join))
def test_parse_is_the_plain_parse(text: str) -> None:
    assert parse_sentence(text, VERBS) == _plain_parse(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F), max_size=60))
def test_parse_of_any_text_is_the_plain_parse(text: str) -> None:
    assert parse_sentence(text, VERBS) == _plain_parse(text)


def test_shared_unmarked_tuples_are_the_plain_ones() -> None:
    assert tuple((False,) * count for count in range(SHARED_LENGTHS)) == NOT_QUOTED
    assert tuple((-1,) * count for count in range(SHARED_LENGTHS)) == NO_CLAUSES
