"""Where an event happened: the place phrase of the event's clause, resolved in the offline gazetteer.

The words this module reads (prepositions of place, compass adjectives, division words) are English
language data kept at the top of the module; the algorithm is `event_place`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from itertools import compress
from typing import Final, NamedTuple, cast

from eventcoder.actors import Mention
from eventcoder.gazetteer import COUNTRY, DIVISION, LEVELS, PLACE, Gazetteer, Place
from eventcoder.parse import NEW_TUPLE, Parse
from eventcoder.text.tokenize import NATIVE_LOOPS

# A place phrase opens with one of these ("in Kharkiv", "near El Fasher", "an attack on Goma").
PLACE_PREPOSITIONS: Final = frozenset({"in", "near", "outside", "at", "across", "from", "on", "into", "inside",
                                       "around", "throughout", "through", "nearby", "towards", "toward", "within"})
# ... and these put the event beside the place rather than in it (ACLED geo precision 2).
NEARBY_WORDS: Final = frozenset({"near", "outside", "around", "nearby", "outskirts", "towards", "toward", "north",
                                 "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km",
                                 "kilometres", "kilometers", "miles", "border", "edge", "vicinity", "suburbs",
                                 "suburb"})
# "in northern Gaza", "in the east of Ukraine": part of the place (precision 2 for a town or a division).
COMPASS_ADJECTIVES: Final = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern",
                                       "northwestern", "southeastern", "southwestern", "north-eastern",
                                       "north-western", "south-eastern", "south-western", "upper", "lower"})
# "the town of X", "the X region": words naming what kind of place follows or precedes the name.
SETTLEMENT_WORDS: Final = frozenset({"town", "city", "village", "capital", "port", "district", "neighbourhood",
                                     "neighborhood", "township", "camp", "suburb", "suburbs", "outskirts", "province",
                                     "region", "state", "governorate", "oblast", "county", "area", "municipality",
                                     "towns", "cities", "villages", "districts", "provinces", "regions", "areas"})
DIVISION_WORDS: Final = frozenset({"region", "province", "oblast", "state", "governorate", "district", "county",
                                   "department", "prefecture"})
# Lower-case words that may stand inside a place name ("Deir ez-Zor", "Rio de Janeiro", "Khan al-Ahmar").
NAME_PARTICLES: Final = frozenset({"al", "el", "ad", "ash", "as", "az", "ar", "an", "ez", "es", "de", "da", "do",
                                   "dos", "du", "la", "le", "les", "del", "di", "-", "'s", "bin", "ibn"})
# Capitalised words after a preposition that are times, not places ("in March", "on Tuesday").
NOT_PLACES: Final = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                               "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                               "friday", "saturday", "sunday", "christmas", "easter", "ramadan", "eid", "the", "a",
                               "an"})
# What may stand between a town and the division that qualifies it: "X in the Y region", "X, Y".
QUALIFIER_GAP: Final = frozenset({"in", ",", "the", "of"}) | COMPASS_ADJECTIVES
CONJUNCT_GAP: Final = frozenset({"and", ","})  # what stands between two coordinated names ("in Sanaa and Saada")
# Capitalised words closing a name that the gazetteer may list without ("Gaza City", "Borno State").
GENERIC_NAME_WORDS: Final = frozenset({"city", "town", "province", "state", "region", "governorate", "oblast",
                                       "district", "county", "municipality", "prefecture", "department"})
PHRASE_OPENERS: Final = PLACE_PREPOSITIONS | {"of"}  # "of" after a settlement word: "the town of X"
# Between the preposition and the name: an article or "of" in any case ("in the", "of"), and these lower-case
# ("in the northern town of X", "near the border town of X").
ARTICLES_AND_OF: Final = frozenset({"the", "a", "an", "of"})
LOWER_LEADING_WORDS: Final = COMPASS_ADJECTIVES | SETTLEMENT_WORDS | NEARBY_WORDS
CLAUSE_BREAKS: Final = frozenset({";", ":", "—", "–"})
CLAUSE_OPENERS: Final = frozenset({"and", "but", "while", "whereas", "after", "before", "when", "as", "although",
                                   "though", "since", "because"})
LEFT_EDGES: Final = CLAUSE_BREAKS | CLAUSE_OPENERS  # what may open a clause (a conjunction only after a comma)
RIGHT_EDGES: Final = CLAUSE_BREAKS | {","}  # what may close one (a comma only before a conjunction)
MAX_NAME_TOKENS: Final = 5
ASCII_CAPITALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # the ASCII characters `str.isupper` holds upper-case
COMPASS_NAMES: Final = frozenset({"north", "south", "east", "west", "centre", "center"})  # "North" alone is no place
# Words that end the look for the place a possessive owns ("Egypt's restive North Sinai province").
BREAK_WORDS: Final = frozenset({",", ";", ":", ".", "and", "but", "or", "on", "in", "at", "by", "for", "with", "to"})
SAID_IN: Final = frozenset({"in", "at", "inside"})  # the prepositions that place a verbal event
CAPITAL_ENTRY: Final = "capital."  # actor entries of a seat of government named by its city or building
CAPITAL_POPULATION: Final = 100_000


class Located(NamedTuple):
    """The place an event happened at: its gazetteer row, the text naming it, and ACLED's geo precision."""

    place: Place
    text: str
    precision: int


