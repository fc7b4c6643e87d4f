"""The event matcher's second speed pass holds its shortcuts to the plain computations: a constraint's window
scan tells one-word phrases by their word and tries a longer phrase whole only where its second word follows,
the overlap policy returns candidates that share no token as given, without sorting them, and the modality of a
trigger with no cue word among the three before it is read by one test of those words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths import _plain_holds  # the plain window search, the reference of both passes

from eventcoder.codebook import compile as codebook_compile
from eventcoder.codebook.compile import Constraint, EngineWords, Pattern
from eventcoder.events import (
    CONDITION_CUES,
    Dropped,
    _clause_start,
    _constraint_holds,
    _overlap_rank,
    _reported_speech,
    most_specific_then_longest_then_earliest,
    read_modality,
)
from eventcoder.parse import NEGATIONS, Parse, parse_sentence
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
    return Pattern(f"p{number}", "010", None, (), (), (), ("subject",), ("object",), False, None, specificity)


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
    assert [(d.candidate, d.reason) for d in dropped] == [(d.candidate, d.reason) for d in plain_dropped]


MODALITY_WORDS = ["denied", "not", "failed", "to", "would", "could", "may", "any", "vowed", "will", "shall"]
MODALITY_WORDS += ["reportedly", "said", "if", ",", ";", "x", "the", "attack", "they"]
ENGINE_WORDS = EngineWords(
    intent_cues=frozenset({"vowed", "plans"}),
    denial_cues=frozenset({"denied"}),
    failure_cues=frozenset({"failed"}),
    hypothetical_modals=frozenset({"may", "might"}),
    report_adverbs=frozenset({"reportedly"}),
    reporting_verbs=frozenset({"said"}),
    attribution_verbs=frozenset({"said"}),
    bare_infinitive_verbs=frozenset(),
    partitive_nouns=frozenset(),
    quantity_nouns=frozenset(),
    complement_gap=frozenset(),
    object_control_verbs=frozenset(),
    harm_without_perpetrator=frozenset(),
    support_verbs=frozenset(),
    receiving_verbs=frozenset(),
    reciprocal_verbs=frozenset(),
    # as `compile.engine_words` joins them
    modality_cues=frozenset({"vowed", "plans", "denied", "failed", "may", "might"})
    | NEGATIONS
    | codebook_compile.MODALITY_WORDS,
    clause_cues=CONDITION_CUES | {"reportedly"},
)


def _plain_modality(parse: Parse, candidate: Candidate, words: EngineWords) -> tuple[bool, str]:
    """`read_modality` without its shortcut for a trigger with no cue among the three words before it."""
    norms = parse.norms
    start = candidate.start
    last3 = norms[max(0, start - 3) : start]
    last2 = last3[-2:]
    if not words.denial_cues.isdisjoint(last3):
        return True, "denied"
    clause_start = _clause_start(norms, start)
    negated = not NEGATIONS.isdisjoint(last3) or (not words.failure_cues.isdisjoint(last3) and "to" in last2)
    if not CONDITION_CUES.isdisjoint(norms[clause_start:start]):
        return negated, "conditional"
    if ("would" in last3 or "could" in last3) and _reported_speech(parse, start, words.reporting_verbs):
        return negated, "intended"
    if not words.hypothetical_modals.isdisjoint(last3) or (candidate.pos == "N" and "any" in last3):
        return negated, "hypothetical"
    if candidate.pattern.modality is not None:
        return negated, candidate.pattern.modality
    if not words.intent_cues.isdisjoint(last3) and "to" in last2:
        return negated, "intended"
    if "will" in last2 or "shall" in last2:
        return negated, "intended"
    nearby = norms[clause_start : candidate.end + 3]
    if not words.report_adverbs.isdisjoint(nearby) or parse.attribution_start < len(norms):
        return negated, "reported"
    return negated, "asserted"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(MODALITY_WORDS), min_size=1, max_size=12),
    st.sampled_from(["V", "N"]),
    st.sampled_from([None, "intended", "hypothetical"]),
    st.data(),
)
def test_modality_without_a_cue_before_the_trigger_as_the_plain_reading(
    words: list[str], pos: str, modality: str | None, data: st.DataObject
) -> None:
    parse = parse_sentence(" ".join(words), frozenset({"said"}))
    assert parse.norms == tuple(words)
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(words)))
    pattern = Pattern("p", "010", None, (), (), (), ("subject",), ("object",), False, modality, 0)
    candidate = Candidate(pattern, 0, start, end, pos, False)
    assert read_modality(parse, candidate, ENGINE_WORDS) == _plain_modality(parse, candidate, ENGINE_WORDS)
