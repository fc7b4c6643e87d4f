"""The thirteenth session's record-stage fast paths against the plain computations: `coder` builds a country
source's government mention by `parse.NEW_TUPLE` with each field named (the `_replace` it stands for),
`geo._object_phrase` builds whole `_Phrase` records the same way, and `acled` its `AcledType` records; and
`geo.sentence_phrases` finds the same phrases in the form of either build (`NATIVE_LOOPS`: compiled, a native
loop for a possessive and no `isdisjoint` gate before the phrase scan)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rows_fast_paths import PLACE_SENTENCES
from test_rows_fast_paths2 import PLACE_WORDS

from eventcoder import geo
from eventcoder.acled import CUE_SYNSETS, AcledType, acled_type, disorder_of
from eventcoder.actors import Mention
from eventcoder.coder import country_sources_act_as_government
from eventcoder.geo import _object_phrase, _Phrase, sentence_phrases
from eventcoder.parse import parse_sentence

CODES = st.sampled_from([None, "", "VEN", "VENGOV", "USA", "RUS"])


@settings(max_examples=600, deadline=None)
@given(
    st.integers(0, 30), st.integers(0, 30), st.text(max_size=8), CODES, CODES,
    st.sampled_from([None, "", "GOV", "MIL"]), st.text(max_size=8), st.sampled_from(["", "capital.", "VEN.GOV"]),
    st.sampled_from(["actor", "place", "media"]), st.lists(st.booleans(), min_size=7, max_size=7), st.integers(-1, 3),
)
def test_country_sources_act_as_government_is_the_replaced_mention(
    start: int, end: int, text: str, code: str | None, country: str | None, sector: str | None, name: str,
    entries: str, role: str, flags: list[bool], group: int,
) -> None:
    person, plural, possessive, pronoun, adjective, inferred, _ = flags
    mention = Mention(start, end, text, code, country, sector, name, entries, role, person, plural, possessive,
                      pronoun, group, adjective, inferred)
    acting = country_sources_act_as_government(mention)
    assert type(acting) is Mention and len(acting) == len(Mention._fields)
    if sector is None and country and code == country and not plural:
        assert acting == mention._replace(code=country + "GOV", sector="GOV")
    else:
        assert acting is mention


OBJECT_SENTENCES = [
    ("M23 rebels seized Goma on Tuesday.", 3),
    ("Troops shelled the city of Kherson and the Donetsk region.", 2),
    ("Gunmen stormed the Borno State capital.", 2),
    ("Police raided the offices of the opposition.", 2),
    ("They attacked the village.", 2),
]


def test_object_phrases_are_whole_records() -> None:
    found = 0
    for text, trigger_end in OBJECT_SENTENCES:
        parse = parse_sentence(text)
        phrase = _object_phrase(parse, trigger_end, len(parse.norms))
        if phrase is None:
            continue
        found += 1
        assert type(phrase) is _Phrase and len(phrase) == len(_Phrase._fields)
        assert phrase == _Phrase(phrase.start, phrase.end, phrase.name_end, False, False, phrase.division, False,
                                 object_only=True)
    assert found >= 3


SECTORS = [None, "GOV", "MIL", "COP", "REB", "UAG", "OPP", "CVL", "IGO", "BUS"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_acled_types_are_whole_named_tuples(codebook, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    """Built by `parse.NEW_TUPLE`, every ACLED type `acled_type` gives has its three fields, whichever rule (or
    none) typed it: the crosswalk codes of the codebook with any cues and parties."""
    typed = sorted(code for code, info in codebook.event_codes.items() if info.acled_event_type is not None)
    info = codebook.event_codes[data.draw(st.sampled_from([*typed, "030", "010"]))]
    cues = frozenset(data.draw(st.sets(st.sampled_from(CUE_SYNSETS))))
    found = acled_type(info, cues, data.draw(st.sampled_from(SECTORS)), data.draw(st.sampled_from(SECTORS)))
    assert type(found) is AcledType and len(found) == len(AcledType._fields)
    assert found == AcledType(found.disorder_type, found.event_type, found.sub_event_type)
    if found.event_type is not None and found.event_type != info.acled_event_type:  # a rule retyped it
        assert found.disorder_type == disorder_of(found.event_type, found.sub_event_type)


def _both_forms(text: str) -> list[list[_Phrase]]:
    """`sentence_phrases` in the form of each build (`geo.NATIVE_LOOPS`, read at each call), in pure Python."""
    parse = parse_sentence(text)
    found = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        for native in (True, False):
            monkeypatch.setattr(geo, "NATIVE_LOOPS", native)
            found.append(sentence_phrases(parse, ()))
    return found


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*PLACE_WORDS, "’s", "s", "'", "Russia's"]), max_size=18))
def test_both_forms_find_the_same_place_phrases(words: list[str]) -> None:
    """Sentences with and without an opener and a possessive: the native loops find what the C-level tests do."""
    by_loop, by_test = _both_forms(" ".join(words))
    assert by_loop == by_test


@pytest.mark.parametrize("text", [*PLACE_SENTENCES, "Rebels attacked Goma.", "Egypt's army said so."])
def test_both_forms_on_whole_sentences(text: str) -> None:
    by_loop, by_test = _both_forms(text)
    assert by_loop == by_test
