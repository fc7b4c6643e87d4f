"""Actor mentions: longest-match dictionary lookup, composition of country words with agents and titles,
places, compounds, and coreference of pronouns and short references within an article."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import compress
from typing import Final, NamedTuple, cast

from eventcoder.codebook.compile import ActorEntry, AgentEntry, Codebook, LexHit, PlaceEntry, TriggerIndex, split_code
from eventcoder.codebook.model import code_roles
from eventcoder.compiled import pickled_by_constructor
from eventcoder.parse import (
    AUXILIARIES,
    DETERMINERS,
    LOCATIVE_PREPOSITIONS,
    MODALS,
    NEGATIONS,
    NEW_TUPLE,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    Parse,
)
from eventcoder.text.tokenize import NATIVE_LOOPS

# The module's constants are `Final`: compiled, each is then read from a C static instead of a lookup in the
# module's globals (pure Python ignores the mark).
# Words that may sit inside an actor phrase between a country word, titles and a name.
CHAIN_FILLERS: Final = frozenset(
    [
        "senior",
        "top",
        "former",
        "several",
        "many",
        "some",
        "foreign",
        "local",
        "state",
        "national",
        "federal",
        "regional",
        "chief",
        "deputy",
        "acting",
        "interim",
        "new",
        "armed",
        "suspected",
        "alleged",
        "high",
        "ranking",
        "high-ranking",
        "key",
        "leading",
        "prominent",
        "elite",
        "special",
        "opposition-led",
        "ruling",
        "outgoing",
        "incoming",
        "then",
        "vice",
        "junior",
        "defence",
        "defense",
        # the portfolio or field of an office between a country and its agent ("China's commerce ministry",
        # "Georgia's civil aviation agency", "Russian aviation authorities")
        "civil",
        "aviation",
        "commerce",
        "trade",
        "finance",
        "interior",
        "justice",
        "health",
        "energy",
        "intelligence",
        "immigration",
        "customs",
        "transport",
        "maritime",
        "election",
        "electoral",
        "communications",
    ]
)
# Nouns that turn a preceding country adjective into a place ("Venezuelan airspace").
PLACE_NOUNS: Final = frozenset(
    [
        "airspace",
        "territory",
        "territories",
        "waters",
        "soil",
        "coast",
        "coastline",
        "border",
        "borders",
        "capital",
        "city",
        "cities",
        "town",
        "village",
        "district",
        "province",
        "region",
        "mainland",
        "island",
        "islands",
        "port",
        "ports",
        "airport",
        "airports",
        "skies",
        "sky",
        "frontier",
        "shores",
    ]
)
LOCATIVE_FILLERS: Final = frozenset({"the", "nearby", "neighboring", "neighbouring", "neighbor"})
# Words that narrow a place down to a part of it ("in central Baghdad", "in east Bosnia").
COMPASS_WORDS: Final = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern".split()
)
# The words `_preceded_by_locative` may find right before a name: after any other word it is no place, at once.
LOCATIVE_LEADS: Final = LOCATIVE_PREPOSITIONS | LOCATIVE_FILLERS | COMPASS_WORDS | frozenset({"of"})
# Nouns that turn a preceding agent phrase into a description of an activity ("US military operations").
ACTIVITY_NOUNS: Final = frozenset(
    [
        "operation",
        "operations",
        "activity",
        "activities",
        "presence",
        "buildup",
        "build-up",
        "exercises",
        "exercise",
        "drills",
        "capabilities",
        "capability",
        "spending",
        "budget",
        "assets",
        "hardware",
        "equipment",
        "personnel",
        "posture",
        "networks",
        "network",
        "aid",
        "offensive",
        "action",
        "intervention",
        "campaign",
        "might",
        "pressure",
        "solution",
        "solutions",
        "option",
        "options",
        "strategy",
        "doctrine",
        "cooperation",
        "ties",
    ]
)
PRONOUNS: Final = {
    "he": ("male", False),
    "him": ("male", False),
    "his": ("male", True),
    "she": ("female", False),
    "her": ("female", True),
    "its": ("thing", True),
    "they": ("plural", False),
    "them": ("plural", False),
    "their": ("plural", True),
    "it": ("thing", False),
}
# Words after which "it" is no reference but an empty subject ("it is unclear", "it seems", "it's time").
EXPLETIVE_IT_FOLLOWERS: Final = frozenset(
    {"is", "was", "'s", "seems", "seemed", "appears", "appeared", "remains", "remained", "took", "takes"}
    | {"emerged", "became", "becomes", "looks", "looked"}
)
PERSON_TYPES: Final = frozenset({"person"})
COORDINATORS: Final = frozenset({",", "and", "or", "&", "both"})
# Relational nouns that may introduce the next member of a list ("Maduro, his wife Cilia Flores").
APPOSITION_NOUNS: Final = frozenset(
    "wife husband son daughter sons daughters brother sister father mother spouse partner deputy deputies "
    "ally allies counterpart counterparts aide aides colleague colleagues successor predecessor".split()
)
# Words of a partitive that joins the next member of a list ("X and a group of deputies", "X and members of Y").
PARTITIVE_LINKS: Final = frozenset({"of", "group", "groups", "members", "team", "number", "delegation"})
# Words before a title that say the office is no longer held ("former President X", "ex-premier X").
PAST_OFFICE: Final = frozenset({"former", "ex", "late", "then", "onetime", "one-time"})
# Words that join an owner or leader to its agent ("Maduro's government", "Sylvanian-led forces" -> SYLMIL).
AGENT_LINKS: Final = (("'s",), ("-", "led"))
AGENT_LINK_STARTS: Final = frozenset(link[0] for link in AGENT_LINKS)
# Participles after a hyphen that make the actor before them the sponsor of a group ("Sylvanian-backed rebels").
SPONSOR_PARTICIPLES: Final = frozenset(
    "backed sponsored supported funded financed armed trained allied aligned installed inspired affiliated".split()
)
# How many modifiers may stand between a possessive or a coordinator and the agent noun they modify ("Mali's
# transitional authorities", "the government and communist rebels"): `_premodifies`.
MAX_PREMODIFIERS: Final = 2
# Closed-class words and adverbs that never modify a noun, though written in lower case.
NOT_PREMODIFIERS: Final = (
    DETERMINERS
    | PREPOSITIONS
    | AUXILIARIES
    | MODALS
    | NEGATIONS
    | RELATIVE_PRONOUNS
    | SUBJECT_PRONOUNS
    | frozenset({"and", "or", "but", "nor", "to", "then", "also", "now", "still", "yet", "later", "again", "too"})
    | frozenset({"him", "them", "us", "me", "her", "its", "their", "his", "our", "there", "here", "so", "as"})
)
# The agent of numbers that stand for a crowd ("Thousands marched"): `crowd_numbers_name_people`.
CROWD_NUMBERS: Final = "agent.crowd_numbers"
# Titles that are also adjectives ("the general public"): see `titles_that_are_adjectives`.
ADJECTIVE_TITLES: Final = frozenset({"general"})
# Words that end a noun phrase: after a title, they show it is a noun ("the general and his aides").
NOUN_PHRASE_ENDS: Final = frozenset(
    {"and", "or", "but", "who", "whom", "whose", "which", "that", "himself", "also", "then"}
)
# Auxiliaries and modals that make a verb phrase finite: after an actor, they open its clause ("Z has denied").
FINITE_AUXILIARIES: Final = MODALS | (AUXILIARIES - {"'s", "be", "been", "being", "having"})
# Named forces whose code no following noun changes ("Hamas militants", "RSF fighters", "RSF drones").
NAMED_FORCE_TYPES: Final = frozenset({"armed_group", "criminal_group"})
# The actor type of named state institutions (`countries_own_the_institutions_they_name`).
INSTITUTION: Final = "institution"


class Mention(NamedTuple):
    """An actor (or place, or outlet) mentioned in a sentence, with its code on the article's date."""

    start: int
    end: int
    text: str
    code: str | None
    country: str | None
    sector: str | None
    name: str
    entries: str
    role: str  # "actor", "place", "media" or "attribute"
    person: bool = False
    plural: bool = False
    possessive: bool = False
    pronoun: bool = False
    group: int = -1
    adjective: bool = False  # a bare country adjective ("Hungarian"), which may share a later agent
    inferred: bool = False  # the country was taken from the context, not named with the actor


PRONOUN_KINDS: Final = ("male", "female", "thing", "plural")
"""The kinds of antecedent a pronoun asks for (`Discourse.latest`, `latest_compatible`)."""
DISCOURSE_MENTIONS = 4_096
"""The mentions a discourse keeps once it has remembered twice as many (`Discourse.remember`)."""