class _Phrase(NamedTuple):
    """A place phrase of a sentence (a named tuple: a sentence builds several, and the cache keys on them).

    The phrase scans build it as `tuple.__new__(_Phrase, (all twelve fields))` (`parse.NEW_TUPLE`): a named
    tuple's own `__new__` is Python code, a frame (and keyword handling) per phrase;
    `tests/test_rows_fast_paths.py` holds every phrase they build to the field count."""

    start: int  # first token of the name
    end: int  # one past the name (and its division word, if any)
    name_end: int
    nearby: bool
    part: bool
    division: bool
    prepositional: bool
    context_only: bool = False  # the owner in "Russia's Saratov region": it names the country, not the place
    object_only: bool = False  # a name after the trigger with no preposition: a town or division, not a country
    capital: str | None = None  # the country whose seat of government the actor dictionary knows the name as
    government: bool = False  # ... and reads it as the government there, not as a place ("Washington said")
    preposition: str = ""  # the word opening the phrase ("" for a name the actor dictionary found bare)


def clause_span(parse: Parse, start: int, end: int) -> tuple[int, int]:
    """The tokens of the clause around tokens [start, end): bounded by ';', ':' and dashes, by a comma
    before a conjunction or subordinator (', and', ', while', ', after'), and by the attribution."""
    norms = parse.norms
    count = len(norms)
    left = 0
    right = count
    if NATIVE_LOOPS:
        # compiled, plain loops are native; `compress`, `map` and `reversed` generic calls, and each word's test a
        # call of `__contains__` through Python's protocol (callgrind, the news slice: about 15.5 K instructions a
        # call, against 3.2 K)
        for index in range(start - 1, -1, -1):
            norm = norms[index]
            if norm in LEFT_EDGES and (norm in CLAUSE_BREAKS or (index > 0 and norms[index - 1] == ",")):
                left = index + 1
                break
        for index in range(end, count):
            norm = norms[index]
            if norm in RIGHT_EDGES and (norm != "," or (index + 1 < count and norms[index + 1] in CLAUSE_OPENERS)):
                right = index
                break
        return _short_of_the_attribution(parse, start, end, left, right)
    # pure Python, the scans test each word in C and look closer only at a break, a conjunction or a comma
    if start > 0:
        for index in compress(range(start - 1, -1, -1), map(LEFT_EDGES.__contains__, reversed(norms[:start]))):
            if norms[index] in CLAUSE_BREAKS or (index > 0 and norms[index - 1] == ","):  # else a conjunction
                left = index + 1
                break
    for index in compress(range(end, count), map(RIGHT_EDGES.__contains__, norms[end:])):
        if norms[index] != "," or (index + 1 < count and norms[index + 1] in CLAUSE_OPENERS):
            right = index
            break
    return _short_of_the_attribution(parse, start, end, left, right)


def _short_of_the_attribution(parse: Parse, start: int, end: int, left: int, right: int) -> tuple[int, int]:
    """The clause [left, right) around tokens [start, end), cut short of the sentence's attribution."""
    if parse.attribution_start < parse.attribution_end:
        if parse.attribution_start >= end:
            right = min(right, parse.attribution_start)
        elif parse.attribution_end <= start:
            left = max(left, parse.attribution_end)
    return left, right


