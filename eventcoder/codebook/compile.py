"""Compile: turn a merged, checked codebook into the immutable, fast structures the matchers use.

The compiled `Codebook` is derived data, never the source of truth; it is cached on disk keyed by a hash
of the codebook files, so a warm start skips YAML parsing and validation.
"""

from __future__ import annotations

import datetime as dt
import importlib.machinery
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.acled import NO_CUES, CueIndex, cue_index
from eventcoder.codebook import records
from eventcoder.codebook.cache import cache_directory, cache_key, read_cached, write_cached
from eventcoder.codebook.model import (
    Category,
    ClassScheme,
    CodebookParts,
    Role,
    category_of_spec,
    class_scheme_of_spec,
    code_roles,
    role_of_spec,
)
from eventcoder.codebook.records import (  # defined there so that `make fast` compiles them; re-exported here
    CONDITION_CUES,
    MODALITY_WORDS,
    ActorEntry,
    AgentEntry,
    Constraint,
    EngineWords,
    EventCode,
    LexHit,
    Lexicon,
    Pattern,
    Phrase,
    PlaceEntry,
    RequiresGate,
    TriggerForm,
    TriggerIndex,
    TriggerNode,
)
from eventcoder.discard import NO_DISCARDS, DiscardList, compile_discards
from eventcoder.errors import CodebookError, Problem
from eventcoder.parse import DETERMINERS, NEGATIONS, PREPOSITIONS
from eventcoder.resources import default_codebook_dir
from eventcoder.text.tokenize import is_upper_form, phrase_key

if TYPE_CHECKING:  # validating and compiling YAML needs these; loading a cached codebook does not (pydantic)
    from eventcoder.codebook.load import MergedCodebook
    from eventcoder.codebook.spec import CategorySpec, ConstraintSpec, PatternSpec, SynsetSpec

CACHE_FORMAT = 37
CACHE_KEEP = 8

GATE_MIN_PATTERNS = 4  # below this, checking each pattern's constraints directly is as cheap as the scan


GateWindow = tuple[int, int, dict[str, frozenset[int]], dict[str, frozenset[int]]]


def requires_gate(
    numbers: Sequence[int],
    patterns: Sequence[Pattern],
    elsewhere: set[int],
    windows: dict[tuple[int, ...], GateWindow] | None = None,
) -> RequiresGate | None:
    """The gate of a trigger phrase's patterns (`elsewhere`: the patterns of the other phrases with the same
    first word), or None when too few of them carry a `requires` to pay. `windows` keeps the reach and the
    word -> patterns tables of each set of gated patterns already built, so the phrases that anchor the same
    patterns (the inflections of one verb) share them: 1,878 gates hold about 260 distinct tables of about a
    million entries in all, which tables of their own would keep in memory 26 MB over."""
    gated = [number for number in numbers if patterns[number].requires]
    if len(gated) < GATE_MIN_PATTERNS:
        return None
    key = tuple(gated)
    window = windows.get(key) if windows is not None else None
    if window is None:
        window = _gate_window(gated, patterns)
        if windows is not None:
            windows[key] = window
    before, after, opens_before, opens_after = window
    return RequiresGate(before, after, opens_before, opens_after, frozenset(gated), frozenset(gated) - elsewhere)


def _gate_window(gated: Sequence[int], patterns: Sequence[Pattern]) -> GateWindow:
    """How far the gated patterns' first `requires` reach before and after the trigger, and which patterns each
    word of them opens on each side: a word before the trigger opens only the patterns that look before it (in an
    imported PETRARCH layer most look after, and a window's common words, "to", "in", "for", begin phrases of
    both sides). After the trigger a phrase is keyed by its first word that is no preposition or determiner
    (`_key_word`), the reach made longer by its place: "in support of" opens where "support" is, not at every
    "in". With the CAMEO.2.0 layer a news slice's gates opened 4,498 patterns a pass, of which 927 held their
    `requires`: by side 3,350, and with the key words 1,474. Before the trigger a phrase may run on into it, so
    it is keyed by its first word."""
    opens_before: dict[str, list[int]] = defaultdict(list)
    opens_after: dict[str, set[int]] = defaultdict(set)
    before = after = 0
    for number in gated:
        constraint = patterns[number].requires[0]
        if constraint.where in ("before", "around"):
            before = max(before, constraint.within)
            for first in constraint.by_first:
                opens_before[first].append(number)
        if constraint.where in ("after", "around"):
            for phrases in constraint.by_first.values():
                for phrase in phrases:
                    place = _key_word(phrase)
                    after = max(after, constraint.within + place)
                    opens_after[phrase[place]].add(number)
    shared: dict[frozenset[int], frozenset[int]] = {}  # equal pattern sets stored once
    return (
        before,
        after,
        {first: shared.setdefault(frozenset(numbers), frozenset(numbers)) for first, numbers in opens_before.items()},
        {word: shared.setdefault(frozenset(numbers), frozenset(numbers)) for word, numbers in opens_after.items()},
    )


