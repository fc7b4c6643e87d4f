"""The published, language-neutral contracts in `schemas/`, generated from the code.

Run `python -m eventcoder.schemas [DIR]` to regenerate them; a test fails when the files drift.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eventcoder.codebook.spec import KIND_MODELS, FileHeaderSpec
from eventcoder.records import COLUMNS, Event


def event_json_schema() -> dict[str, Any]:
    """JSON Schema of one event record."""
    schema = Event.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventcoder.dev/schemas/event.schema.json"
    return schema


def columns_table() -> str:
    """The event table's columns as a Markdown table: name, Arrow type, nullable, meaning."""
    lines = [
        "# Event table columns",
        "",
        "Generated from `eventcoder/records.py`; do not edit by hand.",
        "",
        "| column | type | nullable | meaning |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {c.meaning} |" for c in COLUMNS]
    lines += [
        "",
        "Partition columns `year` and `month` (from `event_date`) are hive directory keys, not stored in the files.",
    ]
    return "\n".join(lines) + "\n"


def codebook_json_schema() -> dict[str, Any]:
    """JSON Schema of a codebook file: the envelope, with `entries` typed by `kind`."""
    header = FileHeaderSpec.model_json_schema()
    definitions: dict[str, Any] = {}
    branches = []
    for kind, model in sorted(KIND_MODELS.items()):
        entry = model.model_json_schema(by_alias=True)
        definitions.update(entry.pop("$defs", {}))
        definitions[model.__name__] = entry
        branches.append(
            {
                "if": {"properties": {"kind": {"const": kind}}},
                "then": {"properties": {"entries": {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}}}},
            }
        )
    header["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    header["$id"] = "https://eventcoder.dev/schemas/codebook.schema.json"
    header["$defs"] = definitions
    header["allOf"] = branches
    return header


def published_files() -> dict[str, str]:
    """Every generated file of `schemas/`, by relative path."""
    from eventcoder.query import render_published_views

    return {
        "event.schema.json": json.dumps(event_json_schema(), indent=2, sort_keys=True) + "\n",
        "columns.md": columns_table(),
        "codebook.schema.json": json.dumps(codebook_json_schema(), indent=2, sort_keys=True) + "\n",
        "duckdb/views.sql": render_published_views(),
    }


def write_schemas(directory: Path) -> list[Path]:
    """Write the generated files into `directory` (normally the repository's `schemas/`)."""
    written = []
    for name, content in published_files().items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "schemas"
    for written_path in write_schemas(target):
        print(written_path)
