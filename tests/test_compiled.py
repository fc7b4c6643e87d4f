"""The optional mypyc build of the hot path (`make fast`): it codes the same rows as the pure-Python modules.

The comparison runs only where the compiled modules are present (after `make fast`); a clean clone runs the
pure-Python modules and skips it. The pure-Python side runs in a subprocess whose importer is told to find
eventcoder's modules as source files, so both sides run from the same tree.
"""

from __future__ import annotations

import copyreg
import dataclasses
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import eventcoder
from eventcoder.compiled import COMPILED_MODULES, build_description, compiled_modules, source_path, stale_modules

REPO = Path(__file__).resolve().parents[1]
NOT_BUILT = "the hot path is not compiled here (pure Python, the default): `make fast` builds it"

# Codes every article of the inputs and prints, first, each hot-path module's loader, then one JSON line per
# record. With "pure" it first puts a finder on sys.meta_path that finds eventcoder's modules as sources only.
DRIVER = r"""
import datetime as dt
import importlib.machinery
import json
import sys

mode, inputs = sys.argv[1], sys.argv[2:]
if mode == "pure":
    class SourceOnly:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if not name.startswith("eventcoder.") or path is None:
                return None
            details = (importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES)
            for entry in path:
                spec = importlib.machinery.FileFinder(entry, details).find_spec(name, target)
                if spec is not None:
                    return spec
            return None

    sys.meta_path.insert(0, SourceOnly)

import eventcoder
from eventcoder.coder import code_article
from eventcoder.compiled import COMPILED_MODULES
from eventcoder.inputs import Article, read_articles

codebook = eventcoder.load_codebook()
articles = [item for item in read_articles(inputs, date_default=dt.date(2025, 6, 1)) if isinstance(item, Article)]
rows = [row for article in articles for row in code_article(article, codebook).rows]
loaders = {name: type(sys.modules[name].__loader__).__name__ for name in COMPILED_MODULES if name in sys.modules}
print(json.dumps(loaders, sort_keys=True))
for row in rows:
    print(json.dumps(row, default=str, sort_keys=True))
"""

INPUTS = [
    "seeds",
    "docs/img/articles.jsonl",
    "tests/fixtures/geo_articles.jsonl",
    "tests/fixtures/lexicon_probe.jsonl",
    "tests/fixtures/lexicon_probe2.jsonl",
]


def _code(mode: str, cache_dir: Path) -> tuple[dict[str, str], list[str]]:
    """Run the driver in a subprocess; return the loader of each hot-path module and the record lines."""
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, mode, *INPUTS], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    first, *rows = done.stdout.splitlines()
    return json.loads(first), rows


def test_compiled_modules_all_have_sources() -> None:
    """Every module the build compiles exists as a source file (a renamed module must leave the list too)."""
    assert [module for module in COMPILED_MODULES if not source_path(module).is_file()] == []


def test_compiled_build_description_names_the_path() -> None:
    """The description says pure Python exactly when no compiled module is present."""
    assert (build_description() == "pure Python") == (compiled_modules() == [])


def test_compiled_version_names_the_path() -> None:
    """`eventcoder --version` says which path runs."""
    from click.testing import CliRunner

    from eventcoder.cli import cli

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and f"({build_description()})" in result.output


def _records_in(value: object) -> set[type]:
    """The classes of the dataclass instances reachable from `value` through containers, fields and attributes."""
    found: set[type] = set()
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, str | bytes | int | float | type(None) | type):
            continue
        seen.add(id(item))
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        else:
            if dataclasses.is_dataclass(item):
                found.add(type(item))
                stack.extend(getattr(item, field.name) for field in dataclasses.fields(item))
            stack.extend(getattr(item, "__dict__", {}).values())
    return found


def test_compiled_records_of_the_codebook_pickle_by_constructor() -> None:
    """Every record class of a hot-path module that a codebook holds is registered with
    `pickled_by_constructor`: compiled, it is a mypyc native class whose default pickling fails, so
    `pickle.dumps(codebook)` (Dask's scatter, `copy.deepcopy`) would fail on the compiled build only."""
    from eventcoder.actors import actor_index
    from eventcoder.codebook.cache import load_all_parts

    codebook = eventcoder.load_codebook()
    actor_index(codebook)  # kept on the codebook once coding has started
    load_all_parts(codebook)
    hot = {cls for cls in _records_in(codebook) if cls.__module__ in COMPILED_MODULES}
    expected = {"ActorIndex", "CueIndex", "DiscardList", "Pattern", "Constraint", "LexHit", "EventCode"}
    assert {cls.__name__ for cls in hot} >= expected
    assert {cls.__name__ for cls in hot if cls not in copyreg.dispatch_table} == set()
    assert pickle.loads(pickle.dumps(codebook, pickle.HIGHEST_PROTOCOL)) == codebook


@pytest.mark.skipif(not compiled_modules(), reason=NOT_BUILT)
def test_compiled_build_is_whole_and_current() -> None:
    """A build compiles every listed module, and none of their sources changed after it (or the edit is
    not what runs: `make fast` again, or `make clean-fast`)."""
    assert compiled_modules() == list(COMPILED_MODULES)
    assert stale_modules() == []


@pytest.mark.skipif(not compiled_modules(), reason=NOT_BUILT)
def test_compiled_codebook_records_are_native() -> None:
    """The codebook's records (`codebook/records.py`) are mypyc native classes in the compiled build, so the
    compiled matchers read their fields as struct fields, and the codebook cache keeps their entry apart."""
    from eventcoder.codebook.compile import records_build
    from eventcoder.codebook.records import Pattern

    assert records_build() == "compiled"
    assert type(Pattern.__dict__["id"]).__name__ == "getset_descriptor"  # a plain slot is a member_descriptor


@pytest.mark.skipif(not compiled_modules(), reason=NOT_BUILT)
def test_compiled_rows_match_pure_python(tmp_path: Path) -> None:
    """The compiled modules code byte-identical records to the pure-Python ones, each side with its own entry
    in the one codebook cache (`records_build` is part of the key), each loaded a second time from it."""
    compiled_loaders, compiled_rows = _code("compiled", tmp_path)
    pure_loaders, pure_rows = _code("pure", tmp_path)
    assert len(list(tmp_path.glob("codebook-*.pickle"))) == 2
    assert _code("compiled", tmp_path)[1] == compiled_rows
    assert _code("pure", tmp_path)[1] == pure_rows
    assert set(compiled_loaders.values()) == {"ExtensionFileLoader"}
    assert set(pure_loaders.values()) == {"SourceFileLoader"}
    assert len(compiled_rows) > 300
    assert compiled_rows == pure_rows
