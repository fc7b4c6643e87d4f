"""The twelfth session's record-stage fast paths against the plain computations: `geo` tests a capitalised
word by a set probe for an ASCII initial (`_capitalised`, written out in `_name_end` and `_phrases`) instead of
`str.isupper`, and reads the words before a name only where there are some; `casualties.find_counts` passes
over the words that open no count by one set probe; `coder.analyse_article` builds its `SentenceAnalysis`
records by `tuple.__new__`; and the discount for the actors `coder.inferred_actors` counts is read from a
table (`CONTEXT_DISCOUNTS`)."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from test_rows_fast_paths2 import PLACE_WORDS

from eventcoder.actors import Mention
from eventcoder.casualties import (
    AFTER_NUMBER,
    BEFORE_NUMBER,
    BREAKS,
    CROWD_NOUNS,
    CUE_WORDS,
    MAX_GAP,
    NUMBER_STARTS,
    TOLL_WORDS,
    Count,
    _none_at,
    _numbers_after,
    _one_person,
    find_counts,
    read_number,
)
from eventcoder.coder import (
    CONTEXT_COUNTRY_DISCOUNT,
    CONTEXT_DISCOUNTS,
    SentenceAnalysis,
    analyse_article,
    inferred_actors,
)
from eventcoder.geo import (
    ARTICLES_AND_OF,
    COMPASS_ADJECTIVES,
    DIVISION_WORDS,
    LOWER_LEADING_WORDS,
    MAX_NAME_TOKENS,
    NAME_PARTICLES,
    NEARBY_WORDS,
    NOT_PLACES,
    PHRASE_OPENERS,
    SETTLEMENT_WORDS,
    _capitalised,
    _name_end,
    _names_follow,
    _owned_name,
    _Phrase,
    _phrases,
)
from eventcoder.parse import Parse, parse_sentence

# Names with initials beyond ASCII: upper-case ("Éire", "Ørsta"), lower-case ("ßad"), title-case ("ǅemal", which
# `str.isupper` does not hold upper-case) and uncased ("١٢", "ʼAdan").
NAMES_BEYOND_ASCII = ["Éire", "Ørsta", "Ōsaka", "Şanlıurfa", "ßad", "ǅemal", "ʼAdan", "١٢", "Ωmega", "ωmega"]


def test_capitalised_is_str_isupper_of_the_initial() -> None:
    """Every character as a word and as the initial of a longer one, and the empty word."""
    assert not _capitalised("")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert _capitalised(char) == char.isupper(), hex(code)
        assert _capitalised(char + "ab") == char.isupper(), hex(code)


def _plain_name_end(parse: Parse, start: int, right: int) -> int:
    """`_name_end` as it was written before (eleventh session), by `str.isupper`."""
    words, norms = parse.words, parse.norms
    cursor = start
    while cursor < right and cursor - start < MAX_NAME_TOKENS and (
        words[cursor][:1].isupper()
        or (cursor > start and (norms[cursor] in NAME_PARTICLES or norms[cursor - 1] == "-"))
        or (cursor > start and norms[cursor] in ("of", "the") and _names_follow(parse, cursor, right))
    ):
        cursor += 1
    while cursor > start and (norms[cursor - 1] in NAME_PARTICLES or not words[cursor - 1][:1].isupper()):
        cursor -= 1
    return cursor


def _plain_phrases(parse: Parse, left: int, right: int) -> list[_Phrase]:
    """`_phrases` as it was written before (eleventh session): `str.isupper`, and the leading words read
    by `isdisjoint` whether there are any or not."""
    words, norms = parse.words, parse.norms
    phrases: list[_Phrase] = []
    following = left  # where the next phrase may open
    owner_preposition = ""  # "in India's state of Mizoram": the owned place keeps the owner's "in"
    for index in range(left, right):
        if norms[index] not in PHRASE_OPENERS or index < following:
            continue
        norm = norms[index]
        of_place = norm == "of" and index > left and (norms[index - 1] in SETTLEMENT_WORDS or norms[index - 1]
                                                       in NEARBY_WORDS)
        if norm == "of" and not of_place:
            continue
        cursor = index + 1
        while cursor < right and (
            norms[cursor] in ARTICLES_AND_OF
            or (norms[cursor] in LOWER_LEADING_WORDS and not words[cursor][:1].isupper())
        ):
            cursor += 1
        start = cursor
        if start >= right or not words[start][:1].isupper():
            following = max(start, index + 1)
            continue
        leading = norms[index + 1 : start]
        part = not COMPASS_ADJECTIVES.isdisjoint(leading)
        nearby = (
            norm in NEARBY_WORDS
            or (index > left and norms[index - 1] in NEARBY_WORDS)
            or not NEARBY_WORDS.isdisjoint(leading)
        )
        cursor = _plain_name_end(parse, start, right)
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
        phrases.append(tuple.__new__(_Phrase, (start, end, cursor, nearby, part, division, True, owned >= 0, False,
                                               None, False, norm)))
        if owned > 0:
            named = _plain_name_end(parse, owned, right)
            owned_division = named < right and norms[named] in DIVISION_WORDS
            phrases.append(tuple.__new__(_Phrase, (owned, named + owned_division, named, nearby, part,
                                                   owned_division, True, False, False, None, False, norm)))
            end = named + owned_division
        elif end + 1 < right and norms[end] == "," and words[end + 1][:1].isupper():
            # "in Santa Fe, Texas", "in Dhahran, Southern Saudi Arabia": the division or country after the
            # comma settles which town is meant.
            named = _plain_name_end(parse, end + 1, right)
            phrases.append(tuple.__new__(_Phrase, (end + 1, named, named, False, False, False, False, True, False,
                                                   None, False, "")))
        following = end if owned < 0 else max(end, index + 1)
    return phrases



WORDS = [*PLACE_WORDS, *NAMES_BEYOND_ASCII, "al", "de", "-", "Rostov", "Don", "Gulf", "Guinea", "March", "a"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.data())
def test_phrases_and_name_ends_are_the_plain_ones(words: list[str], data: st.DataObject) -> None:
    parse = parse_sentence(" ".join(words))
    count = len(parse.norms)
    start = data.draw(st.integers(0, count - 1))
    right = data.draw(st.integers(start, count))
    assert _name_end(parse, start, right) == _plain_name_end(parse, start, right)
    assert _phrases(parse, start, right) == _plain_phrases(parse, start, right)
    assert _phrases(parse, 0, count) == _plain_phrases(parse, 0, count)


def _plain_find_counts(parse: Parse) -> list[Count]:
    """`find_counts` as it was written before (eleventh session): every word probed in the first scan, and
    `_none_at` tried at every number start that is no number."""
    norms = parse.norms
    if CUE_WORDS.isdisjoint(norms):
        return []
    limit = len(norms)
    counts: list[Count] = []
    used: set[int] = set()
    for cue, word in enumerate(norms):
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
        if index in used or not (norms[index] in NUMBER_STARTS or norms[index][:1].isdigit()):
            continue
        number = read_number(norms, index)
        single = -1 if number is not None else _one_person(norms, index)
        none = _none_at(norms, index) if number is None and single < 0 else -1
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


COUNT_WORDS = ["killed", "killing", "wounded", "arrested", "toll", "crowd", "of", "rose", "to", "at", "least", "no",
               "one", "nobody", "none", "a", "soldier", "dozens", "3", "1,200", "people", "and", "were", "took",
               "streets", "the", ",", ".", "protesters", "marched", "twenty", "-", "five", "hundred", "km", "was"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(COUNT_WORDS), min_size=1, max_size=20))
def test_find_counts_is_the_plain_computation(words: list[str]) -> None:
    parse = parse_sentence(" ".join(words))
    assert find_counts(parse) == _plain_find_counts(parse)


def test_sentence_analyses_are_the_named_tuples_the_constructor_builds(codebook, seed_article) -> None:  # type: ignore[no-untyped-def]
    """Built by `tuple.__new__`, each analysis still has all six fields (`discarded` None for a coded sentence)."""
    analyses = list(analyse_article(seed_article, codebook))
    assert analyses
    for analysis in analyses:
        assert type(analysis) is SentenceAnalysis and len(analysis) == len(SentenceAnalysis._fields)
        assert analysis == SentenceAnalysis(
            analysis.sentence, analysis.parse, analysis.mentions, analysis.events, analysis.dropped
        )


def test_context_discount_is_the_power_of_the_discount() -> None:
    """Every pairing of an inferred or named source with no target, an inferred one or a named one."""
    actors = [Mention(0, 1, "Venezuela", "VEN", "VEN", None, "", "", "actor", inferred=flag) for flag in (False, True)]
    for source in actors:
        for target in (None, *actors):
            inferred = source.inferred + (target.inferred if target is not None else False)
            assert CONTEXT_DISCOUNTS[inferred_actors(source, target)] == float(CONTEXT_COUNTRY_DISCOUNT**inferred)
