"""Parallel and distributed coding give exactly the single-process output, row for row and in order."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.batch import code_batch
from eventcoder.cli import cli
from eventcoder.codebook.compile import Codebook
from eventcoder.inputs import Article
from eventcoder.parallel import SMALL_INPUT_CHARACTERS, PoolCoder
from eventcoder.run import code_articles

SENTENCES = [
    "Venezuela threatened Colombia with sanctions on Monday.",
    "Brazil and Argentina signed a trade agreement, officials said.",
    "Israeli troops shelled positions near Rafah.",
    "The UN Security Council condemned the attack.",
    "Russia expelled two British diplomats.",
    "Protesters marched in Caracas against the government.",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = []
    for number in range(60):
        text = " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(3))
        lines.append(json.dumps({"id": f"n{number}", "text": text, "date": f"2025-{1 + number % 12:02d}-10"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _table_rows(dataset: Path) -> list[dict[str, object]]:
    files = sorted((dataset / "events").rglob("*.parquet"))
    return [row for path in files for row in pq.read_table(path).to_pylist()]


def test_parallel_workers_equal_single_worker(tmp_path: Path, corpus: Path, codebook: Codebook) -> None:
    single = code_articles([str(corpus)], tmp_path / "one", codebook, workers=1, batch_articles=25)
    double = code_articles([str(corpus)], tmp_path / "two", codebook, workers=2, batch_articles=25)
    assert single.events_written == double.events_written > 0
    assert _table_rows(tmp_path / "one") == _table_rows(tmp_path / "two")


def _articles(count: int) -> list[Article]:
    return [
        Article(f"a{number}", None, " ".join(SENTENCES), dt.date(2025, 3, 10), None, None, None, "test")
        for number in range(count)
    ]


def test_parallel_short_input_coded_without_starting_workers(codebook: Codebook) -> None:
    articles = _articles(2)
    with PoolCoder(codebook, 2, in_process_below=SMALL_INPUT_CHARACTERS) as pool:
        coded = pool.submit(articles, codebook)()
        assert multiprocessing.active_children() == []
    assert coded.table.equals(code_batch(articles, codebook).table)


def test_parallel_long_input_starts_the_workers(codebook: Codebook) -> None:
    articles = _articles(2)
    with PoolCoder(codebook, 2, in_process_below=len(articles[0].text)) as pool:
        coded = pool.submit(articles, codebook)()
        assert len(multiprocessing.active_children()) == 2
        assert pool.submit(articles[:1], codebook)().table.equals(code_batch(articles[:1], codebook).table)
    assert coded.table.equals(code_batch(articles, codebook).table)


def test_parallel_default_workers_equal_single_worker(tmp_path: Path, corpus: Path, codebook: Codebook) -> None:
    single = code_articles([str(corpus)], tmp_path / "one", codebook, workers=1, batch_articles=25)
    default = code_articles([str(corpus)], tmp_path / "default", codebook, workers=None, batch_articles=25)
    assert single.events_written == default.events_written > 0
    assert _table_rows(tmp_path / "one") == _table_rows(tmp_path / "default")


def test_parallel_dask_equals_single_process(tmp_path: Path, corpus: Path, codebook: Codebook) -> None:
    distributed = pytest.importorskip("dask.distributed")
    from eventcoder.distributed import DaskCoder

    code_articles([str(corpus)], tmp_path / "one", codebook, batch_articles=25)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
        DaskCoder(codebook, client) as coder,
    ):
        code_articles([str(corpus)], tmp_path / "dask", codebook, coder=coder, batch_articles=25)
        cli_run = CliRunner().invoke(
            cli,
            [
                "code",
                str(corpus),
                "-o",
                str(tmp_path / "cli"),
                "--batch-size",
                "25",
                "--dask",
                cluster.scheduler_address,
            ],
        )
        assert cli_run.exit_code == 0, cli_run.output
    assert _table_rows(tmp_path / "one") == _table_rows(tmp_path / "dask") == _table_rows(tmp_path / "cli")
