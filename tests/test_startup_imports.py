"""Start-up: commands that neither code nor validate must not import the libraries they do not use.

`query` reads Parquet through DuckDB's engine alone (`_duckdb`, not the `duckdb` package); `explain`,
`codebook show` and `--help` need at most the cached compiled codebook, which loads without pydantic or
YAML. Each command runs in a fresh interpreter (a subprocess) that reports which of these libraries it
imported, so a module-level import added anywhere on a command's path fails here instead of silently
costing every start (see bench/README.md, "Start-up").
`explain` also finds the actor index in the cached codebook instead of building it. `code` on a short input
imports pyarrow (with numpy) but neither pyarrow.compute nor pydantic (records are validated by
pydantic-core with the `Event` model's cached field schema), and starts no worker processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WATCHED = ("pyarrow", "pyarrow.compute", "pandas", "pandera", "pydantic", "pydantic_core",
           "pydantic_core._pydantic_core", "yaml", "numpy", "duckdb", "_duckdb", "importlib.metadata",
           "multiprocessing", "random")

DRIVER = """
import json, sys
from eventcoder.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="eventcoder")
except SystemExit as stop:
    status = stop.code
loaded = sorted(name for name in {watched!r} if name in sys.modules)
print(json.dumps({{"status": status, "loaded": loaded}}), file=sys.stderr)
"""


def run_command(args: list[str], cache_dir: Path) -> tuple[int, list[str]]:
    """Run the CLI with `args` in a fresh interpreter; return its exit status and the watched modules it loaded."""
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER.format(watched=WATCHED), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["status"], report["loaded"]


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A codebook cache holding the default codebook (the first load compiles it, which needs pydantic)."""
    cache_dir = tmp_path_factory.mktemp("codebook-cache")
    status, _ = run_command(["codebook", "show", "190"], cache_dir)
    assert status in (0, None)
    return cache_dir


@pytest.mark.parametrize("args", [["--help"], ["codebook", "show", "190"], ["explain", "Freedonia attacked Sylvania."]])
def test_startup_commands_import_none_of_the_heavy_libraries(args: list[str], warm_cache: Path) -> None:
    status, loaded = run_command(args, warm_cache)
    assert status in (0, None)
    assert loaded == []


def test_startup_query_imports_duckdbs_engine_only(crisis_dataset: Path, warm_cache: Path) -> None:
    status, loaded = run_command(["query", str(crisis_dataset), "select count(*) from events"], warm_cache)
    assert status in (0, None)
    assert loaded == ["_duckdb"]  # not the `duckdb` package (nor importlib.metadata and random, which it imports)


def test_startup_code_on_one_article_imports_neither_pyarrow_compute_nor_pydantic(tmp_path: Path,
                                                                                 warm_cache: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "us-venezuela-ultimatum.txt"
    reports = [run_command(["code", str(seed), "-o", str(tmp_path / f"out{run}")], warm_cache) for run in (1, 2)]
    assert reports[0][0] in (0, None)  # the first run also caches the record model's field schema
    assert reports[1][0] in (0, None)
    # Nor importlib.metadata (the version is read from the package's METADATA file), multiprocessing (the
    # process pool is made only when a longer input needs it), random (the run id's suffix) or the
    # pydantic_core package (its extension module is loaded alone: `records.core_module`).
    assert reports[1][1] == ["numpy", "pyarrow", "pydantic_core._pydantic_core"]


CORE_DRIVER = """
import json, sys
from eventcoder.records import core_module, record_validator
validator = record_validator()
alone = "pydantic_core" not in sys.modules
try:
    validator.validate_python([{"event_id": 3, "negated": "maybe"}, {}], strict=True)
except core_module().ValidationError as error:
    errors = [(e["type"], list(e["loc"]), e["msg"]) for e in error.errors()]
    text = str(error)
import pydantic_core
same = pydantic_core.ValidationError is core_module().ValidationError
same = same and pydantic_core.SchemaValidator is type(validator)
print(json.dumps({"alone": alone, "errors": errors, "text": text, "same": same}))
"""


def test_startup_record_validator_without_the_pydantic_core_package_gives_the_same_errors(warm_cache: Path) -> None:
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(warm_cache)}
    # The first validator made with a cache directory builds and caches the model's field schema through
    # pydantic (which imports pydantic_core): warm that cache here, whichever test ran first on this worker.
    subprocess.run([sys.executable, "-c", "from eventcoder.records import record_validator; record_validator()"],
                   env=env, timeout=300, check=True)
    alone = json.loads(subprocess.run([sys.executable, "-c", CORE_DRIVER], capture_output=True, text=True, env=env,
                                      timeout=300, check=True).stdout)
    usual = json.loads(subprocess.run([sys.executable, "-c", "import pydantic_core\n" + CORE_DRIVER],
                                      capture_output=True, text=True, env=env, timeout=300, check=True).stdout)
    assert alone["alone"] and not usual["alone"]
    assert alone["same"] and usual["same"]  # a later `import pydantic_core` re-exports the module loaded alone
    assert alone["errors"] == usual["errors"] and alone["text"] == usual["text"]
    assert len(alone["errors"]) > 20


@pytest.fixture()
def package_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder alone on sys.path, where the package's metadata is looked up."""
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    return tmp_path


def _install(folder: Path, name: str, version: str = "1.2.3") -> None:
    (folder / name).mkdir()
    (folder / name / "METADATA").write_text(f"Metadata-Version: 2.1\nName: eventcoder\nVersion: {version}\n\n"
                                            "Version: not a header\n", encoding="utf-8")


def test_startup_version_is_the_installed_metadata_version() -> None:
    from importlib.metadata import version

    import eventcoder

    assert eventcoder._metadata_version() == version("eventcoder")


def test_startup_version_read_from_a_plain_dist_info(package_folder: Path) -> None:
    import eventcoder

    _install(package_folder, "eventcoder-1.2.3.dist-info")
    _install(package_folder, "eventcoder_plugin-9.9.dist-info", "9.9")  # another package's
    assert eventcoder._metadata_version() == "1.2.3"


@pytest.mark.parametrize("names", [["eventcoder-1.2.3.dist-info", "eventcoder-1.2.4.dist-info"],
                                   ["EventCoder-1.2.3.dist-info"], ["eventcoder.egg-info"], []])
def test_startup_version_leaves_anything_less_plain_to_importlib_metadata(package_folder: Path,
                                                                          names: list[str]) -> None:
    import eventcoder

    for name in names:
        _install(package_folder, name)
    assert eventcoder._metadata_version() is None


BUILDS_DRIVER = """
import json, sys
from eventcoder import actors
from eventcoder.cli import cli
built = []
build = actors.ActorIndex.of
actors.ActorIndex.of = classmethod(lambda cls, codebook: built.append(1) or build(codebook))
try:
    cli.main(args=sys.argv[1:], prog_name="eventcoder")
except SystemExit as stop:
    status = stop.code
print(json.dumps({"status": status, "built": len(built)}), file=sys.stderr)
"""


def test_startup_explain_loads_the_actor_index_with_the_cached_codebook(warm_cache: Path) -> None:
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(warm_cache)}
    done = subprocess.run(
        [sys.executable, "-c", BUILDS_DRIVER, "explain", "Freedonia attacked Sylvania."],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["status"] in (0, None)
    assert report["built"] == 0  # loaded from the cache entry, not built (see codebook/cache.py)
