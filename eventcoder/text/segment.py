"""Sentence segmentation: an article becomes a title, section headings and sentences, each with offsets.

Everything here runs in time linear in the length of the text: boundaries are found by one regex scan
that cannot backtrack across a run of punctuation or whitespace, the abbreviation test looks only at a
bounded window before each period, and a stretch of text without any sentence break is cut into pieces of
at most `MAX_SENTENCE_CHARS` (at the last whitespace before the limit), so the per-sentence work of the
coder stays bounded however long a line is.
"""

from __future__ import annotations

import re
from typing import Final

from eventcoder.text.tokenize import ABBREVIATIONS, NATIVE_LOOPS

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) before whitespace and
# an upper-case letter, a digit, or an opening quote. A match starts only at the first mark of a run (the
# look-behind, tested after that first mark, sees it and the character before) and its quantifiers are
# possessive, so a long run of marks or spaces is scanned once. The pattern opens with the mark itself
# rather than the look-behind so that `re` knows the characters a match can start with and skips to the
# next mark in its C search loop; opened by the look-behind, it tried the whole pattern at every character
# (three times the instructions, measured). Group 1, in the look-ahead, is the white space after the
# boundary, which the next sentence skips.
_BOUNDARY_RE: Final = re.compile(r"""[.!?](?<![.!?][.!?])[.!?]*+["'”’)\]]*+(?=(\s++)["'“‘(\[]?[A-Z0-9])""")
# The same pattern for a paragraph without "!" or "?" (most), where its marks can only be periods: opened
# by one literal character, it is searched for by `re`'s literal loop, which costs a few instructions per
# character where the set of three marks costs some forty.
_PERIOD_BOUNDARY_RE: Final = re.compile(r"""\.(?<!\.\.)\.*+["'”’)\]]*+(?=(\s++)["'“‘(\[]?[A-Z0-9])""")
_INITIAL_RE: Final = re.compile(r"(?:[A-Z]\.)+")  # an initial or a run of them ("K.P." in "K.P. Sharma Oli")
# A wire dateline at the start of the body: a place in capitals, optionally a region or a date after a comma,
# optionally the agency in brackets, then a dash ("KYIV, Jan 14 (Reuters) - ", "BAMAKO, Mali (AP) — ",
# "NEW DELHI/ISLAMABAD, May 7 (Reuters) -- "). Every part is bounded, so the match is linear.
_DATELINE_RE: Final = re.compile(
    r"[A-Z][A-Z.'’/\- ]{1,40}[A-Z.]"  # the place, in capitals
    r"(?:,[^()\n!?]{1,60}?)?[ \t]*"  # a region or a date
    r"(?:\([A-Za-z][A-Za-z .&-]{1,30}\)[ \t]*)?"  # the agency
    r"(?:--|[-—–])[ \t]+(?=\S)"
)
_CLOSERS: Final = "\"'”’)]"
_OPENERS: Final = "\"'“‘(["
_HEADING_MAX_WORDS: Final = 12
_LONGEST_ABBREVIATION: Final = max(len(word) for word in ABBREVIATIONS)
_WORD_WINDOW: Final = _LONGEST_ABBREVIATION + 1

MAX_SENTENCE_CHARS: Final = 2000
"""Longest unit handed to the coder; longer text without a sentence break is cut at whitespace."""

# Words a title-case heading may leave in lower case.
_MINOR_WORDS: Final = frozenset(
    "a an and as at but by for from in into of on or over the to under up upon vs. vs via with".split()
)
# Finite verbs that mark a line as a clause rather than a heading (auxiliaries and reporting verbs).
_FINITE_MARKERS: Final = frozenset(
    "is are was were has have had will would can could shall should may might must does did says said".split()
)


