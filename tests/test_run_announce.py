"""A run writes its label tables and its first manifest before its first commit: coding in this process, before it
codes; with a process pool, once the first coding batch is handed to the workers, so that those writes (and their
fsyncs) overlap the workers' start instead of delaying it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcoder.run as run_module
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import DatasetWriter
from eventcoder.errors import OutputError
from eventcoder.parallel import PoolCoder
from eventcoder.run import code_articles

TEXT = "Venezuela threatened Colombia with sanctions. Russia expelled two British diplomats."


def _corpus(path: Path, articles: int) -> Path:
    lines = [json.dumps({"id": f"n{number}", "text": TEXT, "date": f"2025-0{1 + number % 3}-10"})
             for number in range(articles)]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The order of a run's steps: batches handed to the pool, label tables, manifests (with their status),
    commits."""
    seen: list[str] = []
    labels, manifest = run_module.write_labels, run_module._write_manifest
    submit, commit = PoolCoder.submit, DatasetWriter.write_tables

    def write_labels(*args: object) -> None:
        seen.append("labels")
        labels(*args)  # type: ignore[arg-type]

    def write_manifest(dataset: Path, summary: run_module.RunSummary) -> None:
        seen.append(f"manifest {summary.status}")
        manifest(dataset, summary)

    def pool_submit(self: PoolCoder, *args: object, **kwargs: object) -> object:
        seen.append("submit")
        return submit(self, *args, **kwargs)  # type: ignore[arg-type]

    def write_tables(self: DatasetWriter, *args: object, **kwargs: object) -> int:
        seen.append("commit")
        return commit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "write_labels", write_labels)
    monkeypatch.setattr(run_module, "_write_manifest", write_manifest)
    monkeypatch.setattr(PoolCoder, "submit", pool_submit)
    monkeypatch.setattr(DatasetWriter, "write_tables", write_tables)
    monkeypatch.setattr(run_module, "CODING_BATCH_ARTICLES", 2)
    return seen


def test_run_announce_a_pool_run_writes_labels_and_manifest_once_its_first_batch_is_handed_out(
    tmp_path: Path, codebook: Codebook, steps: list[str]
) -> None:
    summary = code_articles([str(_corpus(tmp_path / "in.jsonl", 9))], tmp_path / "ds", codebook, workers=2,
                            batch_articles=4)
    assert summary.status == "completed" and summary.batches == 3
    assert steps[:3] == ["submit", "labels", "manifest running"]
    assert steps.count("labels") == 1 and steps.count("manifest running") == 3  # the first, then after 2 commits
    assert steps.index("manifest running") < steps.index("commit")
    assert sorted(path.name for path in (tmp_path / "ds" / "_labels").iterdir()) == [
        "actor_roles.parquet", "cameo_codes.parquet", "categories.parquet"]


def test_run_announce_a_run_in_this_process_writes_them_before_it_codes(
    tmp_path: Path, codebook: Codebook, steps: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = run_module.code_batch

    def coding(*args: object) -> object:
        steps.append("code")
        return code(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "code_batch", coding)
    code_articles([str(_corpus(tmp_path / "in.jsonl", 5))], tmp_path / "ds", codebook, workers=1)
    assert steps[:3] == ["labels", "manifest running", "code"]


@pytest.mark.parametrize("workers", [1, 2])
def test_run_announce_an_input_without_records_still_writes_them(
    tmp_path: Path, codebook: Codebook, steps: list[str], workers: int
) -> None:
    empty = tmp_path / "in.jsonl"
    empty.write_text("", encoding="utf-8")
    summary = code_articles([str(empty)], tmp_path / "ds", codebook, workers=workers)
    assert summary.status == "completed"
    assert steps == ["labels", "manifest running", "manifest completed"]
    assert len(list((tmp_path / "ds" / "_labels").iterdir())) == 3


def test_run_announce_a_label_table_that_cannot_be_written_fails_the_pool_run(
    tmp_path: Path, codebook: Codebook, steps: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written after the pool started, a failed write still ends the run as before the pool: OutputError, nothing
    committed, the manifest says why, and the pool's workers are gone."""

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(run_module, "write_labels", full_disk)
    with pytest.raises(OutputError, match="cannot write to dataset .*No space left on device"):
        code_articles([str(_corpus(tmp_path / "in.jsonl", 5))], tmp_path / "ds", codebook, workers=2)
    assert "commit" not in steps
    (manifest,) = (tmp_path / "ds" / "_runs").glob("*.json")
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    assert recorded["status"] == "failed" and "No space left on device" in recorded["error"]
    assert not list((tmp_path / "ds" / "events").rglob("*.parquet"))
