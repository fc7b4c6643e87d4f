"""`eventcoder query` runs its SQL on DuckDB's engine alone (`connect(python_api=False)`), without importing
the `duckdb` package: in a fresh interpreter (where the package is not imported already, as it is in this one),
every named query answers on a coded dataset as through a connection with the package imported and every view
created, and the package stays unimported. Nor is `decimal`, by the named queries with their default parameters
(DuckDB imports it to bind a date parameter, or to return a DECIMAL value); results are formatted the same
before and after it is (`query._is_decimal`)."""

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
for name, params in json.loads(sys.argv[2]):  # those with default parameters first
    if params and not answers.get("imported"):
        answers["imported"] = {"duckdb": "duckdb" in sys.modules, "decimal": "decimal" in sys.modules}
    with query.connect(sys.argv[1], only_for=query.get_named_query(name).sql, python_api=False) as con:
        answers[f"{name} {params}"] = query.format_result(query.run_named(con, name, params), "json")
imported = answers.pop("imported")
with query.connect(sys.argv[1], only_for=DECIMALS, python_api=False) as con:
    result = query.run_sql(con, DECIMALS)
answers["decimals"] = [query.format_result(result, fmt) for fmt in query.OUTPUT_FORMATS]
print(json.dumps({"answers": answers, "imported": imported}))
"""

DECIMALS = "SELECT CAST(2.5 AS DECIMAL(4, 2)) AS amount, 'a' AS word UNION ALL SELECT 10.25, 'bb' ORDER BY 1"
"""A result with a DECIMAL column: right-aligned in a table, a number in JSON."""


@pytest.fixture(scope="module")
def seed_dataset(tmp_path_factory: pytest.TempPathFactory, codebook) -> Path:  # type: ignore[no-untyped-def]
    """The seed article, coded."""
    dataset = tmp_path_factory.mktemp("engine-only") / "seed"
    code_articles([str(REPO / "seeds")], dataset, codebook)
    return dataset


def _runs() -> list[tuple[str, dict[str, str]]]:
    runs = []
    for params in PARAMS.values():
        runs += [(named.name, params) for named in query.named_queries() if set(params) <= named_parameters(named)]
    return runs


def named_parameters(named: query.NamedQuery) -> set[str]:
    return {param.name for param in named.params}


def test_query_engine_only_named_queries_answer_as_with_the_package(seed_dataset: Path) -> None:
    runs = _runs()
    driver = f"DECIMALS = {DECIMALS!r}" + DRIVER
    done = subprocess.run([sys.executable, "-c", driver, str(seed_dataset), json.dumps(runs)],
                          capture_output=True, text=True, check=True, timeout=300)
    report = json.loads(done.stdout)
    assert report["imported"] == {"duckdb": False, "decimal": False}
    expected: dict[str, str | list[str]] = {}
    with query.connect(seed_dataset) as con:
        for name, params in runs:
            expected[f"{name} {params}"] = query.format_result(query.run_named(con, name, params), "json")
        decimals = [query.format_result(query.run_sql(con, DECIMALS), fmt) for fmt in query.OUTPUT_FORMATS]
    expected["decimals"] = decimals
    assert report["answers"] == expected
    assert any(json.loads(answer) for answer in expected.values() if isinstance(answer, str))  # it has events
    table, _, as_json = decimals
    assert table.splitlines()[2:] == ["  2.50  a", " 10.25  bb"]
    assert json.loads(as_json) == [{"amount": 2.5, "word": "a"}, {"amount": 10.25, "word": "bb"}]
