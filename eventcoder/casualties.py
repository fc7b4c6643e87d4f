"""How many were killed, injured, arrested or took part: numbers read from a sentence and given to the event
they belong to.

Convention for vague numbers (ACLED's conservative reading: its "dozens" is 12 and "hundreds" 100): a vague
word counts as the smallest number it can mean, with precision "estimate": "a few", "several" 3, "a dozen",
"dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000, "tens of thousands" 10000, "hundreds of
thousands" 100000 ("several hundred" 300). Bounds keep the stated number: "at least 7", "more than 20",
"over 20" are at_least 7 / 20 / 20; "up to 30", "fewer than 30" are at_most 30; "about 50", "nearly 100",
"some 200" are estimate; a plain number is exact. "No one was killed" is 0, exact. Two figures of one
kind joined by "and" are added ("five soldiers and three civilians" = 8); an event given several figures
of one kind keeps the largest (a toll that rose).

The words are English language data kept at the top of the module; the algorithm is `event_counts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

from eventcoder.acled import ARMED_TARGETS
from eventcoder.geo import clause_span
from eventcoder.parse import Parse
from eventcoder.slots import EventMatch

# The module's constants are `Final`: compiled, each is read from a C static instead of a lookup in the module's
# globals (pure Python ignores the mark).
KINDS: Final = ("fatalities", "injured", "arrested", "crowd_size")
# Policy: counts belong to protests and material conflict (CAMEO roots 14 and 17-20: a march, an arrest, an
# attack, a battle, a massacre); a statement that mentions deaths ("accused X of killing 12") counts none.
COUNTED_ROOTS: Final = frozenset({"14", "17", "18", "19", "20"})
_T = TypeVar("_T")

UNITS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: Final = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90}
SCALES: Final = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE: Final = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "several": 3, "dozen": 12}
VAGUE_PHRASES: Final = {("a", "few"): 3, ("a", "dozen"): 12, ("tens", "of", "thousands"): 10_000,
                        ("hundreds", "of", "thousands"): 100_000, ("a", "handful", "of"): 3}
BOUNDS: Final = {
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least", ("not", "less", "than"): "at_least",
    ("more", "than"): "at_least", ("over",): "at_least", ("upwards", "of"): "at_least",
    ("in", "excess", "of"): "at_least", ("a", "minimum", "of"): "at_least",
    ("up", "to"): "at_most", ("as", "many", "as"): "at_most", ("at", "most"): "at_most",
    ("fewer", "than"): "at_most", ("less", "than"): "at_most", ("no", "more", "than"): "at_most",
    ("about",): "estimate", ("around",): "estimate", ("nearly",): "estimate", ("almost",): "estimate",
    ("approximately",): "estimate", ("roughly",): "estimate", ("some",): "estimate",
    ("an", "estimated"): "estimate", ("estimated",): "estimate", ("close", "to"): "estimate",
    ("perhaps",): "estimate", ("possibly",): "estimate",
}  # fmt: skip
# Words after a number that make it a measure, not a count of people.
NOT_PEOPLE: Final = frozenset({"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres",
                               "meters", "percent", "%", "per", "years", "year", "months", "days", "day", "hours",
                               "hour", "minutes", "times", "dollars", "euros", "tonnes", "tons", "kg", "am", "pm",
                               "a.m.", "p.m.", "-", "january", "february", "march", "april", "may", "june", "july",
                               "august", "september", "october", "november", "december", "rockets", "missiles",
                               "drones", "shells", "homes", "houses", "buildings", "vehicles", "tanks", "bombs",
                               "villages", "towns", "targets", "projectiles", "million", "billion"})
# Nouns for people after "a"/"an"/"one" ("killing a soldier").
PERSON_NOUNS: Final = frozenset({"soldier", "civilian", "man", "woman", "child", "boy", "girl", "person", "officer",
                                 "policeman", "policewoman", "journalist", "protester", "demonstrator", "student",
                                 "fighter", "militant", "worker", "teenager", "farmer", "resident", "guard",
                                 "commander", "activist", "doctor", "nurse", "teacher", "pilot", "member", "trooper"})

# A number before one of these words counts what the word says ("seven people were killed", "12 dead").
AFTER_NUMBER: Final = {
    "killed": "fatalities", "dead": "fatalities", "died": "fatalities", "die": "fatalities",
    "perished": "fatalities", "deaths": "fatalities", "fatalities": "fatalities", "slain": "fatalities",
    "lives": "fatalities", "murdered": "fatalities", "executed": "fatalities", "massacred": "fatalities",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured",
    "arrested": "arrested", "detained": "arrested", "apprehended": "arrested", "arrests": "arrested",
    "detentions": "arrested",
    "marched": "crowd_size", "rallied": "crowd_size", "protested": "crowd_size", "demonstrated": "crowd_size",
    "gathered": "crowd_size", "took": "crowd_size", "joined": "crowd_size", "thronged": "crowd_size",
    "march": "crowd_size", "rally": "crowd_size", "protest": "crowd_size", "gather": "crowd_size",
    "turned": "crowd_size", "poured": "crowd_size", "flooded": "crowd_size",
}  # fmt: skip
# One of these words before a number counts the number ("killing at least seven", "police arrested 35").
BEFORE_NUMBER: Final = {
    "killed": "fatalities", "killing": "fatalities", "kill": "fatalities", "kills": "fatalities",
    "claimed": "fatalities", "massacred": "fatalities", "executed": "fatalities", "executing": "fatalities",
    "wounded": "injured", "wounding": "injured", "injured": "injured", "injuring": "injured", "hurt": "injured",
    "hurting": "injured", "arrested": "arrested", "arresting": "arrested", "detained": "arrested",
    "detaining": "arrested", "arrest": "arrested", "detain": "arrested", "apprehended": "arrested",
    "apprehending": "arrested", "rounded": "arrested",
}  # fmt: skip
# Words that end the stretch between a number and the word counting it.
BREAKS: Final = frozenset({",", ";", ":", ".", "and", "but", "after", "when", "while", "as", "before", "including",
                           "in", "on", "at", "by", "from", "with", "near", "since", "because", "killing", "wounding",
                           "injuring", "arresting", "leaving", "(", ")", "—", "–", "or"})
TOLL_WORDS: Final = frozenset({"toll", "tolls"})
CROWD_NOUNS: Final = frozenset({"crowd", "crowds", "gathering", "rally", "march", "demonstration", "protest",
                                "turnout"})
NONE_WORDS: Final = (("no", "one"), ("nobody",), ("no",), ("none",))
MAX_GAP: Final = 5
# A sentence without one of these words states no count; a count starts with a digit or one of NUMBER_STARTS.
CUE_WORDS: Final = frozenset(AFTER_NUMBER) | frozenset(BEFORE_NUMBER) | TOLL_WORDS | CROWD_NOUNS
# The words `find_counts` reads a number after (its first scan), and the first words of NONE_WORDS: one set probe
# passes over the other words (most of a sentence) instead of a dictionary probe and two set probes, or a call.
COUNTING_WORDS: Final = frozenset(BEFORE_NUMBER) | TOLL_WORDS | CROWD_NOUNS
NONE_STARTS: Final = frozenset(phrase[0] for phrase in NONE_WORDS)
NUMBER_STARTS: Final = (
    frozenset(UNITS) | frozenset(TENS) | frozenset(VAGUE) | frozenset(phrase[0] for phrase in BOUNDS)
    | frozenset(phrase[0] for phrase in VAGUE_PHRASES) | frozenset(phrase[0] for phrase in NONE_WORDS)
    | {"a", "an", "one"}
)

# Policy `counted_masses_are_mass_violence`: the figures at which the word patterns of 201 and 202 code a mass
# expulsion ("hundreds of thousands") or a mass killing ("hundreds") hold for any way of writing the figure
# ("killed at least 1,500 civilians", "deported 200,000 people"): code -> (the mass code, the least figure).
MASS_COUNTS: Final = {"1823": ("202", 100), "174": ("201", 100_000)}
# how far before a passive verb its counted subject may start ("300 villagers were killed")
PASSIVE_COUNT_REACH: Final = 5


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people the sentence states: what it counts, how it was stated, and the word that said so."""

    kind: str
    value: int
    precision: str
    cue: int  # token index of the word saying what is counted ("killed", "toll", "marched")
    start: int  # first token of the number (with its bound: "at least seven")
    end: int


