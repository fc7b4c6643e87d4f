"""The event record contract: one explicit column table from which the Arrow schema, the pydantic
`Event` model, the JSON Schema and the published column table are all derived.

`Event` is built on first use (importing pydantic and building the model cost about 0.1 s of every start).
`code` validates records with `record_validator` (or, a batch at a time, their columns with
`column_validator`): the model's own field schema, as pydantic generated it, run by pydantic-core; the
schema is kept in the cache directory, so a warm start loads pydantic-core's extension module only
(`core_module`), not pydantic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import SchemaValidator

    Event: type[BaseModel]


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

# Interned, as the record dicts' keys are (literals of the code that builds them): the names made by f-strings
# (source_*, target_*, *_precision: 16 of 61) were other string objects, so each of those key lookups in a
# record (`dataset.row_columns`) ended in a comparison of their characters.
COLUMN_NAMES: tuple[str, ...] = tuple(sys.intern(column.name) for column in COLUMNS)

EVENT_SCHEMA: pa.Schema = pa.schema(
    [pa.field(column.name, column.type, nullable=column.nullable) for column in COLUMNS]
)

TEXTS_ONCE: pa.DataType = pa.dictionary(pa.int32(), pa.string())
"""The type of `sentence_text` in a long batch's table while it is in memory (`TEXTS_ONCE_SCHEMA`)."""

TEXTS_ONCE_SCHEMA: pa.Schema = EVENT_SCHEMA.set(
    EVENT_SCHEMA.get_field_index("sentence_text"), EVENT_SCHEMA.field("sentence_text").with_type(TEXTS_ONCE)
)
"""EVENT_SCHEMA with each distinct sentence text held once: `sentence_text` a dictionary column, its rows indices
into its distinct texts. A batch of many records is made so (`batch.RECORD_SLICE_ROWS`): the events of a sentence
share its text, and the 35,657 events of a 5 MB article without a sentence break (pieces of 2,000 characters) held
72 MB of texts as strings, 5 MB as a dictionary. Checked as it is (`validate.rules_hold`), decoded for the model
(`decoded_texts`) and chunk by chunk as its files are written (`dataset.write_parquet`): files and readers see
EVENT_SCHEMA only."""


def holds_texts_once(schema: pa.Schema) -> bool:
    """Whether a table of `schema` holds its sentence texts once (TEXTS_ONCE_SCHEMA)."""
    index = schema.get_field_index("sentence_text")
    return index >= 0 and schema.field(index).type == TEXTS_ONCE


def decoded_texts(table: pa.Table) -> pa.Table:
    """`table` of EVENT_SCHEMA (its metadata kept) when it holds its texts once (TEXTS_ONCE_SCHEMA); any other
    table as it is. This copies every row's text: for the model, which reads a suspect batch as pandas, and a few
    rows at a time for a file (`dataset._decoded_row_groups`)."""
    if not holds_texts_once(table.schema):
        return table
    from pyarrow._compute import CastOptions, call_function  # not pyarrow.compute (see `dataset.sort_table`)

    index = table.schema.get_field_index("sentence_text")
    texts = table.column(index)
    decoded = pa.chunked_array([call_function("cast", [chunk], CastOptions(pa.string())) for chunk in texts.chunks],
                               type=pa.string())
    return table.set_column(index, EVENT_SCHEMA.field(index), decoded)


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


