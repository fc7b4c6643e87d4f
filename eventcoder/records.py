"""The event record contract: one explicit column table from which the Arrow schema, the pydantic
`Event` model, the JSON Schema and the published column table are all derived."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, create_model


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the event table."""

    name: str
    type: pa.DataType
    nullable: bool
    meaning: str


def _actor_columns(side: str, role: str) -> list[Column]:
    return [
        Column(f"{side}_text", pa.string(), True, f"text of the {role} mention as it appears in the sentence"),
        Column(f"{side}_code", pa.string(), True,
               f"full CAMEO-style code of the {role} (USAGOV, VENMIL, IGOUNO, or a bare role such as BUS)"),
        Column(f"{side}_country", pa.string(), True, f"ISO 3166-1 alpha-3 country of the {role}, or null"),
        Column(f"{side}_sector", pa.string(), True, f"primary role of the {role} (GOV, MIL, LEG, BUS, ...)"),
        Column(f"{side}_actor", pa.string(), True, f"canonical name of the {role} (e.g. 'Donald Trump')"),
        Column(f"{side}_entry", pa.string(), True,
               f"codebook entries that identified the {role} (actor and agent ids, joined with '+')"),
    ]


def _size_columns(name: str, what: str) -> list[Column]:
    return [
        Column(name, pa.int32(), True, f"number of {what} stated for the event, or null when none is stated"),
        Column(f"{name}_precision", pa.string(), True,
               f"how {name} was stated: exact, at_least, at_most or estimate (\"dozens\", \"hundreds\")"),
    ]


COLUMNS: tuple[Column, ...] = (
    Column("event_id", pa.string(), False,
           "deterministic id from article, sentence, trigger offsets, actors and code"),
    Column("article_id", pa.string(), False, "id of the article (given, or a hash of its text)"),
    Column("article_title", pa.string(), True, "title of the article"),
    Column("article_date", pa.date32(), False, "publication date of the article"),
    Column("publisher", pa.string(), True, "publisher or outlet of the article"),
    Column("url", pa.string(), True, "URL of the article"),
    Column("sentence_index", pa.int32(), False, "0-based index of the sentence in the article (title is 0)"),
    Column("sentence_text", pa.string(), False, "the sentence the event was coded from"),
    Column("event_date", pa.date32(), False, "date of the event (explicit in text, else article date)"),
    Column("date_precision", pa.string(), False,
           "how the event date was found: day, week, month, year (from the text) or article"),
    *_actor_columns("source", "source"),
    *_actor_columns("target", "target"),
    Column("cameo_code", pa.string(), False, "CAMEO event code, a string with leading zeros ('010')"),
    Column("cameo_root", pa.string(), False, "two-digit CAMEO root ('01' to '20')"),
    Column("cameo_name", pa.string(), False, "name of the CAMEO event code"),
    Column("quad_class", pa.int8(), False, "QuadClass 1-4 (verbal/material cooperation/conflict)"),
    Column("goldstein", pa.float64(), False, "Goldstein conflict-cooperation weight, -10 to 10"),
    Column("plover_event", pa.string(), True, "PLOVER event type the CAMEO code maps to"),
    Column("plover_mode", pa.string(), True, "PLOVER mode, or null"),
    Column("plover_context", pa.string(), True, "PLOVER context, or null"),
    Column("acled_disorder_type", pa.string(), True, "ACLED disorder type, or null where none applies"),
    Column("acled_event_type", pa.string(), True, "ACLED event type, or null"),
    Column("acled_sub_event_type", pa.string(), True, "ACLED sub-event type, or null"),
    Column("category", pa.string(), False, "eventcoder category (threat, demand, airspace_restriction, ...)"),
    Column("negated", pa.bool_(), False, "the sentence says the event did not happen"),
    Column("modality", pa.string(), False,
           "asserted, reported, intended, hypothetical, conditional or denied"),
    Column("headline_repeat", pa.bool_(), False,
           "the event was coded from the title and the body reports it too (same CAMEO root and source, same "
           "target or none in the title); the default views count it once, from the body"),
    Column("attributed_to", pa.string(), True, "outlet or speaker the report is attributed to"),
    Column("location_text", pa.string(), True,
           "the place phrase of the event's clause as written in the sentence (see README, Places and casualties)"),
    Column("location_country", pa.string(), True, "ISO alpha-3 country of that place"),
    Column("geonames_id", pa.int32(), True,
           "GeoNames id of the place or country, from the shipped offline gazetteer (null for a division)"),
    Column("latitude", pa.float64(), True,
           "latitude of the place (WGS 84 degrees); of a division or country, the centroid of its listed places"),
    Column("longitude", pa.float64(), True, "longitude of the place (WGS 84 degrees)"),
    Column("admin1", pa.string(), True,
           "name of the first-order administrative division of the place (state, province), as GeoNames names it"),
    Column("admin2", pa.string(), True, "second-order administrative division of the place, where known"),
    Column("geo_precision", pa.int8(), True,
           "ACLED geo precision: 1 the place itself, 2 a nearby place or part of a region, 3 a region or country"),
    *_size_columns("fatalities", "people killed"),
    *_size_columns("injured", "people injured"),
    *_size_columns("arrested", "people arrested or detained"),
    *_size_columns("crowd_size", "people taking part in a protest or gathering"),
    Column("trigger_text", pa.string(), False, "the words that triggered the pattern"),
    Column("trigger_start", pa.int32(), False, "character offset of the trigger in the sentence"),
    Column("trigger_end", pa.int32(), False, "character offset just past the trigger in the sentence"),
    Column("rule_id", pa.string(), False, "id of the pattern that produced the event"),
    Column("confidence", pa.float64(), False,
           "0-1 score from the slot rules that filled the actors, times 0.8 for each actor whose country was "
           "taken from the context (the sentence or article) rather than named with it"),
    Column("codebook_version", pa.string(), False, "fingerprint of the compiled codebook"),
    Column("coder_version", pa.string(), False, "eventcoder version that coded the event"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)

EVENT_SCHEMA: pa.Schema = pa.schema(
    [pa.field(column.name, column.type, nullable=column.nullable) for column in COLUMNS]
)

PARTITION_COLUMNS: tuple[str, ...] = ("year", "month")

_PYTHON_TYPES: dict[pa.DataType, type] = {
    pa.string(): str,
    pa.date32(): dt.date,
    pa.int32(): int,
    pa.int8(): int,
    pa.float64(): float,
    pa.bool_(): bool,
}


def _event_fields() -> dict[str, Any]:
    from pydantic import Field

    fields: dict[str, Any] = {}
    for column in COLUMNS:
        python_type: Any = _PYTHON_TYPES[column.type]
        if column.nullable:
            fields[column.name] = (python_type | None, Field(default=None, description=column.meaning))
        else:
            fields[column.name] = (python_type, Field(description=column.meaning))
    return fields


class _EventBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


Event: type[BaseModel] = create_model("Event", __base__=_EventBase, **_event_fields())
Event.__doc__ = "One coded event record; its fields are exactly the columns of the event table."
