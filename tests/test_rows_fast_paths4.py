"""The eleventh session's record-stage fast paths against the plain computations: `geo.event_places` walks
its events by index (no `zip(..., strict=True)`, no `max(..., key=lambda)`) and gives each event the place
the plain form gave, an event whose clause names none the place of the earlier event ending last."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from test_rows_fast_paths2 import PLACE_WORDS

from eventcoder.actors import Mention
from eventcoder.gazetteer import Gazetteer, load_gazetteer
from eventcoder.geo import Located, _Places, event_places, sentence_phrases
from eventcoder.parse import Parse, parse_sentence


def _plain_event_places(
    parse: Parse,
    mentions: Sequence[Mention],
    triggers: Sequence[tuple[int, int]],
    countries: Collection[str],
    gazetteer: Gazetteer,
    object_is_place: Sequence[bool],
    verbal: Sequence[bool] | None = None,
) -> list[Located | None]:
    """`event_places` as it was written before (tenth session)."""
    phrases = sentence_phrases(parse, mentions)
    if not phrases and not any(object_is_place):
        return [None] * len(triggers)
    sentence = _Places(parse, mentions, countries, gazetteer, phrases)
    talk = verbal if verbal is not None else [False] * len(triggers)
    places = [
        sentence.of_event(trigger, flag, said)
        for trigger, flag, said in zip(triggers, object_is_place, talk, strict=True)
    ]
    for index, trigger in enumerate(triggers):
        if places[index] is None:
            earlier = [j for j, other in enumerate(triggers) if other[1] <= trigger[0] and places[j] is not None]
            if earlier:
                places[index] = places[max(earlier, key=lambda j: triggers[j][1])]
    return places


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PLACE_WORDS), min_size=1, max_size=18), st.data())
def test_event_places_is_the_plain_computation(words: list[str], data: st.DataObject) -> None:
    parse = parse_sentence(" ".join(words))
    count = len(parse.norms)
    countries: Collection[str] = data.draw(st.frozensets(st.sampled_from(["UKR", "RUS", "USA", "COD", "SDN"])))
    events = data.draw(st.integers(1, 5))
    triggers = []
    for _ in range(events):  # in any order, overlapping or not, several ending alike
        start = data.draw(st.integers(0, count - 1))
        triggers.append((start, data.draw(st.integers(start + 1, count))))
    object_is_place = data.draw(st.lists(st.booleans(), min_size=events, max_size=events))
    verbal = data.draw(st.none() | st.lists(st.booleans(), min_size=events, max_size=events))
    gazetteer = load_gazetteer()
    assert event_places(parse, (), triggers, countries, gazetteer, object_is_place, verbal) == _plain_event_places(
        parse, (), triggers, countries, gazetteer, object_is_place, verbal
    )