@cache
def _event_model() -> type[BaseModel]:
    from pydantic import BaseModel, ConfigDict, create_model

    class _EventBase(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    model: type[BaseModel] = create_model("Event", __base__=_EventBase, **_event_fields())
    model.__doc__ = "One coded event record; its fields are exactly the columns of the event table."
    return model


def __getattr__(name: str) -> Any:
    """`Event`, the pydantic model of one record, built on first use."""
    if name != "Event":
        raise AttributeError(f"module 'eventcoder.records' has no attribute '{name}'")
    return _event_model()


RECORD_SCHEMAS_KEPT = 4  # cached field schemas kept (other checkouts and pydantic versions)


@cache
def record_validator() -> SchemaValidator:
    """The validator of a list of event records: pydantic-core running the `Event` model's own field schema
    (as pydantic generates it, with the model's config), so it accepts and refuses exactly what
    `TypeAdapter(list[Event])` does, with the same errors (a test holds them equal). Validate with
    `strict=True`; the records come back as field tuples, not `Event` instances."""
    schema = _cached_field_schema()
    validator: SchemaValidator = core_module().SchemaValidator(
        {"type": "list", "items_schema": schema["fields"]}, schema["config"]
    )
    return validator


@cache
def column_validator() -> SchemaValidator:
    """The validator of a table's columns, a tuple of one list per column in COLUMN_NAMES order: each column's
    values run through the `Event` model's own schema of that field. Validate with `strict=True`. When every
    value passes and every record holds exactly the model's fields, the model accepts every record; the
    errors of a refusal are `record_validator`'s to give (see `batch.code_batch`)."""
    schema = _cached_field_schema()
    fields = schema["fields"]["fields"]
    columns = [{"type": "list", "items_schema": fields[name]["schema"]} for name in COLUMN_NAMES]
    validator: SchemaValidator = core_module().SchemaValidator(
        {"type": "tuple", "items_schema": columns}, schema["config"]
    )
    return validator


CORE_MODULE = "pydantic_core._pydantic_core"


@cache
def core_module() -> Any:
    """pydantic-core's extension module, which holds `SchemaValidator` and `ValidationError` (the package
    re-exports them). Unless the package is imported already, the module is loaded on its own and registered
    under its name, so a later `import pydantic_core` (by pydantic, for a suspect batch) finds and re-exports
    this one: the package's `__init__` also imports `core_schema`, several hundred TypedDicts that a
    validator built from a schema does not need (90 M instructions, 5 % of coding one article). When the
    extension is not where the package keeps it, the package is imported as usual."""
    import sys

    if "pydantic_core" in sys.modules:
        import pydantic_core

        return pydantic_core
    if CORE_MODULE in sys.modules:
        return sys.modules[CORE_MODULE]
    import importlib.machinery

    package = importlib.util.find_spec("pydantic_core")  # finds the package without importing it
    for folder in (package.submodule_search_locations or []) if package else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"_pydantic_core{suffix}"
            if path.is_file():
                loader = importlib.machinery.ExtensionFileLoader(CORE_MODULE, str(path))
                spec = importlib.util.spec_from_file_location(CORE_MODULE, path, loader=loader)
                if spec is None:
                    break
                module = importlib.util.module_from_spec(spec)
                sys.modules[CORE_MODULE] = module
                loader.exec_module(module)
                return module
    import pydantic_core

    return pydantic_core


def event_field_schema() -> dict[str, Any]:
    """The `Event` model's core schema without the model class around it: its fields and its config, plain
    JSON data (what `record_validator` runs)."""
    schema = _event_model().__pydantic_core_schema__
    fields = schema["schema"]
    if schema["type"] != "model" or fields["type"] != "model-fields":
        raise TypeError(f"unexpected core schema of the Event model: {schema['type']}/{fields['type']}")
    return {"fields": fields, "config": schema.get("config", {})}


def _cached_field_schema() -> dict[str, Any]:
    """`event_field_schema()`, read from the cache directory when an entry of this module and these pydantic
    versions is there and private to this user (a changed schema would change what is validated)."""
    from eventcoder.codebook.cache import cache_directory, is_private, write_private

    path = cache_directory() / f"record-model-{_schema_key()}.json"
    if is_private(path.parent, directory=True) and is_private(path, directory=False):
        try:
            cached: dict[str, Any] = json.loads(path.read_bytes())
            return cached
        except (OSError, ValueError):
            pass  # torn: written again below
    schema = event_field_schema()
    write_private(path, json.dumps(schema).encode())  # keys in their order: the fields' order is the errors' order
    written = sorted(path.parent.glob("record-model-*.json"), key=lambda entry: entry.stat().st_mtime)
    for stale in written[:-RECORD_SCHEMAS_KEPT]:
        stale.unlink(missing_ok=True)
    return schema


def _schema_key() -> str:
    """A hash of what the field schema depends on: this module's source and the pydantic and pydantic-core
    versions (read without importing pydantic)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(core_module().__version__.encode())
    spec = importlib.util.find_spec("pydantic")
    for location in (spec.submodule_search_locations or []) if spec else []:
        version_file = Path(location) / "version.py"
        if version_file.is_file():
            digest.update(version_file.read_bytes())
    return digest.hexdigest()[:24]
