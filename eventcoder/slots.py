"""Slot rules: which actor mentions fill the source and the target of a matched pattern (subject, object,
passive agent, possessor, modifier, prepositions, place, context), and the policies that settle who acts on
whom (participial and gerund clauses, compounds, victims' country, own-country counterparts)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Final

from eventcoder.actors import Mention, _most_named
from eventcoder.codebook.compile import EngineWords, Pattern, Phrase
from eventcoder.parse import (
    AUXILIARIES,
    BE_FORMS,
    DETERMINERS,
    MODALS,
    NEGATIONS,
    PREPOSITIONS,
    Parse,
)

# The module's constants are `Final`: compiled, each is read from a C static (a literal inlined), not looked up
# in the module's globals at each use; pure Python ignores the mark.
OBJECT_WINDOW: Final = 10
OBJECT_STOPS: Final = frozenset(
    {",", ";", ".", "that", "which", "who", "where", "when", "while", "because", "as", "if", "unless", "until"}
)
PREP_WINDOW: Final = 16
ACT_PHRASE_REACH: Final = 8  # how far "against the N (of Y) by Z" may reach for its "by"
THREAT_ROOT: Final = "13"
# The subject of a threat's "if" clause: `a_threat_targets_whom_its_condition_names`
CONDITION_RULE: Final = "condition"
CONDITIONALS: Final = frozenset({"if", "unless"})
CONDITION_REACH: Final = 3  # determiners and adjectives between "if" and its subject
OBJECT_PRONOUNS: Final = frozenset({"him", "them"})  # pronouns that are never a subject
SUBJECT_CASE: Final = frozenset({"he", "she", "they"})  # pronouns that are never an object
SUBJECT_ATTRIBUTES: Final = frozenset({"of", "for", "from", "between"})
NOUN_BY_WINDOW: Final = 10
GERUND_PREPOSITIONS: Final = frozenset({"in", "by", "after", "before", "while", "without", "despite", "since", "upon"})
LOCAL_TARGETS: Final = frozenset(
    {
        "CVL",
        "REF",
        "MIL",
        "COP",
        "REB",
        "INS",
        "UAF",
        "OPP",
        "EDU",
        "MED",
        "HLH",
        "REL",
        "LAB",
        "AGR",
        "GOV",
        "JUD",
        "LEG",
        "PTY",
    }
)
SUBJECT_HEAD_REACH: Final = 5
STATE_AGENTS: Final = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})  # `agents_act_for_whom_they_serve`
# Sectors of organisations without a country, which state agents may serve too (`agents_act_for_whom_they_serve`)
ORGANISATIONS: Final = frozenset({"IGO", "NGO"})
# Armed victims, whom the context country may wrongly give the source's side (`victims_take_the_country_where_they_are`)
ARMED_VICTIMS: Final = frozenset({"MIL", "COP", "REB", "INS", "UAF"})
# Codes of violence by its means (bombs 183x, small arms and shelling 193-194, aerial weapons 195): a place they
# strike is attacked even when no actor stands in it (`_place_attacked_by_its_means`).
MEANS_CODES: Final = frozenset({"183", "193", "194", "195"})
SUFFERING_VERBS: Final = frozenset(  # whose subject is the victim of the violence that is their object
    {"survived", "survive", "survives", "surviving", "escaped", "escape", "escapes", "escaping"}
)
AIMED_AT: Final = frozenset({"at", "on", "against", "toward", "towards"})  # whom an agentless passive of force aims at
NOUN_PHRASE_REACH: Final = 5  # words of a noun phrase before its head that `support_verb_across_the_object` skips
NOT_IN_A_NOUN_PHRASE: Final = PREPOSITIONS | AUXILIARIES | MODALS | NEGATIONS | DETERMINERS | OBJECT_STOPS
# "came under attack": `force_suffered_by_its_subject`
COME_FORMS: Final = frozenset({"come", "comes", "came", "coming"})
SUFFERED_MODIFIERS: Final = 4  # how far "under"/"by" may stand before the noun of force ("under heavy artillery fire")
FORCE_ROOTS: Final = frozenset({"18", "19", "20"})
CONSULT: Final = "040"  # a meeting, which `meetings_on_no_sides_ground_are_at_a_third_location` may place
THIRD_LOCATION: Final = "044"
UNIDENTIFIED: Final = "UAG"  # the role code of an unidentified armed group (roles.yaml)
POLICE: Final = "COP"  # the role code of the police (roles.yaml)
# Seizure (171, 1711), administrative sanctions (172x), arrest (173), expulsion (174), repression (175): acts of a
# state's security forces, so an agentless passive of one is theirs (1712, destroying property, is not).
STATE_COERCION_CODES: Final = frozenset({"171", "1711", "172", "1721", "1722", "1723", "1724", "173", "174", "175"})
# Acts on things (their patterns name what is seized): no actor needed
SEIZURE_CODES: Final = frozenset({"171", "1711"})
# Words between a subject and its passive verb
SUBJECT_TO_PASSIVE: Final = AUXILIARIES | NEGATIONS | {")", "also", "then"}
DEMONSTRATIVES: Final = frozenset({"this", "these", "those", "such"})
# `a_reaction_targets_the_author_of_the_act_it_names`: the roots of reactions (criticism 11, rejection 12) whose
# object may name an act reported earlier, the roots of the acts they may name (coercion 17, force 18-20), the
# synset of nouns naming such acts, how many words of the object may stand before that noun ("the latest deadly
# air strikes"), and the slot rule of a target found so.
REACTION_ROOTS: Final = frozenset({"11", "12"})
ACT_ROOTS: Final = frozenset({"17", "18", "19", "20"})
ACTS_OF_FORCE: Final = "acts_of_force"
ACT_NOUN_REACH: Final = 4
EARLIER_ACT_RULE: Final = "earlier_act"
# Quotation marks that may stand inside the noun phrase of an event noun ("carried out a 'massive strike'"): a
# quoted word or two of the writer's own sentence, not speech (`governing_support_verb`).
SCARE_QUOTES: Final = frozenset({"'", '"', "\u2018", "\u2019", "\u201c", "\u201d"})
SENTENCE_STOPS: Final = frozenset({".", "!", "?", '"', "”", ")"})  # what ends a sentence, not a headline
REPORTED_FACTS: Final = frozenset({"asserted", "reported"})  # modalities of an act that happened
# The slot rule of an unnamed perpetrator or of the police of an agentless passive
UNIDENTIFIED_RULE: Final = "unidentified"
OWNER_RULES: Final = frozenset({"possessor", "modifier", "by", "prep:from"})
RESTRICTIVE_OPENERS: Final = frozenset({"that", "whom", "which"})
SUBORDINATORS: Final = frozenset({"as", "after", "before", "since", "until", "while"})
FRONTED_OPENERS: Final = frozenset(
    {"after", "as", "before", "since", "until", "while", "when", "because", "although", "though", "if", "unless"}
)


class Candidate:
    """A pattern whose trigger and constraints matched at one place in the sentence. A slotted class with its
    own `__init__`, not a frozen dataclass: a dataclass's `__init__` is generated Python code that sets each
    field through `object.__setattr__`, and mypyc's build calls it through the Python type with an argument
    tuple and dict (about 9,000 instructions a candidate, 2.6 % of a compiled pass); this `__init__` compiles to
    a native constructor. The fields are `Final`: mypy refuses an assignment after `__init__`, and the compiled
    build's attributes are read-only. Compared and hashed by identity: the coder tells candidates apart and
    never equates two, and the policies of `events` key the candidates they drop by the candidate itself."""

    __slots__ = ("pattern", "index", "start", "end", "pos", "passive")

    def __init__(self, pattern: Pattern, index: int, start: int, end: int, pos: str, passive: bool) -> None:
        self.pattern: Final = pattern
        self.index: Final = index  # position of the pattern in the codebook
        self.start: Final = start  # first trigger token
        self.end: Final = end  # one past the last trigger token
        self.pos: Final = pos  # "V" or "N"
        self.passive: Final = passive

    def __repr__(self) -> str:
        return f"Candidate({self.pattern.id!r}, {self.index}, {self.start}, {self.end}, {self.pos!r}, {self.passive})"


class SlotFill:
    """The actors a slot rule found, and which rule found them. A slotted class with its own `__init__`, as
    `Candidate`: compiled, a native constructor (about 240 instructions a record, where a named tuple built by
    `tuple.__new__` took about 1,290 and by its own `__new__`, a Python frame, more), and its fields are struct
    reads; pure Python builds it as fast as that tuple and reads a field faster. Compared by identity."""

    __slots__ = ("mentions", "rule")

    def __init__(self, mentions: tuple[Mention, ...], rule: str) -> None:
        self.mentions: Final = mentions
        self.rule: Final = rule


class EventMatch:
    """A chosen candidate with its source and target and how the clause qualifies it. A slotted class, as
    `SlotFill` (about two are built per sentence). Compared by identity."""

    __slots__ = ("candidate", "source", "target", "negated", "modality")

    def __init__(
        self, candidate: Candidate, source: SlotFill, target: SlotFill | None, negated: bool, modality: str
    ) -> None:
        self.candidate: Final = candidate
        self.source: Final = source
        self.target: Final = target
        self.negated: Final = negated
        self.modality: Final = modality


def _actors(mentions: Sequence[Mention]) -> list[Mention]:
    return [mention for mention in mentions if mention.role == "actor"]


def _group_of(mention: Mention, mentions: Sequence[Mention], parse: Parse) -> tuple[Mention, ...]:
    if mention.group < 0:
        return (mention,)
    group = mention.group
    # a list comprehension made a tuple: no generator resumed per mention
    members = tuple([m for m in mentions if m.group == group and m.role == "actor"])
    if len(members) < 2:
        return members
    boundary = fronted_clause_end(parse)
    if boundary < 0:
        return members
    side = mention.start < boundary
    return tuple(m for m in members if (m.start < boundary) == side)


def fronted_clause_end(parse: Parse) -> int:
    """The comma closing a subordinate clause that opens the sentence ("After an attack killed 26 tourists,
    X condemned Y"), or -1: the actors on its two sides are never one compound."""
    if not parse.norms or parse.norms[0] not in FRONTED_OPENERS:
        return -1
    for index, word in enumerate(parse.norms):
        if word in (",", ";"):
            return index
    return -1


def _governed_by_preposition(parse: Parse, mention: Mention) -> str | None:
    index = mention.start - 1
    while index >= 0 and (parse.norms[index] in DETERMINERS or parse.norms[index] in ("nearby", "-")):
        index -= 1
    if index >= 0 and parse.norms[index] in PREPOSITIONS:
        return parse.norms[index]
    return None


def _subject(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], words: EngineWords
) -> tuple[Mention, ...]:
    relative = parse.relative[candidate.start]
    if relative >= 0:
        # Inside ", which ...": the subject is the antecedent right before the comma, or nothing; ", which Y
        # invaded" has its own subject Y (the antecedent is then the verb's object: `_relative_object`)
        own = _own_relative_subject(parse, relative, candidate.start, mentions)
        if own is not None:
            return _group_of(own, mentions, parse)
        antecedent = [m for m in _actors(mentions) if m.end == relative - 1]
        return _group_of(antecedent[-1], mentions, parse) if antecedent else ()
    anchor = _subject_controller(parse, candidate, mentions, words.object_control_verbs)
    if candidate.pos == "N":
        support = words.receiving_verbs if candidate.passive else words.support_verbs
        verb = governing_support_verb(parse, candidate.start, support, words.complement_gap)
        if verb is None:
            return () if candidate.passive else relative_clause_subject(parse, candidate, mentions, support)
        anchor = verb
    inside: list[Mention] = []
    norms, relatives = parse.norms, parse.relative
    attribution_start, attribution_end = parse.attribution_start, parse.attribution_end  # `attributed` inline
    for mention in reversed(_actors(mentions)):
        if mention.end > anchor or attribution_start <= mention.start < attribution_end:
            continue
        if relatives[mention.start] >= 0 and relatives[mention.start] != relative:
            continue
        if mention.possessive and not mention.pronoun:
            continue
        if norms[mention.start] in OBJECT_PRONOUNS:
            if mention.end < anchor:
                continue
            if mention.start == 0 or parse.norms[mention.start - 1] not in words.bare_infinitive_verbs:
                return ()  # "to send them back": a verb trigger right after an object pronoun is no verb
            return _group_of(mention, mentions, parse)  # "helped them rebuild"
        if _in_apposition(parse, mention, anchor, mentions):
            continue
        governor = _governed_by_preposition(parse, mention)
        if (
            governor is not None
            and not (governor == "of" and _after_partitive(parse, mention, words.partitive_nouns))
            and not (governor in SUBORDINATORS and _directly_before_verb(parse, mention, anchor, candidate))
        ):
            if governor in SUBJECT_ATTRIBUTES and not any(
                word in (",", ";") for word in parse.norms[mention.end : anchor]
            ):
                inside.append(mention)
            continue
        head = restrictive_head(parse, mention, mentions, words)
        if head is not None and not _only_auxiliaries_between(parse, mention.end, anchor):
            return _group_of(head, mentions, parse)  # "the rebels that X attacked have surrendered"
        return (inside and agents_act_for_whom_they_serve(parse, mention, inside, mentions)) or _group_of(
            mention, mentions, parse
        )
    if candidate.passive and inside:
        # "Landing rights for Ethiopian Airlines were withdrawn": the subject's attribute is the target
        return _group_of(inside[0], mentions, parse)
    return ()


