"""Where an event happened: the place phrase of the event's clause, resolved in the offline gazetteer.

The words this module reads (prepositions of place, compass adjectives, division words) are English
language data kept at the top of the module; the algorithm is `event_place`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from eventcoder.actors import Mention
from eventcoder.gazetteer import COUNTRY, DIVISION, LEVELS, PLACE, Gazetteer, Place
from eventcoder.parse import Parse

# A place phrase opens with one of these ("in Kharkiv", "near El Fasher", "an attack on Goma").
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "at", "across", "from", "on", "into", "inside", "around",
                                "throughout", "through", "nearby", "towards", "toward", "within"})
# ... and these put the event beside the place rather than in it (ACLED geo precision 2).
NEARBY_WORDS = frozenset({"near", "outside", "around", "nearby", "outskirts", "towards", "toward", "north", "south",
                          "east", "west", "northeast", "northwest", "southeast", "southwest", "km", "kilometres",
                          "kilometers", "miles", "border", "edge", "vicinity", "suburbs", "suburb"})
# "in northern Gaza", "in the east of Ukraine": part of the place (precision 2 for a town or a division).
COMPASS_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern",
                                "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
                                "south-eastern", "south-western", "upper", "lower"})
# "the town of X", "the X region": words naming what kind of place follows or precedes the name.
SETTLEMENT_WORDS = frozenset({"town", "city", "village", "capital", "port", "district", "neighbourhood",
                              "neighborhood", "township", "camp", "suburb", "suburbs", "outskirts", "province",
                              "region", "state", "governorate", "oblast", "county", "area", "municipality"})
DIVISION_WORDS = frozenset({"region", "province", "oblast", "state", "governorate", "district", "county",
                            "department", "prefecture"})
# Lower-case words that may stand inside a place name ("Deir ez-Zor", "Rio de Janeiro", "Khan al-Ahmar").
NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "az", "ar", "an", "ez", "es", "de", "da", "do", "dos",
                            "du", "la", "le", "les", "del", "di", "-", "'s", "bin", "ibn", "upon", "on", "sur"})
# Capitalised words after a preposition that are times, not places ("in March", "on Tuesday").
NOT_PLACES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "christmas", "easter", "ramadan", "eid", "the", "a", "an"})
# What may stand between a town and the division that qualifies it: "X in the Y region", "X, Y".
QUALIFIER_GAP = frozenset({"in", ",", "the", "of"}) | COMPASS_ADJECTIVES
CLAUSE_BREAKS = frozenset({";", ":", "—", "–"})
CLAUSE_OPENERS = frozenset({"and", "but", "while", "whereas", "after", "before", "when", "as", "although",
                            "though", "since", "because"})
MAX_NAME_TOKENS = 5


@dataclass(frozen=True, slots=True)
class Located:
    """The place an event happened at: its gazetteer row, the text naming it, and ACLED's geo precision."""

    place: Place
    text: str
    precision: int


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int  # first token of the name
    end: int  # one past the name (and its division word, if any)
    name_end: int
    nearby: bool
    part: bool
    division: bool
    prepositional: bool
    context_only: bool = False  # the owner in "Russia's Saratov region": it names the country, not the place


def clause_span(parse: Parse, start: int, end: int) -> tuple[int, int]:
    """The tokens of the clause around tokens [start, end): bounded by ';', ':' and dashes, by a comma
    before a conjunction or subordinator (', and', ', while', ', after'), and by the attribution."""
    norms = parse.norms
    left = 0
    for index in range(start - 1, -1, -1):
        if norms[index] in CLAUSE_BREAKS or (
            norms[index] in CLAUSE_OPENERS and index > 0 and norms[index - 1] == ","
        ):
            left = index + 1
            break
    right = len(norms)
    for index in range(end, len(norms)):
        if norms[index] in CLAUSE_BREAKS or (norms[index] == "," and index + 1 < len(norms)
                                             and norms[index + 1] in CLAUSE_OPENERS):
            right = index
            break
    if parse.attribution_start < parse.attribution_end:
        if parse.attribution_start >= end:
            right = min(right, parse.attribution_start)
        elif parse.attribution_end <= start:
            left = max(left, parse.attribution_end)
    return left, right


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _phrases(parse: Parse, left: int, right: int) -> list[_Phrase]:
    """Place phrases in tokens [left, right): a preposition, optional article, compass adjective and
    settlement word ("in the northern town of"), then a run of capitalised words, then a division word."""
    words, norms = parse.words, parse.norms
    phrases: list[_Phrase] = []
    index = left
    while index < right:
        norm = norms[index]
        of_place = norm == "of" and index > left and (norms[index - 1] in SETTLEMENT_WORDS or norms[index - 1]
                                                       in NEARBY_WORDS)
        if norm not in PLACE_PREPOSITIONS and not of_place:
            index += 1
            continue
        nearby = norm in NEARBY_WORDS or (index > left and norms[index - 1] in NEARBY_WORDS)
        cursor = index + 1
        part = False
        while cursor < right and (norms[cursor] in ("the", "a", "an") or norms[cursor] in COMPASS_ADJECTIVES
                                  or norms[cursor] in SETTLEMENT_WORDS or norms[cursor] in NEARBY_WORDS
                                  or norms[cursor] == "of"):
            part = part or norms[cursor] in COMPASS_ADJECTIVES
            nearby = nearby or norms[cursor] in NEARBY_WORDS
            cursor += 1
        start = cursor
        while (cursor < right and cursor - start < MAX_NAME_TOKENS
               and (_capitalised(words[cursor]) or (cursor > start and norms[cursor] in NAME_PARTICLES))):
            cursor += 1
        while cursor > start and norms[cursor - 1] in NAME_PARTICLES:
            cursor -= 1
        if cursor > start and norms[start] not in NOT_PLACES:
            division = cursor < right and norms[cursor] in DIVISION_WORDS
            end = cursor + 1 if division else cursor
            phrases.append(_Phrase(start, end, cursor, nearby, part, division, True))
            index = end
        else:
            index = max(cursor, index + 1)
    return phrases


