"""The compiled trigger index is a faster form of `Codebook.triggers`, not a different one: every form is
reachable by its whole phrase, in the order the triggers list tries them, and a `requires` gate never
closes a pattern whose first `requires` could hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from eventcoder.actors import ClauseVerbs, Discourse, Mention, find_mentions
from eventcoder.codebook.compile import Codebook, Pattern, TriggerForm, TriggerNode, _key_word, inflect_phrase
from eventcoder.events import (
    NO_PATTERNS,
    _constraint_holds,
    _is_passive,
    _opened,
    _plausible,
    find_candidates,
)
from eventcoder.parse import Parse, parse_sentence
from eventcoder.slots import governing_support_verb
from eventcoder.text.segment import segment

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def forms_by_phrase(codebook: Codebook) -> dict[tuple[str, ...], tuple[TriggerForm, ...]]:
    """The trigger forms of each whole phrase, in the order `Codebook.triggers` tries them: the plain table the
    trie's nodes are held to (the trigger index keeps no such table)."""
    found: dict[tuple[str, ...], list[TriggerForm]] = {}
    for forms in codebook.triggers.values():
        for form in forms:
            found.setdefault(form.phrase, []).append(form)
    return {phrase: tuple(forms) for phrase, forms in found.items()}


def test_every_trigger_form_is_indexed_by_its_phrase_in_order(codebook) -> None:  # type: ignore[no-untyped-def]
    index = codebook.trigger_index
    assert index.words.keys() == codebook.triggers.keys()
    spelled = dict(_trie_phrases(index.words))
    for forms in codebook.triggers.values():
        for phrase in {form.phrase for form in forms}:
            assert spelled[phrase][0] == tuple(form for form in forms if form.phrase == phrase)
    assert sum(len(node[0]) for node in spelled.values()) == sum(len(f) for f in codebook.triggers.values())


