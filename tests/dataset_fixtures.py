"""Small fixture datasets in the on-disk layout the coder writes, built with pyarrow from EVENT_SCHEMA."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.coder import PLACE_AND_SIZE_UNKNOWN
from eventcoder.records import EVENT_SCHEMA

_CODES = {
    # code: (root, name, quad_class, goldstein, category, plover_event, acled event type, sub-event type)
    "139": ("13", "Give ultimatum", 3, -5.0, "threat", "THREATEN", None, None),
    "1041": ("10", "Demand leadership change", 3, -5.0, "demand", "DEMAND", None, None),
    "035": ("03", "Express intent to meet or negotiate", 1, 4.0, "offer", "AGREE", None, None),
    "125": ("12", "Reject proposal to meet, discuss, or negotiate", 3, -4.0, "reject", "REJECT", None, None),
    "195": ("19", "Employ aerial weapons", 4, -10.0, "fight", "ASSAULT", "Explosions/Remote violence",
            "Air/drone strike"),
    "1712": ("17", "Destroy property", 4, -9.2, "coerce", "COERCE", "Strategic developments",
             "Looting/property destruction"),
    "0256": ("02", "Appeal to yield", 1, 3.0, "demand", "DEMAND", None, None),
}


def make_event(index: int, **overrides: Any) -> dict[str, Any]:
    """A complete, valid event record (US-Venezuela crisis flavour); `overrides` replace fields."""
    code = overrides.pop("cameo_code", "139")
    root, name, quad, goldstein, category, plover, acled_type, acled_sub = _CODES[code]
    day = overrides.pop("event_date", dt.date(2025, 11, 16))
    event: dict[str, Any] = {
        "event_id": f"ev{index:04d}",
        "article_id": "art1",
        "article_title": "Trump Delivers Stark Ultimatum to Maduro",
        "article_date": dt.date(2025, 11, 20),
        "publisher": "Example News",
        "url": "https://example.org/ultimatum",
        "sentence_index": index % 5,
        "sentence_text": f"Sentence {index}: Trump told Maduro he must leave.",
        "event_date": day,
        "date_precision": "day",
        "source_text": "Trump",
        "source_code": "USAGOV",
        "source_country": "USA",
        "source_sector": "GOV",
        "source_actor": "Donald Trump",
        "source_entry": "trump",
        "target_text": "Maduro",
        "target_code": "VENGOV",
        "target_country": "VEN",
        "target_sector": "GOV",
        "target_actor": "Nicolas Maduro",
        "target_entry": "maduro",
        "cameo_code": code,
        "cameo_root": root,
        "cameo_name": name,
        "quad_class": quad,
        "goldstein": goldstein,
        "plover_event": plover,
        "plover_mode": None,
        "plover_context": None,
        "acled_disorder_type": "Strategic developments" if acled_type else None,
        "acled_event_type": acled_type,
        "acled_sub_event_type": acled_sub,
        "category": category,
        "negated": False,
        "modality": "asserted",
        "headline_repeat": False,
        "attributed_to": None,
        "location_text": None,
        "location_country": None,
        **PLACE_AND_SIZE_UNKNOWN,
        "trigger_text": "told",
        "trigger_start": 20,
        "trigger_end": 24,
        "rule_id": f"pattern.{code}",
        "confidence": 0.9,
        "codebook_version": "cb-test",
        "coder_version": "0.1.0",
    }
    event.update(overrides)
    return event


def seed_crisis_events() -> list[dict[str, Any]]:
    """A dozen events over a few days of November 2025, covering all four QuadClasses."""
    days = [dt.date(2025, 11, d) for d in (14, 15, 16, 16, 17, 18)]
    rows = [make_event(i, event_date=day) for i, day in enumerate(days)]
    rows += [
        make_event(10, cameo_code="1041", event_date=dt.date(2025, 11, 16)),
        make_event(11, cameo_code="035", event_date=dt.date(2025, 11, 15)),
        make_event(12, cameo_code="125", event_date=dt.date(2025, 11, 17), source_code="VENGOV",
                   source_country="VEN", source_actor="Venezuelan government", target_code="USAGOV",
                   target_country="USA", target_actor="Donald Trump", modality="reported"),
        make_event(13, cameo_code="195", event_date=dt.date(2025, 11, 18), source_code="USAMIL",
                   source_sector="MIL", source_actor="US military", target_code="VENREB", target_sector="REB",
                   target_actor=None, location_text="Caribbean", location_country="VEN"),
        make_event(14, cameo_code="0256", event_date=dt.date(2025, 11, 19), source_code="IGOUNO",
                   source_country=None, source_sector="IGO", source_actor="United Nations"),
        make_event(15, cameo_code="1712", event_date=dt.date(2025, 12, 2), target_code=None, target_country=None,
                   target_sector=None, target_actor=None, target_text=None, target_entry=None,
                   category="airspace_restriction", location_text="Venezuelan airspace", location_country="VEN"),
        make_event(16, event_date=dt.date(2025, 11, 16), negated=True),
        make_event(17, event_date=dt.date(2025, 11, 16), modality="hypothetical"),
    ]
    return rows


def _label_tables() -> dict[str, pa.Table]:
    codes = sorted(_CODES)
    cameo_codes = pa.table(
        {
            "code": ["13", "10", "03", "12", "19", "17", "02", *codes],
            "root": ["13", "10", "03", "12", "19", "17", "02", *(_CODES[c][0] for c in codes)],
            "level": pa.array([1] * 7 + [len(c) - 1 for c in codes], pa.int8()),
            "name": ["Threaten", "Demand", "Express intent to cooperate", "Reject", "Fight", "Coerce", "Appeal",
                     *(_CODES[c][1] for c in codes)],
            "description": [None] * (7 + len(codes)),
            "goldstein": pa.array([-4.0, -5.0, 4.0, -4.0, -10.0, -7.0, 3.0, *(_CODES[c][3] for c in codes)]),
            "quad_class": pa.array([3, 3, 1, 3, 4, 4, 1, *(_CODES[c][2] for c in codes)], pa.int8()),
            "plover_event": [None] * 7 + [_CODES[c][5] for c in codes],
            "plover_mode": pa.array([None] * (7 + len(codes)), pa.string()),
            "plover_context": pa.array([None] * (7 + len(codes)), pa.string()),
            "acled_disorder_type": pa.array([None] * (7 + len(codes)), pa.string()),
            "acled_event_type": [None] * 7 + [_CODES[c][6] for c in codes],
            "acled_sub_event_type": [None] * 7 + [_CODES[c][7] for c in codes],
            "category": [None] * 7 + [_CODES[c][4] for c in codes],
        }
    )
    categories = pa.table(
        {
            "id": ["threat", "demand", "airspace_restriction"],
            "name": ["Threat", "Demand", "Airspace restriction"],
            "description": ["threats and ultimatums", "demands", "airspace closures"],
            "assigned_by": ["code", "code", "pattern"],
            "codes": ["13*", "10*,02*", "1712"],
        }
    )
    actor_roles = pa.table(
        {
            "code": ["GOV", "MIL", "REB"],
            "name": ["Government", "Military", "Rebels"],
            "description": ["government", "armed forces", "armed rebels"],
            "primary": [True, True, True],
        }
    )
    return {"cameo_codes": cameo_codes, "categories": categories, "actor_roles": actor_roles}


def write_fixture_dataset(
    root: Path, rows: Iterable[Mapping[str, Any]], *, labels: bool = True
) -> Path:
    """Write `rows` as a dataset under `root` (events partitioned by event year and month, plus the
    `_labels/` tables when `labels`); an empty `rows` leaves `events/` empty. Returns `root`."""
    rows = list(rows)
    (root / "events").mkdir(parents=True, exist_ok=True)
    partitions: dict[tuple[int, int], list[Mapping[str, Any]]] = {}
    for row in rows:
        day = row["event_date"]
        partitions.setdefault((day.year, day.month), []).append(row)
    for (year, month), part in sorted(partitions.items()):
        directory = root / "events" / f"year={year}" / f"month={month:02d}"
        directory.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist([dict(row) for row in part], schema=EVENT_SCHEMA)
        pq.write_table(table, directory / "part-0.parquet", compression="zstd")
    if labels:
        (root / "_labels").mkdir(exist_ok=True)
        for name, table in _label_tables().items():
            pq.write_table(table, root / "_labels" / f"{name}.parquet")
    return root
