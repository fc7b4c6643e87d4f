"""The records a compiled codebook is made of and the per-sentence path reads: patterns and their constraints,
the trigger index, the actor lexicon's entries, event codes, the engine's word classes.

They live apart from `compile.py` (which builds them, and keeps the `Codebook` itself) so that the compiled
build (`make fast`, see `eventcoder/compiled.py`) can compile this module: its classes are then mypyc native
classes, whose attributes the compiled matchers read as C struct fields, where records of an uncompiled
module are read through CPython's generic attribute lookup (about 7 % of a compiled coding pass). The
`Codebook` stays a Python class in `compile.py`: its parts load lazily through `__getattr__`, and the actor
index is kept in its `__dict__`. `compile.py` re-exports every name defined here.

Native classes pickle by their constructor (`pickled_by_constructor` below), and the codebook cache writes
them in constructor form (they have no plain slot descriptors to fill an empty instance through).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from eventcoder.compiled import pickled_by_constructor

Phrase = tuple[str, ...]

# Closed-class words of `events.read_modality`, kept here so that `compile.engine_words` can join them to the
# engine's cue classes: the conjunctions that make an act conditional, and the modals (and "any") it reads
# among the three words before a trigger besides the cue classes and the negations.
CONDITION_CUES = frozenset({"if", "unless"})
MODALITY_WORDS = frozenset({"would", "could", "any", "will", "shall"})


@dataclass(frozen=True, slots=True)
class EventCode:
    """A CAMEO event code with everything an event record needs about it."""

    code: str
    root: str
    level: int
    name: str
    description: str
    goldstein: float
    quad_class: int
    category: str
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None
    acled_disorder_type: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    not_codable: str | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A named actor with its date-bounded codes."""

    id: str
    name: str
    type: str
    code: str | None
    country: str | None
    spans: tuple[tuple[dt.date, dt.date, str], ...]
    gender: str | None
    compound: tuple[str, ...] = ()  # the other actors a compound name stands for (PETRARCH's [A/B/C])

    def code_on(self, date: dt.date) -> str | None:
        """Return the code that holds on `date`: the role span containing it, else the default code."""
        for start, end, code in self.spans:
            if start <= date <= end:
                return code
        return self.code


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A generic sector noun such as 'troops' (MIL)."""

    id: str
    sector: str
    person: bool
    code: str | None


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A place that is never an actor."""

    id: str
    name: str
    type: str
    country: str | None


@dataclass(frozen=True, slots=True)
class LexHit:
    """What a phrase in the actor lexicon names: `form` is name, adjective, national, agent or place;
    `kind` is what the entry is (entity, country, agent or place), settled at compile time."""

    form: str
    entry: str
    case_sensitive: bool
    capitalized: bool
    kind: str