@dataclass
class Discourse:
    """Actors mentioned so far in one article, most recent last: the antecedents for coreference."""

    mentions: list[Mention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # countries named so far (actors and places), in order
    # the countries of `countries[:counted]` in the order first named, how often each was named, and where each is
    # among them (`most_named`)
    named: list[str] = field(default_factory=list)
    tallies: list[int] = field(default_factory=list)
    where: dict[str, int] = field(default_factory=dict)
    counted: int = 0
    # for each pronoun kind (`latest`) and sector (`latest_with_sector`): how many `mentions` were searched and
    # the latest one that fits among them
    latest_found: dict[str, tuple[int, Mention | None]] = field(default_factory=dict)
    latest_found_with_sector: dict[str, tuple[int, Mention | None]] = field(default_factory=dict)
    # the codebook the article is coded with, its actor index and whether it has compound entries, read by
    # `find_mentions` at the article's first sentence: compiled, each is a generic attribute read of the
    # (uncompiled) codebook, and they were two per sentence (find_mentions on the compiled news slice 25.24 ->
    # 24.83 M)
    codebook: Codebook | None = field(default=None, repr=False, compare=False)
    index: ActorIndex | None = field(default=None, repr=False, compare=False)
    compounds: bool = field(default=False, repr=False, compare=False)

    def remember(self, mentions: list[Mention]) -> None:
        """Add a sentence's actors as antecedents and the countries it names (not inferred ones)."""
        # one loop appending to both lists, not two comprehensions extending them: compiled, each comprehension
        # builds a list only to copy it (remember on the news slice 0.98 -> 0.36 M instructions)
        actors, countries = self.mentions, self.countries
        for mention in mentions:
            role = mention.role
            if role == "actor":
                actors.append(mention)
            elif role != "place":
                continue
            if mention.country and not mention.inferred and not mention.pronoun:
                countries.append(mention.country)
        if len(actors) > 2 * DISCOURSE_MENTIONS:
            self._forget_early_mentions()

    def _forget_early_mentions(self) -> None:
        """Keep the last DISCOURSE_MENTIONS mentions only, once the antecedent that each pronoun kind and each
        sector finds among all of them is noted (`latest`, `latest_with_sector`): what those find afterwards is
        what they would have found, and a sentence's `previous` are the last 12. A news article remembers a few
        dozen mentions; a 5 MB article without a sentence break remembered 85,375 (14 MB of tuples)."""
        mentions = self.mentions
        for kind in {*PRONOUN_KINDS, *self.latest_found}:
            self.latest(kind)
        for sector in {*(mention.sector for mention in mentions if mention.sector), *self.latest_found_with_sector}:
            self.latest_with_sector(sector)
        cut = len(mentions) - DISCOURSE_MENTIONS
        del mentions[:cut]
        # every search is now up to date (searched == the mentions remembered): count from the kept ones
        self.latest_found = {kind: (len(mentions), found) for kind, (_, found) in self.latest_found.items()}
        self.latest_found_with_sector = {
            sector: (len(mentions), found) for sector, (_, found) in self.latest_found_with_sector.items()
        }

    def most_named(self, choices: set[str]) -> str | None:
        """What `_most_named(self.countries, choices)` gives, from counts kept up to date on each call (the
        context rule asks in few sentences, so `remember` does not count).

        The counts are a list in the order first named, with a dict of where each country is in it, not a dict of
        counts: compiled, a country named again costs a list item's update, not a dict's `get` and item
        assignment (about 430 instructions), and the counts are read by a native loop over the list (a country read
        only for a larger count), not through the dict's generic item iterator (about 110 a count; `zip` with
        `strict` would be a generic iterator too); a news article names some 25 countries."""
        named, tallies, where = self.named, self.tallies, self.where
        for country in self.countries[self.counted :]:
            position = where.get(country)
            if position is None:
                where[country] = len(named)
                named.append(country)
                tallies.append(1)
            else:
                tallies[position] += 1
        self.counted = len(self.countries)
        best, top = None, 0
        for position, count in enumerate(tallies):  # in the order first named: the first of equals stays
            if count > top and (not choices or named[position] in choices):
                best, top = named[position], count
        return best

    def latest(self, kind: str) -> Mention | None:
        """Return the most recent actor compatible with a pronoun kind (male, female, thing, plural).

        `mentions` only grows, so each call searches only those remembered since the last call for the kind."""
        searched, latest = self.latest_found.get(kind, (0, None))
        if searched < len(self.mentions):
            latest = latest_compatible(self.mentions[searched:], kind) or latest
            self.latest_found[kind] = (len(self.mentions), latest)
        return latest

    def latest_with_sector(self, sector: str) -> Mention | None:
        """Return the most recent actor with a country and the given sector (searching, as `latest` does, only
        the mentions remembered since the last call for the sector)."""
        searched, latest = self.latest_found_with_sector.get(sector, (0, None))
        mentions = self.mentions
        if searched < len(mentions):
            for mention in reversed(mentions[searched:]):
                if mention.role == "actor" and mention.sector == sector and mention.country:
                    latest = mention
                    break
            self.latest_found_with_sector[sector] = (len(mentions), latest)
        return latest


def latest_compatible(mentions: list[Mention], kind: str) -> Mention | None:
    """The last of `mentions` that is an actor (not a pronoun) compatible with a pronoun kind (male, female,
    thing, plural)."""
    for mention in reversed(mentions):
        if mention.role != "actor" or mention.pronoun:
            continue
        if kind in ("male", "female") and mention.person:
            return mention
        if kind == "thing" and not mention.person and not mention.plural:
            return mention
        if kind == "plural" and mention.plural:
            return mention
    return None


# A dictionary match: (start, end, hits), the words [start, end) and the lexicon hits kept for them as written.
# A plain tuple, read by unpacking or index: `_scan` makes one per match, and building a named tuple costs several
# times as much (`tuple.__new__` or the generated constructor, in both builds; compiled, this one is native).
_Match = tuple[int, int, tuple[LexHit, ...]]


# The spellings a phrase's case rules tell apart (`_as_written`): in lower case, with a first capital, without a cased
# letter, in capitals; `case_variants` keeps the hits of each.
SPELLINGS: Final = (("x",), ("Xx",), ("1",), ("X",))


def case_variants(hits: tuple[LexHit, ...]) -> tuple[tuple[LexHit, ...], ...]:
    """The hits `_as_written` keeps of a phrase's hits for each way the phrase can be written, to be read by
    `kept_as_written`: `[2 * upper + capital]`, where `capital` says the first word starts with a capital and
    `upper` that every word is in capitals. `upper` matters only when a hit is `case_sensitive`: else the two
    variants without it are all there is."""
    upper_matters = any(hit.case_sensitive for hit in hits)
    return tuple(_as_written(hits, span) for span in (SPELLINGS if upper_matters else SPELLINGS[:2]))


def kept_as_written(cased: tuple[tuple[LexHit, ...], ...], span: tuple[str, ...]) -> tuple[LexHit, ...]:
    """The hits kept for a phrase as written in `span`, from its `case_variants` (what `_as_written` gives)."""
    upper = len(cased) > 2 and all(word == word.upper() for word in span)
    return cased[2 * upper + span[0][:1].isupper()]


# A node of the actor lexicon's word trie (`ActorIndex.first`), a plain tuple (hits, cased, following, cue): the
# hits of the phrase that ends at this word when no case rule applies to them (else None, as when no phrase ends
# here), their `case_variants` when case rules apply (else None), the nodes of the words that may follow (None at
# a leaf), and, at the first word, its `cue_classes` if it is one of the index's cue words (`ActorIndex.cues`:
# each is a key of the trie, a node with neither hits nor words to follow when it starts no phrase), else 0.
# Plain tuples, and equal hits and tuples of hits stored once (`_actor_trie`), because the index is loaded by
# every run: a record per node and per hit loaded by setting its fields one by one cost twice as much to load
# (compiled, the coding part of the codebook cache 348.7 -> 309.2 M instructions).
ActorNode = tuple[tuple[LexHit, ...] | None, tuple[tuple[LexHit, ...], ...] | None, "dict[str, ActorNode] | None", int]


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """The actor lexicon keyed for the scan: `first` is a word trie of its phrases (`ActorNode`) keyed by their
    first words, so each word of the sentence costs one probe to tell whether a phrase starts there, and each
    further word of a phrase one more.
    `peoples` holds the entries that name an ethnic or religious group, `countries` the codebook's countries
    and `codes` the (country, sector) of each code met so far (`split`); `verbs` the codebook's clause verbs.
    `weapon_words` are the first words of the `unattributed_weapons` synset and `cues` the words whose absence
    from a sentence rules out a policy (POLICY_CUES and `weapon_words`), so that `find_mentions` learns all that
    a sentence holds of them from the probe of `first` that `_scan` makes for each word (they are marked there).
    `actors`, `agents` and `places` are the codebook's entries (the same dicts, cached in the same part of the
    codebook as this index), read here once per phrase: compiled, an attribute of this native class is a field
    read, where one of the (uncompiled) `Codebook` goes through CPython's generic attribute lookup."""

    first: dict[str, ActorNode]
    peoples: frozenset[str]
    countries: frozenset[str]
    verbs: ClauseVerbs
    weapon_words: frozenset[str]
    cues: frozenset[str]
    actors: dict[str, ActorEntry]
    agents: dict[str, AgentEntry]
    places: dict[str, PlaceEntry]
    # a memo, filled while coding: not a constructor argument, so the codebook cache's pickler, which shares
    # equal containers of the frozen dataclasses it rebuilds by their constructor, never shares this dict
    codes: dict[str | None, tuple[str | None, str | None]] = field(default_factory=dict, init=False, compare=False)

    @classmethod
    def of(cls, codebook: Codebook) -> ActorIndex:
        """Build the index of a codebook's actor lexicon."""
        cues = POLICY_CUES | frozenset(codebook.unattributed_weapons)
        return cls(
            first=_actor_trie(codebook.lexicon.phrases, cues, frozenset(codebook.unattributed_weapons)),
            peoples=frozenset(entry.id for entry in codebook.actors.values() if _names_a_people(entry)),
            countries=codebook.countries,
            verbs=ClauseVerbs(codebook.trigger_index, codebook.words.reporting_verbs, codebook.words.attribution_verbs),
            weapon_words=frozenset(codebook.unattributed_weapons),
            cues=cues,
            actors=codebook.actors,
            agents=codebook.agents,
            places=codebook.places,
        )

    def split(self, code: str | None) -> tuple[str | None, str | None]:
        """`split_code` of a code, computed once per code."""
        parts = self.codes.get(code)
        if parts is None:
            parts = self.codes[code] = split_code(code, self.countries)
        return parts


def _actor_trie(
    phrases: dict[tuple[str, ...], tuple[LexHit, ...]], cues: frozenset[str], weapon_words: frozenset[str]
) -> dict[str, ActorNode]:
    """The word trie of the actor lexicon's phrases (see `ActorNode`), keyed by first word, with the cue words
    marked by their classes. Equal hits, and equal tuples of them, are one object each (a hit recurs under each
    of an entry's phrases), so that the cache stores and loads each once."""
    shared: dict[object, object] = {}

    def share(hits: tuple[LexHit, ...]) -> tuple[LexHit, ...]:
        one = tuple(cast(LexHit, shared.setdefault(hit, hit)) for hit in hits)
        return cast(tuple[LexHit, ...], shared.setdefault(one, one))

    ends = {phrase: share(hits) for phrase, hits in phrases.items() if hits}
    children: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}
    for phrase in ends:
        for length in range(1, len(phrase)):
            children.setdefault(phrase[:length], {})[phrase[length]] = phrase[: length + 1]

    def node(prefix: tuple[str, ...]) -> ActorNode:
        hits = ends.get(prefix)
        cased = None
        if hits is not None and any(hit.case_sensitive or hit.capitalized for hit in hits):
            variants = tuple(share(kept) for kept in case_variants(hits))
            cased, hits = cast(tuple[tuple[LexHit, ...], ...], shared.setdefault(variants, variants)), None
        following = children.get(prefix)
        return (
            hits,
            cased,
            None if following is None else {word: node(longer) for word, longer in following.items()},
            cue_classes(prefix[0], weapon_words) if len(prefix) == 1 and prefix[0] in cues else 0,
        )

    trie = {phrase[0]: node(phrase[:1]) for phrase in ends}
    for word in cues:
        trie.setdefault(word, (None, None, None, cue_classes(word, weapon_words)))
    return trie


