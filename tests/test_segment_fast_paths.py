"""The segmenter's fast paths give the sentences of the plain computation: the boundary pattern that opens
with its mark (and the periods-only pattern for a paragraph without "!" or "?"), and the white space skipped
by the pattern's group rather than a loop, split every text where the pattern that opened with its
look-behind split it, with the same offsets, abbreviations, quotes, headings and datelines."""

from __future__ import annotations

import copy
import pickle
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.text.segment import (
    _INITIAL_RE,
    _WORD_WINDOW,
    MAX_SENTENCE_CHARS,
    Sentence,
    _ends_at_abbreviation,
    dateline_end,
    looks_like_heading,
    segment,
    split_sentences,
)
from eventcoder.text.tokenize import ABBREVIATIONS

# The segmenter as it was written before the fast paths: the reference the fast form must equal.
REFERENCE_BOUNDARY_RE = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s++["'“‘(\[]?[A-Z0-9])""")
CLOSERS = "\"'”’)]"


def _reference_ends_at_abbreviation(paragraph: str, period: int) -> bool:
    start = max(0, period - _WORD_WINDOW)
    window = paragraph[start : period + 1]
    cut = max(window.rfind(" "), window.rfind("\t"), window.rfind("\n"), window.rfind("\u00a0"))
    if cut == -1 and start > 0 and not paragraph[start - 1].isspace():
        return False
    word = window[cut + 1 :]
    return word.lower() in ABBREVIATIONS or _INITIAL_RE.fullmatch(word) is not None


def _reference_cut_long(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
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


def _reference_split(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in REFERENCE_BOUNDARY_RE.finditer(paragraph):
        end = match.end()
        mark = match.group()
        if (
            mark.startswith(".")
            and len(mark.rstrip(CLOSERS)) == 1
            and _reference_ends_at_abbreviation(paragraph, match.start())
        ):
            continue
        spans.extend(_reference_cut_long(paragraph, start, end))
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if start < len(paragraph) and not paragraph[start:].isspace():
        spans.extend(_reference_cut_long(paragraph, start, len(paragraph.rstrip())))
    return spans


def _reference_segment(title: str | None, body: str) -> list[tuple[int, str, int, str]]:
    units: list[tuple[int, str, int, str]] = []
    if title and title.strip():
        units.append((0, title.strip(), 0, "title"))
    lines = body.split("\n")
    last_text = max((number for number, line in enumerate(lines) if line.strip()), default=-1)
    offset = 0
    body_started = False
    for number, line in enumerate(lines):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if looks_like_heading(line, followed_by_text=number < last_text):
            lead = len(line) - len(line.lstrip())
            units.append((len(units), line.strip(), line_start + lead, "heading"))
            continue
        lead = dateline_end(line) if not body_started else 0
        body_started = True
        if lead:
            units.append((len(units), line[:lead].strip(), line_start, "dateline"))
        for start, end in _reference_split(line[lead:]):
            text = line[lead + start : lead + end].strip()
            if text:
                units.append((len(units), text, line_start + lead + start, "sentence"))
    return units


def _units(title: str | None, body: str) -> list[tuple[int, str, int, str]]:
    return [(unit.index, unit.text, unit.start, unit.kind) for unit in segment(title, body)]


# Pieces that exercise every branch: abbreviations and initials (in any case, after any white space, the
# Kelvin sign that lower-cases to "k"), quotes and brackets around marks, numbers such as 3.5, ellipses and
# runs of marks, every kind of white space, non-ASCII letters, headings and datelines.
PIECES = [
    "Freedonia", "protested", "said", "x", "A", "J.", "K.P.", "U.S.", "u.s.", "U.\u212a.", "Mr.", "mr.", "MR.",
    "Dr.", "approx.", "Approx.", "Sept.", "No.", "a.m.", "3.5", "10", "1990s.", "...", "..", ".", "!", "?",
    "?!", "!?", '"', "'", "\u201d", "\u2019", "\u201c", "\u2018", ")", "]", "(", "[", " ", "  ", "\t", "\n",
    "\n\n", "\u00a0", "\u2003", "\x1c", "\r", "\u00e9t\u00e9", "S\u00e3o", "\u0130", "KYIV, Jan 14 (Reuters) - ",
    "Freedonia Recalls Its Envoy\n", "x" * 30, "word " * 5,
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Freedonia protested. Sylvania replied.",
        "Mr. Firefly met Dr. Trentino. They argued.",
        "Premier K.P. Sharma Oli spoke. The talks ended at 3.5 p.m. Then they left.",
        'He said "no." Then he left! Why? "Because." (He was sure.) [It ended.] Done.',
        "Wait... What happened?! Nothing.\u2003And then\u00a0Mr. X came. \u201cYes.\u201d \u2018No.\u2019 Ok.",
        "Caf\u00e9 S\u00e3o Paulo said. \u00c9t\u00e9 came. U.\u212a. talks. The U.S. envoy arrived.",
        "A.\tB.\nC. D.\x1cE. approx. F. Approx. G.",
        "x" * (MAX_SENTENCE_CHARS * 2 + 5) + ". Then " + "word " * 900 + "end. Done.",
    ],
)
def test_split_sentences_equal_the_reference(text: str) -> None:
    assert split_sentences(text) == _reference_split(text)
    assert _units("Title", text) == _reference_segment("Title", text)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_split_sentences_equal_the_reference_on_any_text(text: str) -> None:
    assert split_sentences(text) == _reference_split(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), texts)
