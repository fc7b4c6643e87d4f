"""The fourteenth session's forms of the actor finder give what the plain computations give: the discourse
remembers a sentence's actors and countries in one loop as the two filters it replaced do, and the actor index
and compound flag it keeps for `find_mentions` are those of the codebook each sentence is coded with."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.actors import Discourse, Mention, actor_index, find_mentions
from eventcoder.codebook.compile import Codebook
from eventcoder.parse import parse_sentence

ROLES = ("actor", "place", "media", "attribute")


def _remembered_plain(sentences: list[list[Mention]]) -> tuple[list[Mention], list[str]]:
    """What `Discourse.remember` keeps, by the two filters it was written as."""
    actors: list[Mention] = []
    countries: list[str] = []
    for mentions in sentences:
        actors.extend([m for m in mentions if m.role == "actor"])
        countries.extend(
            [
                m.country
                for m in mentions
                if m.country and m.role in ("actor", "place") and not m.inferred and not m.pronoun
            ]
        )
    return actors, countries


MENTIONS = st.builds(
    lambda start, country, role, pronoun, inferred: Mention(
        start, start + 1, "x", country, country, None, "x", "", role, pronoun=pronoun, inferred=inferred
    ),
    st.integers(0, 30),
    st.sampled_from([None, "", "VEN", "USA", "COL"]),
    st.sampled_from(ROLES),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(MENTIONS, max_size=8), max_size=6))
def test_actor_fast_paths7_remember_keeps_what_the_two_filters_keep(sentences: list[list[Mention]]) -> None:
    discourse = Discourse()
    for mentions in sentences:
        discourse.remember(mentions)
    actors, countries = _remembered_plain(sentences)
    assert discourse.mentions == actors
    assert all(kept is mention for kept, mention in zip(discourse.mentions, actors, strict=True))
    assert discourse.countries == countries


def test_actor_fast_paths7_discourse_keeps_the_index_of_the_codebook_it_is_given(codebook: Codebook) -> None:
    """One discourse given one codebook, then another (as no run does): each sentence is coded with the index
    and compound flag of its own codebook, and finds what a fresh discourse finds."""
    other = dataclasses.replace(codebook, compound_actors=frozenset({"no-such-entry"}))
    parse = parse_sentence("Venezuelan troops and the government of Colombia met rebels in Caracas.")
    day = dt.date(2024, 1, 1)
    discourse = Discourse()
    for coded_with in (codebook, other, codebook):
        assert find_mentions(parse, coded_with, day, discourse) == find_mentions(parse, coded_with, day, Discourse())
        assert discourse.codebook is coded_with
        assert discourse.index is actor_index(coded_with)
        assert discourse.compounds == bool(coded_with.compound_actors)
