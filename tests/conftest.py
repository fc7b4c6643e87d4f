"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
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


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


# Test files that start coder processes and wait for them against deadlines (kills, lock races, worker pools,
# a Dask cluster): under pytest-xdist they share one worker, so they never compete with each other for the
# cores, and run there one after another.
PROCESS_FILES = frozenset(
    {"test_crash_safety.py", "test_dataset_compact.py", "test_lock.py", "test_parallel.py"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Group tests for `pytest -n N --dist loadgroup` (`make test`): each file's tests run on one worker, so
    a module-scoped fixture (an imported dictionary, a compiled layer) is built once, not once per worker;
    the files in PROCESS_FILES form one group. Without -n the marks change nothing."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            name = item.path.name
            item.add_marker(pytest.mark.xdist_group("processes" if name in PROCESS_FILES else name))


@pytest.fixture(scope="session", autouse=True)
def codebook_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A compiled-codebook cache private to this test session (each xdist worker has its own), named by
    $EVENTCODER_CACHE_DIR for in-process and subprocess CLI runs alike: the suite neither reads entries a
    developer's earlier runs left in the user cache nor writes into it. Tests that need another cache set
    the variable themselves."""
    directory = tmp_path_factory.mktemp("codebook-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVENTCODER_CACHE_DIR", str(directory))
        yield directory


@pytest.fixture(scope="session")
def codebook(codebook_cache_dir: Path):  # type: ignore[no-untyped-def]
    """The default compiled codebook, compiled once per test session through the session's own cache
    (`codebook_cache_dir`, empty at the start): whichever comes first, this fixture or a CLI run, compiles
    it and writes the entry, and every later load of the default codebook in the session reads it."""
    from eventcoder.codebook.compile import load_codebook

    return load_codebook()


@pytest.fixture(scope="session")
def seed_article():  # type: ignore[no-untyped-def]
    """The seed article, read through the normal input path."""
    from eventcoder.inputs import Article, read_articles

    items = list(read_articles([str(REPO / "seeds" / "us-venezuela-ultimatum.txt")]))
    assert len(items) == 1 and isinstance(items[0], Article)
    return items[0]


@pytest.fixture(scope="session")
def seed_rows(seed_article, codebook):  # type: ignore[no-untyped-def]
    """The event records coded from the seed article."""
    from eventcoder.coder import code_article

    return code_article(seed_article, codebook).rows


FICTIONAL_COUNTRIES = """\
format_version: 1
kind: actors
description: Fictional countries for tests whose sentences exercise grammar, not actor names.
entries:
  - {id: frd, name: Freedonia, type: country, code: FRD, names: [Freedonia], adjectives: [Freedonian]}
  - {id: syl, name: Sylvania, type: country, code: SYL, names: [Sylvania], adjectives: [Sylvanian]}
  - {id: rur, name: Ruritania, type: country, code: RUR, names: [Ruritania], adjectives: [Ruritanian]}
"""


@pytest.fixture(scope="session")
def fictional(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The default codebook plus three fictional countries (Freedonia FRD, Sylvania SYL, Ruritania RUR)."""
    from eventcoder.codebook.compile import load_codebook

    layer = tmp_path_factory.mktemp("fictional")
    (layer / "fictional_countries.yaml").write_text(FICTIONAL_COUNTRIES, encoding="utf-8")
    return load_codebook([layer], use_cache=False)