def agents_act_for_whom_they_serve(
    parse: Parse, agent: Mention, attributes: Sequence[Mention], mentions: Sequence[Mention]
) -> tuple[Mention, ...]:
    """Policy: a state agent with no country of its own ("a spokesman", "officials", "police"; one only the
    context gave a country, or the one of the actor it names) followed by "for", "of" or "from" and an actor
    acts for that actor ("a spokesman for the Pakistani army" is the army, "officials of the Sylvanian interior
    ministry" the ministry, "investigators from the United Nations" the UN: an organisation with no country is
    a principal too), or as that country's agent ("police of Sylvania" are SYLCOP); for each of a compound
    ("negotiators from X and from Y" are X's and Y's). `attributes` are the actors the subject rule found after
    such prepositions; () when the policy does not apply."""
    norms = parse.norms
    if agent.sector not in STATE_AGENTS or agent.pronoun or agent.end >= len(norms):
        return ()
    if norms[agent.end] not in ("for", "of", "from"):
        return ()
    index = agent.end + 1
    while index < len(norms) and norms[index] in DETERMINERS:
        index += 1
    principal = next(
        (m for m in attributes if m.start == index and (m.country is not None or m.sector in ORGANISATIONS)), None
    )
    if principal is None:
        return ()
    principals = _group_of(principal, mentions, parse)
    if agent.country is not None and not agent.inferred and (agent.country != principal.country or len(principals) < 2):
        return ()  # an agent with its own country acts for a compound only ("negotiators from X and from Y")
    return tuple(
        agent._replace(code=m.country + (agent.sector or ""), country=m.country, inferred=False)
        if m.country is not None and m.code == m.country
        else m
        for m in principals
    )


def relative_clause_subject(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], light_verbs: frozenset[Phrase]
) -> tuple[Mention, ...]:
    """Policy `an_event_noun_takes_the_subject_of_its_relative_clause`: an event noun followed by a relative
    clause whose verb is its support verb ("the attack that X launched on Y", "the sanctions X imposed on Y")
    has that clause's subject as its source; the noun is the relative verb's object."""
    return _relative_subject(parse, candidate.end, mentions, light_verbs)


def _relative_subject(
    parse: Parse, index: int, mentions: Sequence[Mention], light_verbs: frozenset[Phrase]
) -> tuple[Mention, ...]:
    """The subject of a relative clause opening at `index` right after a noun ("[that] X launched", "[which] X
    has imposed") whose verb is a support verb of the noun, or ()."""
    norms = parse.norms
    if index < len(norms) and norms[index] in ("that", "which"):
        index += 1
    subject = next((m for m in _actors(mentions) if m.start == index and not (m.possessive and not m.pronoun)), None)
    if subject is None:
        return ()
    verb = subject.end
    while verb < len(norms) and (
        norms[verb] in AUXILIARIES
        or norms[verb] in MODALS
        or norms[verb] in ("also", "then", "later")
        or norms[verb].endswith("ly")
    ):
        verb += 1
    if norms[verb : verb + 1] in light_verbs or norms[verb : verb + 2] in light_verbs:
        return _group_of(subject, mentions, parse)
    return ()


def restrictive_head(parse: Parse, subject: Mention, mentions: Sequence[Mention], words: EngineWords) -> Mention | None:
    """Policy `a_relative_clause_describes_its_head`: when an actor is the subject of a relative clause opened
    by "that", "whom" or "which" (", whom"/", which" too) right after an agent noun ("the rebels that X attacked"), that
    noun is the object of the clause's verb and the subject of the verb after the clause; not after a verb of
    saying, whose "that" opens a complement ("told the envoy that X would ...")."""
    opener = subject.start - 1
    if opener < 1 or parse.norms[opener] not in RESTRICTIVE_OPENERS:
        return None
    end = opener - 1 if parse.norms[opener - 1] == "," and parse.norms[opener] != "that" else opener
    for mention in _actors(mentions):
        if mention.end == end and mention.sector and not mention.possessive and not mention.pronoun:
            before = mention.start - 1
            while before >= 0 and parse.norms[before] in DETERMINERS:
                before -= 1
            if before >= 0 and (
                parse.norms[before] in words.reporting_verbs or parse.norms[before] in words.attribution_verbs
            ):
                return None
            return mention
    return None


def _only_auxiliaries_between(parse: Parse, start: int, end: int) -> bool:
    return all(
        word in AUXILIARIES or word in MODALS or word in NEGATIONS or word.endswith("ly")
        for word in parse.norms[start:end]
    )


def _own_relative_subject(parse: Parse, relative: int, verb: int, mentions: Sequence[Mention]) -> Mention | None:
    """The subject of a ", which/whom ..." clause that has one of its own (", which Sylvania invaded"): an actor
    right after the relative pronoun (across determiners) with only auxiliaries and adverbs before the verb."""
    if parse.norms[relative] not in ("which", "whom"):
        return None
    start = relative + 1
    while start < verb and parse.norms[start] in DETERMINERS:
        start += 1
    for mention in _actors(mentions):
        if mention.start == start and mention.end <= verb and _only_auxiliaries_between(parse, mention.end, verb):
            return mention
    return None