def place_rank(place: Place, countries: Collection[str], context: Collection[tuple[str, str | None]] = ()
               ) -> tuple[bool, bool, int, int]:
    """Policy (the one ambiguity rule): among places of one name prefer a place inside a division or country
    the same clause names ("near Pokrovsk in the Donetsk region"), then one in a country the article names
    (actors or places), then the larger place (a division or a country counts as its largest place), then
    the more specific level (a town before a division, a division before a country)."""
    inside = (place.country, place.admin1) in context or (place.country, None) in context
    return (not inside, place.country not in countries, -place.population, LEVELS[place.level])


def _resolve(gazetteer: Gazetteer, name: str, division: bool, countries: Collection[str],
             context: Collection[tuple[str, str | None]] = ()) -> Place | None:
    candidates = gazetteer.candidates(name)
    if division:
        divisions = [place for place in candidates if place.level == DIVISION]
        if not divisions:
            # "Kharkiv region": the division named after its main town.
            towns = sorted(
                (p for p in candidates if p.level == PLACE and p.admin1),
                key=lambda p: place_rank(p, countries, context),
            )
            for town in towns:
                divisions = [
                    place for place in gazetteer.candidates(town.admin1 or "")
                    if place.level == DIVISION and place.country == town.country
                ]
                if divisions:
                    break
        candidates = divisions
    if not candidates:
        return None
    return min(candidates, key=lambda place: place_rank(place, countries, context))


def geo_precision(place: Place, phrase: _Phrase) -> int:
    """Policy (ACLED geo precision): 1 for a town named as the place itself; 2 for a place the event is near
    ("near X", "outside X", "20 km from X") or part of ("northern Gaza", "southern Kherson region");
    3 for a division or a country."""
    if place.level == PLACE:
        return 2 if phrase.nearby or phrase.part else 1
    if place.level == DIVISION and phrase.part:
        return 2
    return 3


def _blocked(phrase: _Phrase, mentions: Sequence[Mention]) -> bool:
    """A name that the actor dictionary reads as an actor other than a country or a place (a person, an
    organisation, an outlet) is not a place ("in Congress", "at Reuters")."""
    return any(
        mention.start < phrase.name_end and phrase.start < mention.end
        and mention.role != "place" and not _country_mention(mention)
        for mention in mentions
    )


def _country_mention(mention: Mention) -> bool:
    return bool(mention.country) and mention.code == mention.country and not mention.person


def _distance(phrase: _Phrase, start: int, end: int) -> int:
    return phrase.start - end if phrase.start >= end else max(0, start - phrase.end)


def _object_phrase(parse: Parse, end: int, right: int) -> _Phrase | None:
    """A capitalised name straight after the trigger ("seized Goma", "shelled the city of Kherson")."""
    words, norms = parse.words, parse.norms
    cursor = end
    while cursor < right and (norms[cursor] == "the" or norms[cursor] in SETTLEMENT_WORDS or norms[cursor] == "of"):
        cursor += 1
    start = cursor
    while cursor < right and cursor - start < MAX_NAME_TOKENS and (
        _capitalised(words[cursor]) or (cursor > start and norms[cursor] in NAME_PARTICLES)
    ):
        cursor += 1
    while cursor > start and norms[cursor - 1] in NAME_PARTICLES:
        cursor -= 1
    if cursor == start or norms[start] in NOT_PLACES:
        return None
    division = cursor < right and norms[cursor] in DIVISION_WORDS
    return _Phrase(start, cursor + 1 if division else cursor, cursor, False, False, division, False)


