"""The published contracts in schemas/ are generated from the code and must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.records import COLUMN_NAMES, EVENT_SCHEMA, Event
from eventcoder.schemas import published_files

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.mark.parametrize("name", sorted(published_files()))
def test_schemas_published_file_matches_code(name: str) -> None:
    path = SCHEMAS / name
    assert path.is_file(), f"{path} missing; run python -m eventcoder.schemas"
    assert path.read_text(encoding="utf-8") == published_files()[name], (
        f"{path} drifted from the code; run python -m eventcoder.schemas"
    )


def test_schemas_event_model_matches_arrow_schema() -> None:
    assert tuple(Event.model_fields) == COLUMN_NAMES == tuple(EVENT_SCHEMA.names)
    for field in EVENT_SCHEMA:
        annotation = str(Event.model_fields[field.name].annotation)
        assert ("None" in annotation) == field.nullable, field.name


@pytest.mark.parametrize(
    "column",
    ["event_id", "article_id", "article_title", "article_date", "publisher", "url", "sentence_index",
     "sentence_text", "event_date", "date_precision", "source_text", "source_code", "source_country",
     "source_sector", "source_actor", "target_text", "target_code", "target_country", "target_sector",
     "target_actor", "cameo_code", "cameo_root", "cameo_name", "quad_class", "goldstein", "plover_event",
     "plover_mode", "plover_context", "acled_disorder_type", "acled_event_type", "acled_sub_event_type",
     "category", "negated", "modality", "trigger_text", "trigger_start", "trigger_end", "rule_id", "confidence",
     "codebook_version", "coder_version", "attributed_to", "location_text", "location_country"],
)
def test_schemas_contract_column_present(column: str) -> None:
    assert column in COLUMN_NAMES
