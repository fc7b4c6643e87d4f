"""`_group_compounds` tests for a coordinator between two mentions in the form cheaper in the running build
(`NATIVE_LOOPS`): a native loop over the words between compiled, `isdisjoint` on their slice in pure Python. Both
forms are run here in pure Python (the flag is read at each call) and must give the same mentions and groups, on
sentences of actors, places, coordinators and fillers in any order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import actors
from eventcoder.actors import Discourse, find_mentions
from eventcoder.parse import parse_sentence

DAY = dt.date(2024, 1, 1)
WORDS = ["Russia", "Ukraine", "France", "police", "rebels", "the", "government", "Aruba", "Curacao", "Kyiv"]
WORDS += [",", "and", "or", "&", "both", "of", "from", "his", "wife", "said", "met", "with", "president", "Laurent"]


def _both_forms(text: str, codebook: Any) -> list[list[Any]]:
    parse = parse_sentence(text, codebook.words.attribution_verbs)
    found = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        for native in (True, False):
            monkeypatch.setattr(actors, "NATIVE_LOOPS", native)
            found.append(find_mentions(parse, codebook, DAY, Discourse()))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine met France, Germany or Poland in Kyiv.",
        "Police, rebels & the government said both France and president Laurent Fabius and Russia agreed.",
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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=16))
def test_both_forms_group_the_same_on_any_sentence(codebook: Any, words: list[str]) -> None:
    by_loop, by_slice = _both_forms(" ".join(words), codebook)
    assert by_loop == by_slice