def _directly_before_verb(parse: Parse, mention: Mention, anchor: int, candidate: Candidate) -> bool:
    """Whether only auxiliaries, modals, negations and adverbs separate an actor from the verb trigger: then
    a word like "as" or "after" before it is a conjunction opening a clause ("after Iran fired missiles")."""
    return candidate.pos == "V" and all(
        word in AUXILIARIES or word in MODALS or word in NEGATIONS or word.endswith("ly")
        for word in parse.norms[mention.end : anchor]
    )


def _subject_controller(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], control_verbs: frozenset[str]
) -> int:
    """Where to look for the subject of a verb trigger: before the trigger, or, for an infinitive after an
    object ("summoned Niger's ambassador to complain"), before the verb that takes the object, unless that
    verb hands the act to its object ("urged Iraq to withdraw", "sent troops to fight")."""
    norms = parse.norms
    if candidate.pos != "V":
        return candidate.start
    index = candidate.start - 1
    while index >= 0 and norms[index].endswith("ly"):
        index -= 1
    if index < 1 or norms[index] != "to":
        return candidate.start
    end = index
    while end > 0 and parse.words[end - 1][:1].isupper() and norms[end - 1].isalpha():
        end -= 1  # the name after a title ("Niger's ambassador Brah Mohamane")
    objects = [m for m in mentions if m.role == "actor" and m.end in (index, end) and not m.pronoun]
    if not objects:
        return candidate.start
    verb = objects[0].start - 1
    while verb >= 0 and norms[verb] in DETERMINERS:
        verb -= 1
    if (
        verb < 1
        or not norms[verb].isalpha()
        or norms[verb] in PREPOSITIONS
        or norms[verb] in control_verbs
        or norms[verb] in AUXILIARIES
        or norms[verb] in ("and", "or", "but", "that", "which", "who")
    ):
        return candidate.start
    return verb


def participial_comma(parse: Parse, candidate: Candidate) -> int | None:
    """The comma opening the participial clause a verb trigger heads (", killing one person", ", killing one
    and arresting 12"), or None: such a clause has no subject of its own."""
    norms = parse.norms
    if candidate.pos != "V" or not norms[candidate.start].endswith("ing") or parse.relative[candidate.start] >= 0:
        return None
    index = candidate.start - 1
    while index >= 0 and norms[index].endswith("ly"):
        index -= 1
    if index >= 0 and norms[index] == ",":
        return index
    if index < 0 or norms[index] != "and":
        return None
    while index >= 0 and norms[index] not in (",", ";", "."):
        index -= 1
    if index >= 0 and norms[index] == "," and norms[index + 1].endswith("ing"):
        return index
    return None


def gerund_after_preposition(parse: Parse, candidate: Candidate) -> int | None:
    """The preposition before a gerund trigger whose subject is the main clause's ("joined Washington in
    blacklisting", "after accusing Abu Dhabi"), or None."""
    norms = parse.norms
    if candidate.pos != "V" or not norms[candidate.start].endswith("ing") or parse.relative[candidate.start] >= 0:
        return None
    index = candidate.start - 1
    if index >= 1 and norms[index] in GERUND_PREPOSITIONS:
        return index
    return None


def compound_parties_act_on_each_other(source: SlotFill, code: str = "") -> SlotFill | None:
    """Policy: a reciprocal verb ("clashed", "met", "signed") with a compound subject and no target has each
    party act on the others ("Indian and Chinese soldiers clashed", "X and Y signed a deal"). A country that
    is a party is its government on both sides (as `country_sources_act_as_government` makes it a source),
    so no party is paired with itself; a country that fights (roots 18-20: "Freedonia and Sylvanian rebels
    clashed") is fought as its armed forces, not as its officials."""
    if len({m.code for m in source.mentions}) < 2:
        return None
    sector = "MIL" if code[:2] in FORCE_ROOTS else "GOV"
    return SlotFill(tuple(_as_party(m, sector) for m in source.mentions), "subject")


def meetings_on_no_sides_ground_are_at_a_third_location(
    code: str, match: EventMatch, located: str | None, mentions: Sequence[Mention]
) -> str:
    """Policy: a meeting (040) held in a country that is neither side's ("X met Y in Geneva", "X and Y held
    talks in Z") is CAMEO's meeting at a third location (044). Every party must have a known country, and no
    place the sentence names (nor the event's geocoded country `located`) may be in one of theirs: a meeting at
    home of one of them stays 040, as does one whose place or parties are not known."""
    if code != CONSULT or match.target is None:
        return code
    places = {m.country for m in mentions if m.role == "place" and m.country}
    if located is not None:
        places.add(located)
    if not places:
        return code
    for fill in (match.source, match.target):
        for mention in fill.mentions:
            if mention.country is None or mention.country in places:
                return code
    return THIRD_LOCATION


def _as_party(mention: Mention, sector: str) -> Mention:
    if mention.sector is None and mention.country and mention.code == mention.country and not mention.plural:
        return mention._replace(code=mention.country + sector, sector=sector)
    return mention


def victims_take_the_country_where_they_are(
    parse: Parse, mentions: Sequence[Mention], source: SlotFill, target: SlotFill
) -> SlotFill:
    """Policy: the target group of coercion or force with no country ("civilians", "displaced people",
    "soldiers") belongs to the one place the sentence names, else to the one country other than the source's
    that it names. A group given the source's own country only by the context (`agents_take_the_context_country`,
    which skips counterparts after a preposition) counts as one with no country when it is armed: "X rebels
    attacked a Y army post, killing 12 soldiers" kills Y's soldiers."""
    own = {m.country for m in source.mentions}
    if not any(_unplaced(m, own) for m in target.mentions):
        return target
    places = {m.country for m in mentions if m.role == "place" and m.country and not parse.attributed(m.start)}
    if len(places) != 1:
        places = {
            m.country
            for m in mentions
            if m.role == "actor" and m.country and m.country not in own and not parse.attributed(m.start)
        }
    if len(places) != 1:
        return target
    (country,) = places
    located = tuple(
        m._replace(code=country + (m.sector or ""), country=country) if _unplaced(m, own) else m
        for m in target.mentions
    )
    return SlotFill(located, target.rule)


def _unplaced(mention: Mention, own: set[str | None]) -> bool:
    """Whether a target group has no country of its own: none at all, or the source's given by the context."""
    if mention.sector not in LOCAL_TARGETS or mention.pronoun:
        return False
    if mention.country is None:
        return mention.code == mention.sector
    return (
        mention.inferred
        and mention.sector in ARMED_VICTIMS
        and mention.country in own
        and mention.code == mention.country + mention.sector
    )


def event_heading_the_subject(
    parse: Parse, candidate: Candidate, events: Sequence[EventMatch]
) -> tuple[Mention, ...] | None:
    """The source of an event noun that heads the subject of a passive ("A demand by Niger's junta ... was
    rejected", "Pyongyang's threat ... drew condemnation"): what the passive is done to."""
    if not events:
        return None  # the sentence's first event: no event noun before it, no clause start sought
    clause_start = candidate.start
    while clause_start > 0 and parse.norms[clause_start - 1] != ";":
        clause_start -= 1
    for event in events:
        noun = event.candidate
        if noun.pos != "N" or not clause_start <= noun.start < candidate.start:
            continue
        if noun.start - clause_start > SUBJECT_HEAD_REACH or event.source.rule not in OWNER_RULES:
            continue
        return event.source.mentions
    return None


def coordinated_verb(parse: Parse, verb: int) -> int | None:
    """The conjunction before a verb that shares its subject with an earlier verb ("accused X of spying and
    urged Y to ...", "condemned X and then threatened Y"), or None. Only adverbs, auxiliaries, modals and
    negations may stand between the two, so "X and Y attacked" (a compound subject) is not one."""
    norms = parse.norms
    index = verb - 1
    while index >= 0 and (
        norms[index] in AUXILIARIES
        or norms[index] in MODALS
        or norms[index] in NEGATIONS
        or norms[index] in ("then", "also", "later", "subsequently")
        or (norms[index].endswith("ly") and norms[index] not in ("only", "family"))
    ):
        index -= 1
    if index == verb - 1 and norms[index] == "," and headline_verb_after_a_comma(parse, verb):
        return index  # "Freedonia Shells Border Town, Vows More Strikes"
    if index < 1 or norms[index] not in ("and", "but", "or"):
        return None
    before = norms[index - 1]
    if before == "," and index >= 2:
        before = norms[index - 2]
    return index if before.isalnum() or before in ("'s", ")") else None


def headline_verb_after_a_comma(parse: Parse, verb: int) -> bool:
    """Policy `headline_verbs_joined_by_commas`: in a headline, a verb right after a comma is a second verb of
    the headline's subject ("Freedonia Shells Border Town, Vows More Strikes", "X orders envoy out, suspends
    flights"), not a noun of a list. A headline is a unit without a final stop, or one in title case (the words
    on both sides of the comma and after the verb capitalised); the verb has an object, a word that is no
    conjunction ("bans rallies, strikes and marches" is a list)."""
    norms = parse.norms
    if verb < 2 or verb + 1 >= len(norms) or norms[verb - 1] != ",":
        return False
    following = norms[verb + 1]
    if following in ("and", "or") or not following[:1].isalnum():
        return False
    if norms[-1] not in SENTENCE_STOPS:
        return True
    text, starts = parse.text, parse.starts
    return text[starts[verb]].isupper() and text[starts[verb - 2]].isupper() and text[starts[verb + 1]].isupper()