INDEX_ATTRIBUTE: Final = "_actor_index"  # where `actor_index` keeps a codebook's index (cached with the codebook)


def actor_index(codebook: Codebook) -> ActorIndex:
    """The codebook's actor index, kept on the (immutable) codebook: built on first use, or when the codebook is
    compiled for the cache (`load_codebook`), so that a codebook read from the cache brings it along."""
    index = getattr(codebook, INDEX_ATTRIBUTE, None)  # a cached codebook may load it when first read
    if index is None:
        index = ActorIndex.of(codebook)
        object.__setattr__(codebook, INDEX_ATTRIBUTE, index)
    return index


def _lookup(parse: Parse, codebook: Codebook) -> list[_Match]:
    """Greedy longest-match scan of the sentence against the codebook's actor lexicon (`_scan`)."""
    return _scan(parse, actor_index(codebook))[0]


def _scan(parse: Parse, index: ActorIndex) -> tuple[list[_Match], int, list[int] | None]:
    """Greedy longest-match scan of the sentence against the actor lexicon: from each word that starts a phrase,
    down the word trie as far as the sentence follows it; the longest phrase whose case rules the words as written
    meet wins, else the word alone. The `cue_classes` of the index's cue words (`ActorIndex.cues`) met in the
    sentence are returned with the matches, together: which policies can act on the sentence; and where its
    pronouns stand, in order (None where none does), for `_pronoun_mentions`: each pronoun is a cue word, so the
    probe of its word finds it. They were sought there by testing every key against PRONOUNS compiled (a dict
    probe per word, about 110 instructions; `_pronoun_mentions` on the compiled news slice 0.89 M), and in pure
    Python in a set of the sentence's cue words that this scan filled for it (a set a sentence, an `add` per cue
    word: "of" and "'s" are cue words) by `positions_of`.

    A plain loop over the words (most start nothing: one dict probe each), not `compress(range(...), map(...))`:
    compiled, the loop is native and the probe a direct call, where the iterator chain calls through the C API
    for every word; pure, the two cost about the same. The cue words are found by the same probe (they are keys of
    the trie, marked): not by `index.cues.intersection(parse.norms)`, a second pass over the words, nor by a set
    probe of each word in this loop, which cost less than that pass compiled but more than the mark (compiled,
    `_scan` on news 7.79 -> 6.92 M instructions; pure, a coding pass -0.4 %).

    A word's node is read by one `get`, not a test and a read, two probes of the trie at each start (a third of
    the words): compiled, `_scan` on the news slice 7.02 -> 6.36 M instructions. Pure Python pays a method call
    per word for it (a coding pass +0.17 %), less than choosing the form by `NATIVE_LOOPS` in the loop (+0.29 %)."""
    first = index.first
    norms = parse.norms
    count = len(norms)
    matches: list[_Match] = []
    pronouns: list[int] | None = None  # made at the first pronoun (most sentences hold none)
    covered = found = 0
    for start, norm in enumerate(norms):
        node = first.get(norm)
        if node is None:
            continue
        hits, cased, following, cue = node
        if cue:
            found |= cue
            if cue & CUE_PRONOUN:
                if pronouns is None:
                    pronouns = [start]
                else:
                    pronouns.append(start)
        if start < covered:
            continue
        # a node of a longer phrase is kept in `ends` as the trie holds it, through `step`, a name that no test
        # narrows, and its fields are read through `node`, tested: compiled, a node read as known not None is
        # unboxed into a C struct, and storing that struct boxed it into a new tuple (1,100 a news pass)
        step = following.get(norms[start + 1]) if following is not None and start + 1 < count else None
        node = step
        if node is not None:
            end = start + 2
            phrase_hits, variants, following, _ = node
            ends: list[tuple[int, ActorNode | None]] = (
                [(end, step)] if phrase_hits is not None or variants is not None else []
            )
            while end < count and following is not None:
                step = following.get(norms[end])
                node = step
                if node is None:
                    break
                end += 1
                phrase_hits, variants, following, _ = node
                if phrase_hits is not None or variants is not None:
                    ends.append((end, step))
            for end, step in reversed(ends):
                node = step
                if node is None:
                    continue  # never: only nodes are kept
                phrase_hits, variants, _, _ = node
                kept = phrase_hits if variants is None else kept_as_written(variants, parse.words[start:end])
                if kept:
                    matches.append((start, end, kept))
                    covered = end
                    break
            if covered > start:
                continue
        if cased is not None:  # `kept_as_written` of the one word
            word = parse.words[start]
            hits = cased[2 * (len(cased) > 2 and word == word.upper()) + word[:1].isupper()]
        if hits:
            matches.append((start, start + 1, hits))
            covered = start + 1
    return matches, found, pronouns


def _as_written(hits: tuple[LexHit, ...], span: tuple[str, ...]) -> tuple[LexHit, ...]:
    """The hits whose case rules the phrase as written meets (all caps, or an initial capital)."""
    for hit in hits:
        if hit.case_sensitive or hit.capitalized:
            return tuple(
                hit
                for hit in hits
                if (not hit.case_sensitive or all(word == word.upper() for word in span))
                and (not hit.capitalized or span[0][:1].isupper())
            )
    return hits


def titles_that_are_adjectives(parse: Parse, matches: list[_Match], verbs: ClauseVerbs) -> list[_Match]:
    """Policy: a title that is also an adjective (ADJECTIVE_TITLES: "general") is the adjective when written in
    lower case (or opening the sentence) before a word that is neither a name, a verb nor a function word
    ("the general public", "a general strike", "general elections"), and in "in general"; it stays the title
    before a name, a verb or punctuation ("General Smith", "the general said", "the general's staff")."""
    norms = parse.norms
    if ADJECTIVE_TITLES.isdisjoint(norms):
        return matches
    kept = []
    for match in matches:
        start, end, _ = match
        if (
            end - start == 1
            and norms[start] in ADJECTIVE_TITLES
            and (start == 0 or parse.words[start][:1].islower())
            and _adjective_at(parse, start, verbs)
        ):
            continue
        kept.append(match)
    return kept


def _adjective_at(parse: Parse, index: int, verbs: ClauseVerbs) -> bool:
    norms = parse.norms
    following = index + 1
    if following >= len(norms) or not norms[following].isalpha() or parse.words[following][:1].isupper():
        return index > 0 and norms[index - 1] == "in"  # "in general," / "General Smith", "the general's"
    word = norms[following]
    return not (
        word in DETERMINERS
        or word in PREPOSITIONS
        or word in AUXILIARIES
        or word in MODALS
        or word in NOUN_PHRASE_ENDS
        or word.endswith("ed")
        or verbs.says(word)
        or verbs.verb(word, ("VBD", "VBZ"))
    )


