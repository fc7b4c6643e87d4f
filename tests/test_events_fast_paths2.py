"""The event matcher's second speed pass holds its shortcuts to the plain computations: a constraint's window
scan tells one-word phrases by their word and tries a longer phrase whole only where its second word follows,
and the overlap policy returns candidates that share no token as given, without sorting them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.codebook.compile import Constraint, Pattern
from eventcoder.events import Dropped, _constraint_holds, _overlap_rank, most_specific_then_longest_then_earliest
from eventcoder.parse import parse_sentence
from eventcoder.slots import Candidate

WORDS = ["to", "talks", "peace", "held", "x", "y"]
# phrases sharing first words, and first and second words, of one to four words
PHRASES = [
    ("to",),
    ("to", "talks"),
    ("to", "peace"),
    ("to", "peace", "talks"),
    ("held", "peace", "talks"),
    ("held", "peace", "x", "y"),
    ("held", "x"),
    ("peace", "talks"),
    ("x", "y"),
    ("y",),
]


def _plain_holds(norms: tuple[str, ...], constraint: Constraint, start: int, end: int) -> bool:
    """`_constraint_holds` written plainly: any phrase of the constraint starting in its window."""
    phrases = [phrase for found in constraint.by_first.values() for phrase in found]
    positions: list[int] = []
    if constraint.where != "before":
        positions += range(end, min(len(norms), end + constraint.within))
    if constraint.where != "after":
        positions += range(max(0, start - constraint.within), start)
    return any(norms[position : position + len(phrase)] == phrase for position in positions for phrase in phrases)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=6, unique=True),
    st.sampled_from(["after", "before", "around"]),
    st.integers(min_value=1, max_value=8),
    st.data(),
)
def test_the_window_scan_by_second_word_as_the_plain_search(
    words: list[str], phrases: list[tuple[str, ...]], where: str, within: int, data: st.DataObject
) -> None:
    """Phrases under a first word in any order (the compiled ones are sorted), windows reaching the sentence's
    end, where a longer phrase has no following word to match."""
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    constraint = Constraint(by_first, where, within)
    parse = parse_sentence(" ".join(words))
    assert parse.norms == tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(words)))
    assert _constraint_holds(parse, constraint, start, end) == _plain_holds(parse.norms, constraint, start, end)


def _pattern(number: int, specificity: int) -> Pattern:
    return Pattern(f"p{number}", "010", None, (), (), ("subject",), ("object",), False, None, specificity)


def _plain_overlap_policy(candidates: list[Candidate]) -> tuple[list[Candidate], list[Dropped]]:
    """The overlap policy without its shortcut: rank every candidate, keep each that overlaps no kept one."""
    kept: list[Candidate] = []
    dropped: list[Dropped] = []
    for candidate in sorted(candidates, key=_overlap_rank):
        for winner in kept:
            if winner.start < candidate.end and candidate.start < winner.end:
                dropped.append(Dropped(candidate, f"overlaps {winner.pattern.id}, which is more specific or longer"))
                break
        else:
            kept.append(candidate)
    kept.sort(key=lambda candidate: candidate.start)
    return kept, dropped


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=3), st.integers(0, 3)),
        min_size=2,
        max_size=6,
    ),
    st.booleans(),
)
def test_the_overlap_policy_without_a_sort_as_the_ranked_one(spans: list[tuple[int, int, int]], in_order: bool) -> None:
    """Candidates in the order `find_candidates` gives them (by first token) or in any order, apart or not."""
    if in_order:
        spans = sorted(spans, key=lambda span: span[0])
    candidates = [
        Candidate(_pattern(number, specificity), number, start, start + length, "V", False)
        for number, (start, length, specificity) in enumerate(spans)
    ]
    kept, dropped = most_specific_then_longest_then_earliest(candidates)
    plain_kept, plain_dropped = _plain_overlap_policy(candidates)
    assert kept == plain_kept  # the same candidates (by identity) in the same order
    assert dropped == plain_dropped