def shared_subject(
    parse: Parse, conjunction: int, mentions: Sequence[Mention], events: Sequence[EventMatch]
) -> tuple[Mention, ...]:
    """Policy `coordinated_verbs_share_their_subject`: the subject of a verb after "and" is the subject of the
    verb event before it in the same clause (its target when that verb was passive: "X was attacked by Y and
    retaliated"), never that verb's object; without such an event, the clause's first actor that can be a
    subject."""
    start = conjunction
    while start > 0 and parse.norms[start - 1] not in (";", ":"):
        start -= 1
    boundary = fronted_clause_end(parse)
    if start <= boundary < conjunction:
        start = boundary + 1
    for event in reversed(events):
        earlier = event.candidate
        if earlier.pos != "V" or not start <= earlier.start < conjunction or earlier.end > conjunction:
            continue
        if parse.relative[earlier.start] >= 0 and parse.relative[earlier.start] != parse.relative[conjunction]:
            continue
        if earlier.passive:
            return event.target.mentions if event.target is not None and event.target.rule == "subject" else ()
        return event.source.mentions if event.source.rule == "subject" else ()
    for mention in _actors(mentions):
        if mention.start < start or parse.attributed(mention.start) or parse.quoted[mention.start]:
            continue
        if mention.end > conjunction:
            break
        if (
            parse.relative[mention.start] < 0
            and not (mention.possessive and not mention.pronoun)
            and _governed_by_preposition(parse, mention) is None
        ):
            return _group_of(mention, mentions, parse)
    return ()


def force_heading_the_subject(
    parse: Parse, candidate: Candidate, events: Sequence[EventMatch]
) -> tuple[Mention, ...] | None:
    """Policy `an_attack_that_kills_is_done_by_its_attacker`: a verb of force whose subject is an event noun of
    force ("Sylvania's attack on Ruritania killed five", "an ambush by rebels wounded ten") has the noun's
    source as its source; the actors inside that noun phrase (places, targets) are not its subject, and
    its victims never are."""
    if candidate.pos != "V" or candidate.pattern.code[:2] not in FORCE_ROOTS:
        return None
    for event in reversed(events):
        noun = event.candidate
        if noun.pos != "N" or noun.pattern.code[:2] not in FORCE_ROOTS or noun.end > candidate.start:
            continue
        between = parse.norms[noun.end : candidate.start]
        if candidate.start - noun.end > NOUN_BY_WINDOW or any(
            word in (",", ";", "and", "that", "which") for word in between
        ):
            return None
        return event.source.mentions
    return None


def unnamed_perpetrators_are_an_unidentified_armed_group(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], words: EngineWords
) -> tuple[SlotFill, SlotFill] | None:
    """Policy: a passive verb of force with no "by" agent ("five soldiers were killed in X") was done by an
    unidentified armed group (UAG) of the country where it happened (the place the sentence names, else the
    victims' country), as ACLED codes such events; its subject is the target. Not when the sentence names a
    disaster, accident or illness (`harm_without_perpetrator`). Other agentless passives (a speech act, a
    sanction) name no source and give no event."""
    if not candidate.passive or candidate.pos != "V" or candidate.pattern.code[:2] not in FORCE_ROOTS:
        return None
    if any(word in words.harm_without_perpetrator for word in parse.norms):
        return None
    victims = _subject(parse, candidate, mentions, words)
    if not victims or all(m.sector == UNIDENTIFIED and not m.entries for m in victims):
        # "grenades were hurled at X": a weapon standing for its thrower (`weapons_stand_for_unnamed_perpetrators`)
        # is the means, not the victim
        struck = _place_attacked_by_its_means(parse, candidate, mentions)
        if struck is not None or not victims:
            return struck
    perpetrator = unidentified_group(parse, candidate, mentions, victims[0].country)
    return SlotFill((perpetrator,), "unidentified"), SlotFill(victims, "subject")


def _place_attacked_by_its_means(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention]
) -> tuple[SlotFill, SlotFill] | None:
    """A place or a weapon's aim shelled, bombed or struck (MEANS_CODES: "the village was shelled in X",
    "grenades were hurled at X") with no actor as its subject: an unidentified armed group of the place's country
    attacked whom the weapons were aimed at, else that country."""
    if candidate.pattern.code[:3] not in MEANS_CODES:
        return None
    aimed = _prep(parse, candidate, mentions, AIMED_AT)  # "grenades were hurled at X"
    where = SlotFill(aimed, "prep:" + "|".join(sorted(AIMED_AT))) if aimed else _where(parse, mentions)
    if where is None:
        return None
    return SlotFill((unidentified_group(parse, candidate, mentions, where.mentions[0].country),), "unidentified"), where


def _where(parse: Parse, mentions: Sequence[Mention]) -> SlotFill | None:
    """The country of the first place the sentence names (outside the attribution), as a target."""
    place = next((m for m in mentions if m.role == "place" and m.country and not parse.attributed(m.start)), None)
    if place is None:
        return None
    country = place.country
    return SlotFill(
        (Mention(place.start, place.end, "", country, country, None, "", "", "actor", inferred=True),), "place"
    )


def unnamed_force_heading_a_force_verb(
    parse: Parse, candidate: Candidate, kept: Sequence[Candidate], mentions: Sequence[Mention], words: EngineWords
) -> SlotFill | None:
    """Policy: an event noun of force with no named author that is the subject of a verb of force ("an
    explosion killed five", "a bomb blast in X wounded ten") was set off by an unidentified armed group of the
    place's country; the verb then takes the same source (`force_heading_the_subject`). Not when the sentence
    names a disaster, accident or illness."""
    if candidate.pos != "N" or candidate.pattern.code[:2] not in FORCE_ROOTS:
        return None
    verb = next((c for c in kept if c.pos == "V" and c.start >= candidate.end), None)
    if verb is None or verb.pattern.code[:2] not in FORCE_ROOTS or verb.passive:
        return None
    between = parse.norms[candidate.end : verb.start]
    if len(between) > NOUN_BY_WINDOW or any(word in (",", ";", "and", "that", "which") for word in between):
        return None
    if any(word in words.harm_without_perpetrator for word in parse.norms):
        return None
    return SlotFill((unidentified_group(parse, candidate, mentions, None),), "unidentified")


def force_suffered_by_its_subject(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], words: EngineWords
) -> tuple[SlotFill, SlotFill | None] | None:
    """Policy: violence (roots 18-20) named by a noun or gerund that its victim "comes under", "is under",
    survives or escapes ("a convoy came under missile attack", "the town was under heavy shelling", "X survived
    an assassination attempt") or that a passive verb names as its means ("the town was hit by shelling") was
    done by whom "from"/"by" names after it ("came under fire from Y"), else by an unidentified armed group of
    the place's country; the subject of the verb is the target, else the country of the place the sentence
    names. Cheap checks first: this runs only for violence whose slot rules found no source."""
    verb = _suffering_verb(parse, candidate)
    if verb is None:
        return None
    norms = parse.norms
    harm = words.harm_without_perpetrator
    if any(word in harm for word in norms[: candidate.start]) or any(word in harm for word in norms[candidate.end :]):
        return None  # the noun itself may be one ("rocket fire"), not another word of the sentence
    victims = suffering_subject(parse, candidate, mentions, words, verb)
    author = _author_after(parse, candidate.end, mentions)
    source = author or (unidentified_group(parse, candidate, mentions, victims[0].country if victims else None),)
    rule = "from" if author else "unidentified"
    return SlotFill(source, rule), (SlotFill(victims, "subject") if victims else _where(parse, mentions))


def _suffering_verb(parse: Parse, candidate: Candidate) -> int | None:
    """The verb whose subject suffers the violence a noun (or gerund) of force names: "came under" / "was under"
    (the verb before "under"), "survived" / "escaped" (SUFFERING_VERBS), or a passive verb whose means it is
    ("was hit by shelling"); only the noun's own modifiers between."""
    if candidate.pattern.code[:2] not in FORCE_ROOTS or (candidate.pos == "V" and candidate.passive):
        return None
    norms = parse.norms
    if candidate.pos == "V" and not norms[candidate.end - 1].endswith("ing"):
        return None
    opener = candidate.start - 1
    while opener >= 0 and candidate.start - opener <= SUFFERED_MODIFIERS:
        word = norms[opener]
        if word in ("under", "by") or word in SUFFERING_VERBS:
            break
        if word not in ("a", "an", "the", "-") and (not word.isalpha() or word in DETERMINERS or word in PREPOSITIONS):
            return None  # only the noun's own modifiers between ("under heavy artillery fire")
        opener -= 1
    else:
        return None
    word = norms[opener]
    if word in SUFFERING_VERBS:
        return opener
    verb = opener - 1
    if verb < 0:
        return None
    if word == "under":
        return verb if norms[verb] in COME_FORMS or norms[verb] in BE_FORMS else None
    if any(word in BE_FORMS for word in norms[max(0, verb - SUBJECT_HEAD_REACH) : verb]):
        return verb  # "was hit by shelling": only the means of a passive
    return None


def suffering_subject(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], words: EngineWords, verb: int | None = None
) -> tuple[Mention, ...]:
    """The victims of violence that a verb's subject suffers (`force_suffered_by_its_subject`), or ()."""
    if verb is None:
        verb = _suffering_verb(parse, candidate)
        if verb is None:
            return ()
    return _subject(parse, Candidate(candidate.pattern, candidate.index, verb, verb + 1, "V", False), mentions, words)


