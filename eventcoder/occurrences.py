"""Events reported without their author. Things that happened ("clashes broke out in X", "an airstrike was
carried out on Y", "a protest was held in Z", "a curfew was imposed in X"): the event noun is the subject of a
verb of occurrence and no author is named (`occurring_events_have_an_unnamed_author`). Protests whose
protesters the actor lexicon does not know ("hundreds of supporters staged a rally"): they are protesters
(`protests_are_staged_by_protesters`). News and ACLED's own notes report much political violence and protest this
way; ACLED codes it with an unidentified armed group, protesters or the police of the place as the actor.
match_events (eventcoder/events.py) applies the policies, in this order, when the slot rules and the other
agentless policies found no source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from eventcoder.actors import Mention
from eventcoder.codebook.compile import EngineWords, Phrase
from eventcoder.parse import AUXILIARIES, BE_FORMS, Parse
from eventcoder.slots import POLICE, STATE_COERCION_CODES, Candidate, SlotFill, unidentified_group

# The module's constants are `Final`: compiled, each is read from a C static (a literal inlined), not looked up
# in the module's globals at each use; pure Python ignores the mark.
OCCURRENCE_VERBS: Final = "occurrence_verbs"  # verbs of occurrence: "broke out" (codebooks/patterns/synsets.yaml)
OCCURRENCE_PASSIVES: Final = "occurrence_passives"  # verbs reporting an event in the passive: "was carried out"
FORCE_ROOTS: Final = frozenset({"18", "19", "20"})
PROTEST_ROOT: Final = "14"
PROTESTERS: Final = "OPP"  # the role code of protesters and the opposition (roles.yaml)


def occurrence_verb_follows(parse: Parse, end: int, verbs: frozenset[Phrase], passives: frozenset[Phrase]) -> bool:
    """Whether a verb of occurrence follows position `end`, past auxiliaries and -ly adverbs ("clashes broke
    out", "fighting has erupted"), or a passive of one of `passives` ("an airstrike was reportedly carried out":
    a form of "be" before it, so "the no-fly zone imposed in 1991" is no report), with no "by" agent after it."""
    norms = parse.norms
    index = end
    passive = False
    while index < len(norms) and (norms[index] in AUXILIARIES or norms[index].endswith("ly")):
        passive = passive or norms[index] in BE_FORMS
        index += 1
    if index >= len(norms):
        return False
    for phrase in (*verbs, *passives) if passive else verbs:
        if phrase[0] == norms[index] and tuple(norms[index : index + len(phrase)]) == phrase:
            return "by" not in norms[index + len(phrase) : index + len(phrase) + 2]
    return False


def _place_country(parse: Parse, mentions: Sequence[Mention]) -> str | None:
    places = [m.country for m in mentions if m.role == "place" and m.country and not parse.attributed(m.start)]
    return places[0] if places else None


def occurring_events_have_an_unnamed_author(
    parse: Parse,
    candidate: Candidate,
    mentions: Sequence[Mention],
    words: EngineWords,
    synsets: Mapping[str, frozenset[Phrase]],
) -> SlotFill | None:
    """Policy: an event noun (or a gerund) with no named author that is the subject of a verb of occurrence
    (`occurrence_verbs`: "broke out", "erupted", "took place", "was carried out", "was held", "was imposed")
    reports the event without its author: violence (roots 18-20) by an unidentified armed group, a protest (14)
    by protesters, state coercion (curfews, emergency rule, bans: STATE_COERCION_CODES) by the police, each of
    the country of the place the sentence names (violence and protests may have none; coercion needs one). Not
    for violence when the sentence names a disaster, accident or illness (`harm_without_perpetrator`)."""
    code = candidate.pattern.code
    root = code[:2]
    if not (root in FORCE_ROOTS or root == PROTEST_ROOT or code in STATE_COERCION_CODES):
        return None
    if candidate.pos != "N" and not parse.norms[candidate.end - 1].endswith("ing"):
        return None  # a noun, or a gerund standing for one ("fighting erupted")
    verbs, passives = synsets.get(OCCURRENCE_VERBS, frozenset()), synsets.get(OCCURRENCE_PASSIVES, frozenset())
    if not occurrence_verb_follows(parse, candidate.end, verbs, passives):
        return None
    country = _place_country(parse, mentions)
    if root in FORCE_ROOTS:
        if any(word in words.harm_without_perpetrator for word in parse.norms):
            return None
        return SlotFill((unidentified_group(parse, candidate, mentions, None),), "unidentified")
    sector, name = (PROTESTERS, "protesters") if root == PROTEST_ROOT else (POLICE, "police")
    if country is None and sector == POLICE:
        return None
    author = Mention(
        candidate.start,
        candidate.start,
        "",
        (country or "") + sector,
        country,
        sector,
        name,
        "",
        "actor",
        plural=True,
        inferred=country is not None,
    )
    return SlotFill((author,), "unidentified")


def protests_are_staged_by_protesters(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention]
) -> SlotFill | None:
    """Policy: a protest (root 14) whose slot rules find no source ("hundreds of supporters staged a rally")
    was staged by protesters (OPP) of the country of the place the sentence names, as ACLED names the actor of
    every demonstration "Protesters (country)"."""
    if candidate.pattern.code[:2] != PROTEST_ROOT:
        return None
    country = _place_country(parse, mentions)
    author = Mention(
        candidate.start,
        candidate.start,
        "",
        (country or "") + PROTESTERS,
        country,
        PROTESTERS,
        "protesters",
        "",
        "actor",
        plural=True,
        inferred=country is not None,
    )
    return SlotFill((author,), "unidentified")