def _links_an_agent(
    gap: tuple[str, ...], parse: Parse | None = None, end: int = 0, verbs: ClauseVerbs | None = None
) -> bool:
    """Whether the words between two matches join an owner or leader to an agent ("Maduro's government",
    "Sylvanian-led forces", "Sylvania's top generals"); with the parse, `end` (where the agent starts) and the
    verbs, a possessive also links across the agent's own modifiers (`possessors_own_the_modified_agent`)."""
    if not gap or gap[0] not in AGENT_LINK_STARTS:
        return False
    for opener in AGENT_LINKS:
        if gap[: len(opener)] == opener and all(word in CHAIN_FILLERS for word in gap[len(opener) :]):
            return True
    return parse is not None and possessors_own_the_modified_agent(parse, end - len(gap), end, verbs)


def possessors_own_the_modified_agent(parse: Parse, link: int, end: int, verbs: ClauseVerbs | None) -> bool:
    """Policy: "X's" before an agent noun owns it across the noun's own modifiers ("Mali's transitional
    authorities", "Sylvania's self-declared government" -> the country's GOV): between the "'s" at `link` and
    the agent at `end` stand at most MAX_PREMODIFIERS words that can modify a noun (`_premodifies`)."""
    words = parse.norms[link + 1 : end]
    return (
        parse.norms[link] == "'s"
        and words[-1:] != ("-",)  # "Algeria's first multi-party elections": the agent is part of a modifier
        and 0 < len(words) - words.count("-") <= MAX_PREMODIFIERS
        and all(_premodifies(parse, index, verbs) for index in range(link + 1, end))
    )


def _premodifies(parse: Parse, index: int, verbs: ClauseVerbs | None) -> bool:
    """Whether the word at `index` can stand before a noun as its modifier: a lower-case word (or the hyphen of
    a compound, "self-declared", whose second part may be a participle) that is no function word, no adverb in
    -ly and no verb trigger."""
    word = parse.norms[index]
    if word == "-":
        return 0 < index < len(parse.norms) - 1
    compound = index > 0 and parse.norms[index - 1] == "-"
    return (
        word.isalpha()
        and parse.words[index].islower()
        and word not in NOT_PREMODIFIERS
        and not word.endswith("ly")
        and (compound or verbs is None or not verbs.verb(word))
    )


def _chains(parse: Parse, matches: list[_Match], verbs: ClauseVerbs | None = None) -> list[list[_Match]]:
    """Join adjacent matches (allowing filler words and a linking 's) into one actor phrase."""
    chains: list[list[_Match]] = []
    chain: list[_Match] = []
    norms = parse.norms
    for match in matches:
        if chain:
            after = chain[-1][1]
            start, _, hits = match
            if after < start and norms[after] not in CHAIN_FILLERS and norms[after] not in AGENT_LINK_STARTS:
                chain = [match]  # a word that neither fills nor links: what the tests below find, without the gap
                chains.append(chain)
                continue
            gap = norms[after:start]
            if (
                not gap
                or all(map(CHAIN_FILLERS.__contains__, gap))
                or (
                    gap[0] in AGENT_LINK_STARTS  # what `_links_an_agent` looks at first
                    and any(hit.form == "agent" for hit in hits)
                    and _links_an_agent(gap, parse, start, verbs)
                )
            ):
                chain.append(match)
                continue
        chain = [match]
        chains.append(chain)
    return chains


def sponsors_are_not_the_group(parse: Parse, end: int) -> bool:
    """Policy: an actor joined by a hyphen to a participle of support ("Sylvanian-backed rebels",
    "Freedonia-funded militias", SPONSOR_PARTICIPLES) names the group's sponsor, not the group: it describes
    the noun and is no actor of its own (the group takes its country as any country-less group does). A
    leader is the group's own ("Sylvanian-led forces" are Sylvania's: `_chains`)."""
    norms = parse.norms
    return end + 1 < len(norms) and norms[end] == "-" and norms[end + 1] in SPONSOR_PARTICIPLES


def _preceded_by_locative(parse: Parse, start: int) -> bool:
    """Whether a name follows a locative preposition, across "the", "nearby", compass words and a place
    noun with "of" ("in central Baghdad", "in the capital city of Algiers", "near the town of Samarra")."""
    norms = parse.norms
    index = start - 1
    if index >= 1 and norms[index] == "of" and norms[index - 1] in PLACE_NOUNS:
        index -= 2
        while index >= 0 and norms[index] in PLACE_NOUNS:
            index -= 1
    while index >= 0 and (norms[index] in LOCATIVE_FILLERS or norms[index] in COMPASS_WORDS):
        if norms[index] == "nearby" and index > 0 and norms[index - 1] == "to":
            return True
        index -= 1
    return index >= 0 and norms[index] in LOCATIVE_PREPOSITIONS


def _resolve_chain(
    chain: list[_Match],
    parse: Parse,
    codebook: Codebook,
    index: ActorIndex,
    date: dt.date,
    discourse: Discourse,
    group: int = -1,
) -> Mention | None:
    """Turn one actor phrase into a Mention: named entity, else country + agent, else country, else place; its
    group id is `group` (`find_mentions` numbers the phrases in order, the ids `_group_compounds` gives when no
    two are joined, so that it rebuilds only the mentions whose id changes).

    This runs once per phrase, so the mention is built by `tuple.__new__` with every field in `Mention`'s order
    (a named tuple's generated constructor with keywords costs several times as much)."""
    norms = parse.norms
    count = len(norms)
    start = chain[0][0]
    last_start, end, last_hits = chain[-1]
    text_end = parse.starts[end - 1] + len(parse.words[end - 1])  # where the phrase's last token ends
    text = parse.text[parse.starts[start] : text_end]
    possessive = end < count and norms[end] == "'s"
    following = norms[end + 1] if possessive and end + 1 < count else (norms[end] if end < count else "")
    # the first country and place hit, the last entity and agent hit
    country_hit: LexHit | None = None
    entity_hit: LexHit | None = None
    agent_hit: LexHit | None = None
    place_hit: LexHit | None = None
    entity_count = people_count = 0
    single = len(chain) == 1 and len(last_hits) == 1  # one dictionary hit: the common case
    if single:
        hit = last_hits[0]
        kind = hit.kind
        if kind == "entity":
            entity_hit = hit
            entity_count = 1
            people_count = 1 if hit.entry in index.peoples else 0
        elif kind == "agent":
            agent_hit = hit
        elif kind == "country":
            country_hit = hit
        else:
            place_hit = hit
        entries = "" if place_hit is not None else hit.entry
    else:
        peoples = index.peoples
        for _, _, hits in chain:
            for hit in hits:
                kind = hit.kind
                if kind == "entity":
                    entity_hit = hit
                    entity_count += 1
                    people_count += hit.entry in peoples
                elif kind == "agent":
                    agent_hit = hit
                elif kind == "country":
                    country_hit = country_hit or hit
                else:
                    place_hit = place_hit or hit
        entries = "+".join([hit.entry for hit in (country_hit, entity_hit, agent_hit) if hit is not None])

    # "US military operations" describe an activity; a hyphen may open "Sylvanian-backed" (a sponsor)
    attribute = (following in ACTIVITY_NOUNS and not possessive) or (
        following == "-" and sponsors_are_not_the_group(parse, end)
    )
    ethnic = country_hit is not None and chain[0][2][0].kind == "country" and norms[max(0, start - 1)] == "ethnic"
    if (people_count and people_count == entity_count) or (ethnic and not entity_count):
        composed = groups_compose_with_agents(
            codebook,
            _hits_of(chain, "entity"),
            _hits_of(chain, "country"),
            _hits_of(chain, "agent"),
            ethnic=ethnic,
        )
        if composed is None:
            return None
        group_code, name, group_entries, person = composed
        country, sector = index.split(group_code)
        return Mention(
            start,
            end,
            text,
            group_code,
            country,
            sector,
            name or text,
            "+".join(group_entries),
            "attribute" if attribute else "actor",
            person=person,
            plural=not person,
            possessive=possessive,
            group=group,
        )
    codes = index.codes
    if entity_hit is not None:
        entity = index.actors[entity_hit.entry]
        entity_type = entity.type
        code = entity.code_on(date) if entity.spans else entity.code
        linked_agent = last_hits[0] if last_hits[0].form == "agent" else None
        if linked_agent is not None and entity.country and entity_type not in NAMED_FORCE_TYPES:
            agent = index.agents[linked_agent.entry]
            code = agent.code or entity.country + agent.sector  # "Maduro's government" -> VENGOV
        elif len(chain) > 1 and entity_type in PERSON_TYPES and entity.country:  # a title is a match of its own
            code = titles_state_the_office(parse, chain, codebook, entity, date) or code
        elif country_hit is not None and code and entity_type == INSTITUTION and entity.country:
            code = countries_own_the_institutions_they_name(index.actors[country_hit.entry].country, code, index)
        parts = codes.get(code)
        country, sector = index.split(code) if parts is None else parts
        person = entity_type in PERSON_TYPES
        role = "media" if entity_type == "media" else "actor"
        if (
            entity_type == "capital"
            and start > 0
            and norms[start - 1] in LOCATIVE_LEADS
            and _preceded_by_locative(parse, start)
        ):
            role = "place"
        elif attribute and not person:
            role = "attribute"
        return NEW_TUPLE(
            Mention,
            (
                start,
                end,
                text,
                code,
                country if code else entity.country,  # a person coded IGOUNO acts for the UN, not for Ghana
                sector,
                entity.name,
                entries,
                role,
                person,
                entity_type in ("armed_group", "criminal_group", "group"),  # plural
                possessive,
                False,  # pronoun
                group,
                False,  # adjective
                False,  # inferred
            ),
        )
    if agent_hit is not None:
        agent = index.agents[agent_hit.entry]
        name = text if len(chain) == 1 else parse.text[parse.starts[last_start] : text_end]
        country_code = index.actors[country_hit.entry].country if country_hit else None
        if country_code is None and not agent.code and start > 0 and norms[start - 1] == "the":
            antecedent = discourse.latest_with_sector(agent.sector)
            if antecedent is not None and antecedent.country:
                country_code = antecedent.country
        code = agent.code or (country_code or "") + agent.sector
        parts = codes.get(code)
        country, sector = index.split(code) if parts is None else parts
        person = agent.person
        return NEW_TUPLE(
            Mention,
            (
                start,
                end,
                text,
                code,
                country,
                sector,
                name,
                entries,
                "attribute" if attribute else "actor",
                person,
                norms[end - 1].endswith("s") and not person,  # plural
                possessive,
                False,  # pronoun
                group,
                False,  # adjective
                False,  # inferred
            ),
        )
    if country_hit is not None:
        actor = index.actors[country_hit.entry]
        form = country_hit.form
        role = "actor"
        if (form == "adjective" and following in PLACE_NOUNS) or (
            start > 0 and norms[start - 1] in LOCATIVE_LEADS and _preceded_by_locative(parse, start)
        ):
            role = "place"
        elif attribute and form == "adjective":
            role = "attribute"
        return NEW_TUPLE(
            Mention,
            (
                start,
                end,
                text,
                actor.code_on(date) if actor.spans else actor.code,
                actor.country,
                None,
                actor.name,
                entries,
                role,
                False,  # person
                form == "national",  # plural
                possessive,
                False,  # pronoun
                group,
                form == "adjective" and len(chain) == 1,  # adjective
                False,  # inferred
            ),
        )
    if place_hit is not None:
        place = index.places[place_hit.entry]
        return Mention(start, end, text, None, place.country, None, place.name, place.id, "place", group=group)
    return None