@pytest.mark.parametrize("bases", [("VB", "VBD", "VBN", "VBZ", "VBG"), ("VBZ",), ("VBD",), ("VBN", "VBG")])
def test_clause_verbs_read_one_word_forms_from_the_trie(codebook, bases: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """`ClauseVerbs.verb` reads a word's forms from the trie's first level: the answer the plain table of the forms
    by phrase gives, for every first word of a trigger and words that start none."""
    verbs = ClauseVerbs(codebook.trigger_index, codebook.words.reporting_verbs, codebook.words.attribution_verbs)
    plain = forms_by_phrase(codebook)
    for word in [*codebook.triggers, "zzz", "the", ""]:
        found = plain.get((word,), ())
        expected = (
            "VBD" in bases
            if word in codebook.trigger_index.past_verbs
            else bool(found) and all(form.pos == "V" for form in found) and any(form.base in bases for form in found)
        )
        assert verbs.verb(word, bases) == expected


def test_gates_cover_their_patterns_first_requires(codebook) -> None:  # type: ignore[no-untyped-def]
    plain = forms_by_phrase(codebook)
    for phrase, gate in codebook.trigger_index.gates.items():
        numbers = {form.pattern for form in plain[phrase]}
        assert gate.gated == {number for number in numbers if codebook.patterns[number].requires}
        assert gate.alone <= gate.gated
        for number in gate.gated:
            constraint = codebook.patterns[number].requires[0]
            looks_before = constraint.where in ("before", "around")
            looks_after = constraint.where in ("after", "around")
            assert gate.before >= (constraint.within if looks_before else 0)
            assert gate.after >= (constraint.within if looks_after else 0)
            # before the trigger, opened by each first word; after it, by each phrase's key word, within the reach
            assert all((number in gate.opens_before.get(first, ())) == looks_before for first in constraint.by_first)
            for phrase in (phrase for phrases in constraint.by_first.values() for phrase in phrases if looks_after):
                place = _key_word(phrase)
                assert number in gate.opens_after[phrase[place]]
                assert gate.after >= constraint.within + place


def test_a_gate_opens_every_pattern_whose_first_requires_holds(codebook) -> None:  # type: ignore[no-untyped-def]
    sentences = [
        "Freedonia threatened Sylvania with sanctions over the border dispute.",
        "The Freedonian minister appealed for humanitarian aid and medical supplies.",
        "Sylvania rejected the proposal for a ceasefire and threatened to expel the ambassador.",
        "Rebels pushed for talks while the government pressed for their surrender.",
    ]
    checked = 0
    for text in sentences:
        parse = parse_sentence(text, codebook.words.attribution_verbs)
        norms = parse.norms
        for start in range(len(norms)):
            for end in range(start + 1, len(norms) + 1):
                gate = codebook.trigger_index.gates.get(norms[start:end])
                if gate is None:
                    continue
                opened = _opened(norms, gate, start, end)
                for number in gate.gated:
                    holds = _constraint_holds(parse, codebook.patterns[number].requires[0], start, end)
                    assert not holds or number in opened
                    checked += 1
        assert isinstance(find_candidates(parse, codebook, []), list)
    assert checked > 0


@pytest.mark.parametrize(
    ("phrase", "pos", "expected"),
    [
        ("sexually abuse", "V", "sexually abused"),  # the head verb after an adverb
        ("re-arrest", "V", "re - arrested"),  # after a prefix
        ("carry out airstrike", "V", "carried out airstrikes"),  # a singular object noun made plural too
        ("impose curfew", "V", "imposes curfews"),
        ("take into custody", "V", "took into custody"),
        ("attack on civilians", "N", "attacks on civilians"),  # the noun before a preposition
        ("state of emergency", "N", "states of emergency"),
        ("face-to-face meeting", "N", "face - to - face meetings"),  # "to" inside a hyphenated word
        ("ceasefire agreement", "N", "ceasefire agreements"),
    ],
)
def test_inflect_phrase_inflects_the_head(phrase: str, pos: str, expected: str) -> None:
    assert tuple(expected.split()) in inflect_phrase(phrase, pos)


@pytest.mark.parametrize(
    ("phrase", "pos", "unexpected"),
    [
        ("launch an appeal", "V", "launched an appeals"),  # no plural after "a"/"an"
        ("shut down", "V", "shut downs"),  # a particle is no object
        ("attack on civilians", "N", "attack on civilian"),
        ("go-between", "N", "gos - between"),
    ],
)
def test_inflect_phrase_leaves_the_rest(phrase: str, pos: str, unexpected: str) -> None:
    assert tuple(unexpected.split()) not in inflect_phrase(phrase, pos)


def _trie_phrases(
    nodes: dict[str, TriggerNode], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], TriggerNode]]:
    for word, node in nodes.items():
        yield (*path, word), node
        if node[3] is not None:
            yield from _trie_phrases(node[3], (*path, word))


def test_the_trie_spells_every_phrase_with_its_forms_and_their_facts(codebook) -> None:  # type: ignore[no-untyped-def]
    index = codebook.trigger_index
    spelled = dict(_trie_phrases(index.words))
    plain = forms_by_phrase(codebook)
    assert {phrase for phrase, node in spelled.items() if node[0]} == plain.keys()
    for phrase, (forms, gate, tag, following, distinct) in spelled.items():
        assert forms == plain.get(phrase, ())
        assert gate is index.gates.get(phrase)
        kinds = {(form.pos, form.base) for form in forms}
        assert tag == (next(iter(kinds)) if len(kinds) == 1 else None)
        assert distinct == (len({form.pattern for form in forms}) == len(forms))
        assert following is None or following  # no empty dict at a leaf
        assert forms or following  # every node leads to a phrase


def test_gates_of_the_same_patterns_share_one_table(codebook) -> None:  # type: ignore[no-untyped-def]
    tables: dict[frozenset[int], tuple[int, int]] = {}
    for gate in codebook.trigger_index.gates.values():
        shared = (id(gate.opens_before), id(gate.opens_after))
        assert tables.setdefault(gate.gated, shared) == shared
    phrases: dict[tuple[tuple[str, ...], ...], int] = {}
    for pattern in codebook.patterns:
        for constraint in pattern.requires + pattern.excludes:
            key = tuple(sorted(phrase for found in constraint.by_first.values() for phrase in found))
            assert phrases.setdefault(key, id(constraint.by_first)) == id(constraint.by_first)


