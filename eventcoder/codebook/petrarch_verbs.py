"""Convert a PETRARCH/TABARI verb dictionary (the CAMEO.2.0 format) into eventcoder synsets and patterns.

Pure: text in, `ImportResult` (kind `patterns`, with its `synsets`) out. Every line that is not converted is
returned in `skipped` with the reason; lines converted with a change of meaning are in `notes`. The mapping
is documented in docs/petrarch-import.md ("Verb dictionaries").

- `&NAME` with `+word` lines -> a synset `petrarch-name`.
- `--- DESCRIPTION [CODE] ---` opens a verb family; its verb lines (`VERB {FORMS} [CODE]`) become the
  trigger verbs of every pattern of the family (forms are inflections the matcher finds from the lemma).
  A family or verb code other than `---` becomes a pattern of the bare verb.
- `- WORDS * WORDS [CODE]`: each word, `{noun phrase}`, `(preposition phrase)` and `&SYNSET` becomes a
  `requires` constraint on the side of `*` it stands on; `$` and `+` choose the source and target slot
  (`subject` before `*`, `object` after it, `prep:P` inside `(P ... +)`).
- `[A:B]` (paired codes) -> two patterns: A as written, B with source and target swapped.
- `%` (a compound actor whose parties act on each other) -> `reciprocal: true`, the compound's slot as source,
  no target slot, `needs_target` (a single actor codes nothing).
- Not expressible, reported: a null code `[---]` with several parts, transformations (`~`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from eventcoder.codebook.petrarch import (
    Entry,
    ImportResult,
    LineNote,
    Skipped,
    _lines_without_xml_comments,
    _validation_reason,
    slugify,
    strip_comment,
)
from eventcoder.codebook.spec import PatternSpec, SynsetSpec

_FAMILY = re.compile(r"^---\s+(?P<name>.*?)\s*\[(?P<code>[^\]]*)\][-\s]*---\s*$")
_VERB = re.compile(r"^(?P<verb>[A-Z][A-Z_\- ]*?)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$")
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[*$+]|[^\s{}()*$+]+")
_CODE = re.compile(r"^\d{2,4}$")
UNMARKED_SOURCE = ("subject", "by")
UNMARKED_TARGET = ("object", "prep:to|against|on|with|from")


@dataclass(slots=True)
class _Family:
    """A verb family being read: its verbs (lemmas), its default code and where it started."""

    line: int
    name: str
    code: str | None
    paired: str | None = None
    verbs: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # its patterns, which its null-code phrases exclude
    nulls: list[Entry] = field(default_factory=list)  # constraints of its `[---]` patterns


def _words(text: str) -> str:
    """Dictionary words to a lower-case phrase: `_` joins words, a trailing `_` (exact word) is dropped."""
    return " ".join(word for word in re.split(r"[_\s]+", text.strip().lower()) if word)


def _code(text: str) -> tuple[str | None, str | None, str]:
    """Read a `[CODE]` or `[A:B]`: return the first code, the paired code, and a problem ('' when fine)."""
    parts = [part.strip() for part in text.split(":")]
    if len(parts) == 2 and not parts[0] and _CODE.match(parts[1]):
        return None, parts[1], ""  # [:B]: only the event with the actors swapped ("received aid")
    if len(parts) > 2 or not parts[0]:
        return None, None, f"cannot read code '[{text}]'"
    if parts[0].strip("-") == "" and len(parts) == 1:
        return None, None, ""
    if not all(_CODE.match(part) for part in parts):
        return None, None, f"'[{text}]' is not a CAMEO code (or a pair of them)"
    return parts[0], parts[1] if len(parts) == 2 else None, ""


DETERMINERS = ("the", "a", "an")


def _constraint(token: str, where: str) -> Entry | None:
    """One word, `{noun phrase}`, `(preposition phrase)` or `&SYNSET` token to a `requires` constraint.

    PETRARCH matches a preposition phrase's words in its noun phrase, whose determiner it passes over, so
    `(OF RISK)` also becomes "of the risk", "of a risk" and "of an risk"."""
    inner = re.sub(r"[{}()]", " ", token).strip()  # a noun phrase may sit inside a preposition phrase
    if inner.startswith("&") and " " not in inner:
        return {"synset": "petrarch-" + slugify(inner[1:]), "where": where}
    words = _words(inner.replace("&", ""))
    if not words:
        return None
    phrases = [words]
    head, _, rest = words.partition(" ")
    if token.startswith("(") and rest and rest.split()[0] not in DETERMINERS:
        phrases += [f"{head} {determiner} {rest}" for determiner in DETERMINERS]
    return {"words": phrases, "where": where}


def _pattern_entries(
    family: _Family, body: str, code_text: str, source: str, number: int, raw: str
) -> tuple[list[Entry], Skipped | None]:
    """Convert one `- ... [CODE]` line into pattern entries, or say why it cannot be."""
    first, paired, problem = _code(code_text)
    if problem:
        return [], Skipped(source, number, raw, problem)
    body = re.sub(r"\^", " ", body)  # `^` skips a noun phrase: the other words must still occur
    if not family.verbs:
        return [], Skipped(source, number, raw, "pattern before any verb of its family")
    tokens = _TOKEN.findall(body)
    if tokens.count("*") != 1:
        return [], Skipped(source, number, raw, "a pattern needs exactly one '*' (the verb)")
    star = tokens.index("*")
    requires: list[Entry] = []
    source_slot, target_slot = "subject", "object"
    target_marked = "+" in tokens or any("+" in token.strip("{}()").split() for token in tokens)
    source_marked = "$" in tokens or any("$" in token.strip("{}()").split() for token in tokens)
    compound_marked = "%" in tokens or any("%" in token.strip("{}()").split() for token in tokens)
    if compound_marked and (source_marked or target_marked or first is None):
        reason = "'%' (a compound acting on itself) with '$', '+' or a code only for the swapped event [:B]"
        return [], Skipped(source, number, raw, reason)
    for index, token in enumerate(tokens):
        if token == "*":
            continue
        where = "before" if index < star else "after"
        if token in ("$", "+", "%"):
            slot = "subject" if index < star else "object"
            if token in ("$", "%"):
                source_slot = slot
            else:
                target_slot = slot
            continue
        inner = token.strip("{}()").split()
        if "$" in inner or "+" in inner or "%" in inner:
            marker = next(mark for mark in ("$", "+", "%") if mark in inner)
            if not token.startswith("(") or len(inner) < 2 or not inner[0].isalpha() or inner.count(marker) > 1:
                return [], Skipped(source, number, raw, f"'{token}': an actor marker here has no slot rule")
            slot = f"prep:{_words(inner[0])}"
            if marker in ("$", "%"):
                source_slot = slot
            else:
                target_slot = slot
            rest = [word for word in inner[1:] if word != marker]
            if rest:  # other words of the phrase: (OF {BANNED PARTIES} +), (TO + BORDER)
                constraint = _constraint("(" + " ".join(rest) + ")", where)
                if constraint:
                    requires.append(constraint)
            continue
        constraint = _constraint(token, where)
        if constraint:
            requires.append(constraint)
    if first is None and paired is None:  # the null code: its phrase keeps the family's verbs from coding
        if len(requires) != 1 or source_marked or target_marked or compound_marked:
            reason = (
                "null code [---] with several words, phrases or actor markers: eventcoder's `excludes` suppress on "
                "one phrase each, not on several together"
            )
            return [], Skipped(source, number, raw, reason)
        family.nulls.append(requires[0])
        return [], None
    if source_slot != "subject" and not target_marked and not compound_marked:  # `$` moved: the subject is the target
        target_slot = "subject"
    if source_slot == target_slot and not compound_marked:
        return [], Skipped(source, number, raw, "source and target are in the same position")
    # Unmarked slots are found where PETRARCH looks for them: the subject (or the agent of a passive) and
    # the object or a preposition's object.
    sources = [source_slot] if source_marked or compound_marked else list(UNMARKED_SOURCE)
    targets = [target_slot] if target_marked or source_marked else list(UNMARKED_TARGET)
    if compound_marked:  # `%`: the parties of the compound act on each other, and a single actor codes nothing
        targets, paired = [], None if paired == first else paired
    base: Entry = {
        "trigger": {"verbs": list(dict.fromkeys(family.verbs))},
        "requires": requires,
        "bare_country_source": True,
        "note": f"imported from {source}:{number}: {raw.strip()}",
    }
    slot_id = f"petrarch-{slugify(source)}-{number}"
    entries: list[Entry] = []
    if first:
        entry = {"id": slot_id, "code": first, **base, "source": sources, "target": targets}
        if compound_marked:
            entry.update(reciprocal=True, needs_target=True)
        entries.append({**entry, "paired_code": paired} if paired else entry)
    elif paired:  # [:B]: only the swapped event
        entries.append({"id": f"{slot_id}-paired", "code": paired, **base, "source": targets, "target": sources})
    for entry in entries:
        try:
            PatternSpec.model_validate(entry)
        except ValidationError as error:
            return [], Skipped(source, number, raw, _validation_reason(error))
    return entries, None


def _verb_default(
    family: _Family, verb: str, code_text: str | None, source: str, number: int, raw: str
) -> Entry | Skipped | None:
    """The pattern of a verb on its own: the verb's code, else its family's (none for a null code)."""
    first, paired, problem = _code(code_text) if code_text else (family.code, family.paired, "")
    if problem:
        return Skipped(source, number, raw, problem)
    if not first:
        return None
    entry: Entry = {
        "id": f"petrarch-{slugify(source)}-{number}",
        "code": first,
        "trigger": {"verbs": [verb]},
        "bare_country_source": True,
        "note": f"imported from {source}:{number}: {raw.strip()}",
    }
    if paired:
        entry["paired_code"] = paired
    family.entries.append(entry)
    return entry


def parse_verb_dictionary(text: str, source: str) -> ImportResult:
    """Convert a verb dictionary into pattern entries (and, in `synsets`, its synonym sets)."""
    patterns: list[Entry] = []
    synsets: list[Entry] = []
    skipped: list[Skipped] = []
    notes: list[LineNote] = []
    family: _Family | None = None
    families: list[_Family] = []
    synset: Entry | None = None
    converted: list[int] = []
    for number, (raw_line, uncommented) in enumerate(_lines_without_xml_comments(text), start=1):
        line = strip_comment(uncommented)
        raw = raw_line.rstrip()
        if not line:
            continue
        if line.startswith("&"):
            synset = {"id": "petrarch-" + slugify(line[1:]), "description": f"from {source}:{number}", "words": []}
            synsets.append(synset)
            converted.append(number)
            continue
        if line.startswith("+"):
            if synset is None and family is not None:  # a multiword verb of the family: +CALL_OFF [160]
                multiword = _VERB.match(line[1:].strip())
                phrase = _words(multiword["verb"] if multiword else line[1:].split("{")[0].split("[")[0])
                family.verbs.append(phrase)
                message = f"multiword verb form '{phrase}' kept as a trigger phrase (eventcoder matches its lemmas)"
                notes.append(LineNote(source, number, raw, message))
                converted.append(number)
                default = _verb_default(family, phrase, multiword["code"] if multiword else None, source, number, raw)
                if isinstance(default, Skipped):
                    skipped.append(default)
                elif default is not None:
                    patterns.append(default)
            elif synset is None:
                skipped.append(Skipped(source, number, raw, "synset word before any &NAME"))
            elif _words(line[1:]):
                synset["words"].append(_words(line[1:]))  # type: ignore[attr-defined]
                converted.append(number)
            else:
                skipped.append(Skipped(source, number, raw, "empty synset word"))
            continue
        synset = None
        family_match = _FAMILY.match(line)
        if family_match:
            first, paired, problem = _code(family_match["code"])
            if problem:
                skipped.append(Skipped(source, number, raw, problem))
            family = _Family(number, family_match["name"], first, paired if first else None)
            families.append(family)
            converted.append(number)
            continue
        pattern_match = _PATTERN.match(line)
        if line.startswith("-") and pattern_match:
            if family is None:
                skipped.append(Skipped(source, number, raw, "pattern before any verb family"))
                continue
            body, code_text = pattern_match["body"], pattern_match["code"]
            entries, not_converted = _pattern_entries(family, body, code_text, source, number, raw)
            patterns.extend(entries)
            family.entries.extend(entries)
            if "^" in body and not not_converted:
                message = "'^' (any noun phrase) dropped: the pattern's other words must occur, whatever is between"
                notes.append(LineNote(source, number, raw, message))
            if not not_converted:
                converted.append(number)
            if not_converted:
                skipped.append(not_converted)
            continue
        verb_match = _VERB.match(line)
        if verb_match and family is not None:
            verb = _words(verb_match["verb"])
            family.verbs.append(verb)
            converted.append(number)
            default = _verb_default(family, verb, verb_match["code"], source, number, raw)
            if isinstance(default, Skipped):
                skipped.append(default)
            elif default is not None:
                patterns.append(default)
            continue
        reason = "not a synset, verb family, verb or pattern line"
        if line.startswith("~"):
            reason = "a PETRARCH-2 transformation rule (~) combines events of two clauses: no eventcoder equivalent"
        skipped.append(Skipped(source, number, raw, reason))
    for each in families:  # a null-code phrase keeps every pattern of its family from coding
        for entry in each.entries if each.nulls else ():
            entry["excludes"] = list(each.nulls)
    kept_synsets: list[Entry] = []
    for entry in synsets:
        try:
            SynsetSpec.model_validate(entry)
        except ValidationError as error:
            line_number = int(str(entry["description"]).rsplit(":", 1)[1])
            skipped.append(Skipped(source, line_number, str(entry["id"]), _validation_reason(error)))
            continue
        kept_synsets.append(entry)
    skipped.sort(key=lambda item: item.line)
    return ImportResult(
        "patterns", source, tuple(patterns), tuple(skipped), tuple(notes), tuple(kept_synsets), tuple(converted)
    )
