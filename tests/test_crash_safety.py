"""SIGKILL at any moment leaves a dataset that validates and holds whole batches; --resume completes it
to exactly the uninterrupted result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli

SENTENCES = [
    "Venezuela threatened Colombia with sanctions.",
    "Brazil and Argentina signed a trade agreement.",
    "Russia expelled two British diplomats.",
    "Protesters marched in Caracas against the government.",
    "Iran condemned the Israeli strike.",
]


def _corpus(path: Path, articles: int) -> Path:
    lines = []
    for number in range(articles):
        text = " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(4))
        lines.append(
            json.dumps({"id": f"k{number}", "text": text, "date": f"2024-{1 + number % 12:02d}-0{1 + number % 9}"})
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(dataset: Path) -> list[dict[str, object]]:
    rows = [row for f in (dataset / "events").rglob("*.parquet") for row in pq.read_table(f).to_pylist()]
    return sorted(rows, key=lambda r: str(r["event_id"]))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("wait_for_files", [1, 3])
def test_crash_safety_sigkill_then_resume(tmp_path: Path, wait_for_files: int) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 600)
    full = tmp_path / "full"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(full), "--workers", "1"]).exit_code == 0

    killed = tmp_path / "killed"
    command = [
        sys.executable,
        "-m",
        "eventcoder",
        "code",
        str(corpus),
        "-o",
        str(killed),
        "--batch-size",
        "10",
        "--workers",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if (
            len(list((killed / "_runs").glob("*.done")))
            and len(list((killed / "events").rglob("*.parquet"))) >= wait_for_files
        ):
            break
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    check = CliRunner().invoke(cli, ["validate", str(killed)])
    assert check.exit_code == 0, check.output
    partial = _rows(killed)
    complete = _rows(full)
    ids = [row["event_id"] for row in partial]
    assert len(ids) == len(set(ids))
    assert all(row in complete for row in partial)

    resumed = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(killed), "--resume", "--workers", "1"])
    assert resumed.exit_code == 0, resumed.output
    assert _rows(killed) == complete
    assert CliRunner().invoke(cli, ["validate", str(killed)]).exit_code == 0


def _listing(dataset: Path) -> list[tuple[str, int, int]]:
    """Every path under the dataset with its size and modification time, to prove readers write nothing."""
    return sorted((str(p.relative_to(dataset)), p.stat().st_size, p.stat().st_mtime_ns) for p in dataset.rglob("*"))


def test_crash_safety_torn_staging_is_left_to_the_next_writer(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 20)
    dataset = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset)]).exit_code == 0
    before = _rows(dataset)
    torn = dataset / "_staging" / "crashed-00000"
    torn.mkdir(parents=True)
    (torn / "half.parquet").write_bytes(b"PAR1 not really")
    listing = _listing(dataset)
    result = CliRunner().invoke(cli, ["validate", str(dataset)])
    assert result.exit_code == 0, result.output
    assert _listing(dataset) == listing  # a reader never writes, never recovers
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset)]).exit_code == 0
    assert not (dataset / "_staging").exists()
    assert _rows(dataset) == before


def test_crash_safety_readers_see_a_commit_interrupted_halfway(tmp_path: Path) -> None:
    """A crash after a batch's journal but before all its files moved: readers see the whole batch (from
    staging) without moving anything; the next writer rolls it forward while a reader still reads the staged
    files (linked into place, the staging folder retired), and the writer after deletes the staging folder."""
    from eventcoder.dataset import JOURNAL
    from eventcoder.query import connect

    corpus = _corpus(tmp_path / "corpus.jsonl", 40)
    dataset = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset)]).exit_code == 0
    complete = _rows(dataset)
    files = sorted((dataset / "events").rglob("*.parquet"))
    assert len(files) >= 2
    staging = dataset / "_staging" / "crashed-00000"
    staging.mkdir(parents=True)
    moves = []
    for file in files[1:]:  # the first file "moved", the others still in staging
        staged = staging / str(file.relative_to(dataset)).replace("/", "_")
        file.rename(staged)
        moves.append({"from": str(staged.relative_to(dataset)), "to": str(file.relative_to(dataset))})
    (staging / JOURNAL).write_text(json.dumps({"moves": moves, "remove": []}), encoding="utf-8")
    listing = _listing(dataset)

    con = connect(dataset)
    try:
        assert con.execute("select count(*) from events_all").fetchone() == (len(complete),)
        years = con.execute("select count(*) from events_all where year = year(event_date)").fetchone()
        assert years == (len(complete),)
        assert CliRunner().invoke(cli, ["validate", str(dataset)]).exit_code == 0
        assert _listing(dataset) == listing

        assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset)]).exit_code == 0
        assert staging.is_dir() and not (staging / JOURNAL).exists()  # retired: the reader still reads it
        assert con.execute("select count(*) from events_all").fetchone() == (len(complete),)
    finally:
        con.close()  # and with it the readers lock

    other = _corpus(tmp_path / "other.jsonl", 1)
    assert CliRunner().invoke(cli, ["code", str(other), "-o", str(dataset)]).exit_code == 0
    assert _rows(dataset) == complete and not (dataset / "_staging").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_crash_safety_killed_run_is_marked_failed_with_true_counts(tmp_path: Path) -> None:
    lines = _corpus(tmp_path / "good.jsonl", 300).read_text(encoding="utf-8").splitlines()
    lines[5::7] = ["not json"] * len(lines[5::7])  # quarantined records in every batch
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = tmp_path / "ds"
    command = [sys.executable, "-m", "eventcoder", "code", str(corpus), "-o", str(dataset), "--batch-size", "10",
               "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len(list((dataset / "events").rglob("*.parquet"))) >= 3:
            break
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    [killed_manifest] = (dataset / "_runs").glob("*.json")
    assert json.loads(killed_manifest.read_text(encoding="utf-8"))["status"] in ("running", "completed")

    resumed = CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset), "--resume", "--workers", "1"])
    assert resumed.exit_code == 0, resumed.output
    manifests = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((dataset / "_runs").glob("*.json"))]
    for manifest in manifests:
        assert manifest["status"] in ("failed", "completed")
        run = manifest["run_id"]
        quarantine = dataset / "_quarantine" / f"{run}.jsonl"
        quarantined = len(quarantine.read_text(encoding="utf-8").splitlines()) if quarantine.exists() else 0
        done_file = dataset / "_runs" / f"{run}.done"
        done = done_file.read_text(encoding="utf-8").splitlines() if done_file.exists() else []
        assert manifest["quarantined"] == quarantined
        assert manifest["articles_coded"] == len(done)
        assert manifest["articles_read"] == (
            manifest["articles_coded"] + manifest["articles_skipped"] + manifest["quarantined"]
        )
    assert manifests[-1]["status"] == "completed"
