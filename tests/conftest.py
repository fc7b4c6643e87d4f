"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from dataset_fixtures import seed_crisis_events, write_fixture_dataset


@pytest.fixture
def crisis_dataset(tmp_path: Path) -> Path:
    """A small dataset of the seed crisis (November 2025) with `_labels/` tables."""
    return write_fixture_dataset(tmp_path / "crisis", seed_crisis_events())


@pytest.fixture
def empty_dataset(tmp_path: Path) -> Path:
    """A dataset with an empty `events/` folder and no `_labels/`."""
    return write_fixture_dataset(tmp_path / "empty", [], labels=False)