def _by_first_word(table: dict[tuple[str, ...], _T]) -> dict[str, tuple[tuple[tuple[str, ...], _T], ...]]:
    """A phrase table indexed by first word, longest phrase first (one dictionary probe per token)."""
    index: dict[str, list[tuple[tuple[str, ...], _T]]] = {}
    for phrase, value in sorted(table.items(), key=lambda item: -len(item[0])):
        index.setdefault(phrase[0], []).append((phrase, value))
    return {word: tuple(entries) for word, entries in index.items()}


BOUNDS_BY_WORD: Final = _by_first_word(BOUNDS)
VAGUE_BY_WORD: Final = _by_first_word(VAGUE_PHRASES)


def _bound_at(norms: Sequence[str], index: int) -> tuple[int, str] | None:
    """The bound at `index` ("at least", "up to", "about"): (its length, the precision it gives)."""
    for phrase, precision in BOUNDS_BY_WORD.get(norms[index], ()):
        if tuple(norms[index : index + len(phrase)]) == phrase:
            return len(phrase), precision
    return None


def _vague_at(norms: Sequence[str], index: int) -> tuple[int, int] | None:
    """The vague phrase at `index` ("a few", "tens of thousands"): (its length, the number it counts as)."""
    for phrase, value in VAGUE_BY_WORD.get(norms[index], ()):
        if tuple(norms[index : index + len(phrase)]) == phrase:
            return len(phrase), value
    return None