def _key_word(phrase: Phrase) -> int:
    """The place in a constraint phrase of the word a gate keys it by after the trigger: its first word that is no
    preposition or determiner (words that begin the phrases of many patterns), else its first."""
    for place, word in enumerate(phrase):
        if word not in PREPOSITIONS and word not in DETERMINERS:
            return place
    return 0


def trigger_index(triggers: dict[str, tuple[TriggerForm, ...]], patterns: Sequence[Pattern]) -> TriggerIndex:
    """Key the trigger forms by their phrase in a trie, one word at a time, keeping their order, so matching cost
    does not grow with the number of triggers that share a first word."""
    forms: dict[Phrase, list[TriggerForm]] = defaultdict(list)
    for first_forms in triggers.values():
        for form in first_forms:
            forms[form.phrase].append(form)
    noun_ing = frozenset(
        first
        for first, first_forms in triggers.items()
        if first.endswith("ing") and any(form.pos == "N" for form in first_forms)
    )
    numbers = {phrase: {form.pattern for form in found} for phrase, found in forms.items()}
    gates: dict[Phrase, RequiresGate] = {}
    windows: dict[tuple[int, ...], GateWindow] = {}
    placed: dict[FormShape, FormPlaces] = {}
    pool: dict[tuple[int, ...], tuple[int, ...]] = {}
    for first_forms in triggers.values():
        for phrase in dict.fromkeys(form.phrase for form in first_forms):
            elsewhere = {number for form in first_forms if form.phrase != phrase for number in numbers[form.phrase]}
            if (gate := requires_gate(sorted(numbers[phrase]), patterns, elsewhere, windows)) is not None:
                unopened = tuple(form for form in forms[phrase] if form.pattern not in gate.alone)
                unopened_at, lone_at = form_places(forms[phrase], gate.alone, placed, pool)
                gates[phrase] = RequiresGate(
                    gate.before,
                    gate.after,
                    gate.opens_before,
                    gate.opens_after,
                    gate.gated,
                    gate.alone,
                    unopened,
                    unopened_at,
                    lone_at,
                )
    nouns = {form.phrase for found in forms.values() for form in found if form.pos == "N"}
    past_verbs = frozenset(
        phrase[0]
        for phrase, found in forms.items()
        if len(phrase) == 1 and phrase not in nouns and any(f.pos == "V" and f.base == "VBD" for f in found)
    )
    phrases = {phrase: tuple(found) for phrase, found in forms.items()}
    return TriggerIndex(_trie(phrases, gates), noun_ing, gates, past_verbs)


FormPlaces = tuple[tuple[int, ...], dict[int, tuple[int, ...]]]
FormShape = tuple[tuple[int, ...], frozenset[int]]


def form_places(
    forms: Sequence[TriggerForm],
    alone: frozenset[int],
    placed: dict[FormShape, FormPlaces] | None = None,
    pool: dict[tuple[int, ...], tuple[int, ...]] | None = None,
) -> FormPlaces:
    """`RequiresGate.unopened_at` and `lone_at` of a gated phrase's forms: the positions of the forms whose pattern is
    not in `alone`, and each pattern of `alone` with the positions of its forms. `placed` keeps those already made,
    so the phrases whose forms anchor the same patterns in the same order (the inflections of one verb) share them,
    and `pool` the tuples of positions, one per list of positions."""
    shape = (tuple(form.pattern for form in forms), alone)
    places = placed.get(shape) if placed is not None else None
    if places is not None:
        return places
    if pool is None:
        pool = {}
    unopened_at: list[int] = []
    lone_at: dict[int, list[int]] = defaultdict(list)
    for position, form in enumerate(forms):
        if form.pattern in alone:
            lone_at[form.pattern].append(position)
        else:
            unopened_at.append(position)
    places = (
        tuple(unopened_at),
        {number: pool.setdefault(tuple(at), tuple(at)) for number, at in lone_at.items()},
    )
    if placed is not None:
        placed[shape] = places
    return places


