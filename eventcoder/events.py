"""Event matching: find pattern triggers, check their constraints, settle overlaps, fill the source and
target slots from the actor mentions, and read negation and modality off the clause."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Final

from eventcoder.actors import Mention
from eventcoder.codebook.compile import (
    CONDITION_CUES,
    Codebook,
    Constraint,
    EngineWords,
    Pattern,
    Phrase,
    RequiresGate,
    TriggerForm,
    TriggerNode,
)
from eventcoder.occurrences import occurring_events_have_an_unnamed_author, protests_are_staged_by_protesters
from eventcoder.parse import (
    AUXILIARIES,
    BE_FORMS,
    DETERMINERS,
    MODALS,
    NEGATIONS,
    NUMBER_WORDS,
    POSSESSIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    Parse,
)
from eventcoder.slots import (
    Candidate,
    EventMatch,
    SlotFill,
    agentless_coercion_is_done_by_the_police,
    background_is_no_news,
    compound_parties_act_on_each_other,
    coordinated_verb,
    event_heading_the_subject,
    fill_slots,
    force_heading_the_subject,
    gerund_after_preposition,
    governing_support_verb,
    headline_verb_after_a_comma,
    main_clause_subject,
    participial_comma,
    shared_subject,
    unnamed_force_heading_a_force_verb,
    unnamed_perpetrators_are_an_unidentified_armed_group,
    victims_take_the_country_where_they_are,
)
from eventcoder.text.tokenize import NATIVE_LOOPS

# The module's constants are `Final`: compiled, each is read from a C static (a literal inlined), not looked up
# in the module's globals at each use; pure Python ignores the mark.
# The engine's vocabulary (intent, denial and failure cues, reporting verbs, control verbs, partitive and
# quantity nouns, support verbs, ...) lives in the codebook as named synsets (`Codebook.words`, see
# codebooks/patterns/engine_classes.yaml). What stays here is closed-class grammar the part-of-speech guess
# and the clause reading are written against, and CAMEO roots that select a policy.
NOUN_CUES: Final = DETERMINERS | POSSESSIVE_PRONOUNS | NUMBER_WORDS | {"'s"}
VERB_CUES: Final = MODALS | AUXILIARIES | SUBJECT_PRONOUNS | {"to", "also", "then", "later", "not", "n't", "never"}
VERB_CUES_BUT_POSSESSIVE: Final = VERB_CUES - {"'s"}
# Verb cues after which a noun trigger is read as a verb ("to protest", "they protest"); after the others
# ("also", "then", ...) a noun trigger stays a noun.
VERB_ONLY_CUES: Final = frozenset(
    {"to", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did", "does", "do"}
    | {"he", "she", "they", "we", "i", "who", "which"}
)
QUOTES_AND_BRACKETS: Final = frozenset({'"', "“", "”", "'", "(", ")"})  # passed over to find the word before a trigger
# Roots of verbs that take an event as their "to" complement and how the pair is coded: an offer or
# promise ("agreed to share information") is coded by the complement, read as intended; a refusal or a
# threat ("refused to deploy", "threatened to ban") is coded by the controlling verb alone.
CONTROL_KEEPS_COMPLEMENT: Final = frozenset({"03"})
CONTROL_KEEPS_CONTROLLER: Final = frozenset({"12", "13"})
# Words that open a new clause and so end a noun's content.
CLAUSE_OPENERS: Final = frozenset(
    {"as", "after", "before", "since", "until", "while", "when", "because", "if", "unless", "which", "who"}
)
# Roots of speech acts whose content is not itself an event: appeals, demands, criticism and accusations,
# rejections, threats (and 016, denials); how far the content of a noun reaches.
CONTENT_ROOTS: Final = frozenset({"02", "10", "11", "12", "13"})
NOUN_SCOPE: Final = 6
VICTIM_ROOTS: Final = frozenset({"17", "18", "19", "20"})  # coercion and force: a target takes the country it is in
CLAUSE_LINKS: Final = frozenset({",", ";", "and"})  # between a verb and its event noun, they make two events
NO_PATTERNS: Final[frozenset[int]] = frozenset()


# NATIVE_LOOPS (from the tokeniser; the hot modules are compiled together): whether this module runs compiled by
# mypyc. A loop over the tokens is then native code, cheaper than the C iterator chain the pure-Python path takes
# (an interpreted loop costs it several times more). Each such place takes the form that is cheaper in the running
# build; the two give the same result (tests/test_events_fast_paths4.py holds both to the plain computation).

START: Final = attrgetter("start")  # a candidate's first token, read in C (no Python call per candidate sorted)


class Dropped:
    """A candidate that did not become an event, and why (shown by `eventcoder explain`). About one is built per
    sentence: a slotted class with its own `__init__`, as `slots.EventMatch` (compiled, a native constructor of
    about 240 instructions, where a named tuple built by `tuple.__new__` took about 1,290). Compared by
    identity."""

    __slots__ = ("candidate", "reason")

    def __init__(self, candidate: Candidate, reason: str) -> None:
        self.candidate: Final = candidate
        self.reason: Final = reason


def _previous_word(parse: Parse, index: int) -> str:
    norms = parse.norms
    index -= 1
    while index >= 0 and norms[index] in QUOTES_AND_BRACKETS:
        index -= 1
    return norms[index] if index >= 0 else ""


def _plausible(
    tag: tuple[str, str],
    parse: Parse,
    start: int,
    mentions: Sequence[Mention],
    bare_infinitive: frozenset[str],
    noun_too: bool = False,
) -> bool:
    """Guess from the neighbouring words whether the trigger word is used as the part of speech and tag it needs
    (`tag`: "V" or "N" and the head word's tag, as `TriggerForm.pos` and `TriggerForm.base`)."""
    pos, base = tag
    norms = parse.norms
    # the word just before, unless it is a quote or a bracket, which `_previous_word` passes over (no call)
    previous = norms[start - 1] if start > 0 else ""
    if previous in QUOTES_AND_BRACKETS:
        previous = _previous_word(parse, start)
    if pos == "N":
        if previous in VERB_CUES_BUT_POSSESSIVE and base in ("NN", "NNS"):
            return previous == "'s" or previous not in VERB_ONLY_CUES
        return True
    if previous == "-" or (previous in NOUN_CUES and not _crowd_subject(parse, mentions, start, previous)):
        return False
    if noun_too and base == "VBG" and start >= 2 and norms[start - 2] in ("a", "an") and previous.isalpha():
        return False  # "a stern warning", "a massive bombing"
    if base in ("VBD", "VBN", "VBG"):
        return True
    return bool(
        previous in VERB_CUES
        or previous in bare_infinitive
        or previous.endswith("ly")
        or _ends_a_subject(parse, mentions, start)
        or (previous == "," and headline_verb_after_a_comma(parse, start))
    )


def _crowd_subject(parse: Parse, mentions: Sequence[Mention], index: int, previous: str) -> bool:
    """Whether a crowd number that is an actor ends a subject at `index` ("Thousands marched", but "two
    attacks"); not after "and"/"or", an elliptical passive ("six were killed and dozens wounded")."""
    return (
        previous in NUMBER_WORDS
        and _ends_a_subject(parse, mentions, index)
        and _previous_word(parse, index - 1) not in ("and", "or")
    )


def _ends_a_subject(parse: Parse, mentions: Sequence[Mention], index: int) -> bool:
    """Whether an actor that may be a verb's subject ends at `index`: not a bare country adjective, and not an
    actor after "a"/"an", which modifies the noun after it ("a militant attack", "a Freedonian strike")."""
    for mention in mentions:  # a loop, not `any` over a generator: called for most verb triggers
        if (
            mention.end == index
            and mention.role == "actor"
            and not mention.adjective
            and not (mention.start > 0 and parse.norms[mention.start - 1] in ("a", "an"))
        ):
            return True
    return False


def _matches_at(parse: Parse, index: int, phrase: Phrase) -> bool:
    end = index + len(phrase)
    return end <= len(parse.norms) and parse.norms[index:end] == phrase


def _constraint_holds(parse: Parse, constraint: Constraint, start: int, end: int) -> bool:
    norms = parse.norms
    by_first = constraint.by_first
    where = constraint.where  # "after", "before" or "around"
    if NATIVE_LOOPS:
        # compiled: each side's words probed in one native loop (no window sliced, no key view built, no
        # method called, and a window holding a first word not scanned twice)
        if where != "before":
            stop = end + constraint.within
            if _phrase_in_range(norms, by_first, end, stop if stop < len(norms) else len(norms)):
                return True
        if where != "after":
            begin = start - constraint.within
            if _phrase_in_range(norms, by_first, begin if begin > 0 else 0, start):
                return True
        return False
    # pure Python: a window holding none of the first words is rejected in one C-level pass
    if where != "before":
        window = norms[end : end + constraint.within]
        if not by_first.keys().isdisjoint(window) and _phrase_in_window(norms, by_first, window, end):
            return True
    if where != "after":
        begin = start - constraint.within
        if begin < 0:
            begin = 0
        window = norms[begin:start]
        if not by_first.keys().isdisjoint(window) and _phrase_in_window(norms, by_first, window, begin):
            return True
    return False


def _phrase_in_window(
    norms: tuple[str, ...], by_first: dict[str, tuple[Phrase, ...]], window: tuple[str, ...], begin: int
) -> bool:
    """Whether a phrase of `by_first` starts in `window` (the words of `norms` from `begin` on). Every phrase
    under a word starts with that word, so a one-word phrase holds where its word is, and a longer one is
    compared whole only where its second word follows: a common first word ("to", "the") keys dozens of
    phrases, and most fail on their second word, with no slice built for them."""
    count = len(norms)
    for position, word in enumerate(window, begin):
        phrases = by_first.get(word)
        if phrases is None:
            continue
        following = norms[position + 1] if position + 1 < count else ""  # no word is empty
        for phrase in phrases:
            if len(phrase) == 1 or (phrase[1] == following and norms[position : position + len(phrase)] == phrase):
                return True
    return False


def _phrase_in_range(norms: tuple[str, ...], by_first: dict[str, tuple[Phrase, ...]], begin: int, stop: int) -> bool:
    """Whether a phrase of `by_first` starts at a position of `norms` from `begin` to `stop` (excluded): the
    compiled build's form of `_phrase_in_window`, with the same test of each phrase, looping over positions."""
    count = len(norms)
    for position in range(begin, stop):
        phrases = by_first.get(norms[position])
        if phrases is None:
            continue
        following = norms[position + 1] if position + 1 < count else ""  # no word is empty
        for phrase in phrases:
            if len(phrase) == 1 or (phrase[1] == following and norms[position : position + len(phrase)] == phrase):
                return True
    return False


def _all_hold(parse: Parse, constraints: tuple[Constraint, ...], start: int, end: int) -> bool:
    """Whether every constraint after the first holds (a loop, not `all` over a generator)."""
    for constraint in constraints[1:]:  # noqa: SIM110 (no generator built per trigger)
        if not _constraint_holds(parse, constraint, start, end):
            return False
    return True


def _any_holds(parse: Parse, constraints: tuple[Constraint, ...], start: int, end: int) -> bool:
    """Whether any constraint after the first holds (a loop, not `any` over a generator)."""
    for constraint in constraints[1:]:  # noqa: SIM110 (no generator built per trigger)
        if _constraint_holds(parse, constraint, start, end):
            return True
    return False


def _opened(norms: tuple[str, ...], gate: RequiresGate, start: int, end: int) -> AbstractSet[int]:
    """The gated patterns with a first word of their first `requires` on its side of a trigger, in the gate's
    window."""
    begin = start - gate.before
    if begin < 0:
        begin = 0
    if NATIVE_LOOPS:
        return _opened_by_loop(norms, gate, begin, start, end, end + gate.after)
    # one set operation in C over each side of the window, no loop per word
    opens_before, opens_after = gate.opens_before, gate.opens_after
    before = opens_before.keys() & norms[begin:start]
    after = opens_after.keys() & norms[end : end + gate.after]
    if len(before) + len(after) < 2:  # mostly none or one: its compiled set, no set built here
        if before:
            return opens_before[before.pop()]
        return opens_after[after.pop()] if after else NO_PATTERNS
    opened: set[int] = set()
    for word in before:
        opened.update(opens_before[word])
    for word in after:
        opened.update(opens_after[word])
    return opened


def _opened_by_loop(
    norms: tuple[str, ...], gate: RequiresGate, begin: int, start: int, end: int, stop: int
) -> AbstractSet[int]:
    """`_opened` in the compiled build: the words before (`begin` to `start`) and after (`end` to `stop`) the
    trigger probed in one native loop, no window sliced or joined and no set built for the common one word."""
    count = len(norms)
    if stop > count:
        stop = count
    opens_before, opens_after = gate.opens_before, gate.opens_after
    first: frozenset[int] | None = None  # the patterns of the first word found
    opened: set[int] | None = None  # their union with the others', made at a second word opening others
    # one loop over both sides, passing over the trigger: no pair of bounds boxed and iterated per call
    for position in range(begin, stop):
        if position < start:
            numbers = opens_before.get(norms[position])
        elif position < end:
            continue
        else:
            numbers = opens_after.get(norms[position])
        if numbers is None or numbers is first:
            continue
        if first is None:
            first = numbers
        else:
            if opened is None:
                opened = set(first)
            opened.update(numbers)
    if opened is not None:
        return opened
    return first if first is not None else NO_PATTERNS


def _forms_opened(
    forms: tuple[TriggerForm, ...], opened: AbstractSet[int], gate: RequiresGate
) -> tuple[TriggerForm, ...]:
    """The forms of a gated phrase to try when its window opened some of its patterns: all but those of the
    patterns of `alone` (no trigger of another length at the same first word) that it did not open, in order.
    Found from the few patterns opened (about 4 a call), by the positions the gate keeps of `unopened` and of each
    lone pattern's forms, not by a test of every form: with the imported CAMEO.2.0 layer a gated phrase holds about
    64 forms, 55 of them lone (compiled, about 10,700 instructions a call by a test of each form)."""
    lone_at = gate.lone_at
    picked: list[int] | None = None  # positions of the forms to try, made at the first lone pattern opened
    for number in opened:
        places = lone_at.get(number)
        if places is not None:
            if picked is None:
                picked = list(gate.unopened_at)
            picked.extend(places)
    if picked is None:
        return gate.unopened
    picked.sort()
    return tuple([forms[position] for position in picked])


def _is_passive(norms: tuple[str, ...], tag: tuple[str, str], start: int, end: int) -> bool:
    if tag[0] != "V" or tag[1] not in ("VBN", "VBD"):
        return False
    index = start - 1
    while index >= 0 and (norms[index].endswith("ly") or norms[index] in ("not", "n't", "also")):
        index -= 1
    if index >= 0 and norms[index] in BE_FORMS:
        return True
    after = end
    count = len(norms)
    while after < count and norms[after].endswith("ly"):
        after += 1
    return after < count and norms[after] == "by" and (index < 0 or norms[index] not in ("has", "have", "had"))


def find_candidates(parse: Parse, codebook: Codebook, mentions: Sequence[Mention]) -> list[Candidate]:
    """Every pattern whose trigger, part of speech and constraints hold somewhere in the sentence. A trigger
    phrase is passed over where it starts inside a quotation, the attribution or an actor name."""
    candidates: list[Candidate] = []
    index_of_triggers = codebook.trigger_index
    words = index_of_triggers.words
    norms = parse.norms
    count = len(norms)
    # each token's trie node (None: no trigger phrase starts there) and the tokens that start one; a start's node
    # is then read by index, not probed again. Compiled, a node is a tuple of five fields that mypyc unboxes into a
    # C struct (checking each field's type) wherever it is read as known not to be None, and boxes into a new tuple
    # wherever that struct is stored again (a tuple made and freed per start, about 1.5 % of a compiled pass): so a
    # node is stored and kept only through a name typed `TriggerNode | None` that no test narrows, and another
    # name, tested, reads its fields
    nodes: list[TriggerNode | None]
    starts: list[int]
    if NATIVE_LOOPS:
        # compiled: a native loop, one dict probe per token (a `map` calls the bound `dict.get` through
        # Python's call protocol, about 320 instructions a token with its list, where this costs about 110),
        # into a list made whole at once (an append per token cost about 30 instructions more)
        nodes = [None] * count
        starts = []
        for index in range(count):
            probed = words.get(norms[index])
            node = probed  # tested in its stead: see below
            if node is not None:
                nodes[index] = probed
                starts.append(index)
    else:
        # pure Python: both found in C (no interpreted loop per token)
        nodes = list(map(words.get, norms))
        starts = list(compress(range(count), nodes))  # a node is a non-empty tuple, true
    if not starts:
        return candidates
    # each start's quotation flag is read by index: a start is about one token in four, so that is cheaper than
    # testing every flag first for a sentence with no quotation (`any`, a builtin looked up and called)
    quoted = parse.quoted
    attribution_start, attribution_end = parse.attribution_start, parse.attribution_end
    patterns = codebook.patterns
    engine_words = codebook.words  # the codebook is a Python object (compiled: a generic attribute read): once
    receiving = engine_words.receiving_verbs
    bare_infinitive = engine_words.bare_infinitive_verbs
    noun_ing = index_of_triggers.noun_ing
    for index in starts:
        if attribution_start <= index < attribution_end or quoted[index]:
            continue  # no phrase is looked for inside the attribution or a quotation
        step: TriggerNode | None = nodes[index]
        # the trigger phrases starting here, longest first: where each ends, and its node as the trie held it (see
        # above); `distinct` is the longest one's flag
        found: list[tuple[int, TriggerNode | None]] = []
        distinct = True
        end = index + 1
        node = step
        while node is not None:
            # the fields read at once: compiled, each read of a field of a narrowed node unboxes the whole node
            phrase_forms, _, _, following, node_distinct = node
            if phrase_forms:  # a trigger phrase ends here
                found.insert(0, (end, step))
                distinct = node_distinct
            if following is None or end == count:
                break
            step = following.get(norms[end])
            node = step
            end += 1
        if not found:
            continue
        inside = False
        for mention in mentions:
            if mention.start <= index < mention.end:  # inside an actor name
                inside = True
                break
        if inside:
            continue
        # the pattern numbers tried at this start (see `number` below), needed only where two forms may anchor one
        # pattern: several phrases start here, or the one phrase is among the few whose forms share a pattern
        seen: set[object] | None = set() if len(found) > 1 or not distinct else None
        noun_too = norms[index] in noun_ing
        # the guesses (which read only a form's part of speech and tag) keyed by the tag alone, which names the part
        # of speech too (VB, VBD, VBN, VBG, VBZ: a verb; NN, NNS: a noun; the codebook compiler inflects each
        # part of speech to its own tags): compiled, a string key is hashed once, where a (pos, tag) key was a
        # tuple boxed and hashed at each probe. Made only where a second guess may come: most starts hold one phrase
        # whose forms share a tag, and make one guess (compiled, the dict made, filled and probed cost about 340
        # instructions a start)
        plausible: dict[str, bool] | None = {} if len(found) > 1 else None
        for end, node in found:
            if node is None:
                continue  # never: only nodes are found
            phrase_forms, gate, tag, _, _ = node
            if tag is not None:  # the phrase's forms share their part of speech and tag: one guess for all
                fits = plausible.get(tag[1]) if plausible is not None else None
                if fits is None:
                    fits = _plausible(tag, parse, index, mentions, bare_infinitive, noun_too)
                    if plausible is not None:
                        plausible[tag[1]] = fits
                if not fits:
                    continue  # no form of the phrase reads as its part of speech
            elif plausible is None:
                plausible = {}  # the phrase's forms differ in their tags: a guess for each
            # a tuple, not any sequence: compiled, the loops over it are native
            forms: tuple[TriggerForm, ...] = phrase_forms
            opened: AbstractSet[int] = NO_PATTERNS  # the gated patterns whose first `requires` may hold
            # whether the gate's window opened none (then no pattern with a `requires` is tried here, and no set is
            # probed to find it out)
            none_opened = False
            if gate is not None:
                opened = _opened(norms, gate, index, end)
                forms = _forms_opened(forms, opened, gate) if opened else gate.unopened
                none_opened = not opened
            passive: bool | None = None  # the voice of the phrase, read once when its forms share a tag
            for form in forms:
                # the pattern number as the object the form holds (`TriggerForm.pattern`, read by position from the
                # form as a tuple of objects): compiled, reading the `int` field unboxes it, and each set test would
                # box it again, a new object for a number over 256 (about 60 instructions each, two per form)
                held: tuple[object, ...] = form
                number = held[1]
                if seen is not None and number in seen:
                    continue
                form_tag = tag
                if form_tag is None:  # the guess for this form's part of speech and tag
                    form_tag = (form.pos, form.base)
                    assert plausible is not None  # made above for a phrase without a shared tag
                    fits = plausible.get(form.base)
                    if fits is None:
                        fits = plausible[form.base] = _plausible(
                            form_tag, parse, index, mentions, bare_infinitive, noun_too
                        )
                    if not fits:
                        continue  # another form of the pattern may read as its part of speech
                if seen is not None:
                    seen.add(number)
                pattern = patterns[form.pattern]
                # most patterns have no `requires` or `excludes`, or one: a loop only for the others (the excludes
                # of one window joined into one when the codebook is compiled, `Pattern.exclusions`)
                requires, excludes = pattern.requires, pattern.exclusions
                # a gate's patterns are those of its phrase with a `requires` (`RequiresGate.gated`): one not opened
                # is passed over, found by its `requires`, not by a probe of the gate's set. With the CAMEO.2.0
                # layer the forms of a gated phrase a news slice tries are about 7,600 a pass, 4,870 of them of a
                # pattern not opened (kept among them so that their guess marks the pattern seen, see
                # `RequiresGate.unopened`), 1,970 where nothing was opened: compiled, the two set probes a form cost
                # about 1.3 M instructions a pass (pure Python, where they are C calls, pays about +0.1 % for the
                # pattern read first)
                if requires and gate is not None and (none_opened or number not in opened):
                    continue
                if requires and not (
                    _constraint_holds(parse, requires[0], index, end)
                    and (len(requires) == 1 or _all_hold(parse, requires, index, end))
                ):
                    continue
                if excludes and (
                    _constraint_holds(parse, excludes[0], index, end)
                    or (len(excludes) > 1 and _any_holds(parse, excludes, index, end))
                ):
                    continue
                if passive is None or tag is None:
                    passive = _is_passive(norms, form_tag, index, end) or (
                        form_tag[0] == "N" and governing_support_verb(parse, index, receiving) is not None
                    )
                candidates.append(Candidate(pattern, form.pattern, index, end, form_tag[0], passive))
    return candidates


@dataclass(frozen=True, slots=True)
class Unused:
    """A trigger word present in the sentence that never became a candidate, and why (explain only)."""

    pattern: Pattern
    start: int
    end: int
    reason: str
    part_of_speech: bool = False  # failed only the part-of-speech guess


def unused_triggers(parse: Parse, codebook: Codebook, mentions: Sequence[Mention]) -> list[Unused]:
    """The trigger forms that `find_candidates` passes over, each with the first check it fails, in the same
    order as there: a quotation, an actor name, the attribution, the part-of-speech guess, a `requires`, an
    `excludes`. Used by `eventcoder explain` only, so the coding path does none of this work."""
    unused: list[Unused] = []
    names = {index: mention for mention in mentions for index in range(mention.start, mention.end)}
    for index, norm in enumerate(parse.norms):
        forms = codebook.triggers.get(norm, ())
        noun_too = norm.endswith("ing") and any(form.pos == "N" for form in forms)
        seen: set[int] = set()
        for form in forms:
            if form.pattern in seen or not _matches_at(parse, index, form.phrase):
                continue
            seen.add(form.pattern)
            end = index + len(form.phrase)
            pattern = codebook.patterns[form.pattern]
            reason = _why_unused(parse, form, pattern, index, end, names, mentions, codebook.words, noun_too)
            if reason:
                unused.append(Unused(pattern, index, end, reason, reason.startswith(NOT_READ_AS)))
    return unused


def _why_unused(
    parse: Parse,
    form: TriggerForm,
    pattern: Pattern,
    start: int,
    end: int,
    names: dict[int, Mention],
    mentions: Sequence[Mention],
    words: EngineWords,
    noun_too: bool,
) -> str:
    """The first check of `find_candidates` that a trigger form fails, or "" when it passes them all."""
    if parse.quoted[start]:
        return "inside a quotation (the speaker's words)"
    if start in names:
        return f"inside the actor name {names[start].text!r}"
    if parse.attributed(start):
        return "inside the attribution"
    if not _plausible((form.pos, form.base), parse, start, mentions, words.bare_infinitive_verbs, noun_too):
        wanted = "verb" if form.pos == "V" else "noun"
        return f"{NOT_READ_AS} {wanted} after {_previous_word(parse, start)!r}"
    for number, constraint in enumerate(pattern.requires, 1):
        if not _constraint_holds(parse, constraint, start, end):
            return f"requires #{number} not met: {_describe(constraint)}"
    for number, constraint in enumerate(pattern.excludes, 1):
        if _constraint_holds(parse, constraint, start, end):
            return f"excludes #{number} holds: {_describe(constraint)}"
    return ""


NOT_READ_AS: Final = "not read as a"


def _describe(constraint: Constraint) -> str:
    """A constraint as written in the codebook: its synset and words (the first few), where and how far."""
    words = constraint.label.split(", ")
    shown = ", ".join(words[:6]) + (f", ... ({len(words)} in all)" if len(words) > 6 else "")
    return f"{shown} {constraint.where} within {constraint.within} words"


def most_specific_then_longest_then_earliest(candidates: Sequence[Candidate]) -> tuple[list[Candidate], list[Dropped]]:
    """Overlap policy: of candidates sharing trigger tokens, keep the most specific, then longest, then earliest."""
    if len(candidates) < 2 or _apart_in_order(candidates):
        return list(candidates), []  # nothing overlaps, and the order by first token is the given one
    kept: list[Candidate] = []
    dropped: list[Dropped] = []
    # ranked by tuples built in one comprehension and sorted without a key function (no call per candidate);
    # the position that ends each tuple finds the candidate again and, where two ranks tie (never within one
    # sentence: one candidate per pattern and first token), keeps the given order as a stable sort by key did
    ranked = [
        (-candidate.pattern.specificity, candidate.start - candidate.end, candidate.start, candidate.pattern.id, at)
        for at, candidate in enumerate(candidates)
    ]
    ranked.sort()
    for rank in ranked:
        candidate = candidates[rank[4]]
        for winner in kept:
            if winner.start < candidate.end and candidate.start < winner.end:
                reason = f"overlaps {winner.pattern.id}, which is more specific or longer"
                dropped.append(Dropped(candidate, reason))
                break
        else:
            kept.append(candidate)
    kept.sort(key=START)
    return kept, dropped


def _apart_in_order(candidates: Sequence[Candidate]) -> bool:
    """Whether each candidate starts after the one before it and at or after every earlier one's end, so none
    overlaps another and the policy would keep them all, in this order. `find_candidates` gives them in the
    order of their first tokens, and in about two sentences of five with several they share no token: those
    need no sort."""
    first = candidates[0]
    reach, last = first.end, first.start
    for index in range(1, len(candidates)):  # a loop by index: no slice of the candidates
        candidate = candidates[index]
        start = candidate.start
        if start < reach or start <= last:
            return False
        last = start
        if candidate.end > reach:
            reach = candidate.end
    return True


def _overlap_rank(candidate: Candidate) -> tuple[int, int, int, str]:
    """The overlap policy's order: the most specific first, then the longest, the earliest, the pattern id (the
    policy builds these tuples inline; this is their plain statement, which the tests hold it to)."""
    return (-candidate.pattern.specificity, candidate.start - candidate.end, candidate.start, candidate.pattern.id)


# --- negation and modality --------------------------------------------------------------------------------


def read_modality(parse: Parse, candidate: Candidate, words: EngineWords) -> tuple[bool, str]:
    """Return (negated, modality) from the words before the trigger in its clause and the sentence."""
    norms = parse.norms
    start = candidate.start
    begin = start - 3 if start > 3 else 0
    if _no_cue(words.modality_cues, norms, begin, start):
        # most triggers: no cue among the three words before it, so neither negated nor denied, hypothetical
        # or intended by them; one test in place of the six below, which then all fail
        if _no_cue(words.clause_cues, norms, 0, candidate.end + 3):
            # and mostly no condition cue before it nor report adverb near it (their clause's words are among
            # these): the clause need not be found, one test in place of two
            if candidate.pattern.modality is not None:
                return False, candidate.pattern.modality
            return False, "reported" if parse.attribution_start < len(norms) else "asserted"
        clause_start = _clause_start(norms, start)
        if not _no_cue(CONDITION_CUES, norms, clause_start, start):
            return False, "conditional"
        if candidate.pattern.modality is not None:
            return False, candidate.pattern.modality
        if not _no_cue(words.report_adverbs, norms, clause_start, candidate.end + 3):
            return False, "reported"
        if parse.attribution_start < len(norms):
            return False, "reported"
        return False, "asserted"
    # the cue classes among the three words before the trigger (`last3`), each by `_no_cue`: compiled, a native
    # loop, where `isdisjoint` was a method called through Python's protocol (about 1,200 instructions a call)
    last3 = norms[begin:start]
    last2 = last3[-2:]
    if not _no_cue(words.denial_cues, norms, begin, start):
        return True, "denied"
    clause_start = _clause_start(norms, start)
    negated = not _no_cue(NEGATIONS, norms, begin, start) or (
        not _no_cue(words.failure_cues, norms, begin, start) and "to" in last2
    )
    if not _no_cue(CONDITION_CUES, norms, clause_start, start):
        return negated, "conditional"
    if ("would" in last3 or "could" in last3) and _reported_speech(parse, start, words.reporting_verbs):
        return negated, "intended"
    if not _no_cue(words.hypothetical_modals, norms, begin, start) or (candidate.pos == "N" and "any" in last3):
        return negated, "hypothetical"
    if candidate.pattern.modality is not None:
        return negated, candidate.pattern.modality
    if not _no_cue(words.intent_cues, norms, begin, start) and "to" in last2:
        return negated, "intended"
    if "will" in last2 or "shall" in last2:
        return negated, "intended"
    if not _no_cue(words.report_adverbs, norms, clause_start, candidate.end + 3):
        return negated, "reported"
    if parse.attribution_start < len(norms):
        return negated, "reported"
    return negated, "asserted"


def _no_cue(cues: frozenset[str], norms: tuple[str, ...], begin: int, stop: int) -> bool:
    """Whether no word of `norms` from `begin` to `stop` (excluded) is one of `cues`. Compiled, in one native loop:
    `isdisjoint` is a method called through Python's protocol there, on a slice made for it (about 400
    instructions more a call, two calls a trigger); pure Python, by `isdisjoint` on the slice, in C."""
    if NATIVE_LOOPS:
        if stop > len(norms):
            stop = len(norms)
        for index in range(begin, stop):  # noqa: SIM110 (no generator built per call)
            if norms[index] in cues:
                return False
        return True
    return cues.isdisjoint(norms[begin:stop])


def _clause_start(norms: tuple[str, ...], index: int) -> int:
    """Where the clause holding token `index` begins: just after the last comma or semicolon before it."""
    before = norms[index - 1 :: -1] if index else ()  # searched backwards in C
    nearest = min(
        before.index(",") if "," in before else index,
        before.index(";") if ";" in before else index,
    )
    return index - nearest


def _reported_speech(parse: Parse, trigger: int, reporting_verbs: frozenset[str]) -> bool:
    """Whether the trigger sits in a clause reported by an earlier verb of saying ("said they would ...")."""
    return not reporting_verbs.isdisjoint(parse.norms[max(0, trigger - 10) : trigger])


def verb_and_its_event_noun_are_one_event(
    parse: Parse, kept: Sequence[Candidate]
) -> tuple[list[Candidate], list[Dropped]]:
    """Policy: a verb event and an event noun of the same CAMEO root shortly after it in the same clause
    ("imposed sanctions", "staged a hunger strike") are one event; the more specific pattern codes it."""
    if len(kept) < 2:
        return list(kept), []
    dropped: dict[Candidate, Dropped] = {}  # by identity (`Candidate`)
    for verb in kept:
        if verb.pos != "V" or verb in dropped:
            continue
        for noun in kept:
            if (
                noun.pos == "N"
                and noun not in dropped
                and verb.end <= noun.start <= verb.end + 5
                and noun.pattern.code[:2] == verb.pattern.code[:2]
                and CLAUSE_LINKS.isdisjoint(parse.norms[verb.end : noun.start])
            ):
                loser, winner = (noun, verb) if verb.pattern.specificity >= noun.pattern.specificity else (verb, noun)
                dropped[loser] = Dropped(loser, f"the same event as {winner.pattern.id}")
    if not dropped:
        return list(kept), []
    return [c for c in kept if c not in dropped], list(dropped.values())


def complements_of_offers_and_refusals(
    parse: Parse, kept: Sequence[Candidate]
) -> tuple[list[Candidate], list[Dropped]]:
    """Policy: of a verb and the event it controls through "to" ("agreed to share", "refused to deploy"),
    keep the complement after an offer or promise (03) and the controlling verb after a refusal or threat."""
    if len(kept) < 2:
        return list(kept), []
    dropped: dict[Candidate, Dropped] = {}  # by identity (`Candidate`)
    for controller in kept:
        if controller.pos != "V":
            continue
        root = controller.pattern.code[:2]
        if root not in CONTROL_KEEPS_COMPLEMENT and root not in CONTROL_KEEPS_CONTROLLER:
            continue
        complement = _complement_of(parse, controller, kept)
        if complement is None:
            continue
        if root in CONTROL_KEEPS_COMPLEMENT:
            dropped[controller] = Dropped(controller, f"the offered act {complement.pattern.id} codes it")
        else:
            dropped[complement] = Dropped(complement, f"controlled by {controller.pattern.id}")
    if not dropped:
        return list(kept), []
    return [c for c in kept if c not in dropped], list(dropped.values())


def what_is_demanded_rejected_or_alleged_is_not_an_event(
    parse: Parse, kept: Sequence[Candidate]
) -> tuple[list[Candidate], list[Dropped]]:
    """Policy: what an appeal, demand, accusation, rejection, threat or denial is about ("demanded that Belarus
    release", "rejected the US proposal", "accused Russia of deporting", "an ultimatum to release") is its
    content, not an event: drop the candidates in the rest of a verb's clause, and in the few words after a
    noun (other speech acts there, as in "a threat to test a missile drew condemnation", are kept)."""
    dropped: dict[Candidate, Dropped] = {}  # by identity (`Candidate`)
    if len(kept) < 2:
        return list(kept), []
    for controller in kept:
        if controller in dropped or not _controls_its_content(controller.pattern.code):
            continue
        end = _scope_end(parse, controller, kept)
        for candidate in kept:
            if (
                candidate is not controller
                and candidate not in dropped
                and controller.end <= candidate.start < end
                and (controller.pos == "V" or not _controls_its_content(candidate.pattern.code))
            ):
                dropped[candidate] = Dropped(candidate, f"the content of {controller.pattern.id}")
    if not dropped:
        return list(kept), []
    return [c for c in kept if c not in dropped], list(dropped.values())


def _controls_its_content(code: str) -> bool:
    return code[:2] in CONTENT_ROOTS and code[:3] not in ("128", "124") or code == "016"


def _scope_end(parse: Parse, controller: Candidate, kept: Sequence[Candidate]) -> int:
    """Where the content of a speech act ends: the clause end (a comma, semicolon or "but", or "and" before
    another verb event); after a noun, at most NOUN_SCOPE words on."""
    norms = parse.norms
    noun = controller.pos == "N"
    limit = min(len(norms), controller.end + NOUN_SCOPE) if noun else len(norms)
    # the attribution's bounds read once (`Parse.attributed` inline: no call per word)
    attribution_start, attribution_end = parse.attribution_start, parse.attribution_end
    verb_starts: list[int] | None = None  # the verb candidates' first tokens, listed at the first "and"/"or"
    index = controller.end
    while index < limit:
        word = norms[index]
        if word in (",", ";", ".", ":", "but") or attribution_start <= index < attribution_end:
            return index
        if noun and (
            word in BE_FORMS
            or word in CLAUSE_OPENERS
            or (word.endswith("ed") and norms[index - 1] not in DETERMINERS and norms[index - 1] != "to")
        ):
            return index  # the noun phrase ends where its predicate or a new clause begins
        if word in ("and", "or"):
            if verb_starts is None:
                verb_starts = [c.start for c in kept if c.pos == "V"]
            if index + 1 in verb_starts or index + 2 in verb_starts:
                return index
        index += 1
    return limit


def _complement_of(parse: Parse, controller: Candidate, kept: Sequence[Candidate]) -> Candidate | None:
    index = controller.end - 1 if parse.norms[controller.end - 1] == "to" else controller.end
    while index < len(parse.norms) and (parse.norms[index] in ("also", "not") or parse.norms[index].endswith("ly")):
        index += 1
    if index >= len(parse.norms) or parse.norms[index] != "to":
        return None
    for candidate in kept:
        if candidate is not controller and candidate.pos == "V" and index < candidate.start <= index + 3:
            return candidate
    return None


def _coordinated_subject(
    parse: Parse,
    candidate: Candidate,
    mentions: Sequence[Mention],
    events: Sequence[EventMatch],
    light_verbs: frozenset[Phrase],
) -> tuple[Mention, ...] | None:
    """The subject a verb trigger (or the support verb of a noun trigger) shares with the verb before its
    "and", or None when it is not such a verb or that subject is not known."""
    verb = candidate.start if candidate.pos == "V" else governing_support_verb(parse, candidate.start, light_verbs)
    if verb is None:
        return None
    conjunction = coordinated_verb(parse, verb)
    if conjunction is None:
        return None
    return shared_subject(parse, conjunction, mentions, events) or None


def match_events(
    parse: Parse,
    codebook: Codebook,
    mentions: Sequence[Mention],
    previous: Sequence[Mention],
    *,
    require_target: bool = False,
    countries: Sequence[str] = (),
) -> tuple[list[EventMatch], list[Dropped]]:
    """Match every pattern against a sentence and return the events chosen and the candidates dropped;
    `countries` are the countries the article named before this sentence, in order."""
    kept = find_candidates(parse, codebook, mentions)
    dropped: list[Dropped] = []
    if not kept:
        return [], dropped
    if len(kept) > 1:  # the overlap and pairing policies settle nothing for one candidate
        kept, dropped = most_specific_then_longest_then_earliest(kept)
        kept, merged = verb_and_its_event_noun_are_one_event(parse, kept)
        kept, controlled = complements_of_offers_and_refusals(parse, kept)
        kept, contents = what_is_demanded_rejected_or_alleged_is_not_an_event(parse, kept)
        dropped.extend(merged + controlled + contents)
    words = codebook.words
    events: list[EventMatch] = []
    for candidate in kept:
        pattern = candidate.pattern
        if parse.relative[candidate.start] >= 0 and background_is_no_news(parse, candidate):
            dropped.append(Dropped(candidate, "background: a past-perfect or descriptive relative clause"))
            continue
        comma = participial_comma(parse, candidate)
        if comma is None:
            comma = gerund_after_preposition(parse, candidate)
        subject = None if comma is None else main_clause_subject(parse, comma, mentions, events)
        owner = None
        if candidate.passive:
            owner = event_heading_the_subject(parse, candidate, events)
        elif subject is None:
            subject = force_heading_the_subject(parse, candidate, events)
            if subject is None:
                subject = _coordinated_subject(parse, candidate, mentions, events, words.support_verbs)
        source, target = fill_slots(parse, candidate, mentions, previous, words, subject, subject_owner=owner)
        if source is None:  # the rules for a source the sentence does not name, in turn
            unnamed: tuple[SlotFill, SlotFill | None] | None = unnamed_perpetrators_are_an_unidentified_armed_group(
                parse, candidate, mentions, words
            )
            if unnamed is None:
                unnamed = agentless_coercion_is_done_by_the_police(parse, candidate, mentions, words, countries)
            if unnamed is not None:
                source, target = unnamed
            else:
                cause = unnamed_force_heading_a_force_verb(parse, candidate, kept, mentions, words)
                if cause is not None:
                    source, target = fill_slots(parse, candidate, mentions, previous, words, given_source=cause)
                if source is None:
                    author = occurring_events_have_an_unnamed_author(
                        parse, candidate, mentions, words, codebook.synsets
                    )
                    if author is None:
                        author = protests_are_staged_by_protesters(parse, candidate, mentions)
                    if author is not None:
                        source, target = fill_slots(parse, candidate, mentions, previous, words, given_source=author)
            if source is None:
                reason = "no source actor found by " + ", ".join(pattern.source)
                dropped.append(Dropped(candidate, reason))
                continue
        if target is None:
            if pattern.reciprocal or parse.norms[candidate.start : candidate.end] in words.reciprocal_verbs:
                target = compound_parties_act_on_each_other(source, pattern.code)
            if target is None and (pattern.needs_target or require_target):
                reason = "no target actor found by " + ", ".join(pattern.target)
                dropped.append(Dropped(candidate, reason))
                continue
        if target is not None and pattern.code[:2] in VICTIM_ROOTS:
            target = victims_take_the_country_where_they_are(parse, mentions, source, target)
        negated, modality = read_modality(parse, candidate, words)
        events.append(EventMatch(candidate, source, target, negated, modality))
    return events, dropped
