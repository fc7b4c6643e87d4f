"""Convert PETRARCH / TABARI actor and agent dictionaries into eventcoder YAML codebook entries.

The flat-text formats are described in docs/petrarch-import.md. Parsing is pure: text in,
`ImportResult` out. Every line that is not converted is returned in `ImportResult.skipped` with the
reason, and every line converted with a change of meaning is returned in `ImportResult.notes` (and
in the entry's `note`). Only `read_dictionaries` and `write_codebook` touch the file system.

Conventions decided here (documented in docs/petrarch-import.md):

- Dates are `YYMMDD` or `YYYYMMDD`; two-digit years 00-29 are 20xx, 30-99 are 19xx.
- Names are title-cased ("NICOLAS_MADURO_" -> "Nicolas Maduro"), except a one-word phrase of at most
  three letters, which is an acronym and stays upper-case ("UN", "ICJ"). Agent names are lower-case
  under the same acronym exception.
- A last word without a trailing `_` may be a stem in PETRARCH. It is converted as that exact word when
  it looks like a full word (`looks_like_full_word`) and skipped otherwise (`MINISTR`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError

from eventcoder.codebook.spec import FORMAT_VERSION, ActorSpec, AgentSpec, DiscardSpec
from eventcoder.errors import InputError, OutputError

DictionaryKind = Literal["actors", "agents", "patterns", "discard"]

Entry = dict[str, object]

# Prefixes of CAMEO codes that are not countries: organisation types, regions, religions and roles.
# Anything else in the first three letters of a code is taken as the actor's country.
NON_COUNTRY_PREFIXES = frozenset(
    {
        "IGO", "NGO", "IMG", "MNC", "UIS", "UNK",
        "AFR", "ASA", "BLK", "BLN", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
        "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WEU", "WST",
        "ATH", "BAH", "BUD", "CHR", "CON", "CTH", "DOX", "HIN", "ITR", "JAN", "JEW", "MOS", "ORT",
        "PRO", "SHI", "SHN", "SIK", "SUN", "TAO", "ZRO",
        "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "INS",
        "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SPY",
        "UAF",
    }
)  # fmt: skip

# Word-final consonant clusters of English and transliterated names; a last word ending in another
# cluster of two or more consonants ("MINISTR") is taken for a truncated stem.
FINAL_CLUSTERS = frozenset(
    {
        "CH", "CK", "CT", "DS", "FT", "GH", "GHT", "KS", "LD", "LF", "LK", "LM", "LP", "LS", "LT", "MB",
        "MP", "MS", "ND", "NG", "NK", "NS", "NT", "NCH", "NTH", "PH", "PS", "PT", "RB", "RC", "RCH",
        "RD", "RF", "RG", "RK", "RL", "RM", "RN", "RP", "RS", "RT", "RTH", "SH", "SK", "SM", "SP",
        "ST", "TCH", "TH", "TS", "TZ", "WN", "WS", "XT", "ZH", "NGTH", "LTH", "DTH", "FTH", "SCH",
    }
)  # fmt: skip

# Words that open a phrase naming one person ("PRESIDENT_FIREFLY_", "MRS_TEASDALE_"); evidence for `person`.
PERSON_TITLES = frozenset(
    {
        "PRESIDENT", "MR", "MRS", "MS", "MISS", "DR", "SIR", "DAME", "KING", "QUEEN", "PRINCE", "PRINCESS",
        "SHEIKH", "SHEIKHA", "EMIR", "SULTAN", "AYATOLLAH", "POPE", "SENATOR", "SEN", "GEN", "COL", "CAPT",
        "LT", "MAJ", "ADM", "AMBASSADOR", "CHANCELLOR", "GOVERNOR", "MAYOR", "PRIME MINISTER",
        "FOREIGN MINISTER", "VICE PRESIDENT", "CROWN PRINCE", "GRAND DUKE", "DUKE", "DUCHESS", "BARON",
        "COUNT", "COUNTESS", "LORD", "LADY", "RABBI", "IMAM", "MULLAH", "ARCHBISHOP", "BISHOP", "CARDINAL",
    }
)  # fmt: skip

LOWERCASE_PARTICLES = frozenset({"OF", "THE", "AND", "FOR", "DE", "DEL", "DA", "DOS", "VAN", "VON"})

_VOWELS = frozenset("AEIOUY")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")  # what str.splitlines splits on
_XML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_RESTRICTION = re.compile(
    r"^(?P<code>[A-Z0-9/]+|-+|\++)\s*(?:(?P<op>[<>])\s*(?P<date>\S+)|(?P<start>\S+)\s*-\s*(?P<end>\S+)|(?P<bad>\S.*))?$"
)
_DATE_TEXT = re.compile(r"^(\d{6}|\d{8})$")
_ACTOR_CODE = re.compile(r"^([A-Z]{3})+$")
_SUBSTITUTION_DEF = re.compile(r"^!(?P<name>[A-Z0-9_]+)!\s*=\s*(?P<words>.*)$")
_SUBSTITUTION_USE = re.compile(r"!([A-Z0-9_]+)!")
_AGENT_LINE = re.compile(r"^(?P<phrase>[^{}\[\]]+?)\s*(?:\{(?P<plural>[^{}]*)\})?\s*\[(?P<code>[^\[\]]*)\]$")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A dictionary line (or part of one) that was not converted, and why."""

    file: str
    line: int
    text: str
    reason: str

    def format(self) -> str:
        """Render as `file:line: reason` followed by the raw line, indented."""
        return f"{self.file}:{self.line}: {self.reason}\n    {self.text}"


