"""Faults a run must survive or report in one line: articles that break the reader or the coder, records
that fail validation, a full disk, permission denied, and a file where a directory should be."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.coder import RECORD_COLUMNS

GOOD = [
    {"id": f"g{number}", "text": "Venezuela threatened Colombia with sanctions.", "date": "2025-11-02"}
    for number in range(6)
]


def _jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _rows(dataset: Path) -> list[dict[str, Any]]:
    rows = [row for f in sorted((dataset / "events").rglob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    return sorted(rows, key=lambda row: str(row["event_id"]))


def _manifests(dataset: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((dataset / "_runs").glob("*.json"))]


def _quarantine(dataset: Path, run_id: str) -> list[dict[str, Any]]:
    path = dataset / "_quarantine" / f"{run_id}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _assert_counts_agree(dataset: Path) -> None:
    for manifest in _manifests(dataset):
        assert manifest["quarantined"] == len(_quarantine(dataset, manifest["run_id"]))
        assert manifest["articles_read"] == (
            manifest["articles_coded"] + manifest["articles_skipped"] + manifest["quarantined"]
        )


def test_faults_issue_records_are_coded_or_quarantined(tmp_path: Path) -> None:
    """The three causes of the fuzzing crashes: an early date with a relative phrase, and lone surrogates
    in the text, title, id and date. None stops the run; every good article around them is coded."""
    records = [
        GOOD[0],
        '{"id":"a","date":"0001-01-01","text":"The US threatened Venezuela yesterday."}',
        '{"id":"b","date":"0001-06-01","text":"The US threatened Venezuela last year."}',
        '{"id":"c","date":"0001-01-01","text":"The US threatened Venezuela on Sunday, last week and last month."}',
        '{"id":"s1","date":"2025-01-01","text":"The US threatened \\ud800 Venezuela."}',
        '{"id":"s2","date":"2025-01-01","title":"T \\udfff","text":"The US threatened Venezuela."}',
        '{"id":"s3\\ud800","date":"2025-01-01","text":"The US threatened Venezuela."}',
        '{"id":"s4","date":"2025-\\ud800-01","text":"The US threatened Venezuela."}',
        GOOD[1],
    ]
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(_jsonl(tmp_path / "in.jsonl", records)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [manifest] = _manifests(out)
    assert manifest["status"] == "completed"
    assert (manifest["articles_read"], manifest["articles_coded"], manifest["quarantined"]) == (9, 8, 1)
    assert manifest["replaced_characters"] == 3
    assert "3 invalid characters replaced by U+FFFD" in result.output
    [bad_date] = _quarantine(out, manifest["run_id"])
    assert bad_date["code"] == "bad-date" and bad_date["line"] == 8
    ids = {row["article_id"] for row in _rows(out)}
    assert {"g0", "g1", "a", "b", "c", "s1", "s2", "s3\ufffd"} <= ids
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0


def test_faults_coder_exception_quarantines_only_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventcoder.batch as batch

    real = batch.code_article

    def fragile(article: Any, codebook: Any) -> Any:
        if article.id == "g2":
            raise RuntimeError("the coder broke")
        return real(article, codebook)

    monkeypatch.setattr(batch, "code_article", fragile)
    out = tmp_path / "ds"
    corpus = _jsonl(tmp_path / "in.jsonl", [*GOOD, "not json"])
    result = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(out), "--workers", "1", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    [manifest] = _manifests(out)
    assert (manifest["articles_read"], manifest["articles_coded"], manifest["quarantined"]) == (7, 5, 2)
    failed = [item for item in _quarantine(out, manifest["run_id"]) if item["code"] == "coder-error"]
    assert len(failed) == 1
    assert failed[0]["line"] == 3 and failed[0]["error_type"] == "RuntimeError"
    assert failed[0]["reason"] == "RuntimeError: the coder broke"
    assert failed[0]["error_at"].startswith("test_faults.py:")
    assert {row["article_id"] for row in _rows(out)} == {"g0", "g1", "g3", "g4", "g5"}
    _assert_counts_agree(out)


def test_faults_invalid_records_quarantine_only_their_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventcoder.batch as batch

    real = batch.code_article

    def bad_code(article: Any, codebook: Any) -> Any:
        coded = real(article, codebook)
        if article.id == "g1":
            place = RECORD_COLUMNS.index("cameo_code")  # "999": not in the codebook
            coded.records[:] = [(*record[:place], "999", *record[place + 1 :]) for record in coded.records]
        return coded

    monkeypatch.setattr(batch, "code_article", bad_code)
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(_jsonl(tmp_path / "in.jsonl", GOOD)), "-o", str(out),
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    [manifest] = _manifests(out)
    [invalid] = _quarantine(out, manifest["run_id"])
    assert invalid["code"] == "invalid-events" and "code exists in the codebook" in invalid["reason"]
    assert {row["article_id"] for row in _rows(out)} == {"g0", "g2", "g3", "g4", "g5"}
    _assert_counts_agree(out)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("goldstein", "strong", "record 0.goldstein"), ("event_date", "2025-11-14", "record 0.event_date")],
)
def test_faults_records_the_event_model_refuses_quarantine_only_their_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: str, message: str
) -> None:
    import eventcoder.batch as batch

    real = batch.code_article

    def bad_code(article: Any, codebook: Any) -> Any:
        coded = real(article, codebook)
        if article.id == "g1":
            place = RECORD_COLUMNS.index(field)
            coded.records[0] = (*coded.records[0][:place], value, *coded.records[0][place + 1 :])
        return coded

    monkeypatch.setattr(batch, "code_article", bad_code)
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(_jsonl(tmp_path / "in.jsonl", GOOD)), "-o", str(out),
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    [manifest] = _manifests(out)
    [invalid] = _quarantine(out, manifest["run_id"])
    assert invalid["code"] == "invalid-events" and message in invalid["reason"], invalid["reason"]
    assert {row["article_id"] for row in _rows(out)} == {"g0", "g2", "g3", "g4", "g5"}
    _assert_counts_agree(out)


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")],
)
def test_faults_writer_error_is_one_line_and_dataset_stays_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    import eventcoder.dataset as dataset

    out = tmp_path / "ds"
    corpus = _jsonl(tmp_path / "in.jsonl", GOOD)
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(out), "--workers", "1"]).exit_code == 0
    before = _rows(out)
    [first] = _manifests(out)
    more = _jsonl(tmp_path / "more.jsonl", [{**record, "id": f"m{n}"} for n, record in enumerate(GOOD)])
    real = dataset.write_parquet
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 1:  # the first batch is committed, the second hits the fault
            raise OSError(code, message)
        return real(*args, **kwargs)

    monkeypatch.setattr(dataset, "write_parquet", failing)
    result = CliRunner().invoke(cli, ["code", str(more), "-o", str(out), "--workers", "1", "--batch-size", "3"])
    assert result.exit_code == 2
    assert result.output == f"Error: cannot write to dataset {out}: {message}\n"
    monkeypatch.setattr(dataset, "write_parquet", real)
    assert not (out / "_staging").exists()
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
    after = _rows(out)
    assert {row["article_id"] for row in after} == {row["article_id"] for row in before} | {"m0", "m1", "m2"}
    [failed] = [manifest for manifest in _manifests(out) if manifest["run_id"] != first["run_id"]]
    assert failed["status"] == "failed" and message in failed["error"]
    assert failed["articles_coded"] == 3


def test_faults_output_path_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    corpus = _jsonl(tmp_path / "in.jsonl", GOOD)
    result = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(blocker)])
    assert result.exit_code == 2 and "is a file" in result.output  # click's usage error
    result = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(blocker / "ds")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: cannot write to ") and result.output.count("\n") == 1


def test_faults_quarantine_write_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventcoder.quarantine as quarantine

    real = quarantine.Path.open

    def full(self: Path, *args: Any, **kwargs: Any) -> Any:
        if "_quarantine" in self.parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(quarantine.Path, "open", full)
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(_jsonl(tmp_path / "in.jsonl", [GOOD[0], "bad"])), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot write quarantine file") and result.output.count("\n") == 1


@pytest.fixture
def small_tmpfs() -> Any:
    """A 3 MB tmpfs, when this process may mount one (skipped otherwise). It is mounted outside pytest's
    temporary tree, which another pytest session may rotate away while this test runs."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mount = Path(tempfile.mkdtemp(prefix="eventcoder-tmpfs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
        shutil.rmtree(mount, ignore_errors=True)


def test_faults_full_disk_on_a_real_tmpfs(tmp_path: Path, small_tmpfs: Path) -> None:
    out = small_tmpfs / "ds"
    corpus = _jsonl(tmp_path / "in.jsonl", GOOD)
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(out), "--workers", "1"]).exit_code == 0
    before = _rows(out)
    # Fill the disk to the last byte, unbuffered: a buffered file keeps the bytes of a short write and fails again
    # when closed, unless the space left happened to be a multiple of the chunk.
    with (small_tmpfs / "filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    more = _jsonl(tmp_path / "more.jsonl", [{**record, "id": f"m{n}"} for n, record in enumerate(GOOD)])
    result = CliRunner().invoke(cli, ["code", str(more), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ") and "No space left on device" in result.output
    assert result.output.count("\n") == 1
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
    assert _rows(out) == before
