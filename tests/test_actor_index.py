"""The actor index (the lexicon keyed for the scan) finds what a plain longest-match scan of the lexicon finds,
and its precomputed facts give what the functions they stand for give."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest

from eventcoder.actors import (
    ActorNode,
    Discourse,
    Mention,
    _as_written,
    _chains,
    _group_compounds,
    _in_group,
    _lookup,
    _Match,
    _pronoun_mentions,
    _resolve_chain,
    actor_index,
    adjectives_share_the_next_agent,
    agents_take_the_context_country,
    agents_take_the_country_they_are_in,
    case_variants,
    compound_entries_are_several_actors,
    crowd_numbers_name_people,
    find_mentions,
    kept_as_written,
    local_groups_take_the_country_of_the_place,
    names_are_not_titles,
    office_holders_take_the_sentence_country,
    possessed_agents_take_their_owners_country,
    titles_that_are_adjectives,
    weapons_stand_for_unnamed_perpetrators,
)
from eventcoder.codebook.compile import Codebook, LexHit
from eventcoder.parse import Parse, parse_sentence


def _plain_scan(parse: Parse, codebook: Codebook) -> list[_Match]:
    """Longest match first at every word that starts a phrase, every length of that word tried in turn."""
    lengths, phrases = codebook.lexicon.lengths, codebook.lexicon.phrases
    matches: list[_Match] = []
    covered = 0
    for start, norm in enumerate(parse.norms):
        if start < covered or norm not in lengths:
            continue
        for length in lengths[norm]:
            end = start + length
            hits = phrases.get(parse.norms[start:end]) if end <= len(parse.norms) else None
            kept = _as_written(hits, parse.words[start:end]) if hits else ()
            if kept:
                matches.append((start, end, kept))
                covered = end
                break
    return matches


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States and the United Nations Security Council met in New York on Monday.",
        "US troops and us officials said the UN and the un envoy would go to the state of Qatar.",
        "The new government of the People's Republic of China said the state department was wrong.",
        "Police in the north of the country said the prime minister's office had not been told.",
        "the the the state state of of the",
        "NATO, EU and AU foreign ministers and their senior advisers met Kurdish and Sunni leaders.",
        "Officials",
        "",
    ],
)
def test_actor_index_lookup_finds_what_a_plain_scan_finds(codebook: Codebook, sentence: str) -> None:
    parse = parse_sentence(sentence)
    assert _lookup(parse, codebook) == _plain_scan(parse, codebook)


def test_actor_index_lookup_on_every_lexicon_phrase(codebook: Codebook) -> None:
    """Each phrase of the lexicon, written in lower case, with a first capital and in capitals, in a frame."""
    for phrase in itertools.islice(codebook.lexicon.phrases, 0, None, 7):
        for words in (phrase, tuple(w.capitalize() for w in phrase), tuple(w.upper() for w in phrase)):
            parse = parse_sentence("They said " + " ".join(words) + " met the state of it.")
            assert _lookup(parse, codebook) == _plain_scan(parse, codebook), words


@pytest.mark.parametrize(
    "flags",
    list(itertools.product([(False, False), (True, False), (False, True), (True, True)], repeat=2)),
)
@pytest.mark.parametrize(
    "span",
    [("un",), ("Un",), ("UN",), ("U.N.",), ("1",), ("-",), ("new", "york"), ("New", "york"), ("NEW", "YORK")],
)
def test_actor_index_case_variants_keep_what_as_written_keeps(
    flags: tuple[tuple[bool, bool], ...], span: tuple[str, ...]
) -> None:
    hits = tuple(
        LexHit("name", f"entry{number}", case_sensitive, capitalized, "entity")
        for number, (case_sensitive, capitalized) in enumerate(flags)
    )
    assert kept_as_written(case_variants(hits), span) == _as_written(hits, span)


def _nodes(trie: dict[str, ActorNode]) -> list[ActorNode]:
    found = list(trie.values())
    for node in found:  # grows while it is walked
        found.extend(node[2].values() if node[2] is not None else ())
    return found


def test_actor_index_trie_marks_the_cue_words_and_stores_equal_hits_once(codebook: Codebook) -> None:
    """The cue words are the marked keys of the trie's first level (a word that starts no phrase has a node with
    nothing but its mark); below it nothing is marked; and equal hits, and equal tuples of hits, are one object each."""
    index = actor_index(codebook)
    assert {word for word, node in index.first.items() if node[3]} == index.cues
    for word in index.cues - codebook.lexicon.lengths.keys():
        assert index.first[word][:3] == (None, None, None)
    nodes = _nodes(index.first)
    assert not any(node[3] for node in nodes[len(index.first) :])
    tuples = [node[0] for node in nodes if node[0] is not None]
    tuples += [kept for node in nodes if node[1] is not None for kept in node[1]]
    hits = [hit for kept in tuples for hit in kept]
    assert len({id(hit) for hit in hits}) == len(set(hits))
    assert len({id(kept) for kept in tuples}) == len(set(tuples))


def test_actor_index_is_built_once_per_codebook(codebook: Codebook) -> None:
    assert actor_index(codebook) is actor_index(codebook)
    copy = dataclasses.replace(codebook)
    assert actor_index(copy) is not actor_index(codebook)
    assert actor_index(copy).first == actor_index(codebook).first


def test_actor_index_group_ids_as_replace_sets_them() -> None:
    mention = Mention(0, 2, "Sylvanian troops", "SYLMIL", "SYL", "MIL", "Sylvania", "syl", "actor", plural=True)
    assert _in_group(mention, 3) == mention._replace(group=3)
    assert type(_in_group(mention, 3)) is Mention


def _every_policy(parse: Parse, codebook: Codebook, date: dt.date, discourse: Discourse) -> list[Mention]:
    """`find_mentions` with every policy run on every sentence, in its order (no gate)."""
    index = actor_index(codebook)
    verbs = index.verbs
    resolved = [
        mention
        for chain in _chains(parse, titles_that_are_adjectives(parse, _lookup(parse, codebook), verbs), verbs)
        if (mention := _resolve_chain(chain, parse, codebook, index, date, discourse)) is not None
    ]
    resolved = office_holders_take_the_sentence_country(
        parse, names_are_not_titles(parse, crowd_numbers_name_people(parse, resolved))
    )
    resolved = weapons_stand_for_unnamed_perpetrators(parse, resolved, codebook)
    resolved = adjectives_share_the_next_agent(parse, agents_take_the_country_they_are_in(parse, resolved))
    resolved = agents_take_the_context_country(
        parse,
        local_groups_take_the_country_of_the_place(
            parse, possessed_agents_take_their_owners_country(parse, resolved, discourse)
        ),
        discourse,
    )
    pronouns = _pronoun_mentions(parse, resolved, discourse)
    mentions = sorted(resolved + pronouns, key=lambda m: m.start) if pronouns else resolved
    grouped = _group_compounds(parse, mentions, verbs)
    return compound_entries_are_several_actors(grouped, codebook) if codebook.compound_actors else grouped


POLICY_TEXT = (
    "Police detained dozens of protesters in Monrovia on Sunday. Thousands marched in the capital. "
    "President Dos Santos met Tom King, and the general said it was over. "
    "A roadside bomb killed two soldiers when mortar rounds landed near the base. A car bomb exploded in Kabul. "
    "Hungarian and Romanian officials met rebels in the Ivory Coast and the government of Sindh. "
    "The army attacked Sylvania, officials said. He said they would return. "
    "Ethnic Albanian guerrillas and Kurdish rebels clashed with Turkish troops. "
    "Judge Alejandro Rivera of Ghana and Freedonian-backed militias met the general public. "
    "Sylvania admitted that its soldiers had shelled a village in Ghana."
)


def test_actor_index_policy_gates_change_no_mention(codebook: Codebook) -> None:
    """`find_mentions` runs a policy only when the sentence has what it acts on; running all of them on every
    sentence gives the same mentions (sentences written for the policies, and the seed article)."""
    from eventcoder.text.segment import segment

    seed = (Path(__file__).resolve().parents[1] / "seeds" / "us-venezuela-ultimatum.txt").read_text(encoding="utf-8")
    date = dt.date(2025, 11, 20)
    for text in (POLICY_TEXT, seed):
        gated, plain = Discourse(), Discourse()
        for sentence in segment(None, text):
            parse = parse_sentence(sentence.text)
            found = find_mentions(parse, codebook, date, gated)
            assert found == _every_policy(parse, codebook, date, plain), sentence.text
            gated.remember(found)
            plain.remember(found)
