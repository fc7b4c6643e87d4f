"""Discard phrases: a sentence that contains one is not coded; a story-level phrase stops the whole article.

The phrases come from `kind: discard` codebook files (PETRARCH's discard list, imported by
`codebook import-petrarch`). They are compiled once into a table keyed by the first characters of their
first word, so checking a sentence costs one dictionary lookup per token.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from eventcoder.compiled import pickled_by_constructor
from eventcoder.text.segment import Sentence
from eventcoder.text.tokenize import phrase_key

if TYPE_CHECKING:  # the compiled codebook holds a DiscardList; loading it must not import pydantic
    from eventcoder.codebook.spec import DiscardSpec

# The module's constants are `Final`: compiled, each is read from a C static instead of a lookup in the module's
# globals (pure Python ignores the mark).
KEY_LENGTH: Final = 3  # characters of a word that key the table; a stem shorter than this matches only itself


@dataclass(frozen=True, slots=True)
class DiscardPhrase:
    """One compiled discard phrase: its normalised words, whether the last is a stem, and its scope."""

    id: str
    phrase: str
    words: tuple[str, ...]
    stem: bool
    story: bool

    def matches_at(self, norms: Sequence[str], start: int) -> bool:
        """Whether the phrase's words are the tokens from `start` on (the last one as a stem if `stem`)."""
        words = self.words
        end = start + len(words)
        if end > len(norms):
            return False
        last = len(words) - 1
        for offset, word in enumerate(words):
            token = norms[start + offset]
            if token != word and not (offset == last and self.stem and token.startswith(word)):
                return False
        return True


@dataclass(frozen=True, slots=True)
class DiscardHit:
    """The discard phrase that stopped a sentence (or its story) and where it was found."""

    phrase: DiscardPhrase
    sentence: int  # index of the sentence the phrase was found in
    start: int  # token span of the phrase in that sentence
    end: int


@dataclass(frozen=True, slots=True)
class DiscardList:
    """Every discard phrase keyed by the first KEY_LENGTH characters of its first word, longest first."""

    by_key: dict[str, tuple[DiscardPhrase, ...]]
    has_story: bool

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def counts(self) -> tuple[int, int]:
        """How many phrases stop a sentence, and how many stop the whole story."""
        phrases = [phrase for phrases in self.by_key.values() for phrase in phrases]
        story = sum(1 for phrase in phrases if phrase.story)
        return len(phrases) - story, story

    def find(self, norms: Sequence[str], *, story_only: bool = False) -> tuple[DiscardPhrase, int] | None:
        """Return the first discard phrase in the tokens (earliest start, then longest) and its start."""
        table = self.by_key
        for start, token in enumerate(norms):
            candidates = table.get(token[:KEY_LENGTH])
            if candidates is None:
                continue
            for phrase in candidates:
                if (phrase.story or not story_only) and phrase.matches_at(norms, start):
                    return phrase, start
        return None


pickled_by_constructor(DiscardPhrase, DiscardHit, DiscardList)  # a compiled build pickles them too

NO_DISCARDS: Final = DiscardList({}, False)


def compile_discards(specs: Iterable[DiscardSpec]) -> DiscardList:
    """Compile discard specs into the lookup table the coder uses."""
    table: dict[str, list[DiscardPhrase]] = defaultdict(list)
    for spec in specs:
        words = phrase_key(spec.phrase)
        if not words:
            continue
        stem = spec.stem and len(words[-1]) >= KEY_LENGTH
        table[words[0][:KEY_LENGTH]].append(DiscardPhrase(spec.id, spec.phrase, words, stem, spec.scope == "story"))
    by_key = {key: tuple(sorted(items, key=lambda item: (-len(item.words), item.id))) for key, items in table.items()}
    return DiscardList(by_key, any(item.story for items in by_key.values() for item in items))


def story_discard(discards: DiscardList, sentences: Iterable[Sentence]) -> DiscardHit | None:
    """Policy: an article with a story-level discard phrase in any sentence (title included) is not coded;
    returns the first such phrase."""
    if not discards.has_story:
        return None
    for sentence in sentences:
        found = discards.find(phrase_key(sentence.text), story_only=True)  # the tokens the parser gives
        if found is not None:
            phrase, start = found
            return DiscardHit(phrase, sentence.index, start, start + len(phrase.words))
    return None


def sentence_discard(discards: DiscardList, index: int, norms: Sequence[str]) -> DiscardHit | None:
    """Policy: a sentence with a discard phrase of either scope is not coded; returns the first phrase."""
    found = discards.find(norms) if discards.by_key else None
    if found is None:
        return None
    phrase, start = found
    return DiscardHit(phrase, index, start, start + len(phrase.words))