@dataclass(frozen=True, slots=True)
class LineNote:
    """A dictionary line that was converted with a change of meaning, and what changed."""

    file: str
    line: int
    text: str
    message: str

    def format(self) -> str:
        """Render as `file:line: message` followed by the raw line, indented."""
        return f"{self.file}:{self.line}: {self.message}\n    {self.text}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The codebook entries converted from one dictionary file, and the lines that were not."""

    kind: DictionaryKind
    source: str
    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[LineNote, ...] = ()
    synsets: tuple[Entry, ...] = ()  # verb dictionaries only: their synonym sets
    converted: tuple[int, ...] = ()  # numbers of the lines that went into entries (with `skipped`: every line)


# --- shared helpers ------------------------------------------------------------------------------------


def strip_comment(line: str) -> str:
    """Return the line without its `#` or `;` comment and surrounding blanks."""
    return re.split(r"[#;]", line, maxsplit=1)[0].strip()


def blank_xml_comments(text: str) -> str:
    """Replace every `<!-- ... -->` comment (it may span lines) by blanks, keeping the line breaks.

    An unclosed `<!--` comments out the rest of the file, as an XML reader would.
    """

    def blank(match: re.Match[str]) -> str:
        return "".join(ch if ch in _LINE_BREAKS else " " for ch in match.group(0))

    return _XML_COMMENT.sub(blank, text)


def _lines_without_xml_comments(text: str) -> list[tuple[str, str]]:
    """Pair every line of the text with the same line with its XML comments blanked."""
    return list(zip(text.splitlines(), blank_xml_comments(text).splitlines(), strict=True))


def parse_date(text: str) -> dt.date:
    """Parse `YYMMDD` or `YYYYMMDD`; two-digit years 00-29 are 20xx and 30-99 are 19xx.

    Raises ValueError with a readable message when the text is not such a date.
    """
    if not _DATE_TEXT.match(text):
        raise ValueError(f"'{text}' is not a YYMMDD or YYYYMMDD date")
    if len(text) == 6:
        two_digit = int(text[:2])
        year = 2000 + two_digit if two_digit <= 29 else 1900 + two_digit
    else:
        year = int(text[:4])
    try:
        return dt.date(year, int(text[-4:-2]), int(text[-2:]))
    except ValueError as error:
        raise ValueError(f"'{text}' is not a valid date ({error})") from error


def looks_like_full_word(word: str) -> bool:
    """Say whether a possibly-stemmed last word is a whole word: short, vowel-final, or a usual final cluster."""
    letters = "".join(ch for ch in word.upper() if "A" <= ch <= "Z")
    if len(letters) <= 4 or letters[-1] in _VOWELS:
        return True
    cluster = len(letters) - len(letters.rstrip("BCDFGHJKLMNPQRSTVWXZ"))
    tail = letters[-cluster:]
    if cluster <= 1 or tail[-2] == tail[-1]:
        return True
    return tail in FINAL_CLUSTERS or (tail.endswith("S") and tail[:-1] in FINAL_CLUSTERS)


def split_words(phrase: str) -> tuple[tuple[str, ...], bool]:
    """Split a dictionary phrase into upper-case words; also say whether it had blanks between words."""
    text = phrase.strip().upper().rstrip("_")
    has_blank = bool(re.search(r"\s", text))
    words = tuple(word for word in re.split(r"[_\s]+", text) if word)
    return words, has_blank