def _hits_of(chain: list[_Match], kind: str) -> list[LexHit]:
    """The hits of one kind (entity, country, agent or place) in a chain, in order."""
    return [hit for _, _, hits in chain for hit in hits if hit.kind == kind]


def _names_a_people(entry: ActorEntry) -> bool:
    """Whether an actor entry is an ethnic or religious group (type group, no country of its own)."""
    return entry.type == "group" and entry.country is None and bool(entry.code)


def groups_compose_with_agents(
    codebook: Codebook, peoples: list[LexHit], countries: list[LexHit], agents: list[LexHit], *, ethnic: bool
) -> tuple[str, str | None, list[str], bool] | None:
    """Policy: an ethnic or religious group composes CAMEO-style as country + role + group code. The role is
    the agent's ("Kurdish rebels" -> REBKUR), else the group's own (CVL) when a noun names the group ("Kurds");
    a group adjective alone ("Kurdish autonomy") is no actor. The country is a country word of the phrase other
    than the group ("Turkish Kurd refugees" -> TURREFKUR), else left to the context rules. "ethnic" before a
    country word names a minority, not its kin state: the country's code becomes the group code ("ethnic
    Albanian guerrillas" -> REBALB, country from the context). Returns (code, name, entries, person)."""
    if ethnic:
        kin = codebook.actors[countries[0].entry]
        marks, own_role, by_noun = [kin.country or ""], "CVL", countries[0].form == "national"
        named: str | None = None
        entries, countries = [kin.id], countries[1:]
    else:
        groups = [codebook.actors[hit.entry] for hit in peoples]
        own_role = code_roles(groups[-1].code or "")[0]
        marks = list(dict.fromkeys(mark for group in groups for mark in code_roles(group.code or "")[1:]))
        by_noun = peoples[-1].form == "name"  # "Uyghur Muslims" -> CVLUIGMOS
        named, entries = (groups[-1].name if not agents and len(groups) == 1 else None), [g.id for g in groups]
    person = False
    if agents:
        agent = codebook.agents[agents[-1].entry]
        role, person = agent.sector, agent.person
        entries.append(agent.id)
    elif by_noun:
        role = own_role
    else:
        return None
    country = codebook.actors[countries[0].entry].country if countries else None
    if countries:
        entries.insert(0, countries[0].entry)
    return (country or "") + role + "".join(marks), named, entries, person


def titles_state_the_office(
    parse: Parse, chain: list[_Match], codebook: Codebook, entity: ActorEntry, date: dt.date
) -> str | None:
    """Policy: an office title written before a known person's name ("President Levy Mwanawasa") gives the
    person the title's sector in the person's country when no dated role of the codebook covers the date (the
    text states the office); "former", "ex-" and "late" leave the codebook's code."""
    if any(start <= date <= end for start, end, _ in entity.spans):
        return None
    last_start = chain[-1][0]
    title = next(
        (
            codebook.agents[hit.entry]
            for start, _, hits in chain
            if start < last_start
            for hit in hits[:1]
            if hit.form == "agent" and codebook.agents[hit.entry].person
        ),
        None,
    )
    if title is None or title.code or not entity.country:
        return None
    if any(word in PAST_OFFICE for word in parse.norms[max(0, chain[0][0] - 2) : last_start]):
        return None
    return entity.country + title.sector


def _pronoun_mentions(
    parse: Parse, resolved: list[Mention], discourse: Discourse, positions: list[int] | None = None
) -> list[Mention]:
    """Resolve he/him/his/she/her/it/its/they/them/their to the most recent compatible actor (not an "it" that
    only fills the subject: "it is unclear"). `positions` are where the pronouns stand, in order (`find_mentions`
    has them from `_scan`); None to find them here."""
    norms = parse.norms
    if positions is None:
        positions = [index for index, norm in enumerate(norms) if norm in PRONOUNS]
    if not positions:
        return []
    found: list[Mention] = []
    taken = {index for mention in resolved for index in range(mention.start, mention.end)}
    for index in positions:
        norm = norms[index]
        if parse.quoted[index] or index in taken:
            continue
        if norm == "it" and (index + 1 >= len(norms) or norms[index + 1] in EXPLETIVE_IT_FOLLOWERS):
            continue  # "it is unclear whether ...": no reference
        gender, possessive = PRONOUNS[norm]
        if possessive and any(m.start in (index + 1, index + 2) for m in resolved if m.role == "actor"):
            continue  # "his wife Cilia Flores": the possessive introduces the next actor, it is not one
        earlier = [m for m in resolved if m.end <= index and m.role == "actor"]
        antecedent = latest_compatible(earlier, gender) or discourse.latest(gender)  # pronouns are no antecedents
        if antecedent is None:
            continue
        # what `antecedent._replace(start=index, end=index + 1, text=parse.words[index], possessive=possessive,
        # pronoun=True, group=-1)` gives, field by field (see `_in_group`)
        found.append(
            NEW_TUPLE(
                Mention,
                (
                    index,
                    index + 1,
                    parse.words[index],
                    antecedent[3],
                    antecedent[4],
                    antecedent[5],
                    antecedent[6],
                    antecedent[7],
                    antecedent[8],
                    antecedent[9],
                    antecedent[10],
                    possessive,
                    True,  # pronoun
                    -1,  # group
                    antecedent[14],
                    antecedent[15],
                ),
            )
        )
    return found


def a_new_clause_starts_after_an_object(parse: Parse, first: Mention, mention: Mention, verbs: ClauseVerbs) -> bool:
    """Policy: in "X criticized Y and Z denied ...", Y is the object of one finite verb and Z the subject of
    the next, so they are no compound: the earlier actor follows a verb trigger (a determiner may stand
    between; not a verb of saying, whose complement is a clause: "said Y and Z agreed") and the later one is
    followed by a finite verb: a past or present tense verb trigger ("denied", "denies"), or a finite auxiliary
    or a modal ("has denied", "will deny", "has not yet responded")."""
    norms = parse.norms
    before = first.start - 1
    while before >= 0 and norms[before] in DETERMINERS:
        before -= 1
    if before < 0 or mention.end >= len(norms) or verbs.says(norms[before]) or not verbs.verb(norms[before]):
        return False
    after = norms[mention.end]
    return after in FINITE_AUXILIARIES or after in verbs.index.past_verbs or verbs.verb(after, ("VBZ",))


