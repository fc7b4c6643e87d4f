"""`eventcoder eval`: code gold-standard texts and report recall and precision by event type, with the
source, and with source and target.

Four gold formats are read, one record per line (the format is told by the first record):

- eventcoder's own: `{"id", "text", "date", "title"?, "events": [{"cameo_root" or "plover", "source":
  {"country", "sector"}, "target": {...}}]}` (see docs/eval.md);
- the PLOVER gold-standard records: `{"id", "date", "text", "gold": {"event", "source": [{"code"}],
  "target": [{"code"}]}}`;
- ACLED event-type snippets (CASE-2021): `{"id", "date", "text", "gold": {"acled_event_type",
  "acled_sub_event_type"}}`, a null type marking a text that holds no ACLED event;
- PentaClass sentences (ConfliBERT): `{"id", "date", "text", "gold": {"pentaclass"}}`.

Event types are compared on the PLOVER 0.5 categories the PLOVER gold standard uses; CAMEO codes map to
them by root (`plover_category`). The two label formats give one label per text (`text_label`): the most
frequent label among the text's counted events, the first coded winning a tie, and no label when it has none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import code_text
from eventcoder.errors import InputError

ROOT_CATEGORIES = {
    "02": "DEMAND", "10": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "09": "INVESTIGATE", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "ASSAULT",
}  # fmt: skip
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "INT"})
COUNTED_MODALITIES = frozenset({"asserted", "reported", "intended", "denied"})
Split = Literal["all", "tune", "check"]
NO_LABEL = "(none)"


def in_split(record_id: str, split: Split) -> bool:
    """Whether a record falls in a half of a gold file: a fixed hash of its id, the halves the project's
    development scorer uses (`tune` to change rules while looking, `check` to confirm)."""
    if split == "all":
        return True
    half = int(hashlib.sha256(("check:" + record_id).encode()).hexdigest(), 16) % 2
    return half == (1 if split == "check" else 0)


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


def _raw_records(path: Path, split: Split) -> Iterator[tuple[str, dict[str, Any]]]:
    """The JSON objects of a gold file with their `file:line`, restricted to one half when asked."""
    if not path.is_file():
        raise InputError(f"gold file does not exist: {path}")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
                keep = in_split(str(raw["id"]), split)
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise InputError(f"{where}: not a gold record ({error})") from error
            if keep:
                yield where, raw


def read_gold(path: Path, split: Split = "all") -> Iterator[GoldRecord]:
    """Read a gold file of events (our own format or the PLOVER records)."""
    for where, raw in _raw_records(path, split):
        try:
            yield _parse_record(raw, where)
        except (KeyError, ValueError, TypeError) as error:
            raise InputError(f"{where}: not a gold record ({error})") from error


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
        if not row["negated"] and row["modality"] in COUNTED_MODALITIES
    ]
    return coded.sentences, events


class Report(Protocol):
    """What `eventcoder eval` prints: headline figures and a plain-text report."""

    def metrics(self) -> dict[str, float]: ...

    def format(self, show_errors: bool = True) -> str: ...


LabelKind = Literal["acled", "pentaclass"]


def text_label(labels: list[str]) -> str:
    """The label of a text: the most frequent label of its events, the first coded winning a tie."""
    return Counter(labels).most_common(1)[0][0] if labels else NO_LABEL


@dataclass
class LabelReport:
    """Accuracy of one label per text (ACLED event type or PentaClass) with its confusion table."""

    kind: LabelKind
    records: int = 0
    covered: int = 0
    correct: int = 0
    non_events: int = 0
    non_events_labelled: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        """Accuracy over the texts with a gold label, coverage (texts with any label), and for ACLED the share
        of texts without an ACLED event that got one anyway."""
        figures = {
            "accuracy": self.correct / self.records if self.records else 0.0,
            "coverage": self.covered / self.records if self.records else 0.0,
        }
        if self.kind == "acled":
            figures["non_events_labelled"] = (
                self.non_events_labelled / self.non_events if self.non_events else 0.0
            )
        return figures

    def format(self, show_errors: bool = True) -> str:
        """Headline figures, accuracy by gold label, then the confusion table (gold -> coded, most first)."""
        name = "ACLED event type" if self.kind == "acled" else "PentaClass"
        lines = [f"{self.records} gold texts scored on the {name}"]
        if self.kind == "acled":
            lines[0] += f" ({self.non_events} more hold no ACLED event)"
        lines += [f"{key:<28} {value:.3f}" for key, value in self.metrics().items()]
        by_gold: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (want, got), count in self.confusion.items():
            by_gold[want][0] += count
            by_gold[want][1] += count if want == got else 0
        lines += ["", f"{'gold label':<34} {'texts':>6} {'accuracy':>9}"]
        for want in sorted(by_gold):
            total, right = by_gold[want]
            lines.append(f"{want:<34} {total:>6} {right / total:>9.2f}")
        lines += ["", "confusion (gold -> coded):"]
        for (want, got), count in sorted(self.confusion.items(), key=lambda item: (-item[1], item[0])):
            if want != got:
                lines.append(f"  {count:>4}  {want} -> {got}")
        if show_errors:
            lines += ["", f"misses ({len(self.misses)}):", *self.misses]
        return "\n".join(lines)


def _gold_label(kind: LabelKind, gold: dict[str, Any]) -> str | None:
    value = gold["acled_event_type"] if kind == "acled" else gold["pentaclass"]
    return None if value is None else str(value)


def _coded_labels(kind: LabelKind, raw: dict[str, Any], codebook: Codebook) -> list[str]:
    date = dt.date.fromisoformat(str(raw.get("date") or "2000-01-01")[:10])
    coded = code_text(str(raw["text"]), codebook, date=date, article_id=str(raw["id"]))
    rows = [row for row in coded.rows if not row["negated"] and row["modality"] in COUNTED_MODALITIES]
    if kind == "acled":
        return [str(row["acled_event_type"]) for row in rows if row["acled_event_type"]]
    classes = (codebook.class_of(row["cameo_code"][:2], "penta_class") for row in rows)
    return [str(value) for value in classes if value is not None]


def evaluate_labels(records: list[tuple[str, dict[str, Any]]], kind: LabelKind, codebook: Codebook) -> LabelReport:
    """Code each text and compare its label (`text_label`) with the gold label."""
    report = LabelReport(kind)
    for where, raw in records:
        try:
            want = _gold_label(kind, raw["gold"])
            labels = _coded_labels(kind, raw, codebook)
        except (KeyError, ValueError, TypeError) as error:
            raise InputError(f"{where}: not a gold record ({error})") from error
        got = text_label(labels)
        if want is None:
            report.non_events += 1
            report.non_events_labelled += got != NO_LABEL
            continue
        report.records += 1
        report.covered += got != NO_LABEL
        report.correct += got == want
        report.confusion[(want, got)] += 1
        if got != want:
            report.misses.append(f"  {raw['id']} [{want}] got {got}\n      {str(raw['text'])[:160]}")
    return report


def _label_kind(raw: dict[str, Any]) -> LabelKind | None:
    gold = raw.get("gold")
    if isinstance(gold, dict) and "acled_event_type" in gold:
        return "acled"
    if isinstance(gold, dict) and "pentaclass" in gold:
        return "pentaclass"
    return None


def evaluate(path: Path, codebook: Codebook, split: Split = "all") -> Report:
    """Code every gold text (of one half with `split`) and score the output in the file's format."""
    raw_records = list(_raw_records(path, split))
    kind = _label_kind(raw_records[0][1]) if raw_records else None
    if kind is not None:
        return evaluate_labels(raw_records, kind, codebook)
    return evaluate_events(path, codebook, split)


def evaluate_events(path: Path, codebook: Codebook, split: Split = "all") -> EvalReport:
    """Code every gold text of an event gold file and score type, source and target."""
    report = EvalReport()
    for record in read_gold(path, split):
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