def display_name(words: Sequence[str], *, lower: bool = False) -> str:
    """Render dictionary words as a name: lower case, or title case keeping one-word acronyms of <= 3 letters."""
    if lower:
        return " ".join(word.lower() for word in words)
    if len(words) == 1 and len(words[0]) <= 3 and words[0].isalpha():
        return words[0]
    rendered = []
    for index, word in enumerate(words):
        if index > 0 and word in LOWERCASE_PARTICLES:
            rendered.append(word.lower())
            continue
        chars = [ch.upper() if i == 0 or not word[i - 1].isalnum() else ch.lower() for i, ch in enumerate(word)]
        rendered.append("".join(chars))
    return " ".join(rendered)


def slugify(text: str) -> str:
    """Make an entry id from a phrase: ASCII lower case, other characters collapsed to `-`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "entry"


def assign_unique_ids(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Return copies of the entries whose ids are made unique in order by suffixing -2, -3, ..."""
    used: set[str] = set()
    result = []
    for entry in entries:
        base = str(entry["id"])
        candidate = base
        for number in itertools.count(2):
            if candidate not in used:
                break
            candidate = f"{base}-{number}"
        used.add(candidate)
        result.append({**entry, "id": candidate})
    return tuple(result)


def _dedupe(names: Iterable[str]) -> list[str]:
    """Keep the first of names that differ only in case, in order."""
    seen: set[str] = set()
    kept = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


def _validation_reason(error: ValidationError) -> str:
    """Summarise a pydantic error as one line: `field: message; ...`."""
    parts = [f"{'.'.join(str(p) for p in item['loc']) or 'entry'}: {item['msg']}" for item in error.errors()]
    return "converted entry is invalid (" + "; ".join(parts) + ")"


# --- actors --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CodeSpan:
    """One `[CODE ...]` restriction; no dates means the default code, code None means `[---]`."""

    code: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    compound: tuple[str, ...] = ()  # the other parts of a compound code [A/B/C]: B, C

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


def _span_text(span: _CodeSpan) -> str:
    """Render a span as PETRARCH would write it, with ISO dates: `FRDGOV 1933-01-01..1935-12-31`."""
    return f"{span.code} {span.start or ''}..{span.end or ''}"


def resolve_overlaps(spans: Sequence[_CodeSpan]) -> tuple[list[_CodeSpan], list[str]]:
    """Make dated spans disjoint: where two overlap, the one starting later holds (ties: the later line).

    The earlier span keeps its days before and after the later one, so a span inside another splits it.
    Returns the disjoint spans in date order and one message per overlap that was resolved.
    """
    day = dt.timedelta(days=1)
    kept: list[tuple[dt.date, dt.date, _CodeSpan]] = []
    messages: list[str] = []
    order = sorted(enumerate(spans), key=lambda item: (item[1].start or dt.date.min, item[0]))
    for _, span in order:
        start, end = span.start or dt.date.min, span.end or dt.date.max
        remaining = []
        for old_start, old_end, old in kept:
            if old_end < start or old_start > end:
                remaining.append((old_start, old_end, old))
                continue
            messages.append(
                f"dated codes {_span_text(old)} and {_span_text(span)} overlap; the later-starting "
                f"{span.code} holds from {span.start or 'the start'} to {span.end or 'the end'}"
            )
            if old_start < start:
                remaining.append((old_start, start - day, old))
            if old_end > end:
                remaining.append((end + day, old_end, old))
        kept = [*remaining, (start, end, span)]
    kept.sort(key=lambda item: item[0])
    resolved = [
        _CodeSpan(
            span.code,
            None if start == dt.date.min else start,
            None if end == dt.date.max else end,
        )
        for start, end, span in kept
    ]
    return resolved, messages


def parse_restriction(text: str) -> _CodeSpan:
    """Parse the inside of one `[...]`: `CODE`, `CODE >D`, `CODE <D`, `CODE D1-D2` or `---`.

    Blanks anywhere inside are tolerated. Raises ValueError with the reason when it cannot be read.
    """
    match = _RESTRICTION.match(text.strip().upper())
    if not match or match["bad"]:
        raise ValueError(f"cannot read code restriction '[{text}]'")
    raw_code = match["code"]
    code: str | None = None
    if raw_code.startswith("+"):
        raise ValueError(
            "[+++] is a PETRARCH special code with no eventcoder equivalent: an actor entry needs a code of its own"
        )
    parts = raw_code.split("/")
    if not raw_code.startswith("-"):
        for part in parts:
            if not _ACTOR_CODE.match(part):
                raise ValueError(
                    f"'{part}' is not a code made of 3-letter parts (an eventcoder actor code is 3-letter "
                    "parts A-Z, so a non-standard part cannot be kept)"
                )
        code = parts[0]
    if len(parts) > 1 and (match["op"] or match["start"]):
        raise ValueError(
            f"'{raw_code}' is a dated compound code; an eventcoder role span holds one code (a compound is "
            "undated: the entry's `compound`)"
        )
    if len(parts) > 1:
        return _CodeSpan(code, compound=tuple(parts[1:]))
    if match["op"] == ">":
        return _CodeSpan(code, start=parse_date(match["date"]))
    if match["op"] == "<":
        return _CodeSpan(code, end=parse_date(match["date"]))
    if match["start"]:
        start, end = parse_date(match["start"]), parse_date(match["end"])
        if start > end:
            raise ValueError(f"date range {match['start']}-{match['end']} ends before it starts")
        return _CodeSpan(code, start=start, end=end)
    return _CodeSpan(code)


