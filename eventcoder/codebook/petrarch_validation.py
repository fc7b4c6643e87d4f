"""Validation records in the style of PETRARCH-2's unit-test suite, and how a codebook scores on them.

A record file holds `<Sentence date="YYYYMMDD" id="...">` blocks, each with a `<Text>` and one
`<EventCoding source="..." target="..." code="..."/>` per expected event (`<EventCoding noevents="True"/>`
when none is expected); `<!-- -->` comments are ignored. Scoring is the one the issue-13 bar uses: exact
recall (code, source and target equal), recall on CAMEO root with the first three letters of both actors,
and the precision of each. Reading is pure; coding goes through `coder.code_text`, as `eventcoder code` does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import code_text
from eventcoder.errors import InputError

_SENTENCE = re.compile(r"<Sentence\b(?P<attrs>[^>]*)>(?P<body>.*?)</Sentence>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<Text>(?P<text>.*?)</Text>", re.DOTALL)
_CODING = re.compile(r"<EventCoding\b(?P<attrs>[^>]*?)/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

Event = tuple[str, str, str]  # (source, target, code)


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    """One sentence with its date and the events a coder following the dictionaries should find."""

    id: str
    date: dt.date
    text: str
    expected: tuple[Event, ...]
    rule: str = ""


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What the coder found for one record (events as (source, target, code)), or the error it raised."""

    record: ValidationRecord
    coded: tuple[Event, ...]
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationScore:
    """Exact and root-plus-actors recall and precision over a set of records, and the records that crashed."""

    records: int
    expected: int
    coded: int
    exact: int  # expected events coded with the same code, source and target
    loose: int  # same CAMEO root and the same first three letters of source and target
    exact_coded: int  # coded events that match an expected one exactly
    loose_coded: int
    crashed: int

    @property
    def exact_recall(self) -> float:
        return self.exact / self.expected if self.expected else 0.0

    @property
    def loose_recall(self) -> float:
        return self.loose / self.expected if self.expected else 0.0

    @property
    def exact_precision(self) -> float:
        return self.exact_coded / self.coded if self.coded else 0.0

    @property
    def loose_precision(self) -> float:
        return self.loose_coded / self.coded if self.coded else 0.0

    def format(self) -> str:
        """One line with every figure."""
        return (
            f"{self.records} records, {self.expected} expected events, {self.coded} coded, {self.crashed} crashed; "
            f"exact recall {self.exact_recall:.3f} precision {self.exact_precision:.3f}; "
            f"root+actors recall {self.loose_recall:.3f} precision {self.loose_precision:.3f}"
        )


def _attributes(text: str) -> dict[str, str]:
    return {key.lower(): value for key, value in _ATTRIBUTE.findall(text)}


def read_records(text: str, source: str = "<records>") -> list[ValidationRecord]:
    """Parse a validation record file; raises InputError naming the record that cannot be read."""
    records = []
    for match in _SENTENCE.finditer(_COMMENT.sub("", text)):
        attributes = _attributes(match.group("attrs"))
        record_id = attributes.get("id", "?")
        body = match.group("body")
        sentence = _TEXT.search(body)
        try:
            date = dt.datetime.strptime(attributes["date"], "%Y%m%d").date()
        except (KeyError, ValueError) as error:
            raise InputError(f"{source}: record {record_id}: no date as YYYYMMDD") from error
        if sentence is None:
            raise InputError(f"{source}: record {record_id}: no <Text>")
        expected = []
        for coding in _CODING.finditer(body):
            values = _attributes(coding.group("attrs"))
            if values.get("noevents", "").lower() == "true":
                continue
            if not {"source", "target", "code"} <= values.keys():
                raise InputError(f"{source}: record {record_id}: an EventCoding needs source, target and code")
            expected.append((values["source"], values["target"], values["code"]))
        text_value = " ".join(sentence.group("text").split())
        records.append(ValidationRecord(record_id, date, text_value, tuple(expected), attributes.get("rule", "")))
    return records


def code_records(records: Iterable[ValidationRecord], codebook: Codebook) -> list[RecordResult]:
    """Code every record; an exception is kept with its record (it counts as a crash), never raised."""
    results = []
    for record in records:
        try:
            rows = code_text(record.text, codebook, date=record.date, article_id=record.id).rows
        except Exception as error:  # noqa: BLE001 - a crash is a measured outcome, reported per record
            results.append(RecordResult(record, (), f"{type(error).__name__}: {error}"))
            continue
        coded = tuple(
            (row["source_code"] or "---", row["target_code"] or "---", row["cameo_code"])
            for row in rows
            if not row["negated"]
        )
        results.append(RecordResult(record, coded))
    return results


def loose_key(event: Event) -> Event:
    """The root-plus-actors form of an event: CAMEO root, first three letters of source and target."""
    source, target, code = event
    return source[:3], target[:3], code[:2]


def _matched(expected: Sequence[Event], coded: Sequence[Event]) -> int:
    """How many events the two lists share, counting duplicates once per occurrence."""
    return sum((Counter(expected) & Counter(coded)).values())


def score(results: Sequence[RecordResult]) -> ValidationScore:
    """Score coded records against their expected events."""
    expected = coded = exact = loose = 0
    for result in results:
        want, got = result.record.expected, result.coded
        expected += len(want)
        coded += len(got)
        exact += _matched(want, got)
        loose += _matched([loose_key(event) for event in want], [loose_key(event) for event in got])
    return ValidationScore(
        records=len(results),
        expected=expected,
        coded=coded,
        exact=exact,
        loose=loose,
        exact_coded=exact,
        loose_coded=loose,
        crashed=sum(1 for result in results if result.error is not None),
    )
