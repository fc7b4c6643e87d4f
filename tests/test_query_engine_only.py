"""`eventcoder query` runs its SQL on DuckDB's engine alone (`connect(python_api=False)`), without importing
the `duckdb` package: in a fresh interpreter (where the package is not imported already, as it is in this one),
every named query answers on a coded dataset as through a connection with the package imported and every view
created, and the package stays unimported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder import query
from eventcoder.run import code_articles

REPO = Path(__file__).resolve().parents[1]

PARAMS: dict[str, dict[str, str]] = {
    "defaults": {},
    "reports": {"count": "reports"},
    "window": {"window_days": "3"},
    "country": {"country": "USA", "since": "2025-11-01", "until": "2025-11-30"},
}
"""Parameter sets; each named query gets those whose keys it all declares."""

DRIVER = """
import json, sys
from eventcoder import query
answers = {}
for name, params in json.loads(sys.argv[2]):
    with query.connect(sys.argv[1], only_for=query.get_named_query(name).sql, python_api=False) as con:
        answers[f"{name} {params}"] = query.format_result(query.run_named(con, name, params), "json")
print(json.dumps({"answers": answers, "duckdb": "duckdb" in sys.modules}))
"""


@pytest.fixture(scope="module")
def seed_dataset(tmp_path_factory: pytest.TempPathFactory, codebook) -> Path:  # type: ignore[no-untyped-def]
    """The seed article, coded."""
    dataset = tmp_path_factory.mktemp("engine-only") / "seed"
    code_articles([str(REPO / "seeds")], dataset, codebook)
    return dataset


def _runs() -> list[tuple[str, dict[str, str]]]:
    runs = []
    for named in query.named_queries():
        declared = {param.name for param in named.params}
        runs += [(named.name, params) for params in PARAMS.values() if set(params) <= declared]
    return runs


def test_query_engine_only_named_queries_answer_as_with_the_package(seed_dataset: Path) -> None:
    runs = _runs()
    done = subprocess.run([sys.executable, "-c", DRIVER, str(seed_dataset), json.dumps(runs)],
                          capture_output=True, text=True, check=True, timeout=300)
    report = json.loads(done.stdout)
    assert report["duckdb"] is False
    expected = {}
    with query.connect(seed_dataset) as con:
        for name, params in runs:
            expected[f"{name} {params}"] = query.format_result(query.run_named(con, name, params), "json")
    assert report["answers"] == expected
    assert any(json.loads(answer) for answer in expected.values())  # the seed article has events to count
