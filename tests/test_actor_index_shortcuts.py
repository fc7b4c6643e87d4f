"""The shortcuts of the actor finder's speed passes give what the plain computations they skip give: the
discourse's running counts and searches, the group ids numbered in order, the country given without `_replace`,
the one-word tests that settle a phrase join, a compound or a locative before the full test runs, and the cue
words that tell `find_mentions` which policies can act on a sentence."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.actors import (
    ADJECTIVE_TITLES,
    CUE_ADJECTIVE_TITLE,
    CUE_OF,
    CUE_OWNER_PRONOUN,
    CUE_POSSESSIVE,
    CUE_PRONOUN,
    CUE_WEAPON,
    LOCATIVE_LEADS,
    OWNER_PRONOUNS,
    POLICY_CUES,
    PRONOUNS,
    ActorIndex,
    Discourse,
    Mention,
    _chains,
    _group_compounds,
    _in_group,
    _lookup,
    _most_named,
    _placed_in,
    _preceded_by_locative,
    _pronoun_mentions,
    _resolve_chain,
    _scan,
    actor_index,
    cue_classes,
    find_mentions,
    latest_compatible,
    weapons_stand_for_unnamed_perpetrators,
)
from eventcoder.codebook.compile import Codebook
from eventcoder.parse import parse_sentence
from eventcoder.text.segment import segment

SEED = Path(__file__).resolve().parents[1] / "seeds" / "us-venezuela-ultimatum.txt"
SENTENCES = [
    "Police detained dozens of protesters in Monrovia on Sunday, officials said.",
    "Hungarian and Romanian officials met rebels in the Ivory Coast and the government of Sindh.",
    "The army attacked Sylvania and Freedonia, and the president of Ghana and his wife Cilia Flores left.",
    "Negotiators from Iran and from Iraq met in the capital city of Algiers, near the town of Samarra.",
    "President Dos Santos of Angola and the general said US military operations in central Baghdad would end.",
    "Turkish troops, Kurdish rebels and the UN envoy, with NATO, EU and AU foreign ministers, met in Paris.",
]


def _mention(code: str | None, country: str | None, sector: str | None, **fields: object) -> Mention:
    return Mention(0, 1, "x", code, country, sector, "x", "", "actor", **fields)  # type: ignore[arg-type]


def test_actor_index_shortcuts_most_named_counts_as_the_plain_count() -> None:
    rng = random.Random(7)
    for _ in range(200):
        discourse = Discourse()
        for _sentence in range(rng.randrange(1, 8)):
            discourse.countries.extend(rng.choice("ABCDE") for _ in range(rng.randrange(0, 4)))
            choices = set(rng.sample("ABCDEF", rng.randrange(0, 4)))
            assert discourse.most_named(set(choices)) == _most_named(discourse.countries, choices)


def test_actor_index_shortcuts_latest_searches_as_the_plain_search() -> None:
    rng = random.Random(11)
    kinds = ("male", "female", "thing", "plural")
    sectors = ("GOV", "MIL", "REB")
    for _ in range(200):
        discourse = Discourse()
        for _sentence in range(rng.randrange(1, 8)):
            discourse.remember(
                [
                    _mention(
                        "X",
                        rng.choice([None, "SYL", "FRE"]),
                        rng.choice(sectors),
                        person=rng.random() < 0.4,
                        plural=rng.random() < 0.4,
                        pronoun=rng.random() < 0.2,
                    )
                    for _ in range(rng.randrange(0, 4))
                ]
            )
            kind, sector = rng.choice(kinds), rng.choice(sectors)
            assert discourse.latest(kind) is latest_compatible(discourse.mentions, kind)
            plain = next(
                (m for m in reversed(discourse.mentions) if m.role == "actor" and m.sector == sector and m.country),
                None,
            )
            assert discourse.latest_with_sector(sector) is plain


@pytest.mark.parametrize("inferred", [False, True])
@pytest.mark.parametrize("code", [None, "REB", "IGOUNO"])
def test_actor_index_shortcuts_placed_in_as_replace_sets_it(code: str | None, inferred: bool) -> None:
    mention = _mention(code, None, "REB", person=True, group=3)
    placed = _placed_in(mention, "SYL", inferred)
    assert placed == mention._replace(code="SYL" + (code or ""), country="SYL", inferred=inferred)
    assert type(placed) is Mention


def _sentences() -> list[str]:
    seed = [sentence.text for sentence in segment(None, SEED.read_text(encoding="utf-8"))]
    return SENTENCES + seed


def test_actor_index_shortcuts_numbered_mentions_group_as_unnumbered(codebook: Codebook) -> None:
    """`_resolve_chain` numbering the phrases in order changes no group id `_group_compounds` gives."""
    index = actor_index(codebook)
    date = dt.date(2025, 11, 20)
    for text in _sentences():
        parse = parse_sentence(text)
        chains = _chains(parse, _lookup(parse, codebook), index.verbs)
        plain = [m for chain in chains if (m := _resolve_chain(chain, parse, codebook, index, date, Discourse()))]
        numbered = [
            m
            for number, chain in enumerate(chains, 1)
            if (m := _resolve_chain(chain, parse, codebook, index, date, Discourse(), number))
        ]
        assert [m._replace(group=-1) for m in numbered] == plain
        assert _group_compounds(parse, numbered, index.verbs) == _group_compounds(parse, plain, index.verbs)


def test_actor_index_shortcuts_locative_needs_a_lead_word() -> None:
    """A name after a word outside LOCATIVE_LEADS (or opening the sentence) is no located place, so
    `_resolve_chain` asks `_preceded_by_locative` only after one of them."""
    for text in [*_sentences(), "They went to nearby Aruba, to the north of Sylvania and into east Bosnia."]:
        parse = parse_sentence(text)
        for start in range(len(parse.norms)):
            if start == 0 or parse.norms[start - 1] not in LOCATIVE_LEADS:
                assert not _preceded_by_locative(parse, start), (text, start)
            elif parse.norms[start - 1] == "in":
                assert _preceded_by_locative(parse, start), (text, start)


WEAPON_SENTENCES = [
    "A roadside bomb killed two soldiers near the base, the army said.",
    "Mortar rounds landed near the base when rockets hit the town of Samarra.",
    "Its forces said a car bomb and an IED exploded, and their troops fired rockets.",
]


def test_actor_index_shortcuts_cues_are_the_policy_words_and_the_weapons(codebook: Codebook) -> None:
    """The cue words are POLICY_CUES and the weapons' first words, each a key of the trie marked by its classes
    (a pronoun's among them), so that `_scan`'s one pass gives what the policy tests asked of POLICY_CUES and of
    the weapons' index separately, and where the pronouns stand."""
    index = actor_index(codebook)
    assert index.weapon_words == frozenset(codebook.unattributed_weapons)
    assert index.cues == POLICY_CUES | index.weapon_words
    assert PRONOUNS.keys() <= POLICY_CUES
    for word in index.cues:
        assert index.first[word][3] == cue_classes(word, index.weapon_words)
    for text in [*_sentences(), *WEAPON_SENTENCES]:
        parse = parse_sentence(text)
        _, found, pronouns = _scan(parse, index)
        assert found == _plain_cue_classes(parse.norms, index)
        assert (pronouns or []) == _pronoun_positions_plain(parse.norms)


# cue words (pronouns, "of", "'s", "general", weapons' first words), words of phrases and other words
CUE_TEST_WORDS = (
    "of 's his its it their general bomb car hand grenade the state united states army president he , and rebels"
).split()


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(CUE_TEST_WORDS), max_size=14), capitals=st.integers(min_value=0))
def test_actor_index_shortcuts_scan_gathers_the_cues_an_intersection_gives(
    codebook: Codebook, words: list[str], capitals: int
) -> None:
    """Cue words in phrases ("United States army", "hand grenade"), inside a match, repeated, first and last:
    `_scan` gives the classes of every cue word of the sentence and the position of every pronoun, as testing
    every word gives them (None for no pronoun), with the matches a plain scan finds."""
    text = " ".join(word.capitalize() if capitals >> number & 1 else word for number, word in enumerate(words))
    parse = parse_sentence(text)
    index = actor_index(codebook)
    matches, found, pronouns = _scan(parse, index)
    assert found == _plain_cue_classes(parse.norms, index)
    plain = _pronoun_positions_plain(parse.norms)
    assert pronouns == (plain or None)
    assert matches == _lookup(parse, codebook)