@dataclass(frozen=True, slots=True)
class ClauseVerbs:
    """The verb forms that tell the actor grouping where a clause starts: the codebook's verb triggers
    (`index`) and its verbs of saying (`reporting`, `attribution`), which take a clause, not an object."""

    index: TriggerIndex
    reporting: frozenset[str]
    attribution: frozenset[str]

    def says(self, word: str) -> bool:
        """Whether `word` is a verb of saying."""
        return word in self.reporting or word in self.attribution

    def verb(self, word: str, bases: tuple[str, ...] = ("VB", "VBD", "VBN", "VBZ", "VBG")) -> bool:
        """Whether `word` is a one-word form of a verb trigger, with one of `bases`, that no noun trigger shares."""
        if word in self.index.past_verbs:
            return "VBD" in bases
        node = self.index.words.get(word)  # the trie's first level: the one-word phrases' forms
        found = node[0] if node is not None else ()
        return bool(found) and all(form.pos == "V" for form in found) and any(form.base in bases for form in found)


pickled_by_constructor(ActorIndex, ClauseVerbs)  # a compiled build pickles them too


# `_in_group`, `_placed_in` and `_pronoun_mentions` build a mention from another field by field, naming each by
# its index in `Mention`'s order: compiled, each `mention[i]` is a native tuple read, where the star-unpacked
# slices they replace built two slices and a list per mention (compiled `_placed_in`, `_in_group`: fewer
# instructions by more than half, measured); pure, the two forms cost about the same.
# The policies test whether a mention lies in the sentence's attribution by `Parse.attributed`'s range test
# written out (`parse.attribution_start <= index < parse.attribution_end`), not by calling the method: compiled,
# a method of a named tuple is a callable object that is looked up and bound on every call, and pure Python
# runs a frame for it, where the two field reads cost neither.


def _in_group(mention: Mention, group: int) -> Mention:
    """The mention with group id `group` (what `_replace(group=group)` gives, without its generic machinery:
    this runs for every mention, so the tuple is built by `tuple.__new__`)."""
    return NEW_TUPLE(
        Mention,
        (
            mention[0],
            mention[1],
            mention[2],
            mention[3],
            mention[4],
            mention[5],
            mention[6],
            mention[7],
            mention[8],
            mention[9],
            mention[10],
            mention[11],
            mention[12],
            group,
            mention[14],
            mention[15],
        ),
    )


def _placed_in(mention: Mention, country: str, inferred: bool) -> Mention:
    """A country-less mention given `country` (what `_replace(code=country + (mention.code or ""),
    country=country, inferred=inferred)` gives, built by `tuple.__new__` as `_in_group` builds its tuple)."""
    return NEW_TUPLE(
        Mention,
        (
            mention[0],
            mention[1],
            mention[2],
            country + (mention[3] or ""),
            country,
            mention[5],
            mention[6],
            mention[7],
            mention[8],
            mention[9],
            mention[10],
            mention[11],
            mention[12],
            mention[13],
            mention[14],
            inferred,
        ),
    )


def _group_compounds(parse: Parse, mentions: list[Mention], verbs: ClauseVerbs | None = None) -> list[Mention]:
    """Give actors joined by 'and', 'or' and commas one group id: they fill a slot together.

    A country word coordinated with a place ("to nearby Aruba and Curacao") is a place too.
    """
    grouped: list[Mention] = []
    group = 0
    first_of_group: Mention | None = None
    previous: Mention | None = None  # the last mention grouped
    norms = parse.norms
    for mention in mentions:
        # every join below needs a coordinator between the two mentions: without one, a new group at once.
        # Compiled, a native loop over the words between (`isdisjoint` is a generic method call there, on a
        # slice made for it); pure Python, one C-level pass over the slice
        if previous is not None and (
            any(norms[index] in COORDINATORS for index in range(previous.end, mention.start))
            if NATIVE_LOOPS
            else not COORDINATORS.isdisjoint(norms[previous.end : mention.start])
        ):
            if (
                previous.role == "place"
                and mention.role == "actor"
                and mention.code == mention.country
                and norms[previous.end : mention.start] in ((",",), ("and",), ("or",), (",", "and"))
            ):
                mention = mention._replace(role="place")
            elif (
                previous.role == "actor"
                and mention.role == "actor"
                # both in the attribution or both out (`Parse.attributed` written out: see the note above `_in_group`)
                and (parse.attribution_start <= previous.start < parse.attribution_end)
                == (parse.attribution_start <= mention.start < parse.attribution_end)
            ):
                name_end = previous.end
                while name_end < mention.start and parse.words[name_end][:1].isupper() and norms[name_end].isalpha():
                    name_end += 1  # the unknown name after a title ("president Laurent Fabius and ...")
                gap = norms[name_end : mention.start]
                # at most 4 words join the two, after at most MAX_PREMODIFIERS of a coordinated agent's modifiers;
                # the coordinator among them is sought in the form cheaper in the running build, as above (compiled,
                # `isdisjoint` was a generic method call, about 570 instructions, on a gap of at most six words)
                if len(gap) > 4 + MAX_PREMODIFIERS or (
                    not any(word in COORDINATORS for word in gap) if NATIVE_LOOPS else COORDINATORS.isdisjoint(gap)
                ):
                    gap = ()
                else:  # only a coordinated agent has modifiers to skip, and no coordinator modifies: the gap keeps one
                    gap = gap[: len(gap) - coordinated_agents_keep_their_modifiers(parse, name_end, mention, verbs)]
                repeated = (
                    _preposition_repeated(norms, previous, gap)
                    if "and" in gap and not PREPOSITIONS.isdisjoint(gap)
                    else None
                )
                if (
                    0 < len(gap) <= 4
                    and all(
                        word in COORDINATORS
                        or word in DETERMINERS
                        or word in APPOSITION_NOUNS
                        or word in PARTITIVE_LINKS
                        or word == repeated
                        for word in gap
                    )
                    and not (
                        first_of_group is not None
                        and verbs is not None
                        and a_new_clause_starts_after_an_object(parse, first_of_group, mention, verbs)
                    )
                ):
                    previous = mention if mention.group == previous.group else _in_group(mention, previous.group)
                    grouped.append(previous)
                    continue
        group += 1
        previous = mention if mention.group == group else _in_group(mention, group)
        grouped.append(previous)
        first_of_group = mention
    return grouped


def _preposition_repeated(norms: Sequence[str], previous: Mention, gap: Sequence[str]) -> str | None:
    """The preposition before the earlier actor when an "and" repeats it ("negotiators from X and from Y", "the
    envoys of X and of Y"): one compound, as without the repetition; else None."""
    index = previous.start - 1
    while index >= 0 and norms[index] in DETERMINERS:
        index -= 1
    if index < 0 or norms[index] not in PREPOSITIONS or norms[index] not in gap:
        return None
    return norms[index]


def coordinated_agents_keep_their_modifiers(
    parse: Parse, gap_start: int, mention: Mention, verbs: ClauseVerbs | None
) -> int:
    """Policy: a coordinator joins an agent to the actor before it across the agent's own modifiers ("the
    government and communist rebels" is one compound); the count of those modifiers right before the agent, at
    most MAX_PREMODIFIERS, never the gap's first word."""
    if not mention.entries.startswith("agent."):
        return 0
    count = 0
    while (
        count < MAX_PREMODIFIERS
        and mention.start - count - 1 > gap_start
        and _premodifies(parse, mention.start - count - 1, verbs)
    ):
        count += 1
    return count


LOCATING_WORDS: Final = frozenset({"in", "of", "from"})
# Sectors of groups that belong where they are (unlike troops, officials, refugees or journalists abroad).
LOCAL_SECTORS: Final = frozenset(
    {"OPP", "CVL", "EDU", "LAB", "AGR", "REB", "INS", "SEP", "UAF", "UAG", "HLH", "REL", "PTY"}
)
# Sectors of country-less agents that act for, or in, a country the context makes clear ("the army", "police",
# "gunmen"); refugees, business, media, NGOs and settlers are often foreign, so they are left without one.
CONTEXT_SECTORS: Final = LOCAL_SECTORS | frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "UIS", "ELI"})
# Armed groups are as often the opponents of a state the sentence names as its own ("Turkey attacked Kurdish
# fighters"), so they take the country of a place or of the article, not of another actor in the sentence.
OPPOSING_SECTORS: Final = frozenset({"REB", "INS", "SEP", "UAF", "UAG"})
# A state's own forces and offices are named with their state ("its army"), so a state the sentence names as
# such is their counterpart ("the army attacked Sylvania"), while its people and institutions locate them.
STATE_SECTORS: Final = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "UIS", "ELI"})
# Prepositions that introduce another party to an event rather than the country a sentence is about.
COUNTERPART_PREPOSITIONS: Final = frozenset({"against", "with", "to", "toward", "towards", "from", "for", "on", "at"})


def _locating_gap(gap: tuple[str, ...]) -> bool:
    """Whether the words between an agent and a place locate the agent there ("in", "of the", "in east")."""
    return (
        0 < len(gap) <= 3
        and gap[0] in LOCATING_WORDS
        and all(word == "the" or word in COMPASS_WORDS for word in gap[1:])
    )


def agents_take_the_country_they_are_in(parse: Parse, mentions: list[Mention]) -> list[Mention]:
    """Give a country-less agent the country of the place or actor right after it ("rebels in the Ivory
    Coast" -> CIVREB, "the government of Sindh" -> PAKGOV)."""
    located: list[Mention] | None = None  # a copy, made at the first change
    for position in range(len(mentions) - 1):
        mention = mentions[position]
        if mention.country is None and mention.sector and mention.role == "actor" and not mention.pronoun:
            following = mentions[position + 1]
            if (
                following.country
                and (not following.person or following.sector is not None)
                and _locating_gap(parse.norms[mention.end : following.start])
            ):
                if located is None:
                    located = list(mentions)
                located[position] = _placed_in(mention, following.country, mention.inferred)
    return mentions if located is None else located