def _digits(word: str) -> int | None:
    plain = word.replace(",", "")
    return int(plain) if plain.isdigit() and len(plain) <= 9 else None


def _core(norms: Sequence[str], index: int) -> tuple[int, str, int] | None:
    """The number at `index` without its bound: (value, "exact" or "estimate", end)."""
    if index >= len(norms):
        return None
    vague = _vague_at(norms, index)
    if vague is not None:
        length, amount = vague
        end = index + length
        if end < len(norms) and norms[end] in SCALES and amount < 100:
            return amount * SCALES[norms[end]], "estimate", end + 1
        return amount, "estimate", end
    word = norms[index]
    if word in VAGUE:
        end = index + 1
        if end < len(norms) and norms[end] in SCALES and VAGUE[word] < 100:
            return VAGUE[word] * SCALES[norms[end]], "estimate", end + 1
        return VAGUE[word], "estimate", end
    value = _digits(word)
    end = index + 1
    if value is None:
        if word in TENS:
            value = TENS[word]
            if end + 1 < len(norms) and norms[end] == "-" and norms[end + 1] in UNITS:
                value += UNITS[norms[end + 1]]
                end += 2
        elif word in UNITS:
            value = UNITS[word]
        elif word in ("a", "an") and end < len(norms) and norms[end] in ("hundred", "thousand"):
            value = 1
        else:
            return None
    while end < len(norms) and norms[end] in ("hundred", "thousand") and value < 1000:
        value *= SCALES[norms[end]]
        end += 1
    return value, "exact", end


def read_number(norms: Sequence[str], index: int) -> tuple[int, str, int] | None:
    """The count of people starting at token `index` ("at least seven", "1,200", "dozens", "twenty-three"):
    (value, precision, end), or None when there is none or it measures something else ("12 km")."""
    if index >= len(norms):
        return None
    precision = None
    bound = _bound_at(norms, index)
    cursor = index
    if bound is not None:
        length, precision = bound
        cursor += length
    core = _core(norms, cursor)
    if core is None:
        return None
    value, how, end = core
    if end < len(norms) and norms[end] in NOT_PEOPLE:
        return None
    if norms[cursor] in ("a", "an") and value == 1:
        return None
    return value, precision or how, end


def _one_person(norms: Sequence[str], index: int) -> int:
    """End of "a soldier", "an elderly man", "one civilian" at `index` (a count of one), or -1."""
    if norms[index] not in ("a", "an", "one"):
        return -1
    for offset in (1, 2):
        if index + offset < len(norms) and norms[index + offset] in PERSON_NOUNS:
            return index + offset + 1
    return -1


def _numbers_after(norms: Sequence[str], index: int, limit: int) -> tuple[int, str, int, int] | None:
    """Numbers right after a counting verb, added up over "and" ("five soldiers and three civilians"):
    (value, precision, start, end)."""
    cursor = index
    while cursor < limit and norms[cursor] in ("the", "up", "some", "off") and _core(norms, cursor) is None:
        cursor += 1
    first = read_number(norms, cursor)
    if first is None:
        single = _one_person(norms, cursor) if cursor < limit else -1
        return (1, "exact", cursor, single) if single > 0 else None
    value, precision, end = first
    start = cursor
    cursor = end
    while cursor < limit:
        gap = cursor
        while gap < limit and gap - cursor < 3 and norms[gap] not in BREAKS and read_number(norms, gap) is None:
            gap += 1
        if gap + 1 < limit and norms[gap] == "and":
            more = read_number(norms, gap + 1)
            if more is not None:
                value += more[0]
                if more[1] != "exact":
                    precision = more[1] if precision == "exact" else precision
                cursor = end = more[2]
                continue
        break
    return value, precision, start, end


