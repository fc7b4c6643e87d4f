"""`eventcoder eval`: code gold-standard texts and report recall and precision by event type, with the
source, and with source and target.

Two gold formats are read, one record per line:

- eventcoder's own: `{"id", "text", "date", "title"?, "events": [{"cameo_root" or "plover", "source":
  {"country", "sector"}, "target": {...}}]}` (see docs/eval.md);
- the PLOVER gold-standard records: `{"id", "date", "text", "gold": {"event", "source": [{"code"}],
  "target": [{"code"}]}}`.

Event types are compared on the PLOVER 0.5 categories the PLOVER gold standard uses; CAMEO codes map to
them by root (`plover_category`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import code_text
from eventcoder.errors import InputError

ROOT_CATEGORIES = {
    "02": "DEMAND", "10": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "09": "INVESTIGATE", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "ASSAULT",
}  # fmt: skip
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "INT"})


def plover_category(code: str) -> str | None:
    """The PLOVER 0.5 category of a CAMEO code (080-083 CONCEDE, 084-087 RETREAT; 01 has none)."""
    if code[:2] == "08":
        return "RETREAT" if code[:3] in ("084", "085", "086", "087") else "CONCEDE"
    return ROOT_CATEGORIES.get(code[:2])


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event: its type and the acceptable source and target actor codes (empty: any)."""

    category: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """A gold text with its expected events."""

    id: str
    text: str
    date: dt.date
    title: str | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """What the coder produced, reduced to what the metrics compare."""

    category: str | None
    code: str
    source: str
    target: str
    rule: str