def _author_after(parse: Parse, end: int, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """The actor that "from" or "by" right after a noun of force names as its author ("fire from X")."""
    if end >= len(parse.norms) or parse.norms[end] not in ("from", "by"):
        return ()
    for mention in _actors(mentions):
        if end < mention.start <= end + 3:
            return _group_of(mention, mentions, parse)
    return ()


def unidentified_group(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], fallback: str | None
) -> Mention:
    """An unidentified armed group (no text in the sentence) of the first place's country, else `fallback`."""
    places = [m.country for m in mentions if m.role == "place" and m.country and not parse.attributed(m.start)]
    country = places[0] if places else fallback
    return Mention(
        candidate.start,
        candidate.start,
        "",
        (country or "") + UNIDENTIFIED,
        country,
        UNIDENTIFIED,
        "unidentified armed group",
        "",
        "actor",
    )


def agentless_coercion_is_done_by_the_police(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], words: EngineWords, countries: Sequence[str]
) -> tuple[SlotFill, SlotFill | None] | None:
    """Policy: a passive verb of state coercion with no "by" agent ("three men were arrested in X", "a curfew
    was imposed in X") was done by the police (COP) of the country of the place the sentence names, else of
    the country the article has named most so far (`countries`, then this sentence's, ties: the first named),
    since seizing, administrative sanctions, arrests, expulsions and repression (STATE_COERCION_CODES) are
    acts of a state's security forces; no country, no event, except weapons or goods seized or found
    (SEIZURE_CODES), which only security forces do: their police have no country. The police have no text in
    the sentence, slot rule `unidentified` and an inferred country, so the event's confidence is lowered. The
    target is the actor right before the verb (only auxiliaries, negations and adverbs between), which every code but a
    seizure of things (SEIZURE_CODES) needs: "prices were arrested" and "such marriages are banned" are no
    coercion, and "a journalist who had been jailed" describes the journalist, it reports no arrest."""
    code = candidate.pattern.code
    if not candidate.passive or candidate.pos != "V" or code not in STATE_COERCION_CODES:
        return None
    if "by" in parse.norms[candidate.end : candidate.end + NOUN_BY_WINDOW]:
        return None  # an agent the coder could not name is still an agent: not agentless
    subjects = _subject(parse, candidate, mentions, words)
    between = parse.norms[max((m.end for m in subjects), default=candidate.start) : candidate.start]
    if not all(word in SUBJECT_TO_PASSIVE or word.endswith("ly") for word in between):
        subjects = ()
    if not subjects and code not in SEIZURE_CODES:
        return None
    places = [m.country for m in mentions if m.role == "place" and m.country and not parse.attributed(m.start)]
    named = [
        m.country
        for m in mentions
        if m.country
        and m.role in ("actor", "place")
        and not m.inferred
        and not m.pronoun
        and not parse.attributed(m.start)
    ]
    country = places[0] if places else _most_named([*countries, *named], set())
    if country is None and code not in SEIZURE_CODES:
        return None
    police_code = (country or "") + POLICE
    police = Mention(
        candidate.start, candidate.start, "", police_code, country, POLICE, "police", "", "actor", inferred=True
    )
    return SlotFill((police,), "unidentified"), (SlotFill(subjects, "subject") if subjects else None)


def main_clause_subject(
    parse: Parse, comma: int, mentions: Sequence[Mention], events: Sequence[EventMatch]
) -> tuple[Mention, ...]:
    """The subject of the clause a participial clause hangs on: the source of the last verb event before the
    comma, else the first actor of the sentence that can be a subject. Of a passive verb of force it is the
    agent, and of a noun of force heading the clause its author: the attacker does what the attack did ("a
    post was attacked by X, killing 12", "an air strike by X hit a hospital, killing 15")."""
    for event in reversed(events):
        if event.candidate.pos == "V" and event.candidate.end <= comma and event.source.rule == "subject":
            return _next_clause_subject(parse, event.candidate.end, comma, mentions) or event.source.mentions
    for event in reversed(events):
        candidate = event.candidate
        if (
            candidate.end <= comma
            and candidate.pattern.code[:2] in FORCE_ROOTS
            and event.source.rule in OWNER_RULES
            and (candidate.passive or candidate.pos == "N")
        ):
            return event.source.mentions
    for mention in _actors(mentions):
        if mention.end > comma:
            break
        if (
            parse.relative[mention.start] < 0
            and not (mention.possessive and not mention.pronoun)
            and _governed_by_preposition(parse, mention) is None
        ):
            return _group_of(mention, mentions, parse)
    return ()


