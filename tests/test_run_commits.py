"""A run commits several coded batches at once: coding batches stay small (memory, pool work, progress), a
committed batch gathers them until `--batch-size` articles or COMMIT_CHARACTERS of text, and every guarantee of
a commit holds for the whole of it (one atomic commit, one file per partition, quarantine records and --resume
ids with it, counts of committed work only)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import eventcoder.run as run_module
from eventcoder.cli import cli
from eventcoder.codebook.compile import Codebook
from eventcoder.coder import RECORD_COLUMNS
from eventcoder.dataset import DatasetWriter, rows_to_table
from eventcoder.inputs import Article, Rejected
from eventcoder.run import RunSummary, _coding_batches, code_articles

SENTENCES = [
    "Venezuela threatened Colombia with sanctions.",
    "Brazil and Argentina signed a trade agreement.",
    "Russia expelled two British diplomats.",
    "Protesters marched in Caracas against the government.",
]


def _article(name: str, characters: int) -> Article:
    return Article(name, None, "x" * characters, dt.date(2025, 1, 1), None, None, None, "test")


def _rejected(line: int) -> Rejected:
    return Rejected("in.jsonl", line, "bad", "{", "bad-json")


def _plain_grouping(items: list[Article | Rejected], size: int, commit_characters: int, coding_articles: int,
                    coding_characters: int) -> list[tuple[list[Article | Rejected], bool, bool]]:
    """What `_coding_batches` must give, in two plain steps: cut the records into committed batches, then cut
    each committed batch into coding batches; the last coding batch of each committed batch ends it, and the
    last of all ends the input unless its committed batch was cut full (given before the input's end is seen)."""

    def cut(records: list[Article | Rejected], articles_at_most: int, characters_at_most: int,
            ) -> list[list[Article | Rejected]]:
        groups: list[list[Article | Rejected]] = []
        group: list[Article | Rejected] = []
        articles = characters = 0
        for item in records:
            group.append(item)
            if isinstance(item, Article):
                articles += 1
                characters += len(item.text)
            if articles >= articles_at_most or characters >= characters_at_most:
                groups.append(group)
                group, articles, characters = [], 0, 0
        if group:
            groups.append(group)
        return groups

    result: list[tuple[list[Article | Rejected], bool, bool]] = []
    for committed in cut(items, size, commit_characters):
        coding = cut(committed, coding_articles, coding_characters)
        result += [(batch, index == len(coding) - 1, False) for index, batch in enumerate(coding)]
    if result:
        committed = [item for item in cut(items, size, commit_characters)[-1] if isinstance(item, Article)]
        full = len(committed) >= size or sum(len(item.text) for item in committed) >= commit_characters
        result[-1] = (result[-1][0], True, not full)
    return result


_RECORDS = st.lists(st.one_of(st.integers(min_value=1, max_value=40), st.none()), max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    records=_RECORDS,
    size=st.integers(min_value=1, max_value=8),
    commit_characters=st.integers(min_value=1, max_value=120),
    coding_articles=st.integers(min_value=1, max_value=5),
    coding_characters=st.integers(min_value=1, max_value=60),
)
def test_run_commits_coding_batches_are_the_plain_two_step_grouping(
    records: list[int | None], size: int, commit_characters: int, coding_articles: int, coding_characters: int
) -> None:
    items: list[Article | Rejected] = [
        _rejected(index) if length is None else _article(f"a{index}", length) for index, length in enumerate(records)
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run_module, "COMMIT_CHARACTERS", commit_characters)
        patch.setattr(run_module, "CODING_BATCH_ARTICLES", coding_articles)
        patch.setattr(run_module, "CODING_BATCH_CHARACTERS", coding_characters)
        batches = list(_coding_batches(iter(items), size))
    assert batches == _plain_grouping(items, size, commit_characters, coding_articles, coding_characters)


def _corpus(path: Path, articles: int, bad_lines: tuple[int, ...] = ()) -> Path:
    lines = []
    for number in range(articles):
        text = " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(3))
        record = {"id": f"n{number}", "text": text, "date": f"2025-{1 + number % 5:02d}-1{number % 9}"}
        lines.append("{not json" if number in bad_lines else json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(dataset: Path) -> list[dict[str, Any]]:
    rows = [row for f in sorted((dataset / "events").rglob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    return sorted(rows, key=lambda row: str(row["event_id"]))


def _files_per_partition(dataset: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in (dataset / "events").rglob("*.parquet"):
        counts[path.parent.name] = counts.get(path.parent.name, 0) + 1
    return counts


def _done(dataset: Path) -> list[str]:
    [done] = (dataset / "_runs").glob("*.done")
    return done.read_text(encoding="utf-8").split()


@pytest.fixture
def small_coding_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coding batches of two articles: a committed batch of --batch-size articles gathers several."""
    monkeypatch.setattr(run_module, "CODING_BATCH_ARTICLES", 2)


@pytest.mark.parametrize("workers", [1, 2])
def test_run_commits_gather_coding_batches_into_one_commit(
    tmp_path: Path, codebook: Codebook, small_coding_batches: None, workers: int
) -> None:
    """Coding batches of 2 articles, committed batches of 6 articles: 16 records, one not JSON, make three
    commits (n0-n6 with the bad line, n7-n12, n13-n15), eight coding batches ([n0 n1] [n2 bad n4] [n5 n6] |
    [n7 n8] [n9 n10] [n11 n12] | [n13 n14] [n15]); each commit writes one file per month it touches; the
    events are those of a run that commits every coding batch, the progress callback hears of every coding
    batch, and only a commit moves the committed counts."""
    corpus = _corpus(tmp_path / "in.jsonl", 16, bad_lines=(3,))
    seen: list[tuple[int, int, int]] = []

    def progress(summary: RunSummary) -> None:
        seen.append((summary.articles_read, summary.articles_uncommitted, summary.events_written))

    summary = code_articles([str(corpus)], tmp_path / "ds", codebook, workers=workers, batch_articles=6,
                            on_progress=progress)
    each = code_articles([str(corpus)], tmp_path / "each", codebook, workers=1, batch_articles=2)
    assert (summary.batches, each.batches) == (3, 8)
    assert summary.articles_uncommitted == 0
    assert (summary.articles_read, summary.articles_coded, summary.quarantined) == (16, 15, 1)
    assert summary.events_written == each.events_written > 0
    assert _rows(tmp_path / "ds") == _rows(tmp_path / "each")
    # Months (1 + n % 5) of the commits: {1, 2, 3, 5}, {3, 4, 5, 1, 2}, {4, 5, 1}; compaction leaves up to 4 alone.
    assert _files_per_partition(tmp_path / "ds") == {f"month={month:02d}": files for month, files in
                                                     [(1, 3), (2, 2), (3, 2), (4, 2), (5, 3)]}
    assert [read + uncommitted for read, uncommitted, _ in seen] == [2, 5, 7, 9, 11, 13, 15, 16]
    assert [read for read, _, _ in seen] == [0, 0, 7, 7, 7, 13, 13, 16]
    assert [events > 0 for _, _, events in seen] == [False, False, True, True, True, True, True, True]
    assert _done(tmp_path / "ds") == [f"n{number}" for number in range(16) if number != 3]


def test_run_commits_hold_at_most_the_commit_characters(
    tmp_path: Path, codebook: Codebook, small_coding_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A committed batch also ends once its articles hold COMMIT_CHARACTERS of text."""
    corpus = _corpus(tmp_path / "in.jsonl", 9)
    lengths = [len(json.loads(line)["text"]) for line in corpus.read_text(encoding="utf-8").splitlines()]
    monkeypatch.setattr(run_module, "COMMIT_CHARACTERS", 3 * min(lengths))  # three articles, or a bit fewer
    summary = code_articles([str(corpus)], tmp_path / "ds", codebook, workers=1, batch_articles=1000)
    commits, characters = 0, 0
    for length in lengths:
        characters += length
        if characters >= 3 * min(lengths):
            commits, characters = commits + 1, 0
    assert summary.batches == commits + (characters > 0) >= 3
    assert summary.articles_coded == 9


def test_run_commits_interrupt_drops_only_what_was_not_committed(
    tmp_path: Path, codebook: Codebook, small_coding_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while coding the third coding batch of the second committed batch (the batches as in the test
    above, with a second bad line, n8): the first committed batch stays whole (events, quarantine line,
    --resume ids), nothing of the second is committed (not its two coded batches, nor their quarantine line),
    the manifest counts the first and says how many records it dropped, and --resume completes the dataset to
    the uninterrupted result."""
    import eventcoder.batch as batch

    corpus = _corpus(tmp_path / "in.jsonl", 16, bad_lines=(3, 8))
    code_articles([str(corpus)], tmp_path / "full", codebook, workers=1, batch_articles=6)
    real = batch.code_article

    def interrupted(article: Article, codebook: Codebook) -> Any:
        if article.id == "n12":  # the coding batches of the second committed batch: [n7 bad n9] [n10 n11] [n12 n13]
            raise KeyboardInterrupt
        return real(article, codebook)

    monkeypatch.setattr(batch, "code_article", interrupted)
    dataset = tmp_path / "ds"
    with pytest.raises(KeyboardInterrupt):
        code_articles([str(corpus)], dataset, codebook, workers=1, batch_articles=6)
    [manifest] = [json.loads(path.read_text(encoding="utf-8")) for path in (dataset / "_runs").glob("*.json")]
    assert manifest["status"] == "interrupted"
    assert (manifest["articles_read"], manifest["articles_coded"], manifest["quarantined"]) == (7, 6, 1)
    assert manifest["articles_uncommitted"] == 5  # n7-n11 were taken (n8 quarantined), then dropped
    assert _done(dataset) == ["n0", "n1", "n2", "n4", "n5", "n6"]
    assert {row["article_id"] for row in _rows(dataset)} == {"n0", "n1", "n2", "n4", "n5", "n6"}
    [quarantine] = (dataset / "_quarantine").glob("*.jsonl")
    assert [json.loads(line)["line"] for line in quarantine.read_text(encoding="utf-8").splitlines()] == [4]

    monkeypatch.setattr(batch, "code_article", real)
    resumed = code_articles([str(corpus)], dataset, codebook, workers=1, batch_articles=6, resume=True)
    assert resumed.articles_skipped == 6 and resumed.articles_coded == 8
    assert _rows(dataset) == _rows(tmp_path / "full")


def test_run_commits_an_invalid_article_is_quarantined_alone(
    tmp_path: Path, codebook: Codebook, small_coding_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records that fail the event table model in one coding batch of a committed batch: that article is
    quarantined, every other article of the committed batch is committed."""
    import eventcoder.batch as batch

    real = batch.code_article

    def bad_code(article: Article, codebook: Codebook) -> Any:
        coded = real(article, codebook)
        if article.id == "n3":
            place = RECORD_COLUMNS.index("cameo_code")  # "999": not in the codebook
            coded.records[:] = [(*record[:place], "999", *record[place + 1 :]) for record in coded.records]
        return coded

    monkeypatch.setattr(batch, "code_article", bad_code)
    corpus = _corpus(tmp_path / "in.jsonl", 6)
    summary = code_articles([str(corpus)], tmp_path / "ds", codebook, workers=1, batch_articles=6)
    assert (summary.batches, summary.articles_coded, summary.quarantined) == (1, 5, 1)
    assert {row["article_id"] for row in _rows(tmp_path / "ds")} == {"n0", "n1", "n2", "n4", "n5"}
    assert _done(tmp_path / "ds") == ["n0", "n1", "n2", "n4", "n5"]


def _events(run: str, articles: list[tuple[str, dt.date]], seed_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    template = seed_rows[0]
    return [{**template, "event_id": f"{run}-{article}", "article_id": article, "event_date": date}
            for article, date in articles]


def _write_tables(dataset: Path, codebook: Codebook, tables: list[pa.Table], ids: set[str]) -> DatasetWriter:
    writer = DatasetWriter(dataset, codebook, "run", {})
    writer.write_tables([writer.check(table) for table in tables], ids)
    return writer


def test_run_commits_write_tables_is_one_commit_with_a_file_per_month(
    tmp_path: Path, codebook: Codebook, seed_rows: list[dict[str, Any]]
) -> None:
    """Two checked tables in one commit: one file per month, holding the first table's rows of that month
    then the second's; the same rows as committing them one by one."""
    january, march = dt.date(2025, 1, 5), dt.date(2025, 3, 5)
    first = rows_to_table(_events("r", [("a1", january), ("a2", march)], seed_rows))
    second = rows_to_table(_events("r", [("a0", january), ("a3", march)], seed_rows))
    writer = _write_tables(tmp_path / "one", codebook, [first, second], {"a0", "a1", "a2", "a3"})
    assert (writer.batches, writer.events) == (1, 4)
    files = sorted((tmp_path / "one" / "events").rglob("*.parquet"))
    assert [path.parent.name for path in files] == ["month=01", "month=03"]
    assert [pq.read_table(path).column("article_id").to_pylist() for path in files] == [["a1", "a0"], ["a2", "a3"]]

    separate = DatasetWriter(tmp_path / "two", codebook, "run", {})
    separate.write_table(first, {"a1", "a2"})
    separate.write_table(second, {"a0", "a3"})

    def rows(dataset: Path) -> Iterator[dict[str, Any]]:
        return iter(sorted((row for path in (dataset / "events").rglob("*.parquet")
                            for row in pq.read_table(path).to_pylist()), key=lambda row: row["event_id"]))

    assert list(rows(tmp_path / "one")) == list(rows(tmp_path / "two"))


def test_run_commits_the_batch_size_help_names_the_commit_characters() -> None:
    result = CliRunner().invoke(cli, ["code", "--help"])
    assert f"{run_module.COMMIT_CHARACTERS // 1_000_000} million characters" in " ".join(result.output.split())


def test_run_commits_the_dataset_docs_name_the_sizes() -> None:
    text = " ".join((Path(__file__).resolve().parents[1] / "docs" / "datasets.md").read_text(encoding="utf-8").split())
    assert (f"at most {run_module.CODING_BATCH_ARTICLES:,} articles and about "
            f"{run_module.CODING_BATCH_CHARACTERS // 1_000_000} million characters of text") in text
    assert f"`--batch-size` articles ({run_module.DEFAULT_BATCH_ARTICLES:,} by default)" in text
    assert f"once its articles hold {run_module.COMMIT_CHARACTERS // 1_000_000} million characters" in text


@pytest.mark.parametrize("workers", [1, 2])
def test_run_commits_write_a_manifest_after_each_commit_but_the_last(
    tmp_path: Path, codebook: Codebook, small_coding_batches: None, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """The last commit's manifest would be written again at once by the final one (after the merge): one fsync
    fewer at the end of every run. Three commits: the first manifest, one after each of the first two, the
    final one."""
    written: list[tuple[str, int]] = []
    write = run_module._write_manifest

    def recording(dataset: Path, summary: RunSummary) -> None:
        written.append((summary.status, summary.batches))
        write(dataset, summary)

    monkeypatch.setattr(run_module, "_write_manifest", recording)
    corpus = _corpus(tmp_path / "in.jsonl", 16)
    summary = code_articles([str(corpus)], tmp_path / "ds", codebook, workers=workers, batch_articles=6)
    assert summary.batches == 3
    assert written == [("running", 0), ("running", 1), ("running", 2), ("completed", 3)]
