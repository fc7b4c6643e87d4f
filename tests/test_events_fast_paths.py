"""The event matcher's speed pass holds its shortcuts to the plain computations: a constraint's window search
(one C-level test of the window, then a scan) finds what trying every phrase at every position finds, the
speaker's side in an object complement is told without a set of codes, and a candidate is a slotted record
compared by identity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.actors import Mention
from eventcoder.codebook.compile import Constraint
from eventcoder.events import _constraint_holds
from eventcoder.parse import parse_sentence
from eventcoder.slots import Candidate, _as_government, _on_the_side_of

WORDS = ["to", "talks", "peace", "a", "the", "x", "y", "held"]
PHRASES = [("to",), ("to", "talks"), ("peace", "talks"), ("talks",), ("held", "peace", "talks"), ("x", "y")]


def _plain_holds(norms: tuple[str, ...], constraint: Constraint, start: int, end: int) -> bool:
    """`_constraint_holds` written plainly: any phrase of the constraint starting in its window."""
    phrases = [phrase for found in constraint.by_first.values() for phrase in found]
    positions: list[int] = []
    if constraint.where != "before":
        positions += range(end, min(len(norms), end + constraint.within))
    if constraint.where != "after":
        positions += range(max(0, start - constraint.within), start)
    return any(norms[position : position + len(phrase)] == phrase for position in positions for phrase in phrases)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4, unique=True),
    st.sampled_from(["after", "before", "around"]),
    st.integers(min_value=1, max_value=6),
    st.data(),
)
def test_constraint_holds_as_the_plain_window_search(
    words: list[str], phrases: list[tuple[str, ...]], where: str, within: int, data: st.DataObject
) -> None:
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    constraint = Constraint(by_first, where, within)
    parse = parse_sentence(" ".join(words))
    assert parse.norms == tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(words)))
    assert _constraint_holds(parse, constraint, start, end) == _plain_holds(parse.norms, constraint, start, end)


def _mention(code: str, country: str | None, sector: str | None) -> Mention:
    return Mention(0, 1, code, code, country, sector, code, "", "actor")


MENTIONS = [
    _mention("IRN", "IRN", None),
    _mention("IRNGOV", "IRN", "GOV"),
    _mention("IRNMIL", "IRN", "MIL"),
    _mention("USA", "USA", None),
    _mention("UNO", None, "IGO"),
    _mention("", None, None),
    Mention(0, 1, "they", None, None, None, "they", "", "actor", pronoun=True),
]


@given(st.sampled_from(MENTIONS), st.lists(st.sampled_from(MENTIONS), max_size=3))
def test_the_speakers_side_as_the_set_of_their_codes(mention: Mention, speaker: list[Mention]) -> None:
    """`_object` once took the source's codes as a set (`_as_government` of each)."""
    assert _on_the_side_of(mention, speaker) == (_as_government(mention) in {_as_government(m) for m in speaker})


def test_a_candidate_is_slotted_and_told_apart_by_identity(codebook) -> None:  # type: ignore[no-untyped-def]
    pattern = codebook.patterns[0]
    first = Candidate(pattern, 0, 2, 3, "V", False)
    again = Candidate(pattern, 0, 2, 3, "V", False)
    fields = (first.pattern, first.index, first.start, first.end, first.pos, first.passive)
    assert fields == (pattern, 0, 2, 3, "V", False)
    assert first != again and first == first  # noqa: PLR0124 (identity is the equality the coder relies on)
    assert not hasattr(first, "__dict__")
    assert repr(first) == f"Candidate({pattern.id!r}, 0, 2, 3, 'V', False)"
