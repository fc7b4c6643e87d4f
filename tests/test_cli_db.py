"""`eventcoder db --relative`: a database file that moves with its dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli


def test_cli_db_relative_moves_with_the_dataset(
    crisis_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "project"
    home.mkdir()
    shutil.copytree(crisis_dataset, home / "crisis")
    result = CliRunner().invoke(cli, ["db", str(home / "crisis"), "-o", str(home / "crisis.duckdb"), "--relative"])
    assert result.exit_code == 0, result.output
    moved = tmp_path / "elsewhere"
    home.rename(moved)
    monkeypatch.chdir(moved)  # DuckDB resolves the relative paths against the working directory
    con = duckdb.connect("crisis.duckdb")
    try:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (12,)
        assert con.execute("SELECT count(*) FROM cameo_codes").fetchone()[0] > 0  # type: ignore[index]
        assert con.execute("SELECT count(*) FROM roots_summary()").fetchall() == [(7,)]
    finally:
        con.close()
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect(str(moved / "crisis.duckdb"))
    try:
        con.execute("SET file_search_path = ?", [str(moved)])
        assert con.execute("SELECT count(*) FROM events").fetchone() == (12,)
    finally:
        con.close()


def test_cli_db_absolute_by_default(crisis_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "crisis.duckdb"
    assert CliRunner().invoke(cli, ["db", str(crisis_dataset), "-o", str(out)]).exit_code == 0
    monkeypatch.chdir("/")
    con = duckdb.connect(str(out))
    try:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (12,)
    finally:
        con.close()