@dataclass(slots=True)
class _ActorRecord:
    """An actor record being read: its phrases and code spans, with their line numbers."""

    line: int
    text: str
    phrases: list[tuple[tuple[str, ...], int, str]] = field(default_factory=list)
    spans: list[_CodeSpan] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)
    notes: list[LineNote] = field(default_factory=list)
    has_default: bool = False


def _country_of(code: str) -> str | None:
    """Return the country prefix of a code, or None when the prefix is not a country."""
    prefix = code[:3]
    return None if prefix in NON_COUNTRY_PREFIXES else prefix


def infer_actor_type(
    default: str | None,
    dated: Sequence[str],
    phrases: Sequence[Sequence[str]],
    country_codes: frozenset[str] = frozenset(),
) -> str:
    """Infer the ActorSpec type from evidence, not from the code's length.

    Dated codes: country when all are bare country codes (a state that existed for a while), else person.
    Person: a default code ending in ELI, or a primary phrase opening with a personal title or naming
    someone by an initial (K._ANNAN_). Then igo/ngo/company by prefix. Country: a bare country code that
    `country_codes` lists (used as the first part of other codes, or known as a country). Person: a
    synonym opening with a title. Else group.
    """
    codes = ([default] if default else []) + list(dated)
    bare_countries = all(len(code) == 3 and _country_of(code) for code in codes)
    if dated:
        return "country" if bare_countries else "person"
    if (default or "").endswith("ELI") or (phrases and _names_a_person(phrases[0], initials=True)):
        return "person"
    code = default or ""
    if code.startswith("IGO"):
        return "igo"
    if code.startswith("NGO"):
        return "ngo"
    if code.startswith("MNC"):
        return "company"
    if bare_countries and all(code in country_codes for code in codes):
        return "country"
    if any(_names_a_person(words, initials=False) for words in phrases[1:]):
        return "person"
    return "group"


def _names_a_person(words: Sequence[str], *, initials: bool) -> bool:
    """Say whether a phrase opens with a personal title (PRESIDENT_..., MRS_...), or, with `initials`, names
    someone by an initial and a name (K._ANNAN, not U._S.)."""
    if len(words) > 1 and (words[0] in PERSON_TITLES or " ".join(words[:2]) in PERSON_TITLES):
        return True
    has_initial = any(re.fullmatch(r"[A-Z]\.", word) for word in words)
    return initials and has_initial and any(len(word.strip(".")) > 2 for word in words)


def country_prefixes(text: str) -> frozenset[str]:
    """The country parts of a dictionary's codes: the first three letters of every longer code."""
    codes = re.findall(r"\[\s*([A-Z]{6,})", blank_xml_comments(text).upper())
    return frozenset(code[:3] for code in codes if _country_of(code))


def infer_country(default: str | None, dated: Sequence[str]) -> str | None:
    """The country of the default code; else the one country all dated codes share; else none."""
    if default:
        return _country_of(default)
    countries = {_country_of(code) for code in dated}
    if len(countries) == 1:
        return countries.pop()
    return None


def _read_codes(record: _ActorRecord, codes_text: Sequence[str], source: str, number: int, raw: str) -> list[Skipped]:
    """Add the restrictions found on one line to the record; return the ones that could not be read."""
    problems = []
    for text in codes_text:
        try:
            span = parse_restriction(text)
        except ValueError as error:
            problems.append(Skipped(source, number, raw, f"[{text.strip()}] skipped: {error}"))
            continue
        if span.dated:
            if span.code is None:
                reason = (
                    f"[{text.strip()}] skipped: a dated null code (PETRARCH codes no actor in that period) cannot "
                    "be expressed; an eventcoder role span needs a code"
                )
                problems.append(Skipped(source, number, raw, reason))
                continue
            record.spans.append(span)
        elif record.has_default and span not in record.spans:
            problems.append(
                Skipped(source, number, raw, f"[{text.strip()}] skipped: the record already has a default code")
            )
        elif not record.has_default:
            record.has_default = True
            record.spans.append(span)
    return problems