def _plain_cue_classes(norms: tuple[str, ...], index: ActorIndex) -> int:
    """The cue classes of a sentence as the word tests `find_mentions` made before them give them."""
    return (
        (CUE_ADJECTIVE_TITLE if not ADJECTIVE_TITLES.isdisjoint(norms) else 0)
        | (CUE_OF if "of" in norms else 0)
        | (CUE_POSSESSIVE if "'s" in norms else 0)
        | (CUE_WEAPON if not index.weapon_words.isdisjoint(norms) else 0)
        | (CUE_OWNER_PRONOUN if not OWNER_PRONOUNS.keys().isdisjoint(norms) else 0)
        | (CUE_PRONOUN if not PRONOUNS.keys().isdisjoint(norms) else 0)
    )


def test_actor_index_shortcuts_cue_classes_are_the_policy_word_tests(codebook: Codebook) -> None:
    """The classes `_scan` returns for a sentence are, bit by bit, the word tests of the policies; each cue word
    has a class, and each class is met in these sentences."""
    index = actor_index(codebook)
    assert all(cue_classes(word, index.weapon_words) for word in index.cues)
    met = 0
    for text in [*_sentences(), *WEAPON_SENTENCES, "The general public said it was his and their own."]:
        parse = parse_sentence(text)
        _, found, _ = _scan(parse, index)
        assert found == _plain_cue_classes(parse.norms, index), text
        met |= found
    assert met == CUE_ADJECTIVE_TITLE | CUE_OF | CUE_POSSESSIVE | CUE_WEAPON | CUE_OWNER_PRONOUN | CUE_PRONOUN