def _codes(actors: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(str(actor.get("code") or actor.get("country") or "") for actor in actors if actor) - {""}


def _parse_record(raw: dict[str, Any], where: str) -> GoldRecord:
    date = dt.date.fromisoformat(str(raw.get("date") or "2000-01-01")[:10])
    if "gold" in raw:
        gold = raw["gold"]
        event = GoldEvent(str(gold["event"]), _codes(gold.get("source") or []), _codes(gold.get("target") or []))
        return GoldRecord(str(raw["id"]), str(raw["text"]), date, None, (event,))
    events = []
    for item in raw.get("events", []):
        category = item.get("plover") or plover_category(str(item.get("cameo_root") or item.get("cameo_code")))
        if category is None:
            raise InputError(f"{where}: an event needs 'plover' or a CAMEO root outside 01")
        source = item.get("source") or {}
        target = item.get("target") or {}
        events.append(GoldEvent(str(category), _codes([source]), _codes([target])))
    return GoldRecord(str(raw["id"]), str(raw["text"]), date, raw.get("title"), tuple(events))


def read_gold(path: Path) -> Iterator[GoldRecord]:
    """Read a gold file in either supported format."""
    if not path.is_file():
        raise InputError(f"gold file does not exist: {path}")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield _parse_record(json.loads(line), f"{path}:{number}")
            except (json.JSONDecodeError, KeyError, ValueError, TypeError) as error:
                raise InputError(f"{path}:{number}: not a gold record ({error})") from error


def _actor_matches(gold: frozenset[str], country: str | None, code: str | None) -> bool:
    if not gold:
        return True
    for wanted in gold:
        if wanted in NON_STATE and code and (code.startswith(wanted) or wanted in code):
            return True
        if country and wanted[:3] == country:
            return True
    return False


@dataclass
class Tally:
    """Counts for one category (or all): gold events found at each level, events coded and correct."""

    gold: int = 0
    found_type: int = 0
    found_source: int = 0
    found_both: int = 0
    coded: int = 0
    correct: int = 0


@dataclass
class EvalReport:
    """The figures of one evaluation run plus the misses and extras to look at."""

    records: int = 0
    sentences: int = 0
    total: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        """Recall at the three levels, precision of the type, and events per sentence."""
        total = self.total
        return {
            "recall_type": total.found_type / total.gold if total.gold else 0.0,
            "recall_type_source": total.found_source / total.gold if total.gold else 0.0,
            "recall_type_source_target": total.found_both / total.gold if total.gold else 0.0,
            "precision_type": total.correct / total.coded if total.coded else 0.0,
            "events_per_sentence": total.coded / self.sentences if self.sentences else 0.0,
        }

    def format(self, show_errors: bool = True) -> str:
        """A plain-text report: headline figures, a per-category table, then misses and extras."""
        lines = [
            f"{self.records} gold records, {self.sentences} sentences, {self.total.gold} gold events, "
            f"{self.total.coded} coded events"
        ]
        lines += [f"{name:<28} {value:.3f}" for name, value in self.metrics().items()]
        lines.append("")
        lines.append(f"{'category':<12} {'gold':>5} {'type':>6} {'+src':>6} {'+tgt':>6} {'coded':>6} {'prec':>6}")
        for name in sorted(self.by_category):
            t = self.by_category[name]
            recall = [x / t.gold if t.gold else 0.0 for x in (t.found_type, t.found_source, t.found_both)]
            precision = t.correct / t.coded if t.coded else 0.0
            lines.append(
                f"{name:<12} {t.gold:>5} {recall[0]:>6.2f} {recall[1]:>6.2f} {recall[2]:>6.2f} "
                f"{t.coded:>6} {precision:>6.2f}"
            )
        if show_errors:
            lines += [
                "",
                f"misses ({len(self.misses)}):",
                *self.misses,
                "",
                f"extras ({len(self.extras)}):",
                *self.extras,
            ]
        return "\n".join(lines)


def _coded_events(record: GoldRecord, codebook: Codebook) -> tuple[int, list[CodedEvent]]:
    coded = code_text(record.text, codebook, date=record.date, title=record.title, article_id=record.id)
    events = [
        CodedEvent(
            plover_category(row["cameo_code"]),
            row["cameo_code"],
            row["source_country"] or row["source_code"] or "",
            row["target_country"] or row["target_code"] or "",
            row["rule_id"],
        )
        for row in coded.rows
        if not row["negated"] and row["modality"] in ("asserted", "reported", "intended", "denied")
    ]
    return coded.sentences, events


def evaluate(path: Path, codebook: Codebook) -> EvalReport:
    """Code every gold text and score the output."""
    report = EvalReport()
    for record in read_gold(path):
        report.records += 1
        sentences, events = _coded_events(record, codebook)
        report.sentences += sentences
        matched_events: set[int] = set()
        for gold in record.events:
            tally = report.by_category[gold.category]
            for bucket in (tally, report.total):
                bucket.gold += 1
            same_type = [i for i, e in enumerate(events) if e.category == gold.category]
            with_source = [i for i in same_type if _actor_matches(gold.sources, events[i].source, events[i].source)]
            with_both = [i for i in with_source if _actor_matches(gold.targets, events[i].target, events[i].target)]
            for bucket in (tally, report.total):
                bucket.found_type += bool(same_type)
                bucket.found_source += bool(with_source)
                bucket.found_both += bool(with_both)
            matched_events.update(same_type)
            if not with_both:
                got = "; ".join(f"{e.code} {e.source}->{e.target} ({e.rule})" for e in events) or "nothing"
                level = "type" if not same_type else "source" if not with_source else "target"
                report.misses.append(
                    f"  {record.id} [{gold.category} {'/'.join(sorted(gold.sources)) or '?'}->"
                    f"{'/'.join(sorted(gold.targets)) or '-'}] missed at {level}; got {got}\n"
                    f"      {record.text[:160]}"
                )
        gold_categories = Counter(g.category for g in record.events)
        for index, event in enumerate(events):
            category = event.category or "NONE"
            report.by_category[category].coded += 1
            report.total.coded += 1
            if index in matched_events or event.category in gold_categories:
                report.by_category[category].correct += 1
                report.total.correct += 1
            else:
                report.extras.append(
                    f"  {record.id} {event.code} {category} {event.source}->{event.target} ({event.rule})"
                )
    return report