def _next_clause_subject(parse: Parse, start: int, end: int, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """The subject of a clause coordinated after a verb event ("X attacked Y and Z responded by shelling ..."):
    an actor between `start` and `end` right after "and"/"but" (across determiners) and before a word that is
    no preposition, conjunction or punctuation (its verb), or ()."""
    norms = parse.norms
    for mention in _actors(mentions):
        if not start <= mention.start < end or mention.end >= end:
            continue
        before = mention.start - 1
        while before > start and norms[before] in DETERMINERS:
            before -= 1
        following = norms[mention.end]
        if (
            norms[before] in ("and", "but")
            and following.isalpha()
            and following not in PREPOSITIONS
            and following not in ("and", "or", "but")
        ):
            return _group_of(mention, mentions, parse)
    return ()


def _in_apposition(parse: Parse, mention: Mention, anchor: int, mentions: Sequence[Mention] = ()) -> bool:
    """Whether an actor sits in an appositive phrase (", a key U.S. ally ,") between the subject and its verb.
    When no actor stands before the apposition in its clause ("Jane Roe, the Sylvanian foreign minister,
    said"), the apposition names what the subject is: it is not skipped."""
    norms = parse.norms
    if "," not in norms[mention.end : anchor]:
        return False  # mostly: no comma between the actor and the verb, so no apposition, and no scan back
    opening = mention.start - 1
    while opening >= 0 and norms[opening] not in (",", ";", "."):
        opening -= 1
    if opening < 1 or norms[opening] != "," or norms[opening + 1] not in ("a", "an", "the"):
        return False
    clause = opening
    while clause > 0 and parse.norms[clause - 1] not in (";", ":", "."):
        clause -= 1
    return any(m.role == "actor" and clause <= m.start and m.end <= opening for m in mentions) or not _names_before(
        parse, clause, opening
    )


def _names_before(parse: Parse, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` are a personal name as written (capitalised words, initials)."""
    words = parse.words[start:end]
    return bool(words) and all(word[:1].isupper() or word in (".", "-") for word in words)


def _after_partitive(parse: Parse, mention: Mention, partitives: frozenset[str]) -> bool:
    """Whether an actor governed by "of" follows a partitive noun that stands for it ("members of X")."""
    index = mention.start - 1
    while index >= 0 and parse.norms[index] != "of":
        index -= 1
    return index > 0 and parse.norms[index - 1] in partitives


def governing_support_verb(
    parse: Parse, noun: int, light_verbs: frozenset[Phrase], gap: frozenset[str] = frozenset()
) -> int | None:
    """The support verb a trigger noun is the object of ("issued a public warning"), if any; further back
    across an indirect object or time words (`gap`, the `complement_gap` class) between the verb and the
    noun's phrase (`support_verb_across_the_object`)."""
    norms = parse.norms
    singles, pair_ends = _light_verb_words(light_verbs)
    for index in range(noun - 1, max(-1, noun - 7), -1):
        word = norms[index]
        # a two-word phrase ending here is tested only where one can end, and a one-word phrase by its word (no
        # tuple built per word)
        pair = word in pair_ends and index >= 1 and norms[index - 1 : index + 1] in light_verbs
        if pair or word in singles:
            verb = index - 1 if pair else index
            if word.endswith("ing") and sum(norm in DETERMINERS for norm in norms[index + 1 : noun]) > 1:
                # a participle with its own object ("the troops holding the town an ultimatum") modifies the
                # indirect object of the verb before it, unless none is there ("by giving the rebels an ultimatum")
                return support_verb_across_the_object(parse, noun, light_verbs, gap) or verb
            return verb
        if (
            word in PREPOSITIONS
            or word in (",", ";", "which", "who", "that")
            or not (word.isalnum() or word in ("'s", "-") or word in SCARE_QUOTES)
        ):
            return None if word not in gap else support_verb_across_the_object(parse, noun, light_verbs, gap)
    return support_verb_across_the_object(parse, noun, light_verbs, gap)


# the words of each light-verb class that `governing_support_verb` tests per word: the one-word phrases' words and
# the last words of the two-word phrases, with the class they were made from; about two classes per codebook
_LIGHT_VERB_WORDS: Final[list[tuple[frozenset[Phrase], frozenset[str], frozenset[str]]]] = []


def _light_verb_words(light_verbs: frozenset[Phrase]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of `light_verbs`' one-word phrases, and the last words of its two-word phrases (made once). The
    classes made are found by identity in a short list: compiled, about 60 instructions a call, where a dict keyed
    by `id()` boxed the id and hashed it (about 600)."""
    for held in _LIGHT_VERB_WORDS:
        if held[0] is light_verbs:
            return held[1], held[2]
    if len(_LIGHT_VERB_WORDS) > 16:  # classes made and dropped (tests): keep the memo small
        _LIGHT_VERB_WORDS.clear()
    singles = frozenset(phrase[0] for phrase in light_verbs if len(phrase) == 1)
    pair_ends = frozenset(phrase[1] for phrase in light_verbs if len(phrase) == 2)
    _LIGHT_VERB_WORDS.append((light_verbs, singles, pair_ends))
    return singles, pair_ends


def support_verb_across_the_object(
    parse: Parse, noun: int, light_verbs: frozenset[Phrase], gap: frozenset[str]
) -> int | None:
    """Policy: a support verb governs its noun across the noun's own phrase (a determiner and at most
    NOUN_PHRASE_REACH modifiers: "a stern and public warning", "a one-week ultimatum") and, between the verb and
    that phrase, one noun phrase, its indirect object ("gave the Sylvanian government a one-week ultimatum", also
    with a participle and its object after it: "gave the troops holding the town an ultimatum"), or time words
    of `gap` ("issued on Monday a stern warning"); no preposition, clause word or punctuation but a hyphen or
    "'s" on the way. Runs only where the six-word window found no support verb."""
    norms, words = parse.norms, parse.words
    index = noun - 1
    reach = noun - 1 - NOUN_PHRASE_REACH
    while index > reach and index >= 0 and _in_a_noun_phrase(norms[index], words[index]):
        index -= 1
    if index < 0 or norms[index] not in DETERMINERS:
        return None  # the noun's phrase opens with its determiner ("a", "the", "its")
    index -= 1
    skipped_object = participle = False
    while index >= 0:
        if (norms[index],) in light_verbs:
            return index
        if index >= 1 and norms[index - 1 : index + 1] in light_verbs:
            return index - 1
        if norms[index] in gap:
            index -= 1
            continue
        if skipped_object:
            return None
        end = index
        while (
            index > end - NOUN_PHRASE_REACH
            and index >= 0
            and _in_a_noun_phrase(norms[index], words[index])
            and not norms[index].endswith(("ing", "ed"))  # a verb: "a statement condemning a warning"
        ):
            index -= 1
        named = any(word[:1].isupper() for word in words[index + 1 : end + 1])
        if index == end or not (named or (index >= 0 and norms[index] == "the")):
            return None  # the indirect object is a name or a definite phrase ("the rebels")
        if index >= 0 and norms[index] in DETERMINERS:
            index -= 1
        if not participle and index > 0 and norms[index].endswith("ing") and norms[index].isalpha():
            participle = True  # the object of a participle ("the troops holding the town"): its head comes next
            index -= 1
            continue
        skipped_object = True
    return None


def _in_a_noun_phrase(norm: str, word: str) -> bool:
    """Whether a word can stand inside a noun phrase before its head: a content word or number (not a function
    word), a hyphen or a possessive "'s"."""
    if norm in ("-", "'s", "and"):
        return True
    return norm.isalnum() and norm not in NOT_IN_A_NOUN_PHRASE and not (word[:1].islower() and norm.endswith("ly"))


def _skip_relative(parse: Parse, index: int, own: int) -> int:
    """Skip over a relative clause other than the trigger's own clause `own`."""
    while index < len(parse.norms) and parse.relative[index] >= 0 and parse.relative[index] != own:
        index += 1
    return index


def _object(
    parse: Parse,
    candidate: Candidate,
    mentions: Sequence[Mention],
    words: EngineWords,
    speaker: Sequence[Mention] = (),
) -> tuple[Mention, ...]:
    """The object of a trigger; `speaker` holds the source's actors, whose side is no target in a complement
    ("warned that Tehran would retaliate"). Compared there only, so no set of their codes is built per call."""
    norms = parse.norms
    if candidate.pos == "N":
        recipient = _recipient(parse, candidate, mentions, words.support_verbs)
        if recipient:
            return recipient
    # `attribution_limit` is at most the sentence's length; a two-argument `min` of ints compiles to a comparison
    limit = min(candidate.end + OBJECT_WINDOW, parse.attribution_limit(candidate.end))
    index = candidate.end
    complement = False
    actors: list[Mention] | None = None  # the actor mentions, listed once at the first word that needs them
    while index < limit:
        if norms[index] == "that" and _opens_complement(parse, candidate.end, index, words.complement_gap):
            complement = True
            index += 1
            continue
        if norms[index] in OBJECT_STOPS:
            # "condemned the attack that X launched": the author of what the verb acts on is its counterpart
            if norms[index] in ("that", "which") and norms[index - 1].isalpha() and index > candidate.end:
                return _relative_subject(parse, index, mentions, words.support_verbs)
            return _relative_object(parse, candidate, mentions, words)
        if actors is None:
            actors = _actors(mentions)
        for mention in actors:
            if (
                mention.start == index
                and not (mention.pronoun and mention.possessive)
                and not _clause_subject(parse, mention)
            ):
                if complement and _on_the_side_of(mention, speaker):
                    break  # "warned that Tehran would retaliate": the speaker's side, not the target
                governor = _preposition_before(parse, mention)
                if governor < candidate.end or norms[governor] == "of":
                    group = _group_of(mention, mentions, parse)
                    if governor >= candidate.end:
                        return _agent_of_the_act(parse, group[-1].end, mentions) or group
                    return group
                if candidate.pos == "N" and norms[governor] in ("from", "by"):
                    break  # "the ultimatum from Moscow gave Kyiv": the noun's own source
                return ()
        index += 1
    return _relative_object(parse, candidate, mentions, words)


def _clause_subject(parse: Parse, mention: Mention) -> bool:
    """Whether a pronoun is the subject of a clause, never an object: "he", "she", "they", and "it" before a
    finite auxiliary or modal ("said it will boycott")."""
    if not mention.pronoun:
        return False
    word = parse.norms[mention.start]
    following = parse.norms[mention.end] if mention.end < len(parse.norms) else ""
    return word in SUBJECT_CASE or (word == "it" and (following in MODALS or following in AUXILIARIES))


def _relative_object(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], words: EngineWords
) -> tuple[Mention, ...]:
    """The head of the relative clause a verb trigger ends with no object of its own ("the rebels that X
    attacked"): policy `a_relative_clause_describes_its_head`."""
    if candidate.pos != "V" or candidate.passive:
        return ()
    relative = parse.relative[candidate.start]
    if relative >= 0:
        if _own_relative_subject(parse, relative, candidate.start, mentions) is None:
            return ()
        antecedent = [m for m in _actors(mentions) if m.end == relative - 1]  # ", which Y invaded": the antecedent
        return _group_of(antecedent[-1], mentions, parse) if antecedent else ()
    for mention in _actors(mentions):
        if mention.end <= candidate.start and _only_auxiliaries_between(parse, mention.end, candidate.start):
            head = restrictive_head(parse, mention, mentions, words)
            return () if head is None else _group_of(head, mentions, parse)
    return ()


def _agent_of_the_act(parse: Parse, end: int, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """Policy `the_author_of_an_act_is_its_counterpart`: in "V the N of Y by Z" (or "against the N by Z"), Z,
    the author of the act N, is what the verb acts on, Y only the act's patient ("protested against the arrest
    of activists by the police" targets the police). The actor right after a "by" at `end`, or ()."""
    if end >= len(parse.norms) or parse.norms[end] != "by":
        return ()
    for mention in _actors(mentions):
        if end < mention.start <= end + 2 and not parse.attributed(mention.start):
            return _group_of(mention, mentions, parse)
    return ()


def _on_the_side_of(mention: Mention, speaker: Sequence[Mention]) -> bool:
    """Whether a mention is one of the speaker's actors, a bare country read as its government."""
    own = _as_government(mention)
    return any(_as_government(m) == own for m in speaker)


def _as_government(mention: Mention) -> str | None:
    """A mention's code with a bare country read as its government (Tehran, Iran and IRNGOV are one speaker)."""
    return mention.country + "GOV" if mention.country and mention.code == mention.country else mention.code


def _preposition_before(parse: Parse, mention: Mention) -> int:
    """The index of the preposition governing a mention (across determiners), or -1."""
    index = mention.start - 1
    while index >= 0 and (parse.norms[index] in DETERMINERS or parse.norms[index] in ("nearby", "-")):
        index -= 1
    return index if index >= 0 and parse.norms[index] in PREPOSITIONS else -1


def _recipient(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], light_verbs: frozenset[Phrase]
) -> tuple[Mention, ...]:
    """The indirect object of the support verb of a noun trigger ("gave Caracas an ultimatum")."""
    verb = governing_support_verb(parse, candidate.start, light_verbs)
    if verb is None:
        return ()
    for mention in _actors(mentions):
        if verb < mention.start and mention.end <= candidate.start and not mention.possessive:
            return _group_of(mention, mentions, parse)
    return ()


def _opens_complement(parse: Parse, verb_end: int, that: int, gap: frozenset[str]) -> bool:
    """Whether "that" opens the verb's complement clause ("demanded on Tuesday that X ...") rather than a
    relative clause: only time words and adverbs may sit between the verb and "that"."""
    return all(word in gap or word.isdigit() or word.endswith("ly") for word in parse.norms[verb_end:that])


def _prep(
    parse: Parse,
    candidate: Candidate,
    mentions: Sequence[Mention],
    preps: Collection[str],
    source: tuple[Mention, ...] = (),
) -> tuple[Mention, ...]:
    limit = min(candidate.end + PREP_WINDOW, parse.attribution_limit(candidate.end))  # as in `_object`
    own: set[str] | None = None  # the source's entries, built at the first possessive actor
    actors: list[Mention] | None = None  # the actor mentions, listed once at the first preposition found
    norms, relative = parse.norms, parse.relative
    clause = relative[candidate.start]
    index = candidate.end
    while index < limit:
        if relative[index] >= 0 and relative[index] != clause:  # mostly not: no call per word
            index = _skip_relative(parse, index, clause)
        if index >= limit or norms[index] in (";", "."):
            return ()
        word = norms[index]
        if word == "against" and "against" in preps:
            agent = _agent_of_an_act_against(parse, index, mentions)
            if agent:
                return agent
        if word in preps:
            if actors is None:
                actors = _actors(mentions)
            for mention in actors:
                if mention.possessive:
                    if own is None:
                        own = {m.entries for m in source}
                    if mention.entries in own:
                        continue  # "reneged on his commitment to X": the phrase's object is the noun after "his"
                if index < mention.start <= index + 3 and all(
                    norms[i] in DETERMINERS
                    or norms[i] in ("nearby", "-")
                    or not norms[i].isalpha()
                    or norms[i] not in PREPOSITIONS
                    for i in range(index + 1, mention.start)
                ):
                    return _group_of(mention, mentions, parse)
        index += 1
    return ()


def _agent_of_an_act_against(parse: Parse, against: int, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """The author of the act a protest or a charge is against, when no actor opens the phrase ("against the
    alleged abuses by Z", "against the arrest of activists by Z"): `the_author_of_an_act_is_its_counterpart`."""
    norms = parse.norms
    for index in range(against + 1, min(len(norms), against + ACT_PHRASE_REACH)):
        word = norms[index]
        if word == "by":
            return _agent_of_the_act(parse, index, mentions)
        if word in OBJECT_STOPS or word in BE_FORMS or (index == against + 1 and not word.isalpha()):
            return ()
        opening = next((m for m in _actors(mentions) if m.start == index), None)
        if opening is not None and norms[opening.end : opening.end + 1] != ("by",):
            return ()  # "against Sylvanian policies": the phrase names its actor; the prep rule takes it
    return ()


def _by(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], light_verbs: frozenset[Phrase] = frozenset()
) -> tuple[Mention, ...]:
    norms = parse.norms
    reach = NOUN_BY_WINDOW if candidate.pos == "N" else 4
    limit = min(candidate.end + reach, parse.attribution_limit(candidate.end))  # as in `_object`
    index = candidate.end
    while index < limit:
        word = norms[index]
        if word in BE_FORMS and candidate.pos == "N":
            if index + 2 < len(norms) and (norms[index + 1],) in light_verbs and norms[index + 2] == "by":
                index += 2  # "was imposed by"
                continue
            return ()
        if word in (",", ";", "that", "which", "who") or word in BE_FORMS:
            return ()
        if word == "by":
            for mention in _actors(mentions):
                if index < mention.start <= index + 3:
                    return _group_of(mention, mentions, parse)
            return ()
        index += 1
    return ()


def _possessor(
    parse: Parse, candidate: Candidate, mentions: Sequence[Mention], quantities: frozenset[str]
) -> tuple[Mention, ...]:
    for mention in reversed(_actors(mentions)):
        if mention.end > candidate.start:
            continue
        gap = candidate.start - (mention.end + (0 if mention.pronoun else 1))
        if (
            mention.possessive
            and 0 <= gap <= 4
            and all(
                parse.norms[i].isalpha()
                and (
                    parse.norms[i] not in PREPOSITIONS or (parse.norms[i] == "of" and parse.norms[i - 1] in quantities)
                )
                for i in range(candidate.start - gap, candidate.start)
            )
        ):
            return (mention,)
        return ()
    return ()


def _modifier(parse: Parse, candidate: Candidate, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    if candidate.pos != "N":
        return ()  # before a verb an actor is its subject; in the passive, its target ("civilians were killed")
    for mention in reversed(_actors(mentions)):
        if mention.end > candidate.start:
            continue
        gap = candidate.start - mention.end
        if (
            not mention.possessive
            and 0 <= gap <= 2
            and all(
                parse.norms[i].isalpha() and parse.norms[i] not in PREPOSITIONS and parse.norms[i] not in DETERMINERS
                for i in range(mention.end, candidate.start)
            )
        ):
            return _group_of(mention, mentions, parse)
        return ()
    return ()


def _place(parse: Parse, candidate: Candidate, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    for mention in mentions:
        if mention.role == "place" and mention.country and candidate.end <= mention.start < candidate.end + 12:
            return (mention._replace(code=mention.country, sector=None),)  # "in Baghdad" targets Iraq
    return ()


def _context(
    parse: Parse,
    source: tuple[Mention, ...],
    previous: Sequence[Mention],
    mentions: Sequence[Mention],
    candidate: Candidate,
) -> tuple[Mention, ...]:
    """Last resort, policy `context_targets_stay_in_their_sentence`: the most recent actor of another country
    earlier in the same sentence. A target comes from an earlier sentence only through a pronoun or a
    definite description ("the regime"), which coreference has already resolved into a mention here, through
    an object that points back ("rejected these terms": whoever set them), or when the source itself is a
    pronoun ("He issued a warning that ...") and so continues the previous sentences: then their most recent
    actor of another country is the counterpart."""
    countries = {mention.country for mention in source}
    earlier = [m for m in mentions if m.end <= candidate.start and m.role == "actor"]
    continues = source and all(m.pronoun for m in source)
    reach = [*previous, *earlier] if continues or _object_refers_back(parse, candidate) else earlier
    for mention in reversed(reach):
        if mention.role == "actor" and mention.country and mention.country not in countries:
            return (mention,)
    return ()


def _object_refers_back(parse: Parse, candidate: Candidate) -> bool:
    """Whether the trigger's object opens with a demonstrative ("rejected these terms", "denounced this move")."""
    for index in range(candidate.end, min(len(parse.norms), candidate.end + 3)):
        word = parse.norms[index]
        if word in DEMONSTRATIVES:
            return True
        if not word.endswith("ly"):
            return False
    return False


def acts_reported(events: Sequence[EventMatch]) -> list[SlotFill]:
    """The authors (sources) of the events of a sentence that a later reaction may name as an act: coercion or
    force that happened (not negated, asserted or reported), for `a_reaction_targets_the_author_of_the_act_it_names`."""
    return [
        match.source
        for match in events
        if match.candidate.pattern.code[:2] in ACT_ROOTS and not match.negated and match.modality in REPORTED_FACTS
    ]


def a_reaction_targets_the_author_of_the_act_it_names(
    parse: Parse, match: EventMatch, authors: Sequence[SlotFill], act_nouns: frozenset[Phrase]
) -> EventMatch:
    """Policy: a reaction (criticism or rejection, roots 11-12) with no target of its own whose object names an
    act of force or coercion ("condemned the strikes", "denounced Monday's attack": the `acts_of_force` class)
    points back to the most recent such act reported in an earlier sentence of the article by someone other
    than the reactor (`authors`: the sources of those acts, from `acts_reported`, oldest first): the act's
    author is the target (slot rule `earlier_act`). An act whose author was named wins over a later one by an
    unidentified group ("five soldiers were killed")."""
    candidate = match.candidate
    if (
        not authors
        or candidate.pos != "V"
        or candidate.passive
        or candidate.pattern.code[:2] not in REACTION_ROOTS
        or not _object_names_an_act(parse, candidate.end, act_nouns)
    ):
        return match
    own = {mention.country for mention in match.source.mentions}
    # a target of the reactor's own country is no target of its own ("condemned the attack and recalled its
    # ambassador": the ambassador is the reactor's, and is dropped later as the reactor acting on itself)
    if match.target is not None and not all(m.country and m.country in own for m in match.target.mentions):
        return match
    unnamed: tuple[Mention, ...] = ()
    for author in reversed(authors):
        others = tuple(m for m in author.mentions if m.code and (m.country is None or m.country not in own))
        if others and author.rule != UNIDENTIFIED_RULE:
            return _retargeted(match, SlotFill(others, EARLIER_ACT_RULE))
        unnamed = unnamed or others
    return _retargeted(match, SlotFill(unnamed, EARLIER_ACT_RULE)) if unnamed else match


def _retargeted(match: EventMatch, target: SlotFill) -> EventMatch:
    """The event `match` with another target."""
    return EventMatch(match.candidate, match.source, target, match.negated, match.modality)


def _object_names_an_act(parse: Parse, start: int, act_nouns: frozenset[Phrase]) -> bool:
    """Whether the object starting at `start` is a noun phrase headed by a noun of `act_nouns`: up to
    ACT_NOUN_REACH words of determiners and modifiers ("the", "Monday's", "latest", "deadly") before it, and no
    punctuation, preposition or clause word among them."""
    norms = parse.norms
    end = min(len(norms), start + ACT_NOUN_REACH + 1)
    for index in range(start, end):
        for length in (3, 2, 1):
            if tuple(norms[index : index + length]) in act_nouns:
                return True
        word = norms[index]
        if word not in DETERMINERS and word != "'s" and (word in NOT_IN_A_NOUN_PHRASE or not word.isalpha()):
            return False
    return False


def background_is_no_news(parse: Parse, candidate: Candidate) -> bool:
    """Policy: background is no event of the news. A verb trigger in a ", which ..."/", who ..." clause is
    background when the clause is in the past perfect ("the village, which had been shelled in 2019, ...") or,
    for coercion and force (roots 17-20), in the present tense, describing what the antecedent does ("a militia,
    which kidnaps for ransom, ..."). A habit in the main clause ("X routinely detains ...") stays an event, as the
    CAMEO coders' examples code it."""
    start = candidate.start
    if candidate.pos != "V" or parse.relative[start] < 0:
        return False
    before = parse.norms[max(0, start - 3) : start]
    if "had" in before:
        return True
    return candidate.pattern.code[:2] in ACT_ROOTS and _present_tense(parse.norms[start], before)


def _present_tense(verb: str, before: Sequence[str]) -> bool:
    """Whether a verb form reads as the simple present of the third person ("kidnaps", "attacks"): an -s form
    with no auxiliary or modal before it (a plural "who kidnap" is not told from a past "who stole" without a
    part-of-speech tag, so it is not read)."""
    return (
        verb.endswith("s")
        and not verb.endswith(("ss", "us", "is"))
        and not any(word in AUXILIARIES or word in MODALS for word in before)
    )


def fill_slots(
    parse: Parse,
    candidate: Candidate,
    mentions: Sequence[Mention],
    previous: Sequence[Mention],
    words: EngineWords,
    subject: tuple[Mention, ...] | None = None,
    *,
    subject_owner: tuple[Mention, ...] | None = None,
    given_source: SlotFill | None = None,
) -> tuple[SlotFill | None, SlotFill | None]:
    """Apply the pattern's slot rules in order; passive voice (and a noun received: "drew condemnation from
    Japan") swaps subject and 'by' agent. A `subject` given by the caller (the main clause's, for a
    participial clause) replaces the subject rule; `subject_owner` (the source of an event noun heading the
    subject: "a demand by X ... was rejected") is the target of a passive."""
    pattern = candidate.pattern
    # the pattern's own rule tuples, copied only where the voice or a threat reorders them; tuples, not any
    # sequence: compiled, the loops over them are native (a sequence was iterated through Python's protocol)
    source_rules: tuple[str, ...] = pattern.source
    target_rules: tuple[str, ...] = pattern.target
    if candidate.passive:
        agents: tuple[str, ...] = ("by", "prep:from") if candidate.pos == "N" else ("by",)
        source_rules = (*agents, *[rule for rule in source_rules if rule != "subject" and rule not in agents])
        target_rules = ("subject", *[rule for rule in target_rules if rule not in ("object", "subject")])
    if pattern.code.startswith(THREAT_ROOT):  # compiled, no two-letter string cut per call
        target_rules = a_threat_targets_whom_its_condition_names(target_rules)
    # the first rule that finds an actor fills the slot (loops here, no closure: see `_slot_rule`)
    source = given_source
    if source is None:
        for rule in source_rules:
            found = _slot_rule(rule, (), parse, candidate, mentions, previous, words, subject, subject_owner)
            if found:
                source = SlotFill(found, rule)
                break
    if source is None:
        return force_suffered_by_its_subject(parse, candidate, mentions, words) or (None, None)
    source_ids: set[str] | None = None  # the source's entries, made when a target rule first finds actors
    source_code = _codes(source)
    target: SlotFill | None = None
    for rule in target_rules:
        found = _slot_rule(rule, source.mentions, parse, candidate, mentions, previous, words, subject, subject_owner)
        if found:
            # the source itself found again (a possessive "his", a definite "the government") is not its
            # target: the next rule is tried
            if source_ids is None:
                source_ids = {m.entries for m in source.mentions}
            others = [m for m in found if m.entries not in source_ids or m.code != source_code]
            if others:
                # the found tuple itself when none was the source's (no copy)
                target = SlotFill(found if len(others) == len(found) else tuple(others), rule)
                break
    if target is None and candidate.pos == "N" and pattern.code[:2] in FORCE_ROOTS:
        victims = suffering_subject(parse, candidate, mentions, words)  # "X survived an attack by Y"
        target = SlotFill(victims, "subject") if victims else None
    if target is not None:
        counterparts = an_actor_is_not_its_own_counterpart(target.mentions, source.mentions)
        if counterparts is not target.mentions:  # the policy dropped some: a new fill (mostly it keeps them all)
            target = SlotFill(counterparts, target.rule)
    if len(source.mentions) > 1 and (target is None or not any(m.country for m in target.mentions)):
        target = parties_that_agree_act_on_each_other(parse, candidate, source, words.reciprocal_verbs) or target
    return source, target


def _slot_rule(
    rule: str,
    source: tuple[Mention, ...],
    parse: Parse,
    candidate: Candidate,
    mentions: Sequence[Mention],
    previous: Sequence[Mention],
    words: EngineWords,
    subject: tuple[Mention, ...] | None,
    subject_owner: tuple[Mention, ...] | None,
) -> tuple[Mention, ...]:
    """The actors one slot rule of `fill_slots` finds; `source` holds the source's actors when a target rule
    runs, () for a source rule. A module-level function taking its context as arguments, not a closure inside
    `fill_slots`: pure Python builds no function object per call, and mypyc calls it directly (a closure, and
    the lambda and callback that passed it on, were callable objects called through Python's protocol)."""
    if rule == "subject":
        if subject is not None:
            return subject
        if source and subject_owner:
            return subject_owner
        return _subject(parse, candidate, mentions, words)
    if rule == "object":
        return _object(parse, candidate, mentions, words, source)
    if rule == "by":
        return _by(parse, candidate, mentions, words.support_verbs)
    if rule == "possessor":
        return _possessor(parse, candidate, mentions, words.quantity_nouns)
    if rule == "modifier":
        return _modifier(parse, candidate, mentions)
    if rule == "place":
        return _place(parse, candidate, mentions)
    if rule == "context":
        return _context(parse, source, previous, mentions, candidate)
    if rule == CONDITION_RULE:
        return _condition(parse, candidate, mentions)
    preps = _PREPOSITIONS_OF_RULE.get(rule)
    if preps is None:
        preps = _PREPOSITIONS_OF_RULE[rule] = frozenset(rule.removeprefix("prep:").split("|"))
    return _prep(parse, candidate, mentions, preps, source)


# the prepositions of each "prep:at|on" rule, split once per rule (a few dozen rules), not once per slot filled
_PREPOSITIONS_OF_RULE: Final[dict[str, frozenset[str]]] = {}


def parties_that_agree_act_on_each_other(
    parse: Parse, candidate: Candidate, source: SlotFill, reciprocal: frozenset[Phrase]
) -> SlotFill | None:
    """Policy: the parties of a compound subject of a reciprocal verb ("agreed", "negotiated") act on each other
    in what they agree to, too: the complement ("X and Y agreed to exchange prisoners", "... to withdraw their
    troops", "... to reopen their borders") and the verb itself ("agreed on a prisoner swap") take each party as
    the other's target (`compound_parties_act_on_each_other`) when they name no target of a country of their
    own (a bare "prisoners", "troops"); a named third party stays ("agreed to send troops to Z"). None when the
    trigger is neither such a verb nor its "to" complement."""
    start = candidate.start
    norms = parse.norms
    if (
        candidate.pos == "V"
        and (norms[start],) not in reciprocal
        and tuple(norms[start : candidate.end]) not in reciprocal
    ):
        while start > 0 and norms[start - 1].endswith("ly"):
            start -= 1  # "agreed to gradually withdraw"
        if start < 2 or norms[start - 1] != "to":
            return None
        if (norms[start - 2],) not in reciprocal and tuple(norms[max(0, start - 3) : start - 1]) not in reciprocal:
            return None
    elif candidate.pos != "V":
        return None
    return compound_parties_act_on_each_other(source, candidate.pattern.code)


def a_threat_targets_whom_its_condition_names(rules: tuple[str, ...]) -> tuple[str, ...]:
    """Policy: a threat (root 13) with no target in its own phrases is aimed at the actor its condition names
    ("threatened to halt talks if Y goes ahead", "would retaliate if Y attacked"): the subject of an "if" or
    "unless" clause after the trigger, tried before the last-resort `context` rule."""
    if "context" not in rules:
        return (*rules, CONDITION_RULE)
    last = rules.index("context")
    return (*rules[:last], CONDITION_RULE, *rules[last:])


def _condition(parse: Parse, candidate: Candidate, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """The subject of the first "if"/"unless" clause after a trigger in its sentence part (before ";" and the
    attribution): the first actor after the conjunction, not after a preposition, not a possessive."""
    norms = parse.norms
    limit = parse.attribution_limit(candidate.end)
    for index in range(candidate.end, limit):
        if norms[index] in (";", ":"):
            return ()
        if norms[index] not in CONDITIONALS:
            continue
        for mention in _actors(mentions):
            if (
                index < mention.start <= index + CONDITION_REACH
                and not (mention.possessive and not mention.pronoun)
                and _governed_by_preposition(parse, mention) is None
            ):
                return _group_of(mention, mentions, parse)
        return ()
    return ()


def an_actor_is_not_its_own_counterpart(
    targets: tuple[Mention, ...], sources: tuple[Mention, ...]
) -> tuple[Mention, ...]:
    """Policy: of a compound target, members of the source's own country are dropped when others remain
    ("flights between Russia and Georgia were suspended by Moscow" targets Georgia)."""
    if len(targets) < 2:
        return targets  # one target (mostly): nothing to drop while others remain
    countries = {m.country for m in sources}
    others = tuple(m for m in targets if m.country not in countries)
    return others if others and len(others) < len(targets) else targets


def _codes(fill: SlotFill) -> str | None:
    return fill.mentions[0].code if fill.mentions else None