def test_actor_index_shortcuts_weapons_skipped_only_without_a_weapon_word(codebook: Codebook) -> None:
    """Where `find_mentions` skips the weapons policy (no weapon word among the cues), it changes nothing; and
    the sentences with a weapon word do reach it (one of them gains an unidentified armed group)."""
    index = actor_index(codebook)
    date = dt.date(2025, 11, 20)
    gained = 0
    for text in [*_sentences(), *WEAPON_SENTENCES]:
        parse = parse_sentence(text)
        mentions = find_mentions(parse, codebook, date, Discourse())
        if index.weapon_words.isdisjoint(parse.norms):
            assert weapons_stand_for_unnamed_perpetrators(parse, mentions, codebook) is mentions
        else:
            gained += any(mention.code == "UAG" for mention in mentions)
    assert gained


def test_actor_index_shortcuts_mentions_built_field_by_field_as_replace_builds_them() -> None:
    """`_in_group`, `_placed_in` and the pronoun mentions name each of `Mention`'s fields by its index: a field
    added to `Mention` must be added to them too."""
    assert len(Mention._fields) == 16
    fields = (1, 3, "the army", "MIL", None, "MIL", "army", "agent.army", "actor", False, True, True, False, 2, True)
    mention = Mention(*fields)
    assert _in_group(mention, 5) == mention._replace(group=5)
    assert _placed_in(mention, "SYL", True) == mention._replace(code="SYLMIL", country="SYL", inferred=True)


def _pronoun_positions_plain(parse_norms: tuple[str, ...]) -> list[int]:
    """Where the pronouns stand, by testing every word (what `_pronoun_mentions` did before it searched)."""
    return [index for index, norm in enumerate(parse_norms) if norm in PRONOUNS]


PRONOUN_TEXT_WORDS = [
    "he",
    "him",
    "his",
    "she",
    "her",
    "its",
    "they",
    "them",
    "their",
    "it",
    "It",
    "is",
    "was",
    "Maduro",
    "the",
    "army",
    "said",
    "and",
    ",",
    "wife",
    "Sylvania",
    '"',
    "hospital",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PRONOUN_TEXT_WORDS), max_size=25))
def test_actor_index_shortcuts_pronouns_found_by_search_as_by_testing_every_word(words: list[str]) -> None:
    """`_pronoun_mentions` gives a mention at each of the positions that testing every word finds (every one
    resolves here: an antecedent of each kind waits), in order, whether it is told the positions (`_scan`'s) or
    finds them."""
    parse = parse_sentence(" ".join(words))
    discourse = Discourse()
    discourse.remember(
        [
            _mention("VEN", "VEN", None, plural=True),
            _mention("VENGOV", "VEN", "GOV"),
            _mention("VEN", "VEN", None, person=True),
        ]
    )
    found = _pronoun_mentions(parse, [], discourse)
    quoted = set(index for index, inside in enumerate(parse.quoted) if inside)
    expected = [
        index
        for index in _pronoun_positions_plain(parse.norms)
        if index not in quoted
        and not (
            parse.norms[index] == "it" and (index + 1 >= len(parse.norms) or parse.norms[index + 1] in ("is", "was"))
        )
    ]
    assert [mention.start for mention in found] == expected
    assert _pronoun_mentions(parse, [], discourse, _pronoun_positions_plain(parse.norms)) == found