def _finish_actor(
    record: _ActorRecord, source: str, country_codes: frozenset[str]
) -> tuple[Entry | None, list[Skipped]]:
    """Turn a complete record into an entry, or explain why each of its lines is skipped."""
    default = next((span.code for span in record.spans if not span.dated), None)
    compound = next((span.compound for span in record.spans if not span.dated), ())
    dated = [span for span in record.spans if span.dated]
    if not record.phrases:
        reason = "record has no phrase that can be converted"
    elif default is None and not dated:
        reason = "record has no code (no [CODE] on the phrase or on the lines after it)"
    else:
        reason = ""
    if reason:
        first = f"record starting at line {record.line}: {reason}"
        return None, [Skipped(source, number, text, first) for number, text in record.lines]
    words = record.phrases[0][0]
    dated, overlaps = resolve_overlaps(dated)
    record.notes.extend(LineNote(source, record.line, record.text, message) for message in overlaps)
    entry: Entry = {
        "id": slugify(" ".join(words)),
        "name": display_name(words),
        "type": infer_actor_type(
            default, [span.code or "" for span in dated], [phrase for phrase, _, _ in record.phrases], country_codes
        ),
    }
    if compound:  # several actors: no one country, and no one type but a group
        entry["type"] = "group"
    if default:
        entry["code"] = default
    if compound:
        entry["compound"] = list(compound)
    country = None if compound else infer_country(default, [span.code or "" for span in dated])
    if country:
        entry["country"] = country
    entry["names"] = _dedupe(display_name(phrase) for phrase, _, _ in record.phrases)
    if dated:
        roles: list[Entry] = []
        for span in dated:
            role: Entry = {"code": span.code}
            if span.start:
                role["from"] = span.start
            if span.end:
                role["until"] = span.end
            roles.append(role)
        entry["roles"] = roles
    if record.notes:
        entry["note"] = "; ".join(note.message for note in record.notes)
    try:
        ActorSpec.model_validate(entry)
    except ValidationError as error:
        reason = _validation_reason(error)
        return None, [Skipped(source, number, text, reason) for number, text in record.lines]
    return entry, []


def parse_actor_dictionary(text: str, source: str, known_countries: frozenset[str] = frozenset()) -> ImportResult:
    """Convert a PETRARCH/TABARI actor dictionary into ActorSpec-shaped entries.

    A record is a primary phrase, `+` synonym lines and code lines (`[CODE]`, `[CODE >D]`, `[CODE <D]`,
    `[CODE D1-D2]`, several per line). The undated code becomes `code`, dated codes become `roles`.
    Ids are slugs of the primary phrase, unique within the result. A bare three-letter code is a country
    when it is the first part of another code in the text or is listed in `known_countries`.
    """
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    notes: list[LineNote] = []
    record: _ActorRecord | None = None
    country_codes = known_countries | country_prefixes(text)
    converted: list[int] = []

    def finish() -> None:
        if record is not None:
            entry, problems = _finish_actor(record, source, country_codes)
            skipped.extend(problems)
            if entry is not None:
                entries.append(entry)
                notes.extend(record.notes)
                converted.extend(number for number, _ in record.lines)

    for number, (raw, uncommented) in enumerate(_lines_without_xml_comments(text), start=1):
        line = strip_comment(uncommented)
        if not line:
            continue
        raw = raw.rstrip()
        codes_text = _BRACKET.findall(line)
        rest = _BRACKET.sub(" ", line).strip()
        if "[" in rest or "]" in rest:
            skipped.append(Skipped(source, number, raw, "unbalanced [ ] on the line"))
            continue
        is_synonym = rest.startswith("+")
        if not is_synonym and rest:
            finish()
            record = _ActorRecord(line=number, text=raw)
        elif record is None:
            what = "synonym" if is_synonym else "code line"
            skipped.append(Skipped(source, number, raw, f"{what} before any primary phrase"))
            continue
        record.lines.append((number, raw))
        phrase = rest.lstrip("+").strip()
        if phrase:
            problem = _add_actor_phrase(record, phrase, source, number, raw)
            if problem:
                skipped.append(problem)
        elif is_synonym:
            skipped.append(Skipped(source, number, raw, "empty synonym"))
        skipped.extend(_read_codes(record, codes_text, source, number, raw))
    finish()
    skipped.sort(key=lambda item: item.line)
    return ImportResult(
        "actors", source, assign_unique_ids(entries), tuple(skipped), tuple(notes), converted=tuple(converted)
    )