def _possessives(phrases: list[_Phrase], parse: Parse) -> list[_Phrase]:
    """Split "Russia's Saratov region" into the owner (kept as context) and the place it owns."""
    split: list[_Phrase] = []
    for phrase in phrases:
        owner = next((i for i in range(phrase.start, phrase.name_end) if parse.norms[i] == "'s"), -1)
        if owner < 0:
            split.append(phrase)
            continue
        split.append(_Phrase(phrase.start, owner, owner, False, False, False, False, context_only=True))
        if owner + 1 < phrase.name_end:
            split.append(_Phrase(owner + 1, phrase.end, phrase.name_end, phrase.nearby, phrase.part,
                                 phrase.division, phrase.prepositional))
    return split


def _locate(parse: Parse, phrase: _Phrase, mentions: Sequence[Mention], countries: Collection[str],
            gazetteer: Gazetteer, context: Collection[tuple[str, str | None]], towns: bool) -> Located | None:
    """Resolve a phrase, trying its longest name first ("Khan Younis" before "Khan")."""
    for name_end in range(phrase.name_end, phrase.start, -1):
        division = phrase.division and name_end == phrase.name_end
        country = _country_of(gazetteer, mentions, phrase.start, name_end)
        name = parse.text[parse.starts[phrase.start] : parse.ends[name_end - 1]]
        place = country or _resolve(gazetteer, name, division, countries, context)
        if place is not None and (not towns or place.level != COUNTRY):
            end_token = phrase.end if division else name_end
            text = parse.text[parse.starts[phrase.start] : parse.ends[end_token - 1]]
            return Located(place, text, geo_precision(place, phrase))
    return None


def event_place(
    parse: Parse,
    mentions: Sequence[Mention],
    trigger: tuple[int, int],
    countries: Collection[str],
    gazetteer: Gazetteer,
    *,
    object_is_place: bool = False,
) -> Located | None:
    """The event's place: of the place phrases in the trigger's clause that the gazetteer knows, the one
    closest to the trigger (a prepositional phrase first when two are as close). A place the actor dictionary
    found counts as a phrase; so does a town or division right after the trigger when `object_is_place`
    (an attack on or a capture of a place: "shelled Kherson", "seized Goma"). Divisions and countries the
    clause names also settle which of several same-named places is meant (see `place_rank`)."""
    start, end = trigger
    left, right = clause_span(parse, start, end)
    phrases = _phrases(parse, left, right)
    if object_is_place:
        object_phrase = _object_phrase(parse, end, right)
        if object_phrase is not None:
            phrases.append(object_phrase)
    phrases.extend(
        _Phrase(m.start, m.end, m.end, False, False, False, False)
        for m in mentions
        if m.role == "place" and left <= m.start and m.end <= right and not parse.attributed(m.start)
        and not any(p.start < m.end and m.start < p.end for p in phrases)
    )
    phrases = [p for p in _possessives(phrases, parse) if not _blocked(p, mentions)]
    located = [
        (phrase, _locate(parse, phrase, mentions, countries, gazetteer, (), not phrase.prepositional
                         and phrase.start == end))
        for phrase in phrases
    ]
    context = {
        (found.place.country, found.place.admin1 if found.place.level == DIVISION else None)
        for _, found in located
        if found is not None and found.place.level != PLACE
    }
    qualifiers = _qualifiers(parse, located)
    best = sorted(
        ((phrase, found) for phrase, found in located
         if found is not None and not phrase.context_only and phrase.start not in qualifiers),
        key=lambda item: (_distance(item[0], start, end), not item[0].prepositional, item[0].start),
    )
    if not best:
        return None
    phrase, first = best[0]
    if context:
        return _locate(parse, phrase, mentions, countries, gazetteer, context, False) or first
    return first


def _qualifiers(parse: Parse, located: Sequence[tuple[_Phrase, Located | None]]) -> set[int]:
    """Starts of the divisions and countries that qualify the town before them ("El Fasher in North
    Darfur", "Goma, in eastern Congo"): they settle which town is meant but are not the place themselves."""
    towns = [phrase.end for phrase, found in located if found is not None and found.place.level == PLACE]
    return {
        phrase.start
        for phrase, found in located
        if found is not None and found.place.level != PLACE and any(
            town_end <= phrase.start and all(parse.norms[i] in QUALIFIER_GAP for i in range(town_end, phrase.start))
            for town_end in towns
        )
    }


def _country_of(gazetteer: Gazetteer, mentions: Sequence[Mention], start: int, end: int) -> Place | None:
    """A country the actor dictionary recognised as the whole name ("in the DRC", "in Congo"), by its row."""
    for mention in mentions:
        if mention.start == start and mention.end == end and _country_mention(mention):
            return gazetteer.country(mention.country or "")
    return None
