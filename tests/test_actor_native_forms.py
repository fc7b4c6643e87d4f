"""`_group_compounds` tests for a coordinator between two mentions, and in the short gap between two actors, in the
form cheaper in the running build (`NATIVE_LOOPS`): a native loop over the words compiled, `isdisjoint` on their
slice in pure Python. Both forms are run here in pure Python (the flag is read at each call) and must give the same
mentions and groups, on sentences of actors, agents with modifiers, places, coordinators and fillers in any order.
The gap's coordinator is tested once: the modifiers of a coordinated agent that
`coordinated_agents_keep_their_modifiers` leaves out of it are never coordinators (no coordinator `_premodifies`),
so a gap that had one keeps it, and the second test it was given found one always."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import actors
from eventcoder.actors import COORDINATORS, Discourse, _premodifies, actor_index, find_mentions
from eventcoder.parse import parse_sentence

DAY = dt.date(2024, 1, 1)
WORDS = ["Russia", "Ukraine", "France", "police", "rebels", "the", "government", "Aruba", "Curacao", "Kyiv"]
WORDS += [",", "and", "or", "&", "both", "of", "from", "his", "wife", "said", "met", "with", "president", "Laurent"]
WORDS += ["officials", "communist", "armed", "new", "transitional", "-", "self", "declared", "And", "OR", "attacked"]


def _both_forms(text: str, codebook: Any) -> list[list[Any]]:
    parse = parse_sentence(text, codebook.words.attribution_verbs)
    found = []
    left_out: list[tuple[str, ...]] = []
    keep = actors.coordinated_agents_keep_their_modifiers

    def kept(parse: Any, gap_start: int, mention: Any, verbs: Any) -> int:
        count = keep(parse, gap_start, mention, verbs)
        left_out.append(parse.norms[mention.start - count : mention.start])
        return count

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(actors, "coordinated_agents_keep_their_modifiers", kept)
        for native in (True, False):
            monkeypatch.setattr(actors, "NATIVE_LOOPS", native)
            found.append(find_mentions(parse, codebook, DAY, Discourse()))
    assert all(COORDINATORS.isdisjoint(words) for words in left_out)
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine met France, Germany or Poland in Kyiv.",
        "Police, rebels & the government said both France and president Laurent Fabius and Russia agreed.",
        "The government and communist rebels met the police and armed officials.",
        "Russia, Ukraine and the self - declared government said both Russia and new officials met.",
        "Police And the rebels & transitional officials OR Russia attacked.",
    ],
)
def test_both_forms_group_the_same(codebook: Any, text: str) -> None:
    by_loop, by_slice = _both_forms(text, codebook)
    assert by_loop == by_slice
    assert len({mention.group for mention in by_loop}) < len(by_loop)  # some mentions were joined


def test_both_forms_make_a_country_coordinated_with_a_place_a_place(codebook: Any) -> None:
    by_loop, by_slice = _both_forms("They flew to nearby Aruba and Curacao with Russia.", codebook)
    assert by_loop == by_slice
    assert [mention.role for mention in by_loop if mention.text == "Curacao"] == ["place"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=18))
def test_both_forms_group_the_same_on_any_sentence(codebook: Any, words: list[str]) -> None:
    by_loop, by_slice = _both_forms(" ".join(words), codebook)
    assert by_loop == by_slice


@pytest.mark.parametrize("coordinator", sorted(COORDINATORS))
def test_no_coordinator_modifies(codebook: Any, coordinator: str) -> None:
    verbs = actor_index(codebook).verbs
    parse = parse_sentence(f"The {coordinator} - {coordinator} {coordinator} rebels", codebook.words.attribution_verbs)
    for index, norm in enumerate(parse.norms):
        if norm in COORDINATORS:
            assert not _premodifies(parse, index, verbs)
            assert not _premodifies(parse, index, None)