def _add_actor_phrase(record: _ActorRecord, phrase: str, source: str, number: int, raw: str) -> Skipped | None:
    """Add one phrase to the record, or return why it cannot be converted."""
    words, has_blank = split_words(phrase)
    if not words:
        return Skipped(source, number, raw, "phrase has no words")
    exact = phrase.rstrip().endswith("_")
    if not exact and not looks_like_full_word(words[-1]):
        return Skipped(
            source,
            number,
            raw,
            f"'{words[-1]}' is a stem (no trailing _); eventcoder names are exact, so it cannot be converted",
        )
    if has_blank:
        record.notes.append(
            LineNote(
                source,
                number,
                raw,
                f"'{phrase.strip()}': blanks allowed other words in between; converted to the exact phrase",
            )
        )
    record.phrases.append((words, number, raw))
    return None


# --- agents --------------------------------------------------------------------------------------------


def plural_of(word: str) -> str:
    """Regular English plural of an upper-case word: +ES after S/X/Z/SH/CH, consonant+Y -> IES, else +S."""
    if word.endswith(("S", "X", "Z", "SH", "CH")):
        return word + "ES"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    return word + "S"


def _read_substitution_sets(lines: Sequence[str]) -> tuple[dict[str, tuple[str, ...]], dict[int, str]]:
    """Collect `!NAME! = A, B` sets from the whole file; return them and the lines defining a duplicate."""
    sets: dict[str, tuple[str, ...]] = {}
    duplicates: dict[int, str] = {}
    for number, raw in enumerate(lines, start=1):
        match = _SUBSTITUTION_DEF.match(strip_comment(raw).upper())
        if not match:
            continue
        words = tuple(word.strip() for word in match["words"].split(",") if word.strip())
        if match["name"] in sets:
            duplicates[number] = f"substitution set !{match['name']}! is already defined"
        elif not words:
            duplicates[number] = f"substitution set !{match['name']}! has no words"
        else:
            sets[match["name"]] = words
    return sets, duplicates


def expand_substitutions(phrase: str, sets: dict[str, tuple[str, ...]]) -> list[str]:
    """Expand every `!NAME!` in a phrase into each word of its set (all combinations, in order).

    Raises KeyError naming the first set that is not defined.
    """
    parts = _SUBSTITUTION_USE.split(phrase)
    choices: list[tuple[str, ...]] = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            choices.append((part,))
        elif part in sets:
            choices.append(sets[part])
        else:
            raise KeyError(part)
    return ["".join(combination) for combination in itertools.product(*choices)]


def _agent_sector(code_text: str) -> tuple[str, str | None]:
    """Read `~CODE` or `CODE~`: return the sector and a note when the code said more than that.

    Raises ValueError when the code is not of that form.
    """
    code = re.sub(r"\s+", "", code_text.upper())
    if code.startswith("~") and not code.endswith("~"):
        roles, prefix = code[1:], False
    elif code.endswith("~") and not code.startswith("~"):
        roles, prefix = code[:-1], True
    else:
        raise ValueError(f"agent code '[{code_text.strip()}]' is not [~CODE] (append) or [CODE~] (prefix)")
    if not _ACTOR_CODE.match(roles):
        raise ValueError(f"'{roles}' is not a code made of 3-letter parts")
    remarks = []
    if len(roles) > 3:
        remarks.append(f"PETRARCH code [{code}] has several roles; only the first, {roles[:3]}, is the sector")
    if prefix:
        remarks.append(f"PETRARCH [{code}] put the code before the actor's code; converted as a sector")
    return roles[:3], "; ".join(remarks) or None