def find_counts(parse: Parse) -> list[Count]:
    """Every count of killed, injured, arrested and taking part that the sentence states."""
    norms = parse.norms
    if CUE_WORDS.isdisjoint(norms):
        return []
    limit = len(norms)
    counts: list[Count] = []
    used: set[int] = set()
    for cue, word in enumerate(norms):
        if word not in COUNTING_WORDS:
            continue
        kind = BEFORE_NUMBER.get(word)
        if kind is not None:
            found = _numbers_after(norms, cue + 1, min(limit, cue + 12))
            if found is not None and found[2] <= cue + 3 and found[2] not in used:
                value, precision, start, end = found
                counts.append(Count(kind, value, precision, cue, start, end))
                used.update(range(start, end))
        if word in TOLL_WORDS or word in CROWD_NOUNS:
            for index in range(cue + 1, min(limit, cue + 7)):
                if norms[index] in (";", "."):
                    break
                number = read_number(norms, index)
                if number is not None and index not in used:
                    if word in CROWD_NOUNS and norms[index - 1] != "of":
                        break
                    counts.append(Count("fatalities" if word in TOLL_WORDS else "crowd_size", number[0], number[1],
                                        cue, index, number[2]))
                    used.update(range(index, number[2]))
                    break
    for index in range(limit):
        # the word's own test first: most words start no number, and the test of `used` boxes the index and
        # probes a set (compiled, about 55 instructions a word)
        if not (norms[index] in NUMBER_STARTS or norms[index][:1].isdigit()) or index in used:
            continue
        number = read_number(norms, index)
        single = -1 if number is not None else _one_person(norms, index)
        none = _none_at(norms, index) if number is None and single < 0 and norms[index] in NONE_STARTS else -1
        if number is None and single < 0 and none < 0:
            continue
        end = number[2] if number is not None else (single if single > 0 else none)
        for cue in range(end, min(limit, end + MAX_GAP + 1)):
            kind = AFTER_NUMBER.get(norms[cue])
            if kind is not None and (kind != "crowd_size" or number is not None):
                if kind == "crowd_size" and norms[cue] == "took" and "streets" not in norms[cue : cue + 4]:
                    break
                value, precision = (number[0], number[1]) if number is not None else (1 if single > 0 else 0, "exact")
                counts.append(Count(kind, value, precision, cue, index, end))
                used.update(range(index, end))
                break
            if norms[cue] in BREAKS or read_number(norms, cue) is not None:
                break
    return counts


def _none_at(norms: Sequence[str], index: int) -> int:
    """End of "no one", "nobody", "no" at `index` (a count of zero), or -1."""
    for phrase in NONE_WORDS:
        if tuple(norms[index : index + len(phrase)]) == phrase:
            return index + len(phrase)
    return -1


def event_counts(parse: Parse, triggers: Sequence[tuple[int, int]]) -> list[dict[str, tuple[int, str]]]:
    """For each event trigger (token span), the counts that belong to it by kind: a count goes to the one
    event whose trigger is closest to the word saying what is counted, in the same clause when the clause
    has an event, else in the sentence (a count inside a relative clause only to an event inside it); an
    event given several counts of one kind keeps the largest."""
    assigned: list[dict[str, tuple[int, str]]] = [{} for _ in triggers]
    if not triggers:
        return assigned
    for count in find_counts(parse):
        left, right = clause_span(parse, count.cue, count.cue + 1)
        in_clause = [i for i, (start, end) in enumerate(triggers) if left <= start and end <= right]
        options = in_clause or list(range(len(triggers)))
        relative = parse.relative[count.cue]
        if relative >= 0:  # "the drugs, which killed 100,000": the relative clause's own event, if any
            options = [i for i in options if parse.relative[triggers[i][0]] == relative]
            if not options:
                continue
        best = min(options, key=lambda i: (_gap(triggers[i], count.cue), i))
        held = assigned[best].get(count.kind)
        if held is None or count.value > held[0]:
            assigned[best][count.kind] = (count.value, count.precision)
    return assigned


def _gap(trigger: tuple[int, int], index: int) -> int:
    start, end = trigger
    return 0 if start <= index < end else (start - index if index < start else index - end + 1)


def counted_masses_are_mass_violence(code: str, parse: Parse, match: EventMatch) -> str:
    """Policy: a killing (1823) of at least 100 people, or an expulsion (174) of at least 100,000, counted as the
    verb's object ("killed at least 1,500 civilians", "the killing of 300 villagers") or its passive subject
    ("some 400 villagers were massacred") is a mass killing (202) or a mass expulsion (201), the thresholds of
    the word patterns ("killed hundreds", "expelled hundreds of thousands"). Not when the victims are armed
    (combatants killed in a battle) or the figure is only an upper bound ("up to 150")."""
    mass = MASS_COUNTS.get(code)
    if mass is None:
        return code
    if match.target is not None and any(m.sector in ARMED_TARGETS for m in match.target.mentions):
        return code
    candidate = match.candidate
    norms, start, end = parse.norms, candidate.start, candidate.end
    if candidate.passive:
        starts: Sequence[int] = range(max(0, start - PASSIVE_COUNT_REACH), start)
    else:
        starts = (end + 1,) if end < len(norms) and norms[end] == "of" else (end,)
    for index in starts:
        number = read_number(norms, index)
        if number is not None:
            value, precision, _ = number
            return mass[0] if value >= mass[1] and precision != "at_most" else code
    return code
