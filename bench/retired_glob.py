"""CPU cost of the retired-file filter of the glob views (schemas/duckdb/views.sql, `eventcoder db`).

Builds a synthetic dataset of FILES_PER_PARTITION files in each of 120 monthly partitions, then times three
queries (CPU time, best of 5, DuckDB on one thread) through the published views and through the same views
with `events_all` reading the plain glob, as before the filter; RETIRED files are listed in _retired.json.

    .venv/bin/python bench/retired_glob.py /tmp/bigds 8 500 96     # FOLDER FILES_PER_PARTITION ROWS RETIRED
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from dataset_fixtures import make_event, write_fixture_dataset  # noqa: E402

from eventcoder.query import render_published_views  # noqa: E402
from eventcoder.records import EVENT_SCHEMA  # noqa: E402

QUERIES = {
    "count": "SELECT count(*) FROM events_all",
    "dyads": "SELECT source_code, target_code, count(*), avg(goldstein) FROM events GROUP BY ALL",
    "one month": "SELECT count(*) FROM events_all WHERE year = 2020 AND month = 6",
}
PLAIN_EVENTS_ALL = (
    "CREATE OR REPLACE VIEW events_all AS\nSELECT * EXCLUDE (year, month), CAST(year AS INTEGER) AS year, "
    "CAST(month AS INTEGER) AS month\nFROM read_parquet(getvariable('dataset') || "
    "'/events/year=*/month=*/*.parquet', hive_partitioning = true, union_by_name = true)"
)


def build(root: Path, files_per_partition: int, rows: int) -> None:
    write_fixture_dataset(root, [])
    for year in range(2016, 2026):
        for month in range(1, 13):
            folder = root / "events" / f"year={year}" / f"month={month:02d}"
            folder.mkdir(parents=True)
            events = [
                make_event(i, event_id=f"e{year}{month}-{i}", event_date=dt.date(year, month, 1 + i % 28),
                           source_code=f"C{i % 37:02d}GOV", target_code=f"C{i % 41:02d}GOV")
                for i in range(rows)
            ]
            table = pa.Table.from_pylist(events, schema=EVENT_SCHEMA)
            for k in range(files_per_partition):
                pq.write_table(table, folder / f"part-r{k}-00000.parquet", compression="zstd")


def timings(root: Path, views: str) -> dict[str, float]:
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("SET VARIABLE dataset = ?", [str(root)])
    con.execute(views)
    best = {}
    for name, sql in QUERIES.items():
        spent = []
        for _ in range(5):
            began = time.process_time()
            con.execute(sql).fetchall()
            spent.append(time.process_time() - began)
        best[name] = round(min(spent) * 1000, 1)
    con.close()
    return best


def main() -> None:
    root, files_per_partition, rows, retired = Path(sys.argv[1]), *map(int, sys.argv[2:5])
    if not root.exists():
        build(root, files_per_partition, rows)
    files = sorted((root / "events").rglob("*.parquet"))
    listed = [str(file.relative_to(root)) for file in files[:retired]]
    (root / "_retired.json").write_text(json.dumps({"retired": listed}), encoding="utf-8")
    filtered = render_published_views()
    start = filtered.index("CREATE OR REPLACE VIEW events_all")
    plain = filtered[:start] + PLAIN_EVENTS_ALL + filtered[filtered.index(";", start):]
    print(f"{len(files)} files, {retired} listed as retired; CPU ms, best of 5")
    for _ in range(3):  # interleaved rounds
        print("plain glob ", timings(root, plain))
        print("filtered   ", timings(root, filtered))


if __name__ == "__main__":
    main()