def test_segment_equals_the_reference_on_any_text(title: str, body: str) -> None:
    assert _units(title, body) == _reference_segment(title, body)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_split_sentences_equal_the_reference_on_any_characters(text: str) -> None:
    assert split_sentences(text) == _reference_split(text)


@pytest.mark.parametrize("unit", ["word ", "x", ".", "!?", "3.5 ", "... ", "\u00e9t\u00e9 "], ids=repr)
def test_split_sentences_stays_linear_without_a_break(unit: str) -> None:
    """Five million characters without a sentence break take time linear in their length, cut into pieces of
    at most `MAX_SENTENCE_CHARS` as the plain computation cuts them."""
    text = unit * (5_000_000 // len(unit))
    began = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - began < 5.0
    assert spans == _reference_split(text)
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)


def test_sentence_compares_hashes_prints_and_pickles_by_its_fields() -> None:
    """`Sentence` is a slotted class rather than a frozen dataclass (a faster constructor); it keeps the
    dataclass's value semantics."""
    sentence = Sentence(1, "Freedonia protested.", 7, "sentence")
    assert sentence == Sentence(1, "Freedonia protested.", 7, "sentence")
    assert sentence != Sentence(1, "Freedonia protested.", 7, "heading")
    assert sentence != (1, "Freedonia protested.", 7, "sentence")
    assert hash(sentence) == hash(Sentence(1, "Freedonia protested.", 7, "sentence"))
    assert repr(sentence) == "Sentence(index=1, text='Freedonia protested.', start=7, kind='sentence')"
    assert pickle.loads(pickle.dumps(sentence)) == sentence
    assert copy.deepcopy(sentence) == sentence


SPACED_PIECES = [piece for piece in PIECES if not any(mark in piece for mark in "\t\n\u00a0")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SPACED_PIECES), max_size=40).map("".join))
def test_a_spaced_paragraph_finds_the_abbreviations_of_the_plain_test(text: str) -> None:
    """Without a tab, a line break or a no-break space, the word before a period starts after the last space:
    `_ends_at_abbreviation` told so (`spaced`) gives what it gives when it looks for all four."""
    for index, char in enumerate(text):
        if char == ".":
            spaced = _ends_at_abbreviation(text, index, True)
            assert spaced == _ends_at_abbreviation(text, index) == _reference_ends_at_abbreviation(text, index)
