"""Sentence segmentation: an article becomes a title, section headings and sentences, each with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventcoder.text.tokenize import ABBREVIATIONS

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) before whitespace and
# an upper-case letter, a digit, or an opening quote.
_BOUNDARY_RE = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LAST_WORD_RE = re.compile(r"(\S+)$")
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Sentence:
    """A unit of text to code: a sentence, the title, or a section heading."""

    index: int
    text: str
    start: int  # offset of the sentence in its paragraph-joined article text
    kind: str  # "title", "heading" or "sentence"


def _looks_like_heading(line: str) -> bool:
    """A short line without sentence-final punctuation is a section heading."""
    stripped = line.strip()
    return len(stripped.split()) <= _HEADING_MAX_WORDS and not stripped.endswith((".", "!", "?", '"', "”", ":"))


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph, honouring abbreviations and quotes."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(paragraph):
        end = match.end()
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]")) == 1:
            last = _LAST_WORD_RE.search(paragraph, 0, match.start() + 1)
            if last and last.group(1).lower() in ABBREVIATIONS:
                continue
            if last and re.fullmatch(r"[A-Z]\.", last.group(1)):
                continue  # an initial such as "J."
        spans.append((start, end))
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if start < len(paragraph) and paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def segment(title: str | None, body: str) -> list[Sentence]:
    """Split an article into units: the title first (index 0), then headings and sentences in order."""
    units: list[Sentence] = []
    if title and title.strip():
        units.append(Sentence(0, title.strip(), 0, "title"))
    offset = 0
    for line in body.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if _looks_like_heading(line):
            lead = len(line) - len(line.lstrip())
            units.append(Sentence(len(units), line.strip(), line_start + lead, "heading"))
            continue
        for start, end in split_sentences(line):
            text = line[start:end].strip()
            if text:
                units.append(Sentence(len(units), text, line_start + start, "sentence"))
    return units
