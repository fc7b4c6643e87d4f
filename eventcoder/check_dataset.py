"""`eventcoder validate`: check an existing dataset file by file, and event ids across files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from eventcoder.codebook.compile import Codebook
from eventcoder.snapshot import reading, require_dataset
from eventcoder.validate import check_table, duplicate_ids


@dataclass
class ValidationReport:
    """Failures by file, plus ids duplicated across the dataset."""

    files: int = 0
    rows: int = 0
    failures: dict[str, list[str]] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no check failed."""
        return not self.failures and not self.duplicates

    def lines(self) -> list[str]:
        """The report as printable lines, ending in a one-line verdict."""
        lines = [f"{path}: {message}" for path, messages in self.failures.items() for message in messages]
        if self.duplicates:
            lines.append(f"{len(self.duplicates)} event_id(s) occur in more than one row, e.g. {self.duplicates[0]}")
        verdict = "valid" if self.ok else "INVALID"
        lines.append(f"{verdict}: {self.files} file(s), {self.rows} event(s)")
        return lines


def validate_dataset(dataset: Path, codebook: Codebook) -> ValidationReport:
    """Validate every event file of a dataset's last committed state against the pandera event table model
    of `codebook` (not only the Arrow checks the writer uses first); nothing in the dataset is written."""
    require_dataset(dataset)
    with reading(dataset) as state:  # the files stay on disk until the last is read
        return _validate_files((*state.files, *state.staged), codebook)


def _validate_files(paths: tuple[Path, ...], codebook: Codebook) -> ValidationReport:
    report = ValidationReport()
    ids: list[str] = []
    for path in paths:
        report.files += 1
        try:
            table = pq.read_table(path, partitioning=None)
        except (OSError, ValueError) as error:
            report.failures[str(path)] = [f"unreadable Parquet file: {error}"]
            continue
        report.rows += len(table)
        failures = check_table(table, codebook, model=True)  # the pandera model itself, on every file
        if failures:
            report.failures[str(path)] = [failure.format() for failure in failures]
        if "event_id" in table.column_names:
            ids.extend(str(value) for value in table.column("event_id").to_pylist())
    report.duplicates = duplicate_ids(ids)
    return report