class ClauseEdges:
    """The clause edges of one sentence, found in one scan of it: `span` is `clause_span` by two binary
    searches, for a sentence whose every event (and count) asks for its clause."""

    def __init__(self, parse: Parse) -> None:
        norms = parse.norms
        count = len(norms)
        self.parse = parse
        self.count = count
        # A clause break both closes the clause before it and opens the one after it; a comma before a
        # conjunction closes the clause at the comma and opens the next one after the conjunction
        # (`clause_span`'s two scans). Both lists ascend: a conjunction is no break.
        self.opens: list[int] = []  # a clause opens after each of these tokens
        self.closes: list[int] = []  # ... and closes at each of these
        # a plain loop: as cheap as `compress` and `map` in CPython, and a native loop when compiled
        native = NATIVE_LOOPS  # a local: pure Python, a test per word at the cost of one LOAD_FAST
        for index in range(count):
            norm = norms[index]
            # Every edge is one character (`tests/test_rows_fast_paths.py`): compiled, a word's length is read
            # natively, where the probe is a call into the set (about 40 instructions), so most words, longer,
            # take no probe; pure Python, `len` is a call, the probe one instruction.
            if (native and len(norm) != 1) or norm not in RIGHT_EDGES:
                continue
            if norm != ",":
                self.opens.append(index)
                self.closes.append(index)
            elif index + 1 < count and norms[index + 1] in CLAUSE_OPENERS:
                self.closes.append(index)
                self.opens.append(index + 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """`clause_span(parse, start, end)`, by the form cheaper in the running build (`NATIVE_LOOPS`): compiled,
        a native loop over the few edges (`bisect_left` is a generic call there, about 400 instructions each);
        pure Python, two binary searches in C."""
        if NATIVE_LOOPS:
            left = 0
            for edge in self.opens:
                if edge >= start:
                    break
                left = edge + 1  # after the last edge before `start`
            right = self.count
            for edge in self.closes:
                if edge >= end:  # the first edge at or after `end`
                    right = edge
                    break
            return _short_of_the_attribution(self.parse, start, end, left, right)
        opened = bisect_left(self.opens, start)  # the edges before `start`
        left = self.opens[opened - 1] + 1 if opened else 0
        closed = bisect_left(self.closes, end)  # the first edge at or after `end`
        right = self.closes[closed] if closed < len(self.closes) else self.count
        return _short_of_the_attribution(self.parse, start, end, left, right)


def _capitalised(word: str) -> bool:
    """`word[:1].isupper()`, an ASCII initial found by a set probe: compiled, `str.isupper` is a generic method
    call (about 250 instructions), the probe and the comparison about 80."""
    initial = word[:1]
    return initial in ASCII_CAPITALS or (initial > "\x7f" and initial.isupper())


def _name_end(parse: Parse, start: int, right: int) -> int:
    """One past the run of capitalised words (with particles such as "al", "de") starting at `start`."""
    words, norms = parse.words, parse.norms
    cursor = start
    while cursor < right and cursor - start < MAX_NAME_TOKENS and (
        (initial := words[cursor][:1]) in ASCII_CAPITALS or (initial > "\x7f" and initial.isupper())  # `_capitalised`
        or (cursor > start and (norms[cursor] in NAME_PARTICLES or norms[cursor - 1] == "-"))  # Rostov-on-Don
        or (cursor > start and norms[cursor] in ("of", "the") and _names_follow(parse, cursor, right))
    ):
        cursor += 1
    while cursor > start and (norms[cursor - 1] in NAME_PARTICLES or not (
        (initial := words[cursor - 1][:1]) in ASCII_CAPITALS or (initial > "\x7f" and initial.isupper())
    )):
        cursor -= 1
    return cursor


def _names_follow(parse: Parse, index: int, right: int) -> bool:
    """Whether "of" or "of the" at `index` joins two parts of one name ("Gulf of Guinea", "Republic of the
    Congo") rather than ending it."""
    after = index + 1
    if parse.norms[index] == "of" and after < right and parse.norms[after] == "the":
        after += 1
    return after < right and _capitalised(parse.words[after]) and parse.norms[after] not in NOT_PLACES


def _phrases(parse: Parse, left: int, right: int) -> list[_Phrase]:
    """Place phrases in tokens [left, right): a preposition, optional article, compass adjective and
    settlement word ("in the northern town of"), then a run of capitalised words, then a division word."""
    words, norms = parse.words, parse.norms
    phrases: list[_Phrase] = []
    following = left  # where the next phrase may open
    owner_preposition = ""  # "in India's state of Mizoram": the owned place keeps the owner's "in"
    for index in range(left, right):  # a plain loop, like `ClauseEdges`'
        if norms[index] not in PHRASE_OPENERS or index < following:
            continue
        norm = norms[index]
        of_place = norm == "of" and index > left and (norms[index - 1] in SETTLEMENT_WORDS or norms[index - 1]
                                                       in NEARBY_WORDS)
        if norm == "of" and not of_place:  # the other openers are PLACE_PREPOSITIONS
            continue
        cursor = index + 1
        while cursor < right and (
            norms[cursor] in ARTICLES_AND_OF
            or (norms[cursor] in LOWER_LEADING_WORDS and not _capitalised(words[cursor]))  # the leading words
        ):
            cursor += 1
        start = cursor
        if start >= right or not (  # no capitalised word: `_name_end` would give `start` (`_capitalised`, inline)
            (initial := words[start][:1]) in ASCII_CAPITALS or (initial > "\x7f" and initial.isupper())
        ):
            following = max(start, index + 1)  # (most openers end here)
            continue
        # the words between the opener and the name, if any ("in Kharkiv" has none): compiled, each `isdisjoint`
        # is a generic method call
        leading = norms[index + 1 : start] if start > index + 1 else ()
        part = bool(leading) and not COMPASS_ADJECTIVES.isdisjoint(leading)
        nearby = (
            norm in NEARBY_WORDS
            or (index > left and norms[index - 1] in NEARBY_WORDS)
            or (bool(leading) and not NEARBY_WORDS.isdisjoint(leading))
        )
        cursor = _name_end(parse, start, right)
        if cursor == start or norms[start] in NOT_PLACES:
            following = max(cursor, index + 1)
            continue
        division = cursor < right and norms[cursor] in DIVISION_WORDS
        end = cursor + 1 if division else cursor
        owned = _owned_name(parse, cursor, right)
        if of_place and owner_preposition:
            norm, owner_preposition = owner_preposition, ""
        elif owned == 0:
            owner_preposition = norm
        phrases.append(NEW_TUPLE(_Phrase, (start, end, cursor, nearby, part, division, True, owned >= 0, False,
                                               None, False, norm)))
        if owned > 0:
            named = _name_end(parse, owned, right)
            owned_division = named < right and norms[named] in DIVISION_WORDS
            phrases.append(NEW_TUPLE(_Phrase, (owned, named + owned_division, named, nearby, part,
                                                   owned_division, True, False, False, None, False, norm)))
            end = named + owned_division
        elif end + 1 < right and norms[end] == "," and _capitalised(words[end + 1]):
            # "in Santa Fe, Texas", "in Dhahran, Southern Saudi Arabia": the division or country after the
            # comma settles which town is meant.
            named = _name_end(parse, end + 1, right)
            phrases.append(NEW_TUPLE(_Phrase, (end + 1, named, named, False, False, False, False, True, False,
                                                   None, False, "")))
        following = end if owned < 0 else max(end, index + 1)
    return phrases


def _owned_name(parse: Parse, cursor: int, right: int) -> int:
    """Where the place starts when the name ending at `cursor` only says whose it is ("Egypt's restive North
    Sinai province", "the Russian cities of X", "the Turkish capital, Ankara", "the Moldovan capital
    Chisinau"): the start of the owned name, 0 when it follows as "of X" (found as a phrase of its own), or
    -1 when the name is the place itself."""
    words, norms = parse.words, parse.norms
    if cursor >= right:
        return -1
    if norms[cursor] == "'s":  # the owner of "India's northeastern state of Mizoram" is no place itself
        for owned in range(cursor + 1, min(right, cursor + 4)):
            if _capitalised(words[owned]):
                return owned
            if norms[owned] in BREAK_WORDS:
                break
        return 0
    if norms[cursor] == "-":  # "Serb-held parts of Bosnia", "Russian-occupied Kherson"
        return 0
    if norms[cursor] not in SETTLEMENT_WORDS or cursor + 1 >= right:
        return -1
    following = norms[cursor + 1]
    if following == "of":
        return 0
    if following == "," and cursor + 2 < right and _capitalised(words[cursor + 2]):
        return cursor + 2
    return cursor + 1 if _capitalised(words[cursor + 1]) and following not in NOT_PLACES else -1


def place_rank(place: Place, countries: Collection[str], context: Collection[tuple[str, str | None]] = (),
               seat: str | None = None) -> tuple[bool, bool, bool, int, int]:
    """Policy (the one ambiguity rule): among places of one name prefer a place inside a division or country
    the same clause names ("near Pokrovsk in the Donetsk region"), then one in a country the article names
    (actors or places), then the larger place (a division or a country counts as its largest place), then
    the more specific level (a town before a division, a division before a country). A name the actor
    dictionary knows as a seat of government (`seat`: its country) prefers, after the article's countries,
    that country's city ("in Washington": the capital, not the state)."""
    # most places are ranked with no clause context: then no pair is built and probed for
    inside = bool(context) and ((place.country, place.admin1) in context or (place.country, None) in context)
    capital = seat is not None and _seat_city(place, seat)
    return (not inside, place.country not in countries, not capital, -place.population, LEVELS[place.level])


def _seat_city(place: Place, seat: str) -> bool:
    return place.level == PLACE and place.country == seat and place.population >= CAPITAL_POPULATION


def _resolve(gazetteer: Gazetteer, name: str, division: bool, countries: Collection[str],
             context: Collection[tuple[str, str | None]] = (), seat: str | None = None,
             government: bool = False) -> Place | None:
    candidates = gazetteer.candidates(name)
    if seat is not None and government:  # read as the government ("at the White House"): its city or nothing
        candidates = [place for place in candidates if _seat_city(place, seat)]
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
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    # `min(candidates, key=place_rank)` as a loop: the first of the lowest rank, without a lambda (compiled,
    # a callable object called through Python's protocol with boxed arguments; pure, a frame per place)
    best = candidates[0]
    best_rank = place_rank(best, countries, context, seat)
    for index in range(1, len(candidates)):
        rank = place_rank(candidates[index], countries, context, seat)
        # the comparison in the form cheaper in the running build (`NATIVE_LOOPS`): compiled, `<` on two ranks
        # boxes each into a new tuple (its ints too) for the generic rich comparison, about 1,000 instructions,
        # where `_ranks_below` compares their fields natively; pure Python, `<` is one C call, a function a frame
        if _ranks_below(rank, best_rank) if NATIVE_LOOPS else rank < best_rank:
            best, best_rank = candidates[index], rank
    return best


def _ranks_below(rank: tuple[bool, bool, bool, int, int], other: tuple[bool, bool, bool, int, int]) -> bool:
    """`rank < other` for two `place_rank` ranks, field by field."""
    outside, foreign, not_seat, minus_population, level = rank
    other_outside, other_foreign, other_not_seat, other_minus_population, other_level = other
    if outside != other_outside:  # `False < True`: the one that is not outside ranks below
        return other_outside
    if foreign != other_foreign:
        return other_foreign
    if not_seat != other_not_seat:
        return other_not_seat
    if minus_population != other_minus_population:
        return minus_population < other_minus_population
    return level < other_level


def geo_precision(place: Place, phrase: _Phrase) -> int:
    """Policy (ACLED geo precision): 1 for a town named as the place itself; 2 for a place the event is near
    ("near X", "outside X", "20 km from X") or part of ("northern Gaza", "southern Kherson region");
    3 for a division or a country."""
    if place.level == PLACE:
        return 2 if phrase.nearby or phrase.part else 1
    if place.level == DIVISION and phrase.part:
        return 2
    return 3


# A sentence's mentions are typed as the tuple `SentenceAnalysis` holds: compiled, a loop over a `Sequence` is a
# generic iterator (about 75 instructions to start, 12 an item), over a tuple a native index loop.
def _screen(phrases: list[_Phrase], mentions: tuple[Mention, ...]) -> list[_Phrase]:
    """Policy: a name the actor dictionary reads as a person, an organisation or an outlet is not a place
    ("in Congress", "at Reuters"); one it reads as a seat of government ("in Washington", "of Beirut") is the
    city only when that is a city of the country of at least CAPITAL_POPULATION ("the White House" is not)."""
    kept: list[_Phrase] = []
    for phrase in phrases:
        start, name_end = phrase.start, phrase.name_end
        named = [mention for mention in mentions if mention.start < name_end and start < mention.end]
        if not named:  # the name is no actor's name: nothing to screen
            kept.append(phrase)
            continue
        # the actors other than a country or a place that the actor dictionary reads in the phrase's name
        actors = [mention for mention in named if mention.role != "place" and not _country_mention(mention)]
        if actors and not all(actor.entries.startswith(CAPITAL_ENTRY) and actor.country for actor in actors):
            continue
        seats = [mention for mention in named if mention.entries.startswith(CAPITAL_ENTRY) and mention.country]
        kept.append(_seat_of_government(phrase, seats[0].country, bool(actors)) if seats else phrase)
    return kept


def _seat_of_government(phrase: _Phrase, capital: str | None, government: bool) -> _Phrase:
    """`phrase` with its seat of government set (what `_replace` gives, without its generic machinery)."""
    return NEW_TUPLE(_Phrase, (phrase.start, phrase.end, phrase.name_end, phrase.nearby, phrase.part,
                                   phrase.division, phrase.prepositional, phrase.context_only, phrase.object_only,
                                   capital, government, phrase.preposition))


def _country_mention(mention: Mention) -> bool:
    return bool(mention.country) and mention.code == mention.country and not mention.person


def _distance(phrase: _Phrase, start: int, end: int) -> int:
    return phrase.start - end if phrase.start >= end else max(0, start - phrase.end)


def _object_phrase(parse: Parse, end: int, right: int) -> _Phrase | None:
    """A capitalised name straight after the trigger ("seized Goma", "shelled the city of Kherson")."""
    words, norms = parse.words, parse.norms
    cursor = end
    while cursor < right and (norms[cursor] in ("the", "of") or (
        not _capitalised(words[cursor]) and norms[cursor] in SETTLEMENT_WORDS
    )):
        cursor += 1
    start = cursor
    cursor = _name_end(parse, start, right)
    if cursor == start or norms[start] in NOT_PLACES:
        return None
    division = cursor < right and norms[cursor] in DIVISION_WORDS
    return NEW_TUPLE(_Phrase, (start, cursor + 1 if division else cursor, cursor, False, False, division, False,
                               False, True, None, False, ""))


def _possessives(phrases: list[_Phrase], parse: Parse) -> list[_Phrase]:
    """Split "Russia's Saratov region" into the owner (kept as context) and the place it owns."""
    # whether the sentence has a possessive, in the form cheaper in the running build (`NATIVE_LOOPS`): compiled,
    # a native loop comparing each word with "'s" (`in` on a tuple calls the generic rich comparison for each
    # word, about 3,700 instructions a sentence); pure Python, `in` (one C-level scan)
    if not (any(norm == "'s" for norm in parse.norms) if NATIVE_LOOPS else "'s" in parse.norms):
        return phrases
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


def _locate(parse: Parse, phrase: _Phrase, mentions: tuple[Mention, ...], countries: Collection[str],
            gazetteer: Gazetteer, context: Collection[tuple[str, str | None]], towns: bool) -> Located | None:
    """Resolve a phrase by its whole name, or without the generic words closing it ("Gaza City" as "Gaza"),
    or without a compass word opening it ("Southern Hasaka" as part of "Hasaka"); a compass word alone
    ("the Southern countryside") names no place."""
    if parse.norms[phrase.start] in COMPASS_ADJECTIVES or parse.norms[phrase.start] in COMPASS_NAMES:
        if phrase.name_end - phrase.start == 1:
            return None
        whole = _locate_name(parse, phrase, mentions, countries, gazetteer, context, towns)
        if whole is not None or parse.norms[phrase.start] not in COMPASS_ADJECTIVES:
            return whole
        inner = phrase._replace(start=phrase.start + 1, part=True)
        return _locate_name(parse, inner, mentions, countries, gazetteer, context, towns)
    return _locate_name(parse, phrase, mentions, countries, gazetteer, context, towns)


def _locate_name(parse: Parse, phrase: _Phrase, mentions: tuple[Mention, ...], countries: Collection[str],
                 gazetteer: Gazetteer, context: Collection[tuple[str, str | None]], towns: bool) -> Located | None:
    shortest = phrase.name_end
    while shortest - 1 > phrase.start and parse.norms[shortest - 1] in GENERIC_NAME_WORDS:
        shortest -= 1
    # a token ends its length after its start: the text is sliced by the starts and the words, not by
    # `Parse.ends`, which the parser need not keep
    starts, words = parse.starts, parse.words
    first = starts[phrase.start]
    for name_end in range(phrase.name_end, shortest - 1, -1):
        division = phrase.division and name_end == phrase.name_end
        country = _country_of(gazetteer, mentions, phrase.start, name_end)
        name = parse.text[first : starts[name_end - 1] + len(words[name_end - 1])]
        place = country or _resolve(gazetteer, name, division, countries, context, phrase.capital,
                                    phrase.government)
        if place is not None and (not towns or place.level != COUNTRY):
            end_token = phrase.end if division else name_end
            text = parse.text[first : starts[end_token - 1] + len(words[end_token - 1])]
            # built by `tuple.__new__`, like `_Phrase`: a named tuple's own `__new__` is a Python frame
            return NEW_TUPLE(Located, (place, text, geo_precision(place, phrase)))
    return None


def event_place(
    parse: Parse,
    mentions: tuple[Mention, ...],
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
    return _Places(parse, mentions, countries, gazetteer).of_event(trigger, object_is_place)


def event_places(
    parse: Parse,
    mentions: tuple[Mention, ...],
    triggers: list[tuple[int, int]],
    countries: Collection[str],
    gazetteer: Gazetteer,
    object_is_place: list[bool],
    verbal: list[bool] | None = None,
) -> list[Located | None]:
    """The place of each event of a sentence (`event_place`); an event whose clause names no place takes
    the place of the closest event before it in the sentence ("M23 seized Goma after days of fighting",
    "Gangs attacked X, and at least 20 died"): a clause without a place hangs on the one before it.
    Policy: a verbal event (a statement, a denial, an appeal) happens where it is said or met, so only "in X"
    and "at X" place it; "a strike near X" or "talks on X" name what it is about, not where it happened."""
    phrases = sentence_phrases(parse, mentions)
    if not phrases and not any(object_is_place):
        return [None] * len(triggers)
    sentence = _Places(parse, mentions, countries, gazetteer, phrases)
    count = len(triggers)
    talk = verbal if verbal is not None else [False] * count
    # index loops, not `zip(..., strict=True)` and `max(..., key=lambda)`: compiled, those are generic calls (a
    # keyword argument, a callable object), these native loops; pure Python, about as cheap. The events' facts
    # come as lists: compiled, an item of a `Sequence` is a generic `__getitem__` (about 55 instructions), of a
    # list a native read.
    places: list[Located | None] = []
    for index in range(count):
        places.append(sentence.of_event(triggers[index], object_is_place[index], talk[index]))
    for index in range(count):
        if places[index] is not None:
            continue
        # the earlier event ending last (the first of those ending alike) that has a place
        start = triggers[index][0]
        closest = -1
        closest_end = -1
        for other in range(count):
            end = triggers[other][1]
            if end <= start and places[other] is not None and end > closest_end:
                closest, closest_end = other, end
        if closest >= 0:
            places[index] = places[closest]
    return places


def sentence_phrases(parse: Parse, mentions: tuple[Mention, ...]) -> list[_Phrase]:
    """The place phrases of a sentence (`_phrases`), then the places the actor dictionary found that no phrase
    holds (outside the attribution), possessives split and actors' names screened out (`_screen`)."""
    # Compiled (`NATIVE_LOOPS`), `_phrases`' native loop finds a sentence without an opener (few) about as cheaply
    # as `isdisjoint`, a generic method call there (about 1,300 instructions a sentence), so every sentence goes
    # straight to it; pure Python, the C-level test spares most sentences without one the interpreted loop.
    norms = parse.norms
    phrases = _phrases(parse, 0, len(norms)) if NATIVE_LOOPS or not PHRASE_OPENERS.isdisjoint(norms) else []
    for m in mentions:
        if m.role == "place" and not parse.attributed(m.start) and not any(
            p.start < m.end and m.start < p.end or _conjunct(parse, p.end, m.start) for p in phrases
        ):
            phrases.append(NEW_TUPLE(_Phrase, (m.start, m.end, m.end, False, False, False, False, False, False,
                                                   None, False, "")))
    return _screen(_possessives(phrases, parse), mentions) if phrases else []


class _Places:
    """The place phrases of one sentence, each resolved at most once per context, for all its events."""

    def __init__(self, parse: Parse, mentions: tuple[Mention, ...], countries: Collection[str],
                 gazetteer: Gazetteer, phrases: list[_Phrase] | None = None) -> None:
        self.parse = parse
        self.mentions = mentions
        self.countries = countries
        self.gazetteer = gazetteer
        self.cache: dict[tuple[_Phrase, frozenset[tuple[str, str | None]]], Located | None] = {}
        self.phrases = sentence_phrases(parse, mentions) if phrases is None else phrases
        self.clauses = ClauseEdges(parse)

    def locate(self, phrase: _Phrase, context: frozenset[tuple[str, str | None]] = frozenset()) -> Located | None:
        # A tuple does not keep its hash: the key's (the phrase's twelve fields and the context) is computed
        # on each probe, so a hit probes once (`get`) and a miss once more to store.
        key = (phrase, context)
        located = self.cache.get(key, _NOT_CACHED)
        if located is _NOT_CACHED:
            located = self.cache[key] = _locate(self.parse, phrase, self.mentions, self.countries, self.gazetteer,
                                                context, phrase.object_only)
        return cast("Located | None", located)

    def of_event(self, trigger: tuple[int, int], object_is_place: bool, verbal: bool = False) -> Located | None:
        start, end = trigger
        left, right = self.clauses.span(start, end)
        phrases = [
            phrase for phrase in self.phrases
            if left <= phrase.start and phrase.end <= right and not (verbal and phrase.preposition not in SAID_IN)
        ]
        if object_is_place:
            found = _object_phrase(self.parse, end, right)
            if found is not None and not any(phrase.start == found.start for phrase in phrases):
                phrases.extend(_screen([found], self.mentions))
        if not phrases:
            return None
        located: list[tuple[_Phrase, Located | None]] = []
        known = False
        for phrase in phrases:
            place = self.locate(phrase)
            located.append((phrase, place))
            known = known or place is not None
        if not known:  # the gazetteer knows none of the clause's names
            return None
        if len(located) == 1:  # most clauses: one phrase, which the gazetteer knows
            phrase, place = located[0]  # not `self._only(*located[0])`: compiled, a generic call
            return self._only(phrase, place)
        context = frozenset(
            (found.place.country, found.place.admin1 if found.place.level == DIVISION else None)
            for _, found in located
            if found is not None and found.place.level != PLACE
        )
        qualifiers = _qualifiers(self.parse, located)
        best = [
            (phrase, found) for phrase, found in located
            if found is not None and not phrase.context_only and phrase.start not in qualifiers
        ]
        if len(best) > 1:
            best.sort(key=lambda item: (_distance(item[0], start, end), not item[0].prepositional, item[0].start))
        if not best:
            return None
        owners = {
            found.place.country for phrase, found in located
            if phrase.context_only and found is not None and found.place.level == COUNTRY
        }
        if owners:
            # "Egypt's North Sinai", "the Russian cities of X": the place lies in the country named as its owner.
            best = [item for item in best if (self.locate(item[0], context) or item[1]).place.country in owners]
            if not best:
                return None
        phrase, first = best[0]
        if context:
            first = self.locate(phrase, context) or first
        if first.place.level == DIVISION and any(
            unknown is None and other.end <= phrase.start
            and _gap_is(self.parse, other.end, phrase.start, QUALIFIER_GAP)
            for other, unknown in located
        ):
            # "the village of Darul Jamal in Borno State": a town the gazetteer lacks, somewhere in the division.
            return Located(first.place, first.text, 2)
        return first


    def _only(self, phrase: _Phrase, first: Located | None) -> Located | None:
        """What the rest of `of_event` gives for a clause whose one phrase the gazetteer knows (`first`):
        no qualifier (that needs a town before it), no owner (an owner is context only, so no place), and no
        unknown town before a division; a division or a country is its own context."""
        if first is None or phrase.context_only:
            return None
        place = first.place
        if place.level == PLACE:
            return first
        context = frozenset(((place.country, place.admin1 if place.level == DIVISION else None),))
        return self.locate(phrase, context) or first


_NOT_CACHED: Final = object()  # `_Places.locate`'s mark of a key not in its cache (`None` is a result)


def _gap_is(parse: Parse, start: int, end: int, words: frozenset[str]) -> bool:
    return all(parse.norms[i] in words for i in range(start, end))


def _conjunct(parse: Parse, end: int, start: int) -> bool:
    """Whether a name starting at `start` is coordinated with the phrase ending at `end` ("in Sanaa and
    Saada"): the pair names the place of one event, which is the first of them."""
    return end < start and _gap_is(parse, end, start, CONJUNCT_GAP)


def _qualifiers(parse: Parse, located: list[tuple[_Phrase, Located | None]]) -> set[int]:
    """Starts of the divisions and countries that qualify the town before them ("El Fasher in North
    Darfur", "Goma, in eastern Congo"): they settle which town is meant but are not the place themselves."""
    if len(located) < 2:  # a qualifier follows a town
        return set()
    towns = [phrase.end for phrase, found in located if found is not None and found.place.level == PLACE]
    return {
        phrase.start
        for phrase, found in located
        if found is not None and found.place.level != PLACE and any(
            town_end <= phrase.start and _gap_is(parse, town_end, phrase.start, QUALIFIER_GAP)
            for town_end in towns
        )
    }


def _country_of(gazetteer: Gazetteer, mentions: tuple[Mention, ...], start: int, end: int) -> Place | None:
    """A country the actor dictionary recognised as the whole name ("in the DRC", "in Congo"), by its row."""
    for mention in mentions:
        if mention.start == start and mention.end == end and _country_mention(mention):
            return gazetteer.country(mention.country or "")
    return None