@dataclass(frozen=True, slots=True)
class Constraint:
    """A compiled pattern constraint: inflected phrases to look for on one side of the trigger, keyed by their
    first word so a check costs one lookup per token in the window."""

    by_first: dict[str, tuple[Phrase, ...]]
    where: str
    within: int
    label: str = ""  # the constraint as written (its synset and words), for `eventcoder explain`


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled event pattern."""

    id: str
    code: str
    category: str | None
    requires: tuple[Constraint, ...]
    excludes: tuple[Constraint, ...]  # as written (`eventcoder explain` names the one that holds)
    # what the matcher checks of `excludes`, any of which rules a match out: those that look at the same window
    # (side and reach) joined into one constraint holding all their phrases, made when the codebook is compiled
    # (`compile.joined_by_window`); `excludes` itself where no two share a window
    exclusions: tuple[Constraint, ...]
    source: tuple[str, ...]
    target: tuple[str, ...]
    needs_target: bool
    modality: str | None
    specificity: int
    paired: Pattern | None = None  # the same match coded again with source and target swapped (`paired_code`)
    bare_country_source: bool = False  # a country source keeps its bare code (PETRARCH's convention)
    reciprocal: bool = False  # a compound source with no target acts on itself (PETRARCH's %)


class TriggerForm(NamedTuple):
    """One inflected surface form of a trigger, pointing at the pattern it anchors. A named tuple, not a frozen
    dataclass: a codebook holds about 40,000 of them, and the cache rebuilds a tuple at a third of the cost."""

    phrase: Phrase
    pattern: int
    pos: str  # "V" or "N"
    base: str  # the form of the head word: VB, VBD, VBN, VBG, VBZ, NN or NNS


@dataclass(frozen=True, slots=True)
class RequiresGate:
    """For a trigger phrase that anchors many patterns with a `requires` (a speech act whose code depends on
    what is asked for, offered or rejected): the words of each such pattern's first `requires` (before the
    trigger each phrase's first word, after it its first word that is no preposition or determiner), with the
    pattern numbers they open on each side (`opens_before`, `opens_after`: a `requires` "around" it in both),
    and how far the widest of those constraints reaches on each side. One scan of that window names the few
    patterns whose constraints can hold; the others need no check."""

    before: int
    after: int
    opens_before: dict[str, frozenset[int]]
    opens_after: dict[str, frozenset[int]]
    gated: frozenset[int]
    alone: frozenset[int]  # gated patterns with no trigger of another length at the same first word
    # the phrase's forms to try when the window opens no gated pattern: all but those of `alone` (a gated
    # pattern with a trigger of another length is still tried, so its part-of-speech guess marks it seen)
    unopened: tuple[TriggerForm, ...] = ()
    # where the window opens some patterns (`events._forms_opened`): the positions among the phrase's forms of those
    # in `unopened`, and of the forms of each pattern of `alone`, so that the forms tried are found from the few
    # patterns opened, not by a test of each form (an imported layer gives a verb dozens of gated patterns); shared
    # by the phrases whose forms anchor the same patterns in the same order (the inflections of one verb)
    unopened_at: tuple[int, ...] = ()
    lone_at: dict[int, tuple[int, ...]] = field(default_factory=dict)


TriggerNode = tuple[
    tuple[TriggerForm, ...], "RequiresGate | None", "tuple[str, str] | None", "dict[str, TriggerNode] | None", bool
]
"""A node of the trigger trie, reached from a first word by one probe per following word: (forms, gate, tag,
following, distinct). `forms` are the forms of the trigger phrase the path to the node spells, if it is one, in
the order `Codebook.triggers` tries them (empty otherwise); `gate` its `requires` gate; `tag` the part of speech
and tag all its forms share (None when they differ), so the part-of-speech guess is made once per phrase;
`following` the nodes one word further on (None at a leaf); `distinct` whether no two of its forms anchor the
same pattern (all but about 400 of 19,000 phrases), so that where it is the only phrase at a token, no set of
the patterns tried there is needed. A plain tuple, not a named tuple: a codebook holds about 25,000 nodes, and
the cache rebuilds a plain tuple in C (a named tuple through its Python `__new__`, 15 ms more per warm start)."""


@dataclass(frozen=True, slots=True)
class TriggerIndex:
    """The trigger forms compiled for lookup: `words` is a trie keyed by each trigger's first word, then one
    word at a time, so the phrases that start at a token are found by one probe per word they share with the
    sentence (a first word such as "in" starts many phrases, and its second word rules most of them out); a
    phrase's node holds its forms in the order `Codebook.triggers` tries them. `noun_ing` holds the -ing first
    words that also start a noun trigger (the part-of-speech guess reads "a massive bombing" as a noun for
    them), `gates` the `requires` gate of each phrase that anchors many constrained patterns (also on its trie
    node), and `past_verbs` the one-word past tense forms of verb triggers that no noun trigger shares
    ("denied", "criticized"), which mark a finite verb for the actor grouping. No table of the forms by whole
    phrase: its one reader wanted one-word phrases, whose forms the trie's first level holds, and the table
    cost 13.6 M instructions of every `code` start's load (19,000 phrase keys)."""

    words: dict[str, TriggerNode]
    noun_ing: frozenset[str]
    gates: dict[Phrase, RequiresGate]
    past_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Phrases keyed by their first token, longest first, for greedy longest-match lookup."""

    phrases: dict[Phrase, tuple[LexHit, ...]]
    lengths: dict[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class EngineWords:
    """The word classes the engine consults, read from the codebook's synsets of the same names
    (`codebooks/patterns/engine_classes.yaml` and `synsets.yaml`), so a layer can change them. Classes of
    single words hold the words exactly as listed; the verb classes hold every inflection of their phrases.
    A codebook without a class gets an empty one."""

    intent_cues: frozenset[str]
    denial_cues: frozenset[str]
    failure_cues: frozenset[str]
    hypothetical_modals: frozenset[str]
    report_adverbs: frozenset[str]
    reporting_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    bare_infinitive_verbs: frozenset[str]
    partitive_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    complement_gap: frozenset[str]
    object_control_verbs: frozenset[str]
    harm_without_perpetrator: frozenset[str]
    support_verbs: frozenset[Phrase]
    receiving_verbs: frozenset[Phrase]
    reciprocal_verbs: frozenset[Phrase]
    # Unions the per-trigger path tests at once, made when the codebook is compiled (`compile.engine_words`):
    # every word `events.read_modality` looks for among the three before a trigger (the cue classes above,
    # negations, the modals it names, "any"), and every word for which it needs the trigger's clause (the
    # condition cues and the report adverbs).
    modality_cues: frozenset[str]
    clause_cues: frozenset[str]


# Compiled, these are native classes whose default pickling fails (see the function); pure Python pickles them alike.
pickled_by_constructor(EventCode, ActorEntry, AgentEntry, PlaceEntry, LexHit, Constraint, Pattern, RequiresGate)
pickled_by_constructor(TriggerIndex, Lexicon, EngineWords)