def names_are_not_titles(parse: Parse, mentions: list[Mention]) -> list[Mention]:
    """Drop a bare title word that ends a personal name ("Tom King", "Ann Bishop"): a country-less
    one-person title right after a capitalised word that no mention covers, inside the sentence."""
    if not any(mention.person and mention.country is None for mention in mentions):
        return mentions
    covered = {index for mention in mentions for index in range(mention.start, mention.end)}
    kept = []
    for mention in mentions:
        before = mention.start - 1
        if (
            mention.role == "actor"
            and mention.person
            and mention.country is None
            and mention.sector
            and mention.end - mention.start == 1
            and before > 0
            and before not in covered
            and parse.words[before][:1].isupper()
            and parse.norms[before].isalpha()
        ):
            continue
        kept.append(mention)
    return kept


def _counterpart(parse: Parse, mention: Mention) -> bool:
    """Whether a mention is introduced as another party by a preposition ("against Russia", "with Iran")."""
    index = mention.start - 1
    while index >= 0 and (parse.norms[index] in DETERMINERS or parse.norms[index].isdigit()):
        index -= 1
    return index >= 0 and parse.norms[index] in COUNTERPART_PREPOSITIONS


def office_holders_take_the_sentence_country(parse: Parse, mentions: list[Mention]) -> list[Mention]:
    """Give a country-less title written before a personal name the codebook does not know ("President Dos
    Santos", "Judge Alejandro Rivera") the one country the sentence names, leaving out the attribution tail
    and counterparts introduced by a preposition ("threatened action against Russia" names none)."""
    if not any(mention.person and mention.country is None for mention in mentions):
        return mentions
    covered = {index for mention in mentions for index in range(mention.start, mention.end)}
    holders = [
        position
        for position, mention in enumerate(mentions)
        if mention.role == "actor"
        and mention.person
        and mention.country is None
        and mention.sector
        and mention.end < len(parse.words)
        and mention.end not in covered
        and parse.words[mention.end][:1].isupper()
        and parse.words[mention.end].isalpha()
    ]
    if not holders:
        return mentions
    countries = {
        mention.country
        for mention in mentions
        if mention.country
        and mention.role in ("actor", "place")
        and not parse.attribution_start <= mention.start < parse.attribution_end
        and not _counterpart(parse, mention)
    }
    if len(countries) != 1:
        return mentions
    (country,) = countries
    located = list(mentions)
    for position in holders:
        mention = located[position]
        located[position] = _placed_in(mention, country, mention.inferred)
    return located


def local_groups_take_the_country_of_the_place(parse: Parse, mentions: list[Mention]) -> list[Mention]:
    """Give country-less local groups (protesters, civilians, students, workers, rebels, parties) the
    country of the one place the sentence names ("demonstrators protesting election results in Monrovia")."""
    if not any(mention.country is None and mention.sector in LOCAL_SECTORS for mention in mentions):
        return mentions
    places = {
        mention.country
        for mention in mentions
        if mention.role == "place"
        and mention.country
        and not parse.attribution_start <= mention.start < parse.attribution_end
    }
    if len(places) != 1:
        return mentions
    (country,) = places
    return [
        _placed_in(mention, country, True)
        if mention.role == "actor" and mention.country is None and mention.sector in LOCAL_SECTORS
        else mention
        for mention in mentions
    ]


def agents_take_the_context_country(parse: Parse, mentions: list[Mention], discourse: Discourse) -> list[Mention]:
    """Policy: a country-less agent of a state or a local group ("the army", "police", "security forces",
    "gunmen", "dissidents") that no country word locates takes the country of the one place the sentence
    names, else of the one country the sentence names (leaving out the attribution tail and counterparts after
    a preposition); if there are several, the one of them the article has named most often; if there are none,
    the country the article has named most often (ties: the first named). Two limits: armed groups take only
    places and the article (OPPOSING_SECTORS: "Turkey attacked Kurdish fighters" says nothing of where they
    are), and a state's forces and offices skip states named as such (STATE_SECTORS: "the army attacked
    Sylvania"), keeping people and institutions ("Police detained Sylvanian students"). The mention is marked
    inferred, which lowers the event's confidence."""
    waiting = [
        position
        for position, mention in enumerate(mentions)
        if mention.role == "actor"
        and mention.country is None
        and mention.sector in CONTEXT_SECTORS
        and not mention.pronoun
        and not parse.attribution_start <= mention.start < parse.attribution_end
    ]
    if not waiting:
        return mentions
    # the countries the sentence names: of places, of actors (states) and of actors with a sector (members)
    places: set[str] = set()
    members: set[str] = set()
    states: set[str] = set()
    for mention in mentions:
        country, role = mention.country, mention.role
        if (
            country
            and role in ("actor", "place")
            and not mention.inferred
            and not parse.attribution_start <= mention.start < parse.attribution_end
            and not _counterpart(parse, mention)
        ):
            if role == "place":
                places.add(country)
            else:
                states.add(country)
                if mention.sector:
                    members.add(country)
    located = list(mentions)
    for position in waiting:
        mention = located[position]
        if places or mention.sector in OPPOSING_SECTORS:
            choices = set(places)
        else:
            choices = set(members if mention.sector in STATE_SECTORS else states)
        country = choices.pop() if len(choices) == 1 else discourse.most_named(choices)
        if country is not None:
            located[position] = _placed_in(mention, country, True)
    return located


def _most_named(countries: list[str], choices: set[str]) -> str | None:
    """The country named most often (ties: the first named), among `choices` when there are any."""
    pool = [country for country in countries if not choices or country in choices]
    if not pool:
        return None
    counts = Counter(pool)
    top = max(counts.values())
    return next(country for country in pool if counts[country] == top)


def adjectives_share_the_next_agent(parse: Parse, mentions: list[Mention]) -> list[Mention]:
    """Distribute an agent over coordinated country adjectives ("Hungarian and Romanian officials" ->
    HUNGOV and ROUGOV)."""
    if not any(mention.adjective for mention in mentions):
        return mentions
    shared = list(mentions)
    for position in range(len(shared) - 2, -1, -1):
        mention, following = shared[position], shared[position + 1]
        if (
            mention.adjective
            and mention.country
            and following.role == "actor"
            and following.sector
            and following.country
            and parse.norms[mention.end : following.start] in (("and",), (",",), ("or",))
        ):
            shared[position] = mention._replace(
                code=mention.country + following.sector, sector=following.sector, plural=following.plural
            )
    return shared


# Words that open a clause: a weapon after one of them (and before any actor) heads its clause.
CLAUSE_OPENERS: Final = frozenset(
    {",", ";", ":", "that", "when", "after", "as", "while", "before", "since", "and", "but"}
)
WEAPON_HEAD_REACH: Final = 4  # determiners, numbers and adjectives a weapon phrase may carry before it