class Sentence:
    """A unit of text to code: a sentence, the title, or a section heading.

    A slotted class with its own `__init__`, not a frozen dataclass (like `slots.Candidate`): a dataclass's
    `__init__` is generated Python code that sets each field through `object.__setattr__`, and the mypyc build
    calls it through the Python type with an argument tuple and dict (about 6,000 instructions a unit, a third
    of segmenting in either build); this `__init__` compiles to a native constructor. The fields are `Final`
    (mypy refuses an assignment after `__init__`; the compiled build's attributes are read-only). Sentences
    still compare, hash, print and pickle by their fields, as the dataclass did."""

    __slots__ = ("index", "text", "start", "kind")

    def __init__(self, index: int, text: str, start: int, kind: str) -> None:
        self.index: Final = index
        self.text: Final = text
        self.start: Final = start  # offset of the sentence in its paragraph-joined article text
        self.kind: Final = kind  # "title", "heading", "dateline" or "sentence"

    def _fields(self) -> tuple[int, str, int, str]:
        return (self.index, self.text, self.start, self.kind)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Sentence(index={self.index!r}, text={self.text!r}, start={self.start!r}, kind={self.kind!r})"

    def __reduce__(self) -> tuple[type[Sentence], tuple[int, str, int, str]]:
        return (Sentence, self._fields())


def looks_like_heading(line: str, followed_by_text: bool) -> bool:
    """Rule: a line is a section heading when it has no sentence-final punctuation, is short (at most 12
    words), is in title case (every word but minor ones such as 'of' or 'and' starts with a capital or a
    digit), holds no finite auxiliary or reporting verb, and body text follows it. Any other line is
    coded as sentences (snippets and feeds often lack a final period)."""
    stripped = line.strip()
    if not followed_by_text or stripped.endswith((".", "!", "?", '"', "”", ":", ";", ",")):
        return False
    words = stripped.split()
    if len(words) > _HEADING_MAX_WORDS or not any(char.isalpha() for char in stripped):
        return False
    for position, word in enumerate(words):
        bare = word.strip("\"'“”‘’()[]-–—,:;")
        if not bare:
            continue
        if bare.lower() in _FINITE_MARKERS:
            return False
        lower_case = bare[0].isalpha() and not bare[0].isupper()
        if lower_case and (position == 0 or bare.lower() not in _MINOR_WORDS):
            return False
    return True


def dateline_end(line: str) -> int:
    """Rule: a body line that opens with a wire dateline (a place in capitals, an optional region or date, an
    optional agency in brackets, a dash) has the dateline as a unit of its own; the end offset of the dateline
    in `line`, or 0 when there is none. The place a story was filed from is no place of its events, and the
    agency and date of filing say nothing about the first sentence ("ISTANBUL, June 2 (Reuters) - Russian and
    Ukrainian delegations agreed to exchange prisoners" is no exchange of Turkish civilians)."""
    match = _DATELINE_RE.match(line)
    return match.end() if match else 0


def _ends_at_abbreviation(paragraph: str, period: int, spaced: bool = False) -> bool:
    """True when the word ending with the period at `period` is a known abbreviation or an initial. `spaced`
    says the paragraph holds none of the other white space that may open the word (a tab, a line break, a
    no-break space), so the word starts after the last space: one `rfind` and no `max`, which the compiled
    build calls as a generic builtin with four boxed integers (about a thousand instructions a period).

    The word is sought in the paragraph within the window before the period, not in a copy of the window, and
    one longer than any abbreviation is told by its length: it can only be a run of initials, whose second
    character is a period ("K.P."), so most such words are ruled out without the copy, `lower` and set probe
    of the word (compiled, about 1.4 -> 0.85 K instructions a period)."""
    start = period - _WORD_WINDOW if period > _WORD_WINDOW else 0
    cut = paragraph.rfind(" ", start, period + 1)
    if not spaced:
        cut = max(
            cut,
            paragraph.rfind("\t", start, period + 1),
            paragraph.rfind("\n", start, period + 1),
            paragraph.rfind("\u00a0", start, period + 1),
        )
    if cut == -1:
        if start > 0 and not paragraph[start - 1].isspace():
            return False  # the word is longer than any abbreviation
        cut = start - 1
    if period - cut > _LONGEST_ABBREVIATION and paragraph[cut + 2] != ".":
        return False  # longer than any abbreviation, and no initial
    word = paragraph[cut + 1 : period + 1]
    # an initial or a run of them has its first period second ("K.", "K.P."): the pattern is tried only then
    return word.lower() in ABBREVIATIONS or (word[1:2] == "." and _INITIAL_RE.fullmatch(word) is not None)