def _trie(forms: dict[Phrase, tuple[TriggerForm, ...]], gates: dict[Phrase, RequiresGate]) -> dict[str, TriggerNode]:
    """The trigger trie of `TriggerIndex.words`, built from the longest prefixes up."""
    prefixes = {phrase[:size] for phrase in forms for size in range(1, len(phrase) + 1)}
    following: dict[Phrase, dict[str, TriggerNode]] = defaultdict(dict)
    tags: dict[tuple[str, str], tuple[str, str]] = {}  # one tuple per part of speech and tag
    for prefix in sorted(prefixes, key=len, reverse=True):
        found = forms.get(prefix, ())
        kinds = {(form.pos, form.base) for form in found}
        tag = tags.setdefault(next(iter(kinds)), next(iter(kinds))) if len(kinds) == 1 else None
        distinct = len({form.pattern for form in found}) == len(found)
        node: TriggerNode = (found, gates.get(prefix), tag, following.pop(prefix, None), distinct)
        following[prefix[:-1]][prefix[-1]] = node
    return following[()]


def by_first_word(phrases: frozenset[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Key phrases by their first word (each key's phrases sorted), so a scan costs one probe per token."""
    keyed: dict[str, list[Phrase]] = defaultdict(list)
    for phrase in sorted(phrases):
        keyed[phrase[0]].append(phrase)
    return {first: tuple(found) for first, found in keyed.items()}


def engine_words(specs: Sequence[SynsetSpec], synsets: dict[str, frozenset[Phrase]]) -> EngineWords:
    """Build the engine's word classes from the synsets of the same names: exact words, or inflected phrases."""
    exact = {spec.id: frozenset(" ".join(phrase_key(word)) for word in spec.words) for spec in specs}

    def words(name: str) -> frozenset[str]:
        return exact.get(name, frozenset())

    def phrases(name: str) -> frozenset[Phrase]:
        return synsets.get(name, frozenset())

    cues = ("intent_cues", "denial_cues", "failure_cues", "hypothetical_modals")
    return EngineWords(
        intent_cues=words("intent_cues"),
        denial_cues=words("denial_cues"),
        failure_cues=words("failure_cues"),
        hypothetical_modals=words("hypothetical_modals"),
        report_adverbs=words("report_adverbs"),
        reporting_verbs=words("reporting_verbs"),
        attribution_verbs=words("attribution_verbs"),
        bare_infinitive_verbs=words("bare_infinitive_verbs"),
        partitive_nouns=words("partitive_nouns"),
        quantity_nouns=words("quantity_nouns"),
        complement_gap=words("complement_gap"),
        object_control_verbs=words("object_control_verbs"),
        harm_without_perpetrator=words("harm_without_perpetrator"),
        support_verbs=phrases("support_verbs"),
        receiving_verbs=phrases("receiving_verbs"),
        reciprocal_verbs=phrases("reciprocal_verbs"),
        modality_cues=frozenset().union(*map(words, cues), NEGATIONS, MODALITY_WORDS),
        clause_cues=CONDITION_CUES | words("report_adverbs"),
    )


@dataclass(frozen=True)
class Codebook(CodebookParts):  # cached in parts, each loaded when first read
    """The compiled, immutable codebook passed explicitly to every stage that needs it."""

    fingerprint: str
    layers: tuple[str, ...]
    event_codes: dict[str, EventCode]
    categories: dict[str, Category]
    roles: dict[str, Role]
    class_schemes: dict[str, ClassScheme]
    actors: dict[str, ActorEntry]
    agents: dict[str, AgentEntry]
    places: dict[str, PlaceEntry]
    lexicon: Lexicon
    patterns: tuple[Pattern, ...]
    triggers: dict[str, tuple[TriggerForm, ...]]
    synsets: dict[str, frozenset[Phrase]]
    countries: frozenset[str]
    words: EngineWords
    trigger_index: TriggerIndex
    # The `unattributed_weapons` synset keyed by first word, for the actor policy that scans every token for it.
    unattributed_weapons: dict[str, tuple[Phrase, ...]]
    # The ACLED means and circumstance synsets keyed by first word (eventcoder/acled.py), read around each event.
    acled_cues: CueIndex = NO_CUES
    # Discard phrases (`kind: discard`): a sentence containing one is not coded (see eventcoder/discard.py).
    discards: DiscardList = NO_DISCARDS
    # Ids of the actor entries with a `compound` (none in the default codebook): a mention of one is several actors.
    compound_actors: frozenset[str] = frozenset()

    def actor_code(self, entry_id: str, date: dt.date) -> str | None:
        """Return the code of an actor entry on a date."""
        return self.actors[entry_id].code_on(date)

    def quad_class_of_root(self, root: str) -> int:
        """Return the QuadClass of a CAMEO root under the default class scheme."""
        for scheme in self.class_schemes.values():
            if scheme.default:
                for value in scheme.classes:
                    if root in value.roots:
                        return value.value
        return 0

    def class_of(self, root: str, scheme: str) -> int | None:
        """Return the class of a CAMEO root under a named class scheme (None: no such scheme or root)."""
        spec = self.class_schemes.get(scheme)
        for value in spec.classes if spec else ():
            if root in value.roots:
                return value.value
        return None


# --- inflection -------------------------------------------------------------------------------------


@lru_cache(maxsize=20_000)
def verb_forms(lemma: str) -> dict[str, str]:
    """Return every inflected form of a verb mapped to its Penn tag (VB, VBD, VBN, VBG, VBZ)."""
    from lemminflect import getAllInflections, getAllInflectionsOOV  # compile time only: keeps warm starts fast

    inflections = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    forms: dict[str, str] = {lemma: "VB"}
    for tag in ("VBG", "VBZ", "VBD", "VBN"):
        for form in inflections.get(tag, ()):
            forms.setdefault(form, tag)
    for form in inflections.get("VBD", ()):
        forms.setdefault(form, "VBN")
    return forms


@lru_cache(maxsize=20_000)
def noun_forms(lemma: str) -> dict[str, str]:
    """Return the singular and plural forms of a noun mapped to NN or NNS."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    inflections = getAllInflections(lemma, upos="NOUN") or getAllInflectionsOOV(lemma, upos="NOUN")
    forms: dict[str, str] = {lemma: "NN"}
    for form in inflections.get("NNS", ()):
        forms.setdefault(form, "NNS")
    return forms


def inflect_phrase(phrase: str, pos: str) -> dict[Phrase, str]:
    """Inflect a codebook phrase at its head: in a verb phrase the first word known as a verb ("sexually
    abuse" -> "sexually abused"), and a singular object noun at its end is also made plural ("carry out
    airstrike" -> "carried out airstrikes"); in a noun phrase the word before a preposition ("attack on
    civilians" -> "attacks on civilians"), else the last word."""
    key = phrase_key(phrase)
    if not key:
        return {}
    head = _verb_head(key) if pos == "V" else _noun_head(key)
    if not key[head].isalpha():
        return {key: "VB" if pos == "V" else "NN"}
    forms = verb_forms(key[head]) if pos == "V" else noun_forms(key[head])
    inflected = {key[:head] + (form,) + key[head + 1 :]: tag for form, tag in forms.items()}
    if pos == "V" and head < len(key) - 1:
        plural = _object_plural(key)
        if plural is not None:
            for phrase_form, tag in list(inflected.items()):
                inflected.setdefault(phrase_form[:-1] + (plural,), tag)
    return inflected


def _verb_head(key: Phrase) -> int:
    """The first word of a verb phrase that is a verb (an adverb or prefix may come first), else the first."""
    for position, word in enumerate(key):
        if word.isalpha() and _known(word, "VERB"):
            return position
    return 0


def _noun_head(key: Phrase) -> int:
    """The word before the first preposition of a noun phrase ("state of emergency"), else the last word; a
    preposition inside a hyphenated word ("face-to-face", "go-between") does not count."""
    for position in range(1, len(key)):
        if key[position] in PREPOSITIONS and key[position - 1] != "-" and key[position + 1 : position + 2] != ("-",):
            return position - 1
    return len(key) - 1


def _object_plural(key: Phrase) -> str | None:
    """The plural of a verb phrase's last word when it is a singular noun (or a word the lexicon does not
    know, such as a compound) not after "a"/"an" ("carry out airstrike" -> "airstrikes"), else None."""
    last = key[-1]
    if not last.isalpha() or key[-2] in ("a", "an", "-") or last in PREPOSITIONS:
        return None
    if _known(last, "ADJ") or _known(last, "ADV") or (_known(last, "VERB") and not _known(last, "NOUN")):
        return None  # a particle or adjective ("shut down", "hold responsible"); unknown words are compounds
    plurals = [form for form, tag in noun_forms(last).items() if tag == "NNS" and form != last]
    return plurals[0] if plurals else None


@lru_cache(maxsize=20_000)
def _known(word: str, upos: str) -> bool:
    """Whether the inflection lexicon knows `word` as a lemma of that part of speech (not a guessed form)."""
    from lemminflect import getAllInflections

    return bool(getAllInflections(word, upos=upos))


def any_forms(words: Iterable[str]) -> frozenset[Phrase]:
    """Every verb and noun inflection of a list of words or phrases (for constraints and synsets)."""
    result: set[Phrase] = set()
    for word in words:
        result.update(inflect_phrase(word, "V"))
        result.update(inflect_phrase(word, "N"))
    return frozenset(result)


# --- compilation --------------------------------------------------------------------------------------


def _specs(merged: MergedCodebook, kind: str) -> list[object]:
    return [merged.entries[kind][key].spec for key in sorted(merged.entries[kind])]


def _category_of(code: str, categories: Sequence[CategorySpec]) -> str:
    best: tuple[int, str] = (-1, "statement")
    for category in categories:
        if category.assigned_by != "code":
            continue
        for claim in category.codes:
            exact = not claim.endswith("*")
            prefix = claim.rstrip("*")
            if (exact and code == prefix) or (not exact and code.startswith(prefix)):
                score = len(prefix) * 2 + (1 if exact else 0)
                if score > best[0]:
                    best = (score, category.id)
    return best[1]


def _event_codes(merged: MergedCodebook, categories: Sequence[CategorySpec]) -> dict[str, EventCode]:
    from eventcoder.codebook.spec import AcledSpec, EventCodeSpec, PloverSpec

    plover = {spec.code: spec for spec in _specs(merged, "plover_crosswalk") if isinstance(spec, PloverSpec)}
    acled = {spec.code: spec for spec in _specs(merged, "acled_crosswalk") if isinstance(spec, AcledSpec)}
    codes: dict[str, EventCode] = {}
    for spec in _specs(merged, "event_codes"):
        assert isinstance(spec, EventCodeSpec)
        pv = plover.get(spec.code)
        ac = acled.get(spec.code)
        codes[spec.code] = EventCode(
            code=spec.code,
            root=spec.code[:2],
            level=1 if len(spec.code) == 2 else len(spec.code) - 1,
            name=spec.name,
            description=spec.description,
            goldstein=spec.goldstein,
            quad_class=spec.quad_class,
            category=_category_of(spec.code, categories),
            plover_event=pv.event if pv else None,
            plover_mode=pv.mode if pv else None,
            plover_context=pv.context if pv else None,
            acled_disorder_type=ac.disorder_type if ac else None,
            acled_event_type=ac.event_type if ac else None,
            acled_sub_event_type=ac.sub_event_type if ac else None,
            not_codable=spec.not_codable,
        )
    return codes


COUNTRY_LIKE_TYPES = frozenset({"country", "territory", "historical_state"})


def _add_phrase(table: dict[Phrase, list[LexHit]], phrase: str, hit_form: str, entry: str, kind: str) -> None:
    key = phrase_key(phrase)
    if key:
        table[key].append(LexHit(hit_form, entry, is_upper_form(phrase), phrase[:1].isupper(), kind))


def _actor_lexicon(
    merged: MergedCodebook,
) -> tuple[Lexicon, dict[str, ActorEntry], dict[str, AgentEntry], dict[str, PlaceEntry]]:
    from eventcoder.codebook.spec import ActorSpec, AgentSpec, PlaceSpec

    table: dict[Phrase, list[LexHit]] = defaultdict(list)
    actors: dict[str, ActorEntry] = {}
    agents: dict[str, AgentEntry] = {}
    places: dict[str, PlaceEntry] = {}
    for spec in _specs(merged, "actors"):
        assert isinstance(spec, ActorSpec)
        spans = tuple(sorted((span.from_ or dt.date.min, span.until or dt.date.max, span.code) for span in spec.roles))
        country = spec.country
        if country is None and spec.code and spec.type in ("country", "territory"):
            country = spec.code[:3]
        actors[spec.id] = ActorEntry(
            spec.id, spec.name, spec.type, spec.code, country, spans, spec.gender, tuple(spec.compound)
        )
        kind = "country" if spec.type in COUNTRY_LIKE_TYPES else "entity"
        for name in spec.names:
            _add_phrase(table, name, "name", spec.id, kind)
        for name in spec.adjectives:
            _add_phrase(table, name, "adjective", spec.id, kind)
        for name in spec.nationals:
            _add_phrase(table, name, "national", spec.id, kind)
    for spec in _specs(merged, "agents"):
        assert isinstance(spec, AgentSpec)
        agents[spec.id] = AgentEntry(spec.id, spec.sector, spec.person, spec.code)
        for name in spec.names:
            _add_phrase(table, name, "agent", spec.id, "agent")
    for spec in _specs(merged, "places"):
        assert isinstance(spec, PlaceSpec)
        places[spec.id] = PlaceEntry(spec.id, spec.name, spec.type, spec.country)
        for name in spec.names:
            _add_phrase(table, name, "place", spec.id, "place")
    phrases = {key: tuple(hits) for key, hits in table.items()}
    lengths: dict[str, set[int]] = defaultdict(set)
    for key in phrases:
        lengths[key[0]].add(len(key))
    ordered = {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}
    return Lexicon(phrases, ordered), actors, agents, places


def _constraint(
    spec: ConstraintSpec,
    synsets: dict[str, frozenset[Phrase]],
    tables: dict[tuple[Phrase, ...], dict[str, tuple[Phrase, ...]]],
) -> Constraint:
    """A compiled constraint; `tables` keeps the first-word table of each phrase set already built, so the
    constraints naming the same words (one synset, in many patterns) share one table."""
    phrases = set(any_forms(spec.words))
    if spec.synset is not None:
        phrases.update(synsets.get(spec.synset, frozenset()))
    named = [f"${spec.synset}"] if spec.synset is not None else []
    label = ", ".join([*named, *spec.words])
    return Constraint(_first_word_table(phrases, tables), spec.where, spec.within, label)


def _first_word_table(
    phrases: set[Phrase], tables: dict[tuple[Phrase, ...], dict[str, tuple[Phrase, ...]]]
) -> dict[str, tuple[Phrase, ...]]:
    """`phrases` keyed by their first word, each key's phrases sorted: the table in `tables` for the same phrases,
    else a new one kept there."""
    ordered = tuple(sorted(phrases))
    table = tables.get(ordered)
    if table is None:
        by_first: dict[str, list[Phrase]] = defaultdict(list)
        for phrase in ordered:
            by_first[phrase[0]].append(phrase)
        table = tables[ordered] = {first: tuple(found) for first, found in by_first.items()}
    return table


def joined_by_window(
    excludes: tuple[Constraint, ...],
    tables: dict[tuple[Phrase, ...], dict[str, tuple[Phrase, ...]]],
    joins: dict[tuple[object, ...], tuple[Constraint, ...]],
) -> tuple[Constraint, ...]:
    """`Pattern.exclusions`: `excludes` with those that look at the same window (side and reach) joined into one
    constraint holding all their phrases, in the order of each window's first; a window's only constraint is kept
    as it is. One of them holds where the one they make does, so a pattern's `excludes` are checked by one scan
    of each window. An imported PETRARCH layer gives every pattern of a verb family its null-code phrases as
    `excludes`, one constraint each: in CAMEO.2.0 1,746 patterns hold several (up to 16, 8,291 in all, 2,360
    once joined; 129 distinct joins), those of 1,203 join into one; a news slice checked 2,150 `excludes` a pass,
    1,217 of them a pattern's second or later. Joined
    when the codebook is compiled, not on first use while coding (1ab5674): a whole news5k run spent 37.5 M
    instructions joining. `joins` keeps the joins made, so the patterns of one family share theirs, and
    `tables` the first-word tables (see `_constraint`)."""
    if len(excludes) < 2:
        return excludes
    key = tuple((id(each.by_first), each.where, each.within, each.label) for each in excludes)
    joined = joins.get(key)
    if joined is not None:
        return joined
    windows: dict[tuple[str, int], list[Constraint]] = {}
    for constraint in excludes:
        windows.setdefault((constraint.where, constraint.within), []).append(constraint)
    joined = joins[key] = tuple(
        found[0]
        if len(found) == 1
        else Constraint(
            _first_word_table({phrase for each in found for ones in each.by_first.values() for phrase in ones}, tables),
            where,
            within,
            ", ".join(each.label for each in found),
        )
        for (where, within), found in windows.items()
    )
    return joined


def _paired(
    spec: PatternSpec,
    requires: tuple[Constraint, ...],
    excludes: tuple[Constraint, ...],
    exclusions: tuple[Constraint, ...],
    specificity: int,
) -> Pattern | None:
    """The pattern of the swapped event of a `paired_code` (source and target exchanged), else None."""
    if spec.paired_code is None:
        return None
    return Pattern(
        f"{spec.id}-paired",
        spec.paired_code,
        spec.category,
        requires,
        excludes,
        exclusions,
        tuple(spec.target),
        tuple(spec.source),
        True,
        spec.modality,
        specificity,
        None,
        spec.bare_country_source,
    )


# What each layer above the first adds to its patterns' specificity: more than constraints ever give (10 each).
LAYER_PRECEDENCE = 1000


def later_layers_win_overlaps(merged: MergedCodebook) -> dict[str, int]:
    """Policy: where candidates overlap, a pattern of a layer the user named wins over the default patterns (a
    later layer's over an earlier one's), whatever their constraints; returns the rank each pattern's layer adds
    to its specificity (0 in the first layer)."""
    layers = [Path(layer) for layer in merged.layers]
    ranks: dict[str, int] = {}
    for key, item in merged.entries["patterns"].items():
        path = Path(item.file)
        position = max((index for index, layer in enumerate(layers) if path.is_relative_to(layer)), default=0)
        ranks[key] = LAYER_PRECEDENCE * position
    return ranks


def _patterns(
    merged: MergedCodebook, synsets: dict[str, frozenset[Phrase]]
) -> tuple[tuple[Pattern, ...], dict[str, tuple[TriggerForm, ...]]]:
    from eventcoder.codebook.spec import PatternSpec

    patterns: list[Pattern] = []
    index: dict[str, list[TriggerForm]] = defaultdict(list)
    ranks = later_layers_win_overlaps(merged)
    tables: dict[tuple[Phrase, ...], dict[str, tuple[Phrase, ...]]] = {}
    joins: dict[tuple[object, ...], tuple[Constraint, ...]] = {}
    for spec in _specs(merged, "patterns"):
        assert isinstance(spec, PatternSpec)
        number = len(patterns)
        requires = tuple(_constraint(item, synsets, tables) for item in spec.requires)
        excludes = tuple(_constraint(item, synsets, tables) for item in spec.excludes)
        exclusions = joined_by_window(excludes, tables, joins)
        specificity = 10 * len(requires) + len(spec.code) + ranks[spec.id]
        patterns.append(
            Pattern(
                spec.id,
                spec.code,
                spec.category,
                requires,
                excludes,
                exclusions,
                tuple(spec.source),
                tuple(spec.target),
                spec.needs_target,
                spec.modality,
                specificity,
                _paired(spec, requires, excludes, exclusions, specificity),
                spec.bare_country_source,
                spec.reciprocal,
            )
        )
        for pos, words in (("V", spec.trigger.verbs), ("N", spec.trigger.nouns)):
            for word in words:
                for phrase, tag in inflect_phrase(word, pos).items():
                    index[phrase[0]].append(TriggerForm(phrase, number, pos, tag))
    triggers = {first: tuple(sorted(forms, key=lambda form: -len(form.phrase))) for first, forms in index.items()}
    return tuple(patterns), triggers


def compile_codebook(merged: MergedCodebook) -> Codebook:
    """Check a merged codebook and compile it; raises CodebookError listing every problem."""
    from eventcoder.codebook.check import check
    from eventcoder.codebook.spec import CategorySpec, ClassSchemeSpec, DiscardSpec, RoleSpec, SynsetSpec

    problems = [*merged.problems, *check(merged)]
    if problems:
        raise CodebookError(problems)
    categories = [spec for spec in _specs(merged, "categories") if isinstance(spec, CategorySpec)]
    synset_specs = [spec for spec in _specs(merged, "synsets") if isinstance(spec, SynsetSpec)]
    synsets = {spec.id: any_forms(spec.words) for spec in synset_specs}
    lexicon, actors, agents, places = _actor_lexicon(merged)
    patterns, triggers = _patterns(merged, synsets)
    countries = frozenset(
        entry.code
        for entry in actors.values()
        if entry.code and entry.type in ("country", "territory", "historical_state")
    )
    return Codebook(
        fingerprint=merged.fingerprint,
        layers=merged.layers,
        event_codes=_event_codes(merged, categories),
        categories={spec.id: category_of_spec(spec) for spec in categories},
        roles={spec.code: role_of_spec(spec) for spec in _specs(merged, "roles") if isinstance(spec, RoleSpec)},
        class_schemes={
            spec.id: class_scheme_of_spec(spec)
            for spec in _specs(merged, "class_schemes")
            if isinstance(spec, ClassSchemeSpec)
        },
        actors=actors,
        agents=agents,
        places=places,
        lexicon=lexicon,
        patterns=patterns,
        triggers=triggers,
        synsets=synsets,
        countries=countries,
        words=engine_words(synset_specs, synsets),
        trigger_index=trigger_index(triggers, patterns),
        unattributed_weapons=by_first_word(synsets.get("unattributed_weapons", frozenset())),
        acled_cues=cue_index(synsets),
        discards=compile_discards(spec for spec in _specs(merged, "discard") if isinstance(spec, DiscardSpec)),
        compound_actors=frozenset(key for key, entry in actors.items() if entry.compound),
    )


def split_code(code: str | None, countries: frozenset[str]) -> tuple[str | None, str | None]:
    """Return (country, primary sector) of a CAMEO-style code: USAGOV -> (USA, GOV), BUS -> (None, BUS)."""
    if not code:
        return None, None
    chunks = code_roles(code)
    if chunks[0] in countries:
        return chunks[0], chunks[1] if len(chunks) > 1 else None
    if chunks[0] in ("IGO", "NGO", "IMG", "MNC"):
        return None, chunks[0]
    return None, chunks[0]


# --- loading with a cache ---------------------------------------------------------------------------


def codebook_layers(extra: Sequence[Path | str] = ()) -> list[Path]:
    """The default codebook followed by the user's layers, in the order they apply."""
    return [default_codebook_dir(), *(Path(layer) for layer in extra)]


def records_build() -> str:
    """Which build of the codebook's records runs: "compiled" when `codebook/records.py` was imported from its
    mypyc extension (`make fast`), else "pure". Each has its own cache entry, in the form it loads fastest."""
    loader = getattr(records, "__loader__", None)
    return "compiled" if isinstance(loader, importlib.machinery.ExtensionFileLoader) else "pure"


def load_codebook(extra_layers: Sequence[Path | str] = (), *, use_cache: bool = True) -> Codebook:
    """Load, validate and compile the default codebook plus `extra_layers`, using the on-disk cache."""
    layers = codebook_layers(extra_layers)
    for layer in layers:
        if not layer.is_dir():
            raise CodebookError([_missing_layer(layer)])
    path = cache_directory() / cache_key(CACHE_FORMAT, layers, records_build())
    if use_cache:
        cached = read_cached(path)  # trusted only if private to this user (see codebook/cache.py)
        if isinstance(cached, Codebook):
            return cached
    from eventcoder.codebook.load import merge_layers

    codebook = compile_codebook(merge_layers(layers))
    if use_cache:
        from eventcoder.actors import actor_index

        actor_index(codebook)  # built now, so that a warm start loads the actor index with the codebook
        write_cached(path, codebook, CACHE_KEEP)
    return codebook


def _missing_layer(layer: Path) -> Problem:
    return Problem(str(layer), "", "EC001", "codebook directory does not exist", "check the --codebook path")