def parse_agent_dictionary(text: str, source: str) -> ImportResult:
    """Convert a PETRARCH agent dictionary into AgentSpec-shaped entries.

    Lines are `PHRASE {PLURAL} [~AGT]` or `PHRASE [AGT~]`; `!SET! = A, B` substitution sets are expanded
    wherever `!SET!` appears. Regular plurals are generated for the last word unless the phrase ends in `_`,
    ends in a substitution set, or gives `{PLURAL}` (`{}` means none).
    """
    lines = text.splitlines()
    uncommented_lines = blank_xml_comments(text).splitlines()
    sets, bad_sets = _read_substitution_sets(uncommented_lines)
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    notes: list[LineNote] = []
    converted: list[int] = []
    for number, (raw_line, uncommented) in enumerate(zip(lines, uncommented_lines, strict=True), start=1):
        line = strip_comment(uncommented).upper()
        raw = raw_line.rstrip()
        if not line:
            continue
        if number in bad_sets:
            skipped.append(Skipped(source, number, raw, bad_sets[number]))
            continue
        if _SUBSTITUTION_DEF.match(line):
            converted.append(number)
            continue
        match = _AGENT_LINE.match(line)
        if not match:
            skipped.append(Skipped(source, number, raw, "not an agent line: expected PHRASE {PLURAL} [~CODE]"))
            continue
        try:
            entry, messages = _convert_agent(match["phrase"], match["plural"], match["code"], sets)
        except ValueError as error:
            skipped.append(Skipped(source, number, raw, str(error)))
            continue
        try:
            AgentSpec.model_validate(entry)
        except ValidationError as error:
            skipped.append(Skipped(source, number, raw, _validation_reason(error)))
            continue
        entries.append(entry)
        converted.append(number)
        notes.extend(LineNote(source, number, raw, message) for message in messages)
    return ImportResult(
        "agents", source, assign_unique_ids(entries), tuple(skipped), tuple(notes), converted=tuple(converted)
    )


def _convert_agent(
    phrase: str, plural: str | None, code: str, sets: dict[str, tuple[str, ...]]
) -> tuple[Entry, list[str]]:
    """Build one agent entry from the parts of a line; raise ValueError with the reason it cannot be."""
    sector, code_note = _agent_sector(code)
    messages = [code_note] if code_note else []
    phrase = phrase.strip()
    try:
        expansions = expand_substitutions(phrase, sets)
    except KeyError as error:
        raise ValueError(f"substitution set !{error.args[0]}! is not defined") from error
    exact = phrase.endswith("_")
    ends_in_set = bool(re.search(r"!\s*_?$", phrase))
    singulars = [split_words(expansion)[0] for expansion in expansions]
    if any(not words for words in singulars):
        raise ValueError("phrase has no words")
    if not exact and not ends_in_set and not looks_like_full_word(singulars[0][-1]):
        raise ValueError(
            f"'{singulars[0][-1]}' is a stem (no trailing _); eventcoder names are exact, so it cannot be converted"
        )
    if re.search(r"\s", phrase):
        messages.append(f"'{phrase}': blanks allowed other words in between; converted to the exact phrase")
    forms = list(singulars)
    if plural is not None:
        plural_words = split_words(plural)[0]
        if plural_words:
            forms.append(plural_words)
    elif not exact and not ends_in_set:
        forms.extend((*words[:-1], plural_of(words[-1])) for words in singulars)
    entry: Entry = {
        "id": slugify(_SUBSTITUTION_USE.sub(r" \1 ", phrase)),
        "sector": sector,
        "names": _dedupe(display_name(words, lower=True) for words in forms),
    }
    if messages:
        entry["note"] = "; ".join(messages)
    return entry, messages


# --- discard lists -------------------------------------------------------------------------------------

_DISCARD_LINE = re.compile(r"^(?P<story>\+)?\s*(?P<phrase>[^\[\]{}]+?)\s*$")


def parse_discard_dictionary(text: str, source: str) -> ImportResult:
    """Convert a discard list: one phrase a line, `+` in front for a story-level discard.

    A phrase ending in `_` must end at a word boundary (`stem: false`); otherwise its last word is a stem,
    as PETRARCH reads it (`CHAMPION` also stops "championship"). `_` inside a phrase joins words. Ids are
    `petrarch-<file>-<line>`, so every entry names its source line.
    """
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    converted: list[int] = []
    for number, (raw, line) in enumerate(_lines_without_xml_comments(text), start=1):
        content = strip_comment(line).strip()
        if not content:
            continue
        match = _DISCARD_LINE.match(content)
        words = match.group("phrase").replace("_", " ").split() if match else []
        if not match or not words:
            skipped.append(Skipped(source, number, raw.strip(), "not a discard phrase (`[`, `]`, `{` or `}` in it)"))
            continue
        exact = match.group("phrase").endswith("_")
        entry: Entry = {
            "id": f"petrarch-{slugify(source)}-{number}",
            "phrase": " ".join(words).lower(),
            "scope": "story" if match.group("story") else "sentence",
            "stem": not exact,
        }
        try:
            DiscardSpec.model_validate(entry)
        except ValidationError as error:
            skipped.append(Skipped(source, number, raw.strip(), _validation_reason(error)))
            continue
        entries.append(entry)
        converted.append(number)
    return ImportResult("discard", source, tuple(entries), tuple(skipped), converted=tuple(converted))


