"""More of the record stage's fast paths against the plain computations: `geo._resolve` picks the place
`min(candidates, key=place_rank)` picks, and `geo._Places.of_event` (with its one-phrase path and its cache
probed once) gives the place the general computation of the clause gives; `coder.event_rows` sets a located
event's place columns as the per-event dictionary of them did."""

from __future__ import annotations

from collections.abc import Collection

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.coder import (
    RECORD_COLUMNS,
    analyse_article,
    article_countries,
    event_locations,
    event_rows,
    record_template,
)
from eventcoder.gazetteer import COUNTRY, DIVISION, PLACE, Gazetteer, load_gazetteer, read_table, table_bytes
from eventcoder.geo import (
    QUALIFIER_GAP,
    SAID_IN,
    Located,
    _distance,
    _gap_is,
    _object_phrase,
    _Phrase,
    _Places,
    _qualifiers,
    _resolve,
    _screen,
    place_rank,
)
from eventcoder.parse import parse_sentence

COUNTRIES = ["AAA", "BBB", "CCC"]
DIVISIONS = ["North", "South"]

# one place row: its level, population, country and division (the name is "Alpha" for all: one lookup key)
place_rows = st.tuples(
    st.sampled_from([PLACE, DIVISION, COUNTRY]),
    st.integers(0, 5),
    st.sampled_from(COUNTRIES),
    st.sampled_from(DIVISIONS),
)


def _table(rows: list[tuple[str, int, str, str]]) -> Gazetteer:
    built = [
        "\t".join([level, str(number + 1), "1.00000", "2.00000", country, str(population * 50_000), admin1, "",
                   "Alpha", "alpha"])
        for number, (level, population, country, admin1) in enumerate(rows)
    ]
    return read_table(table_bytes(built))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(place_rows, min_size=1, max_size=7),
    st.frozensets(st.sampled_from(COUNTRIES)),
    st.frozensets(st.tuples(st.sampled_from(COUNTRIES), st.sampled_from([*DIVISIONS, None]))),
    st.sampled_from([None, *COUNTRIES]),
)
def test_resolve_picks_the_first_place_of_the_lowest_rank(
    rows: list[tuple[str, int, str, str]],
    countries: frozenset[str],
    context: frozenset[tuple[str, str | None]],
    seat: str | None,
) -> None:
    gazetteer = _table(rows)
    candidates = gazetteer.candidates("Alpha")
    expected = min(candidates, key=lambda place: place_rank(place, countries, context, seat))
    assert _resolve(gazetteer, "Alpha", False, countries, context, seat) is expected


def _plain_of_event(places: _Places, trigger: tuple[int, int], object_is_place: bool,
                    verbal: bool) -> Located | None:
    """`_Places.of_event` as it was before its one-phrase path: the general computation for every clause."""
    start, end = trigger
    left, right = places.clauses.span(start, end)
    phrases = [
        phrase for phrase in places.phrases
        if left <= phrase.start and phrase.end <= right and not (verbal and phrase.preposition not in SAID_IN)
    ]
    if object_is_place:
        found = _object_phrase(places.parse, end, right)
        if found is not None and not any(phrase.start == found.start for phrase in phrases):
            phrases.extend(_screen([found], places.mentions))
    if not phrases:
        return None
    located: list[tuple[_Phrase, Located | None]] = [(phrase, places.locate(phrase)) for phrase in phrases]
    if all(place is None for _, place in located):
        return None
    context = frozenset(
        (found.place.country, found.place.admin1 if found.place.level == DIVISION else None)
        for _, found in located
        if found is not None and found.place.level != PLACE
    )
    qualifiers = _qualifiers(places.parse, located)
    best = [
        (phrase, found) for phrase, found in located
        if found is not None and not phrase.context_only and phrase.start not in qualifiers
    ]
    best.sort(key=lambda item: (_distance(item[0], start, end), not item[0].prepositional, item[0].start))
    if not best:
        return None
    owners = {
        found.place.country for phrase, found in located
        if phrase.context_only and found is not None and found.place.level == COUNTRY
    }
    if owners:
        best = [item for item in best if (places.locate(item[0], context) or item[1]).place.country in owners]
        if not best:
            return None
    phrase, first = best[0]
    assert first is not None
    if context:
        first = places.locate(phrase, context) or first
    if first.place.level == DIVISION and any(
        unknown is None and other.end <= phrase.start and _gap_is(places.parse, other.end, phrase.start,
                                                                  QUALIFIER_GAP)
        for other, unknown in located
    ):
        return Located(first.place, first.text, 2)
    return first


PLACE_WORDS = ["in", "near", "at", "on", "of", "the", "northern", "town", "region", "province", "State", ",", "and",
               "attacked", "said", "Kharkiv", "Donetsk", "Gaza", "Borno", "Russia", "Ukraine", "Springfield", "Paris",
               "Texas", "North", "Darfur", "Egypt", "'s", "Sinai", "Kherson", "Goma", "Congo", "eastern"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PLACE_WORDS), min_size=1, max_size=18), st.data())
def test_of_event_is_the_plain_computation(words: list[str], data: st.DataObject) -> None:
    parse = parse_sentence(" ".join(words))
    count = len(parse.norms)
    countries: Collection[str] = data.draw(st.frozensets(st.sampled_from(["UKR", "RUS", "USA", "COD", "SDN"])))
    fast = _Places(parse, (), countries, load_gazetteer())
    plain = _Places(parse, (), countries, load_gazetteer())
    for _ in range(3):
        start = data.draw(st.integers(0, count - 1))
        end = data.draw(st.integers(start + 1, count))
        object_is_place, verbal = data.draw(st.booleans()), data.draw(st.booleans())
        assert fast.of_event((start, end), object_is_place, verbal) == _plain_of_event(
            plain, (start, end), object_is_place, verbal
        )


PLACE_COLUMNS = ("location_text", "location_country", "geonames_id", "latitude", "longitude", "admin1", "admin2",
                 "geo_precision")


def test_located_records_take_the_place_columns_of_their_event(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    """`event_rows` sets a located event's place columns itself (no per-event dictionary of them): each
    record keeps the template's column order and carries its event's place, as the dictionary form did."""
    analyses = list(analyse_article(seed_article, codebook))
    countries = article_countries(analysis.mentions for analysis in analyses)
    template = record_template(seed_article, codebook)
    located = 0
    for analysis in analyses:
        if analysis.discarded is not None or not analysis.events:
            continue
        places = event_locations(analysis, countries)
        by_trigger = {
            (
                analysis.parse.starts[match.candidate.start],
                analysis.parse.starts[match.candidate.end - 1] + len(analysis.parse.words[match.candidate.end - 1]),
            ): place
            for match, place in zip(analysis.events, places, strict=True)
        }
        for row in event_rows(seed_article, analysis, codebook, countries, template):
            assert list(row) == list(RECORD_COLUMNS)
            place = by_trigger[(row["trigger_start"], row["trigger_end"])]
            if place is None:
                assert all(row[column] is None for column in PLACE_COLUMNS)
                continue
            located += 1
            assert [row[column] for column in PLACE_COLUMNS] == [
                place.text, place.place.country, place.place.geonames_id, place.place.latitude,
                place.place.longitude, place.place.admin1, place.place.admin2, place.precision,
            ]
    assert located > 0