def weapons_stand_for_unnamed_perpetrators(parse: Parse, mentions: list[Mention], codebook: Codebook) -> list[Mention]:
    """Policy: a planted, thrown or fired weapon (the `unattributed_weapons` synset) that heads a clause with no
    actor before it ("A roadside bomb killed two soldiers", "... when mortar rounds landed near the base") stands
    for its unnamed perpetrator: an unidentified armed group (UAG, country from the context rule), so the
    violence is not lost for want of a named source."""
    by_first = codebook.unattributed_weapons
    if not by_first:
        return mentions
    norms = parse.norms
    if by_first.keys().isdisjoint(norms):
        return mentions
    positions = compress(range(len(norms)), map(by_first.__contains__, norms))
    taken = {index for mention in mentions for index in range(mention.start, mention.end)}
    added: list[Mention] = []
    for index in positions:
        norm = norms[index]
        if index in taken or parse.quoted[index] or parse.attribution_start <= index < parse.attribution_end:
            continue
        length = max((len(p) for p in by_first[norm] if norms[index : index + len(p)] == p), default=0)
        if not length:
            continue
        opener = index - 1
        while opener >= 0 and norms[opener] not in CLAUSE_OPENERS and index - opener <= WEAPON_HEAD_REACH:
            named = opener > 0 and parse.words[opener][:1].isupper()  # an unknown name may be the perpetrator
            if opener in taken or norms[opener] in PREPOSITIONS or named:
                break
            opener -= 1
        if opener >= 0 and norms[opener] not in CLAUSE_OPENERS:
            continue
        end = index + length
        text = parse.text[parse.starts[index] : parse.starts[end - 1] + len(parse.words[end - 1])]
        added.append(
            Mention(index, end, text, "UAG", None, "UAG", "unidentified armed group", "", "actor", plural=True)
        )
        taken.update(range(index, end))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def find_mentions(parse: Parse, codebook: Codebook, date: dt.date, discourse: Discourse) -> list[Mention]:
    """Find every actor, place and outlet mention in a parsed sentence, resolving codes on `date`."""
    index = discourse.index
    if index is None or discourse.codebook is not codebook:  # the article's first sentence
        index = discourse.index = actor_index(codebook)
        discourse.codebook, discourse.compounds = codebook, bool(codebook.compound_actors)
    verbs = index.verbs
    # which policies the cue words of the sentence call for: a bit test each, where a test of the words (an
    # `isdisjoint` of a table) is a generic method call compiled; and where its pronouns stand
    matches, found, pronoun_positions = _scan(parse, index)
    if found & CUE_ADJECTIVE_TITLE:
        matches = titles_that_are_adjectives(parse, matches, verbs)
    resolved: list[Mention] = []
    for chain in _chains(parse, matches, verbs):
        mention = _resolve_chain(chain, parse, codebook, index, date, discourse, len(resolved) + 1)
        if mention is not None:
            resolved.append(mention)
    # The policies below act only on agents without a country (the two title rules only on persons among them,
    # the place and context rules only on actors of CONTEXT_SECTORS; the crowd rule only before "of") or on bare
    # country adjectives, and none takes a country away: one look at the mentions tells which of them can apply.
    unplaced = unplaced_person = contextual = adjective = False
    for mention in resolved:
        if mention.country is None and mention.sector:
            unplaced = True
            unplaced_person = unplaced_person or mention.person
            contextual = contextual or mention.sector in CONTEXT_SECTORS
        if mention.adjective:
            adjective = True
    if found & CUE_OF:  # what a crowd number needs to be no actor
        resolved = crowd_numbers_name_people(parse, resolved)
    if found & CUE_POSSESSIVE:  # what a country's institution needs
        resolved = possessors_own_the_institutions_they_name(resolved, codebook, index)
    if unplaced_person:
        resolved = office_holders_take_the_sentence_country(parse, names_are_not_titles(parse, resolved))
    armed = (
        resolved
        if not found & CUE_WEAPON  # the policy's own first test
        else weapons_stand_for_unnamed_perpetrators(parse, resolved, codebook)
    )
    if armed is not resolved:  # an unidentified armed group, without a country
        resolved, unplaced, contextual = armed, True, True
    if unplaced:
        resolved = agents_take_the_country_they_are_in(parse, resolved)
    if adjective:
        resolved = adjectives_share_the_next_agent(parse, resolved)
    if unplaced and found & CUE_OWNER_PRONOUN:
        resolved = possessed_agents_take_their_owners_country(parse, resolved, discourse)
    if contextual:  # LOCAL_SECTORS are CONTEXT_SECTORS
        resolved = agents_take_the_context_country(
            parse, local_groups_take_the_country_of_the_place(parse, resolved), discourse
        )
    pronouns = _pronoun_mentions(parse, resolved, discourse, pronoun_positions) if found & CUE_PRONOUN else None
    mentions = sorted(resolved + pronouns, key=lambda m: m.start) if pronouns else resolved  # resolved is in order
    grouped = _group_compounds(parse, mentions, verbs)
    return compound_entries_are_several_actors(grouped, codebook) if discourse.compounds else grouped


def countries_own_the_institutions_they_name(owner: str | None, code: str, index: ActorIndex) -> str:
    """Policy: an institution the dictionary ties to one country, named with another country ("South Korea's
    Joint Chiefs of Staff", "the South Korean Joint Chiefs of Staff", "Britain's Treasury"), is that country's
    institution of the same sector: the country named wins over the dictionary's (KORMIL, not USAMIL)."""
    country, sector = index.split(code)
    return owner + (sector or "") if owner and country and owner != country else code


def possessors_own_the_institutions_they_name(
    mentions: list[Mention], codebook: Codebook, index: ActorIndex
) -> list[Mention]:
    """`countries_own_the_institutions_they_name` for a country's possessive right before the institution (a
    mention of its own): "South Korea's Joint Chiefs of Staff". The possessor is a country or its government
    (a capital), not a person or another sector."""
    owned = mentions
    for number in range(1, len(mentions)):
        owner, named = mentions[number - 1], mentions[number]
        if (
            owner.possessive
            and owner.end + 1 == named.start
            and owner.country
            and owner.sector in (None, "GOV")
            and not owner.person
            and named.country
            and named.country != owner.country
            and named.entries in codebook.actors
            and codebook.actors[named.entries].type == INSTITUTION
        ):
            code = countries_own_the_institutions_they_name(owner.country, named.code or "", index)
            if owned is mentions:
                owned = list(mentions)
            owned[number] = named._replace(code=code, country=owner.country)
    return owned


OWNER_PRONOUNS: Final = {"its": "thing", "their": "plural"}
# The words whose absence tells `find_mentions` that a policy has nothing to act on: titles that are adjectives,
# pronouns, owners' pronouns and "of" (crowd numbers).
POLICY_CUES: Final = frozenset({*ADJECTIVE_TITLES, *PRONOUNS, *OWNER_PRONOUNS, "of", "'s"})
# The classes of cue words (`cue_classes`), one bit each, and the policies each calls for in `find_mentions`.
CUE_ADJECTIVE_TITLE: Final = 1  # `titles_that_are_adjectives`
CUE_OF: Final = 2  # `crowd_numbers_name_people`
CUE_POSSESSIVE: Final = 4  # `possessors_own_the_institutions_they_name`
CUE_WEAPON: Final = 8  # `weapons_stand_for_unnamed_perpetrators`
CUE_OWNER_PRONOUN: Final = 16  # `possessed_agents_take_their_owners_country`
CUE_PRONOUN: Final = 32  # `_pronoun_mentions`


def cue_classes(word: str, weapon_words: AbstractSet[str]) -> int:
    """The classes of a cue word (`ActorIndex.cues`), as bits: a title that is an adjective, "of", "'s", a weapon
    (a first word of `weapon_words`), an owner's pronoun, a pronoun; 0 for any other word."""
    return (
        (CUE_ADJECTIVE_TITLE if word in ADJECTIVE_TITLES else 0)
        | (CUE_OF if word == "of" else 0)
        | (CUE_POSSESSIVE if word == "'s" else 0)
        | (CUE_WEAPON if word in weapon_words else 0)
        | (CUE_OWNER_PRONOUN if word in OWNER_PRONOUNS else 0)
        | (CUE_PRONOUN if word in PRONOUNS else 0)
    )


def possessed_agents_take_their_owners_country(
    parse: Parse, mentions: list[Mention], discourse: Discourse
) -> list[Mention]:
    """Policy: a country-less agent noun right after "its" or "their" ("Sylvania admitted that its soldiers had
    shelled a village", "their army") belongs to the pronoun's antecedent (the most recent compatible actor
    before it that no preposition governs, in this sentence, else earlier ones): it takes that actor's country,
    where the context rule would give it whichever country the sentence names. Organisations with no country
    ("its NATO allies") stay as they are."""
    norms = parse.norms
    if OWNER_PRONOUNS.keys().isdisjoint(norms):
        return mentions
    changed = False
    placed = list(mentions)
    for position, mention in enumerate(mentions):
        if mention.country is not None or not mention.sector or mention.code != mention.sector:
            continue
        if mention.role != "actor" or mention.start == 0:
            continue
        kind = OWNER_PRONOUNS.get(norms[mention.start - 1])
        if kind is None:
            continue
        earlier = [m for m in mentions if m.end < mention.start and not _governed(norms, m.start)]
        owner = latest_compatible(earlier, kind) or discourse.latest(kind)
        if owner is None or owner.country is None:
            continue
        placed[position] = _placed_in(mention, owner.country, mention.inferred)  # its code is its sector
        changed = True
    return placed if changed else mentions


def _governed(norms: Sequence[str], start: int) -> bool:
    """Whether a preposition governs the phrase at `start` (across determiners): "accusations by the US"."""
    index = start - 1
    while index >= 0 and norms[index] in DETERMINERS:
        index -= 1
    return index >= 0 and norms[index] in PREPOSITIONS


def crowd_numbers_name_people(parse: Parse, mentions: list[Mention]) -> list[Mention]:
    """Policy: a number that stands for a crowd ("Thousands marched", "police detained dozens": the agent
    CROWD_NUMBERS) names unnamed people, civilians of the context country; before "of" it only counts what
    follows ("dozens of soldiers", "thousands of rifles") and is no actor."""
    for mention in mentions:  # a few mentions, where "of" would be sought among all the words
        if mention.entries == CROWD_NUMBERS:
            break
    else:
        return mentions  # no crowd number (most sentences that hold "of")
    norms = parse.norms
    count = len(norms)
    return [
        mention
        for mention in mentions
        if mention.entries != CROWD_NUMBERS or mention.end >= count or norms[mention.end] != "of"
    ]


def compound_entries_are_several_actors(mentions: list[Mention], codebook: Codebook) -> list[Mention]:
    """Policy: the name of a compound entry (PETRARCH's [A/B/C]) is one actor per code, in one group, so it fills
    a slot as "A, B and C" would (one event each); not when a title or agent made the name another code."""
    expanded: list[Mention] = []
    for mention in mentions:
        expanded.append(mention)
        if mention.role != "actor" or not mention.entries:
            continue
        keys = [key for key in mention.entries.split("+") if key in codebook.compound_actors]
        entry = codebook.actors[keys[0]] if keys else None
        if entry is None or mention.code != entry.code:
            continue
        for code in entry.compound:
            country, sector = split_code(code, codebook.countries)
            expanded.append(mention._replace(code=code, country=country, sector=sector))
    return expanded