# --- files ---------------------------------------------------------------------------------------------


def detect_kind(name: str, text: str) -> DictionaryKind:
    """Say whether a dictionary holds actors, agents or verbs (patterns).

    By file name (`.actors.txt`, `.agents.txt`, `.verbs`, a name containing `discard`); else verbs when a
    line is a verb family header `--- NAME [CODE] ---`, agents when a code has `~`, else actors.
    """
    lowered = name.lower()
    if lowered.endswith(".actors.txt"):
        return "actors"
    if lowered.endswith(".agents.txt"):
        return "agents"
    if "discard" in lowered:
        return "discard"
    uncommented = blank_xml_comments(text)
    if lowered.endswith(".verbs") or re.search(r"^---\s+\S.*\[[^\]]*\]\s*---\s*$", uncommented, re.MULTILINE):
        return "patterns"
    for line in uncommented.splitlines():
        code_part = strip_comment(line)
        if re.search(r"\[\s*~|~\s*\]", code_part):
            return "agents"
    return "actors"


def parse_dictionary(
    text: str, source: str, kind: DictionaryKind, known_countries: frozenset[str] = frozenset()
) -> ImportResult:
    """Parse a dictionary of the given kind; `known_countries` are country codes other files give evidence of."""
    if kind == "actors":
        return parse_actor_dictionary(text, source, known_countries)
    if kind == "patterns":
        from eventcoder.codebook.petrarch_verbs import parse_verb_dictionary  # it builds on this module

        return parse_verb_dictionary(text, source)
    if kind == "discard":
        return parse_discard_dictionary(text, source)
    return parse_agent_dictionary(text, source)


def read_dictionaries(
    paths: Sequence[Path], kind: DictionaryKind | None = None, known_countries: frozenset[str] = frozenset()
) -> list[ImportResult]:
    """Read and convert dictionary files; `kind` forces actors or agents instead of detecting it per file.

    Files are decoded as UTF-8, falling back to Latin-1 (older TABARI files). Raises InputError when a
    file cannot be read.
    """
    texts = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read dictionary {path}: {error.strerror or error}") from error
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(data.decode("latin-1"))
    kinds = [kind or detect_kind(path.name, text) for path, text in zip(paths, texts, strict=True)]
    countries = known_countries.union(
        *(country_prefixes(text) for text, file_kind in zip(texts, kinds, strict=True) if file_kind == "actors")
    )
    return [
        parse_dictionary(text, path.name, file_kind, countries)
        for path, text, file_kind in zip(paths, texts, kinds, strict=True)
    ]


def format_report(results: Sequence[ImportResult]) -> str:
    """Render the import report: per-kind counts, then skipped lines, then lines converted with changes."""
    lines = ["PETRARCH dictionary import report", ""]
    for result in results:
        lines.append(
            f"{result.source} ({result.kind}): {len(result.entries)} entries, "
            f"{len(result.skipped)} lines skipped, {len(result.notes)} converted with changes"
        )
    for title, attribute in (("Skipped lines", "skipped"), ("Converted with changes", "notes")):
        items = [item.format() for result in results for item in getattr(result, attribute)]
        lines += ["", f"{title} ({len(items)}):"]
        lines += items or ["    (none)"]
    return "\n".join(lines) + "\n"


def write_codebook(results: Sequence[ImportResult], out_dir: Path) -> list[Path]:
    """Write `actors.yaml` / `agents.yaml` (the kinds present) and `import-report.txt` into out_dir.

    Entries of one kind from several files are concatenated in input order and their ids made unique.
    Returns the written paths (codebooks first, report last). Raises OutputError when writing fails.
    """
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for kind in ("actors", "agents"):
            of_kind = [result for result in results if result.kind == kind]
            if not of_kind:
                continue
            sources = ", ".join(result.source for result in of_kind)
            document = {
                "format_version": FORMAT_VERSION,
                "kind": kind,
                "description": f"{kind.capitalize()} imported from PETRARCH dictionaries: {sources}",
                "entries": list(assign_unique_ids(entry for result in of_kind for entry in result.entries)),
            }
            path = out_dir / f"{kind}.yaml"
            path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
            written.append(path)
        report = out_dir / "import-report.txt"
        report.write_text(format_report(results), encoding="utf-8")
        written.append(report)
    except OSError as error:
        raise OutputError(f"cannot write the imported codebook to {out_dir}: {error.strerror or error}") from error
    return written
