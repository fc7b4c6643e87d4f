"""The Arrow check of the event table rules (`rules_hold`) gives the pandera model's verdict: it passes the
tables the model passes, and never passes a table the model fails."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from eventcoder.dataset import rows_to_table
from eventcoder.validate import check_table, event_table_schema, rules_hold

Row = dict[str, Any]
REPO = Path(__file__).resolve().parents[1]


def _set(column: str, value: object) -> Callable[[list[Row]], None]:
    def change(rows: list[Row]) -> None:
        rows[-1][column] = value

    return change


def _duplicate_id(rows: list[Row]) -> None:
    rows[-1]["event_id"] = rows[0]["event_id"]


def _root_of_another_code(rows: list[Row]) -> None:
    rows[-1]["cameo_root"] = "19" if rows[-1]["cameo_root"] != "19" else "18"


def _wrong_quad_class(rows: list[Row]) -> None:
    rows[-1]["quad_class"] = 1 + rows[-1]["quad_class"] % 4


def _trigger_past_the_sentence(rows: list[Row]) -> None:
    rows[-1]["trigger_end"] = len(rows[-1]["sentence_text"]) + 1


def _non_ascii_sentence(rows: list[Row]) -> None:
    row = rows[-1]
    row["sentence_text"] = row["sentence_text"] + " – «ü»"
    row["trigger_end"] = len(row["sentence_text"])


CHANGES: list[tuple[str, Callable[[list[Row]], None] | None]] = [
    ("unchanged", None),
    ("unknown code", _set("cameo_code", "999")),
    ("root not 01-20", _set("cameo_root", "21")),
    ("root with a newline", _set("cameo_root", "01\n")),
    ("root not the code's prefix", _root_of_another_code),
    ("QuadClass of another root", _wrong_quad_class),
    ("QuadClass out of range", _set("quad_class", 7)),
    ("Goldstein above 10", _set("goldstein", 10.5)),
    ("Goldstein exactly -10", _set("goldstein", -10.0)),
    ("Goldstein NaN", _set("goldstein", math.nan)),
    ("nullable float NaN", _set("latitude", math.nan)),
    ("unknown modality", _set("modality", "rumoured")),
    ("unknown date precision", _set("date_precision", "decade")),
    ("unknown category", _set("category", "no_such_category")),
    ("negative trigger start", _set("trigger_start", -1)),
    ("empty trigger", lambda rows: rows[-1].update(trigger_end=rows[-1]["trigger_start"])),
    ("trigger past the sentence", _trigger_past_the_sentence),
    ("non-ASCII sentence, trigger to its end", _non_ascii_sentence),
    ("duplicate event id", _duplicate_id),
    ("null in a required column", _set("rule_id", None)),
    ("null in a required date", _set("event_date", None)),
    ("null in a boolean column", _set("negated", None)),
    ("null in a nullable column", _set("plover_mode", None)),
    ("nullable integer set", _set("fatalities", 3)),
    ("unknown value in a nullable checked column", _set("admin1", "Nowhere")),
]


@pytest.mark.parametrize(("name", "change"), CHANGES, ids=[name for name, _ in CHANGES])
def test_validate_rules_hold_agrees_with_the_pandera_model(
    name: str, change: Callable[[list[Row]], None] | None, seed_rows: list[Row], codebook: Any
) -> None:
    rows = [dict(row) for row in seed_rows]
    if change is not None:
        change(rows)
    try:
        table = rows_to_table(rows)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pytest.skip("Arrow itself refuses the value")
    model_passes = _model_passes(table, codebook)
    assert rules_hold(table, codebook) == model_passes
    assert bool(check_table(table, codebook)) != model_passes  # and the model lists the failures


def _model_passes(table: pa.Table, codebook: Any) -> bool:
    from eventcoder.validate import _nullable_integers

    frame = table.to_pandas(date_as_object=True, types_mapper=_nullable_integers)
    try:
        event_table_schema(codebook).validate(frame, lazy=True)
    except Exception:  # noqa: BLE001 - any failure of the model is a verdict
        return False
    return True


def test_validate_rules_hold_on_an_empty_table(codebook: Any) -> None:
    assert rules_hold(rows_to_table([]), codebook)
    assert check_table(rows_to_table([]), codebook) == []


def test_validate_rules_hold_is_false_for_another_schema(seed_rows: list[Row], codebook: Any) -> None:
    table = rows_to_table(seed_rows).drop_columns(["url"])
    assert not rules_hold(table, codebook)
    assert [failure.check for failure in check_table(table, codebook)] == ["column missing"]


def test_validate_code_path_does_not_import_pandas(tmp_path: Path) -> None:
    """A run imports neither pandas nor pandera; after it, the model still checks a suspect table."""
    script = (
        "import sys, pathlib\n"
        "import pyarrow.parquet as pq\n"
        "from eventcoder.codebook.compile import load_codebook\n"
        "from eventcoder.dataset import event_files\n"
        "from eventcoder.run import code_articles\n"
        "from eventcoder.validate import check_table\n"
        "codebook = load_codebook()\n"
        f"out = pathlib.Path({str(tmp_path / 'out')!r})\n"
        "code_articles(['seeds/us-venezuela-ultimatum.txt'], out, codebook, workers=1)\n"
        "print(sorted(name for name in ('pandas', 'pandera', 'duckdb') if name in sys.modules))\n"
        "table = pq.read_table(event_files(out)[0], partitioning=None)\n"
        "table = table.set_column(table.schema.get_field_index('cameo_root'), table.schema.field('cameo_root'),\n"
        "                         [['21'] * len(table)])\n"
        "print([failure.check for failure in check_table(table.replace_schema_metadata(None), codebook)])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    imported, failures = done.stdout.strip().splitlines()
    assert imported == "[]"
    assert "root is 01-20" in failures


def test_validate_command_runs_the_pandera_model_on_every_file(tmp_path: Path) -> None:
    """`eventcoder validate` hands every file to the pandera model, not only the suspect ones."""
    script = (
        "import sys, pathlib\n"
        "from eventcoder.codebook.compile import load_codebook\n"
        "from eventcoder.run import code_articles\n"
        "from eventcoder.check_dataset import validate_dataset\n"
        "codebook = load_codebook()\n"
        f"out = pathlib.Path({str(tmp_path / 'out')!r})\n"
        "code_articles(['seeds/us-venezuela-ultimatum.txt'], out, codebook, workers=1)\n"
        "report = validate_dataset(out, codebook)\n"
        "print(report.rows > 0, not report.failures, 'pandera' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.split() == ["True", "True", "True"]
