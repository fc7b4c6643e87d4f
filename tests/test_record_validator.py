"""`records.record_validator` (pydantic-core running the `Event` model's field schema, cached) accepts and
refuses exactly what the pydantic model does, with the same errors, and a warm start reads its schema from
the cache instead of importing pydantic."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from eventcoder import records
from eventcoder.records import Event, record_validator


def _errors(validate: Any, rows: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    try:
        validate(rows, strict=True)
    except ValidationError as error:
        return [(item["type"], item["loc"], item["msg"], repr(item["input"])) for item in error.errors()]
    return []


def _model_validate(rows: list[Any], *, strict: bool) -> Any:
    return TypeAdapter(list[Event]).validate_python(rows, strict=strict)  # type: ignore[valid-type]


BREAKS: list[tuple[str, object]] = [
    ("event_id", None),  # null in a non-nullable column
    ("event_id", 7),  # int for str
    ("sentence_index", True),  # bool for int
    ("sentence_index", "3"),  # str for int (strict)
    ("sentence_index", 2.0),  # float for int (strict)
    ("goldstein", 3),  # int for float: both accept it
    ("goldstein", "3.5"),
    ("negated", 1),  # int for bool
    ("article_date", "2025-01-01"),  # str for date (strict)
    ("article_date", dt.datetime(2025, 1, 1, 12, 0)),  # datetime for date
    ("event_date", None),
    ("source_code", 5),  # nullable str given an int
    ("fatalities", "12"),
    ("latitude", "1.5"),
    ("cameo_code", b"010"),  # bytes for str
]


@pytest.mark.parametrize(("column", "value"), BREAKS)
def test_record_validator_refuses_what_the_model_refuses(seed_rows: list[dict[str, Any]], column: str,
                                                        value: object) -> None:
    rows = [dict(row) for row in seed_rows[:3]]
    rows[1][column] = value
    found = _errors(record_validator().validate_python, rows)
    assert found == _errors(_model_validate, rows)
    assert found or (column, value) == ("goldstein", 3)


@pytest.mark.parametrize("change", ["extra", "missing", "not-a-dict"])
def test_record_validator_refuses_extra_and_missing_fields_as_the_model_does(seed_rows: list[dict[str, Any]],
                                                                            change: str) -> None:
    rows: list[Any] = [dict(row) for row in seed_rows[:2]]
    if change == "extra":
        rows[0]["unexpected"] = "x"
    elif change == "missing":
        del rows[0]["rule_id"]
    else:
        rows[1] = ["not", "a", "record"]
    assert _errors(record_validator().validate_python, rows) == _errors(_model_validate, rows) != []


def test_record_validator_accepts_the_seed_records(seed_rows: list[dict[str, Any]]) -> None:
    assert _errors(record_validator().validate_python, seed_rows) == []
    assert _errors(_model_validate, seed_rows) == []


def test_record_validator_schema_is_the_models_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    written = records._cached_field_schema()
    (entry,) = (tmp_path / "cache").glob("record-model-*.json")
    assert oct(entry.stat().st_mode & 0o777) == "0o600"
    assert entry.read_text() == json.dumps(written) == json.dumps(records.event_field_schema())  # order too


def test_record_validator_ignores_an_entry_others_may_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    records._cached_field_schema()
    (entry,) = (tmp_path / "cache").glob("record-model-*.json")
    entry.write_text(json.dumps({"fields": {"type": "any"}, "config": {}}))
    entry.chmod(0o666)  # writable by others: not trusted, the model's schema is generated again
    assert records._cached_field_schema()["fields"]["type"] == "model-fields"


WARM_DRIVER = """
import json, sys
from eventcoder.batch import refused_records
from eventcoder.records import record_validator
record_validator()
print(json.dumps({"pydantic": "pydantic" in sys.modules, "refused": refused_records([{"event_id": 1}])}))
"""


def test_record_validator_warm_start_imports_pydantic_core_only(tmp_path: Path) -> None:
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(tmp_path / "cache")}
    reports = []
    for _ in range(2):  # the first run writes the schema entry, the second reads it
        done = subprocess.run([sys.executable, "-c", WARM_DRIVER], capture_output=True, text=True, env=env,
                              timeout=300, check=True)
        reports.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert [report["pydantic"] for report in reports] == [True, False]
    assert reports[0]["refused"] == reports[1]["refused"]
    assert reports[1]["refused"].startswith("records fail the event record model (")
