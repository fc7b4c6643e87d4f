"""The event matcher's third speed pass holds its shortcuts to the plain computations: the support verb of a noun
trigger is found by testing each word against the light-verb class's one-word phrases and the last words of its
two-word phrases (no tuple built per word), a preposition rule's words are read from a set made once per rule,
and the counterpart policy returns a single target as given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_fast_paths2 import ENGINE_WORDS

from eventcoder.actors import Mention
from eventcoder.codebook.compile import Pattern
from eventcoder.parse import DETERMINERS, PREPOSITIONS, Parse, parse_sentence
from eventcoder.slots import (
    _PREPOSITIONS_OF_RULE,
    SCARE_QUOTES,
    Candidate,
    _light_verb_words,
    _slot_rule,
    an_actor_is_not_its_own_counterpart,
    governing_support_verb,
    support_verb_across_the_object,
)

WORDS = ["gave", "issued", "a", "an", "the", "warning", "to", "x", "took", "part", "in", "giving", "rebels", ","]
WORDS += ["tuesday", "holding", "town", "'s", "drew", "put", "forward"]
LIGHT_PHRASES = [("gave",), ("issued",), ("took", "part"), ("put", "forward"), ("drew",), ("giving",), ("holding",)]
# odd ones: pairs of common words, and a phrase of three words (never a support verb here)
LIGHT_PHRASES += [("x", "to"), ("a", "warning"), ("put", "forward", "a")]


def _plain_support_verb(
    parse: Parse, noun: int, light_verbs: frozenset[tuple[str, ...]], gap: frozenset[str]
) -> int | None:
    """`governing_support_verb` as written before the pass: a one-word tuple and a two-word slice per word."""
    for index in range(noun - 1, max(-1, noun - 7), -1):
        word = parse.norms[index]
        if (word,) in light_verbs or (index >= 1 and parse.norms[index - 1 : index + 1] in light_verbs):
            verb = index - 1 if index >= 1 and parse.norms[index - 1 : index + 1] in light_verbs else index
            if word.endswith("ing") and sum(norm in DETERMINERS for norm in parse.norms[index + 1 : noun]) > 1:
                return support_verb_across_the_object(parse, noun, light_verbs, gap) or verb
            return verb
        if (
            word in PREPOSITIONS
            or word in (",", ";", "which", "who", "that")
            or not (word.isalnum() or word in ("'s", "-") or word in SCARE_QUOTES)
        ):
            return None if word not in gap else support_verb_across_the_object(parse, noun, light_verbs, gap)
    return support_verb_across_the_object(parse, noun, light_verbs, gap)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    st.lists(st.sampled_from(LIGHT_PHRASES), max_size=6, unique=True),
    st.booleans(),
    st.data(),
)
def test_the_support_verb_by_its_words_as_the_plain_search(
    words: list[str], phrases: list[tuple[str, ...]], with_gap: bool, data: st.DataObject
) -> None:
    """Any light-verb class (one-, two- and three-word phrases, or none), with and without a gap class."""
    parse = parse_sentence(" ".join(words))
    assert parse.norms == tuple(words)
    light_verbs = frozenset(phrases)
    gap = frozenset({"tuesday", "x"}) if with_gap else frozenset()
    noun = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    assert governing_support_verb(parse, noun, light_verbs, gap) == _plain_support_verb(parse, noun, light_verbs, gap)


def test_the_light_verb_words_follow_the_class_they_were_made_for() -> None:
    """The memo finds a class by identity and holds it: an equal class made later gets its own words, and the
    words stay right when the memo is cleared (more than 16 classes)."""
    first = frozenset({("gave",), ("took", "part")})
    assert _light_verb_words(first) == (frozenset({"gave"}), frozenset({"part"}))
    second = frozenset({("drew",), ("put", "forward"), ("put", "forward", "a")})
    assert _light_verb_words(second) == (frozenset({"drew"}), frozenset({"forward"}))
    assert _light_verb_words(first) == (frozenset({"gave"}), frozenset({"part"}))
    for number in range(20):
        made = frozenset({(f"verb{number}",), ("took", f"part{number}")})
        assert _light_verb_words(made) == (frozenset({f"verb{number}"}), frozenset({f"part{number}"}))
        assert _light_verb_words(first) == (frozenset({"gave"}), frozenset({"part"}))


def test_a_preposition_rule_is_split_once_into_its_words() -> None:
    """The rule's words as `"prep:to|at".removeprefix("prep:").split("|")` gives them, kept after the first fill."""
    parse = parse_sentence("x gave aid to the rebels")
    _PREPOSITIONS_OF_RULE.pop("prep:to|at", None)
    pattern = Pattern("p", "070", None, (), (), (), ("subject",), ("prep:to|at",), False, None, 3)
    candidate = Candidate(pattern, 0, 1, 2, "V", False)
    assert _slot_rule("prep:to|at", (), parse, candidate, (), (), ENGINE_WORDS, None, None) == ()
    assert _PREPOSITIONS_OF_RULE["prep:to|at"] == frozenset({"to", "at"})


def _plain_counterparts(targets: tuple[Mention, ...], sources: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """`an_actor_is_not_its_own_counterpart` without its one-target shortcut."""
    countries = {m.country for m in sources}
    others = tuple(m for m in targets if m.country not in countries)
    return others if others and len(others) < len(targets) else targets


COUNTRIES = st.sampled_from(["SYL", "FRE", "KUR", None])


@settings(max_examples=300, deadline=None)
@given(st.lists(COUNTRIES, max_size=4), st.lists(COUNTRIES, min_size=1, max_size=3))
def test_the_counterpart_policy_returns_one_target_as_given(
    targets: list[str | None], sources: list[str | None]
) -> None:
    """No target, one, or a compound one, of the source's countries or not: the same mentions, and the
    given tuple itself whenever nothing is dropped (`fill_slots` then keeps its fill)."""
    target_mentions = tuple(Mention(i, i + 1, "x", c, c, None, "x", f"t{i}", "actor") for i, c in enumerate(targets))
    source_mentions = tuple(Mention(9, 10, "y", c, c, None, "y", "s", "actor") for c in sources)
    kept = an_actor_is_not_its_own_counterpart(target_mentions, source_mentions)
    plain = _plain_counterparts(target_mentions, source_mentions)
    assert kept == plain
    assert (kept is target_mentions) == (plain is target_mentions)