def _cut_long(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the span [start, end) into pieces of at most MAX_SENTENCE_CHARS, at whitespace when there is."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(paragraph.rfind(" ", start + 1, limit), paragraph.rfind("\t", start + 1, limit))
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
        while start < end and paragraph[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _boundaries(paragraph: str) -> list[tuple[int, int, int]]:
    """The sentence boundaries of a paragraph, each (start, end, end of the white space after it): the matches
    of `_BOUNDARY_RE`, or of `_PERIOD_BOUNDARY_RE` for a paragraph without "!" or "?"."""
    if "!" in paragraph or "?" in paragraph:
        return _matched_boundaries(_BOUNDARY_RE, paragraph)
    # compiled, the matches of the period pattern are found by a native loop (`_period_boundaries`): each match
    # of `finditer` and its three generic method calls (start, end, end(1)) cost about 2 K instructions; pure
    # Python, the pattern's C loop is the cheaper
    return _period_boundaries(paragraph) if NATIVE_LOOPS else _matched_boundaries(_PERIOD_BOUNDARY_RE, paragraph)


def _matched_boundaries(boundaries: re.Pattern[str], paragraph: str) -> list[tuple[int, int, int]]:
    """The matches of a boundary pattern as (start, end, end of group 1)."""
    return [(match.start(), match.end(), match.end(1)) for match in boundaries.finditer(paragraph)]


def _period_boundaries(paragraph: str) -> list[tuple[int, int, int]]:
    """`_matched_boundaries(_PERIOD_BOUNDARY_RE, paragraph)` as a loop over the paragraph's periods: a period
    not after a period, the periods and closing quotes or brackets after it, then white space (the characters
    `str.isspace` takes, as the pattern's class does), an optional opening quote or bracket, and a capital or a
    digit. The next period sought is the first after the match, or after the period that opened none (those in
    its run are after a period)."""
    found: list[tuple[int, int, int]] = []
    length = len(paragraph)
    mark = paragraph.find(".")
    while mark >= 0:
        if mark == 0 or paragraph[mark - 1] != ".":
            end = mark + 1
            while end < length and paragraph[end] == ".":
                end += 1
            while end < length and paragraph[end] in _CLOSERS:
                end += 1
            resume = end
            while resume < length and paragraph[resume].isspace():
                resume += 1
            if end < resume < length:
                after = resume + 1 if paragraph[resume] in _OPENERS and resume + 1 < length else resume
                code = ord(paragraph[after])
                if ord("A") <= code <= ord("Z") or ord("0") <= code <= ord("9"):
                    found.append((mark, end, resume))
                    mark = paragraph.find(".", end)
                    continue
        mark = paragraph.find(".", mark + 1)
    return found


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph, honouring abbreviations and quotes."""
    spans: list[tuple[int, int]] = []
    start = 0
    spaced = not ("\t" in paragraph or "\n" in paragraph or "\u00a0" in paragraph)  # see `_ends_at_abbreviation`
    for mark, end, resume in _boundaries(paragraph):
        # a single period (no other mark after it: the look-ahead puts a character there) may end an
        # abbreviation rather than the sentence
        if (
            paragraph[mark] == "."
            and paragraph[mark + 1] not in ".!?"
            and _ends_at_abbreviation(paragraph, mark, spaced)
        ):
            continue
        if end - start > MAX_SENTENCE_CHARS:
            spans.extend(_cut_long(paragraph, start, end))
        else:
            spans.append((start, end))
        start = resume  # past the white space after the boundary
    if start < len(paragraph) and not paragraph[start:].isspace():
        spans.extend(_cut_long(paragraph, start, len(paragraph.rstrip())))
    return spans


def segment(title: str | None, body: str) -> list[Sentence]:
    """Split an article into units: the title first (index 0), then headings and sentences in order."""
    units: list[Sentence] = []
    if title and title.strip():
        units.append(Sentence(0, title.strip(), 0, "title"))
    lines = body.split("\n")
    last_text = max((number for number, line in enumerate(lines) if line.strip()), default=-1)
    offset = 0
    body_started = False  # a dateline opens the first line of body text only
    for number, line in enumerate(lines):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if looks_like_heading(line, followed_by_text=number < last_text):
            lead = len(line) - len(line.lstrip())
            units.append(Sentence(len(units), line.strip(), line_start + lead, "heading"))
            continue
        lead = dateline_end(line) if not body_started else 0
        body_started = True
        if lead:
            units.append(Sentence(len(units), line[:lead].strip(), line_start, "dateline"))
        for start, end in split_sentences(line[lead:]):
            text = line[lead + start : lead + end].strip()
            if text:
                units.append(Sentence(len(units), text, line_start + lead + start, "sentence"))
    return units
