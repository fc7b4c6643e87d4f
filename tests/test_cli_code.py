"""`eventcoder code`, `validate` and `explain` from the command line: exit codes and exact messages."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

GOOD = [
    {"id": "a1", "text": "Freedonia aside, Venezuela threatened Colombia with sanctions.", "date": "2025-11-02"},
    {"id": "a2", "title": "Talks", "text": "Brazil and Argentina signed a trade agreement.", "published": "2025-10-01"},
]


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mixed_input(tmp_path: Path) -> Path:
    return _jsonl(
        tmp_path / "mixed.jsonl",
        [
            json.dumps(GOOD[0]),
            "{not json",
            json.dumps({"id": "a3", "text": "   ", "date": "2025-11-02"}),
            json.dumps(GOOD[1]),
            json.dumps({"id": "a4", "text": "Chile protested.", "date": "31/11/2025"}),
        ],
    )


def test_cli_code_quarantines_bad_lines_and_exits_zero(tmp_path: Path, mixed_input: Path) -> None:
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(mixed_input), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 articles read, 2 coded, 3 quarantined" in result.output
    quarantined = [
        json.loads(line)
        for path in (out / "_quarantine").glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert [(q["line"], q["reason"].split(":")[0]) for q in quarantined] == [
        (2, "invalid JSON"),
        (3, "field 'text' is empty"),
        (5, "unparseable date '31/11/2025'; use ISO 8601 such as 2025-11-30"),
    ]
    assert all(q["file"] == str(mixed_input) for q in quarantined)


def test_cli_code_strict_exits_one_when_quarantined(tmp_path: Path, mixed_input: Path) -> None:
    result = CliRunner().invoke(cli, ["code", str(mixed_input), "-o", str(tmp_path / "ds"), "--strict"])
    assert result.exit_code == 1


def test_cli_code_nothing_readable_exits_nonzero(tmp_path: Path) -> None:
    bad = _jsonl(tmp_path / "bad.jsonl", ["{", "[]"])
    result = CliRunner().invoke(cli, ["code", str(bad), "-o", str(tmp_path / "ds")])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith("Error: no article could be read (2 record(s) quarantined;")


def test_cli_code_missing_input_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["code", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "ds")])
    assert result.exit_code == 2
    assert result.output == f"Error: input path does not exist: {tmp_path / 'nope.jsonl'}\n"
    assert not (tmp_path / "ds").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_cli_code_unwritable_output_is_one_error_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(locked / "ds")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot write to {locked / 'ds'}")


def test_cli_code_output_is_a_file_is_one_error_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(blocker / "ds")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot write to {blocker / 'ds'}")
    assert "Traceback" not in result.output


def test_cli_code_bad_date_default(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(tmp_path / "ds"), "--date-default", "soon"])
    assert result.exit_code == 2
    assert result.output == "Error: --date-default must be an ISO date such as 2025-11-30, got 'soon'\n"


def test_cli_code_date_default_fills_missing_dates(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "nodate.jsonl", [json.dumps({"id": "n1", "text": "Peru condemned Chile."})])
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(source), "-o", str(out), "--date-default", "2025-01-15"])
    assert result.exit_code == 0, result.output
    dates = {
        str(d) for f in (out / "events").rglob("*.parquet") for d in pq.read_table(f).column("event_date").to_pylist()
    }
    assert dates == {"2025-01-15"}


def _rows(dataset: Path) -> list[dict[str, object]]:
    rows = [row for f in sorted((dataset / "events").rglob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    return sorted(rows, key=lambda r: str(r["event_id"]))


def test_cli_code_two_runs_give_identical_rows(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(tmp_path / name)]).exit_code == 0
    first, second = _rows(tmp_path / "one"), _rows(tmp_path / "two")
    assert first and first == second


def test_cli_code_recoding_replaces_not_duplicates(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    for _ in range(2):
        assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)]).exit_code == 0
    rows = _rows(out)
    ids = [row["event_id"] for row in rows]
    assert len(ids) == len(set(ids))
    fresh = tmp_path / "fresh"
    CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(fresh)])
    assert rows == _rows(fresh)
    assert len(list((out / "_runs").glob("*.json"))) == 2


def test_cli_code_writes_partitioned_parquet_with_provenance(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)]).exit_code == 0
    files = list((out / "events").rglob("*.parquet"))
    assert files and all(f.parent.name.startswith("month=") and f.parent.parent.name.startswith("year=") for f in files)
    metadata = pq.read_schema(files[0]).metadata
    assert metadata[b"eventcoder.codebook_version"].startswith(b"cb-")
    assert b"eventcoder.run_id" in metadata and b"eventcoder.coder_version" in metadata
    manifest = json.loads(next((out / "_runs").glob("*.json")).read_text(encoding="utf-8"))
    assert manifest["status"] == "completed" and manifest["articles_coded"] == 1
    assert not (out / "_staging").exists()


def test_cli_validate_passes_then_flags_altered_file(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)]).exit_code == 0
    ok = CliRunner().invoke(cli, ["validate", str(out)])
    assert ok.exit_code == 0 and ok.output.strip().splitlines()[-1].startswith("valid:")
    victim = next((out / "events").rglob("*.parquet"))
    table = pq.read_table(victim)
    broken = table.set_column(
        table.schema.get_field_index("goldstein"), "goldstein", table.column("goldstein").cast("float32")
    )
    pq.write_table(broken, victim)
    bad = CliRunner().invoke(cli, ["validate", str(out)])
    assert bad.exit_code == 1
    assert "wrong type in column goldstein" in bad.output and bad.output.strip().endswith("event(s)")


def test_cli_validate_flags_out_of_range_values(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)])
    victim = next((out / "events").rglob("*.parquet"))
    table = pq.read_table(victim)
    index = table.schema.get_field_index("cameo_code")
    table = table.set_column(index, table.schema.field(index), [["999"] * len(table)])
    pq.write_table(table, victim)
    result = CliRunner().invoke(cli, ["validate", str(out)])
    assert result.exit_code == 1
    assert "code exists in the codebook in column cameo_code" in result.output


def test_cli_validate_not_a_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path} is not an eventcoder dataset (no events/ folder)\n"


def test_cli_code_stdin(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", "-", "-o", str(out)], input=json.dumps(GOOD[1]) + "\n")
    assert result.exit_code == 0, result.output
    assert "1 articles read, 1 coded" in result.output


def test_cli_explain_shows_rule_and_actors() -> None:
    result = CliRunner().invoke(cli, ["explain", "Caracas swiftly rejected these terms.", "--date", "2025-11-30"])
    assert result.exit_code == 0
    assert "'Caracas' -> actor VENGOV" in result.output and "rule=reject." in result.output


def test_cli_named_query_on_coded_seed(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)])
    result = CliRunner().invoke(cli, ["query", str(out), "--named", "roots_summary", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("cameo_root")


def test_cli_help_for_every_command() -> None:
    commands = ["code", "validate", "explain", "eval", "query", "db", "export", "plot", "codebook"]
    for name in commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, name


def test_cli_code_changed_codebook_replaces_article_events(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)]).exit_code == 0
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "remove.yaml").write_text("format_version: 1\nkind: actors\nremove: [capital.caracas]\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out), "--codebook", str(layer)]).exit_code == 0
    fresh = tmp_path / "fresh"
    assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(fresh), "--codebook", str(layer)]).exit_code == 0
    recoded = _rows(out)
    assert recoded == _rows(fresh)
    assert not any(row["source_text"] == "Caracas" for row in recoded)
    assert len({row["codebook_version"] for row in recoded}) == 1


def test_cli_exports_of_the_coded_seed_match_their_column_lists(tmp_path: Path) -> None:
    import csv

    from eventcoder.export import ACLED_COLUMNS, GDELT_COLUMNS, PLOVER_FIELDS

    out = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(SEEDS), "-o", str(out)]).exit_code == 0
    files = {fmt: tmp_path / f"seed.{fmt}" for fmt in ("acled-csv", "gdelt-tsv", "plover-jsonl")}
    for fmt, path in files.items():
        result = CliRunner().invoke(cli, ["export", str(out), "--format", fmt, "-o", str(path)])
        assert result.exit_code == 0, result.output
    with files["acled-csv"].open(encoding="utf-8") as handle:
        acled = list(csv.reader(handle))
    assert tuple(acled[0]) == tuple(ACLED_COLUMNS) and len(acled) > 1
    gdelt = files["gdelt-tsv"].read_text(encoding="utf-8").splitlines()
    assert gdelt and all(len(line.split("\t")) == len(GDELT_COLUMNS) == 61 for line in gdelt)
    plover = [json.loads(line) for line in files["plover-jsonl"].read_text(encoding="utf-8").splitlines()]
    assert plover and all(set(record) <= set(PLOVER_FIELDS) for record in plover)
    assert {"id", "date", "actor", "event"} <= set(plover[0])