def test_a_gate_lists_the_forms_tried_when_it_opens_nothing(codebook) -> None:  # type: ignore[no-untyped-def]
    plain = forms_by_phrase(codebook)
    for phrase, gate in codebook.trigger_index.gates.items():
        forms = plain[phrase]
        assert gate.unopened == tuple(form for form in forms if form.pattern not in gate.alone)


def test_a_gate_places_the_forms_of_its_patterns_alone(codebook) -> None:  # type: ignore[no-untyped-def]
    # `_forms_opened` reads the forms by their positions in the trie node's forms
    plain = forms_by_phrase(codebook)
    for path, node in _trie_phrases(codebook.trigger_index.words):
        forms, gate = node[0], node[1]
        if gate is not None:
            assert forms == plain[path]
            assert tuple(forms[at] for at in gate.unopened_at) == gate.unopened
            assert gate.lone_at.keys() == {form.pattern for form in forms} & gate.alone
            for number, places in gate.lone_at.items():
                assert places == tuple(at for at, form in enumerate(forms) if form.pattern == number)


def _candidates_form_by_form(
    parse: Parse, codebook: Codebook, mentions: Sequence[Mention]
) -> list[tuple[Pattern, int, int, str, bool]]:
    """`find_candidates` written plainly, one trigger form at a time over the forms by phrase (the longest
    phrase at a token first, a pattern claimed by the first of its forms that reads as its part of speech)."""
    norms, words = parse.norms, codebook.words
    forms_of = forms_by_phrase(codebook)
    names = {index for mention in mentions for index in range(mention.start, mention.end)}
    found: list[tuple[Pattern, int, int, str, bool]] = []
    for index in range(len(norms)):
        if parse.quoted[index] or parse.attributed(index) or index in names:
            continue
        seen: set[int] = set()
        for end in range(len(norms), index, -1):
            gate = codebook.trigger_index.gates.get(norms[index:end])
            opened = _opened(norms, gate, index, end) if gate is not None else NO_PATTERNS
            for form in forms_of.get(norms[index:end], ()):
                number = form.pattern
                if number in seen or (gate is not None and number in gate.alone and number not in opened):
                    continue
                noun_too = norms[index] in codebook.trigger_index.noun_ing
                if not _plausible((form.pos, form.base), parse, index, mentions, words.bare_infinitive_verbs, noun_too):
                    continue
                seen.add(number)
                pattern = codebook.patterns[number]
                if gate is not None and number in gate.gated and number not in opened:
                    continue
                if not all(_constraint_holds(parse, c, index, end) for c in pattern.requires):
                    continue
                if any(_constraint_holds(parse, c, index, end) for c in pattern.excludes):
                    continue
                passive = _is_passive(norms, (form.pos, form.base), index, end) or (
                    form.pos == "N" and governing_support_verb(parse, index, words.receiving_verbs) is not None
                )
                found.append((pattern, index, end, form.pos, passive))
    return found


def test_find_candidates_tries_the_forms_in_order(codebook) -> None:  # type: ignore[no-untyped-def]
    """The trie, the gates and the part-of-speech shortcuts find what trying every form in order finds."""
    text = (SEEDS / "us-venezuela-ultimatum.txt").read_text(encoding="utf-8")
    discourse = Discourse()
    compared = 0
    for sentence in segment(None, text):
        parse = parse_sentence(sentence.text, codebook.words.attribution_verbs)
        mentions = find_mentions(parse, codebook, dt.date(2025, 1, 1), discourse)
        discourse.remember(mentions)
        candidates = find_candidates(parse, codebook, mentions)
        expected = _candidates_form_by_form(parse, codebook, mentions)
        assert [(c.pattern, c.start, c.end, c.pos, c.passive) for c in candidates] == expected, sentence.text
        compared += len(expected)
    assert compared > 20
