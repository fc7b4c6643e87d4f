"""The label tables (`_labels/*.parquet`) are written when they do not hold the run's codebook yet, and left
alone when they do: a run with the codebook of the run before rewrites none of them (each rewrite is built,
compressed and fsynced). Each table carries the stamp it was made from in its Parquet metadata."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventcoder.dataset import LABEL_TABLES, label_tables, labels_stamp, write_labels


def _files(dataset: Path) -> dict[str, tuple[int, int]]:
    """Each label file's inode and modification time in nanoseconds: a rewrite (atomic, by rename) changes both."""
    return {
        name: ((dataset / "_labels" / f"{name}.parquet").stat().st_ino,
               (dataset / "_labels" / f"{name}.parquet").stat().st_mtime_ns)
        for name in LABEL_TABLES
    }


def test_dataset_labels_written_with_their_stamp_and_the_codebook_content(tmp_path: Path, codebook: object) -> None:
    write_labels(tmp_path, codebook)  # type: ignore[arg-type]
    tables = label_tables(codebook)  # type: ignore[arg-type]
    for name in LABEL_TABLES:
        written = pq.read_table(tmp_path / "_labels" / f"{name}.parquet")
        assert written.schema.metadata == {b"eventcoder.labels": labels_stamp(codebook).encode()}  # type: ignore[arg-type]
        assert written.replace_schema_metadata(None).equals(tables[name])


def test_dataset_labels_same_codebook_rewrites_nothing(tmp_path: Path, codebook: object) -> None:
    write_labels(tmp_path, codebook)  # type: ignore[arg-type]
    before = _files(tmp_path)
    write_labels(tmp_path, codebook)  # type: ignore[arg-type]
    assert _files(tmp_path) == before


def test_dataset_labels_other_codebook_rewrites_every_table(tmp_path: Path, codebook: object) -> None:
    write_labels(tmp_path, codebook)  # type: ignore[arg-type]
    before = _files(tmp_path)
    other = dataclasses.replace(codebook, fingerprint="cb-another")  # type: ignore[type-var]
    write_labels(tmp_path, other)
    after = _files(tmp_path)
    assert all(after[name] != before[name] for name in LABEL_TABLES)
    stamps = {pq.read_schema(tmp_path / "_labels" / f"{name}.parquet").metadata[b"eventcoder.labels"]
              for name in LABEL_TABLES}
    assert stamps == {labels_stamp(other).encode()}


@pytest.mark.parametrize("damage", ["missing", "unstamped", "not parquet"])
def test_dataset_labels_a_missing_unstamped_or_torn_table_is_rewritten_alone(
    tmp_path: Path, codebook: object, damage: str
) -> None:
    write_labels(tmp_path, codebook)  # type: ignore[arg-type]
    path = tmp_path / "_labels" / "categories.parquet"
    if damage == "missing":
        path.unlink()
    elif damage == "unstamped":  # as written before the stamp existed
        pq.write_table(label_tables(codebook)["categories"], path)  # type: ignore[arg-type]
    else:
        path.write_bytes(b"PAR1 cut short")
    before = _files(tmp_path) if damage != "missing" else None
    write_labels(tmp_path, codebook)  # type: ignore[arg-type]
    after = _files(tmp_path)
    assert pq.read_schema(path).metadata[b"eventcoder.labels"] == labels_stamp(codebook).encode()  # type: ignore[arg-type]
    if before is not None:
        assert after["categories"] != before["categories"]
        assert after["cameo_codes"] == before["cameo_codes"] and after["actor_roles"] == before["actor_roles"]
