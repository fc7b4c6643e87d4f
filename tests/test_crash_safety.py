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


def test_crash_safety_torn_staging_is_discarded(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 20)
    dataset = tmp_path / "ds"
    assert CliRunner().invoke(cli, ["code", str(corpus), "-o", str(dataset)]).exit_code == 0
    before = _rows(dataset)
    torn = dataset / "_staging" / "crashed-00000"
    torn.mkdir(parents=True)
    (torn / "half.parquet").write_bytes(b"PAR1 not really")
    result = CliRunner().invoke(cli, ["validate", str(dataset)])
    assert result.exit_code == 0, result.output
    assert not (dataset / "_staging").exists()
    assert _rows(dataset) == before
