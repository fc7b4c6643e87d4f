"""A coding run: stream articles from the inputs, code them, validate and write batches, quarantine bad
records, and leave a manifest. This is what `eventcoder code` and `eventcoder.code_articles` call."""

from __future__ import annotations

import datetime as dt
import gc
import json
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from eventcoder import __version__
from eventcoder.batch import BatchCoder, code_batch
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import DatasetWriter, atomic_write_bytes, write_labels
from eventcoder.errors import InputError
from eventcoder.inputs import Article, Rejected, check_inputs, read_articles
from eventcoder.quarantine import QuarantineWriter

DEFAULT_BATCH_ARTICLES = 2000
BATCH_CHARACTERS = 1_000_000


@dataclass
class RunSummary:
    """Counts and timings of one run (also the body of the run manifest)."""

    run_id: str
    dataset: str
    inputs: list[str]
    codebook_version: str
    layers: list[str]
    coder_version: str
    started: str
    finished: str | None = None
    status: str = "running"
    articles_read: int = 0
    articles_coded: int = 0
    articles_skipped: int = 0
    quarantined: int = 0
    sentences: int = 0
    events_written: int = 0
    batches: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def format(self) -> str:
        """The one-paragraph summary printed to stderr after a run."""
        rate = self.sentences / self.seconds if self.seconds else 0.0
        return (
            f"run {self.run_id}: {self.articles_read} articles read, {self.articles_coded} coded, "
            f"{self.quarantined} quarantined, {self.sentences} sentences, {self.events_written} events written "
            f"in {self.seconds:.2f} s ({rate:,.0f} sentences/s)"
        )


def new_run_id() -> str:
    """A sortable, unique run id: UTC timestamp plus a random suffix."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def _batches(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    """Group records into batches of at most `size` articles and BATCH_CHARACTERS of text, so the records of
    one batch (and so memory) stay bounded however long the articles are."""
    batch: list[Article | Rejected] = []
    articles = characters = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Article):
            articles += 1
            characters += len(item.text)
        if articles >= size or characters >= BATCH_CHARACTERS:
            yield batch
            batch, articles, characters = [], 0, 0
    if batch:
        yield batch


def _write_manifest(dataset: Path, summary: RunSummary) -> None:
    body = json.dumps(asdict(summary), indent=2, sort_keys=True).encode()
    atomic_write_bytes(dataset / "_runs" / f"{summary.run_id}.json", body)


def code_articles(
    inputs: Sequence[str],
    dataset: Path | str,
    codebook: Codebook,
    *,
    date_default: dt.date | None = None,
    batch_articles: int = DEFAULT_BATCH_ARTICLES,
    stdin: TextIO | None = None,
    coder: BatchCoder | None = None,
    workers: int = 1,
    resume: bool = False,
    on_progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Code every article of `inputs` into the dataset at `dataset` and return the run summary.

    Bad records are quarantined, never fatal; a missing input raises InputError and an unwritable dataset
    OutputError before anything is written. `coder` codes a batch of articles into one table, in order;
    by default they are coded in this process, or by a pool of `workers` processes. With `resume`, the
    articles committed by the last unfinished run are skipped (re-coding them would replace, not duplicate,
    so resuming only saves time). Ctrl-C stops after the batch being written; the dataset stays valid.
    """
    if coder is None and workers > 1:
        from eventcoder.parallel import PoolCoder

        with PoolCoder(codebook, workers) as pool:
            return code_articles(
                inputs,
                dataset,
                codebook,
                date_default=date_default,
                batch_articles=batch_articles,
                stdin=stdin,
                coder=pool,
                resume=resume,
                on_progress=on_progress,
            )
    check_inputs(inputs)
    gc.freeze()  # the compiled codebook lives for the whole run: keep the cyclic GC from rescanning it
    root = Path(dataset)
    run_id = new_run_id()
    started = time.perf_counter()
    summary = RunSummary(
        run_id,
        str(root),
        list(inputs),
        codebook.fingerprint,
        list(codebook.layers),
        __version__,
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    metadata = {
        "eventcoder.coder_version": __version__,
        "eventcoder.codebook_version": codebook.fingerprint,
        "eventcoder.run_id": run_id,
        "eventcoder.inputs": json.dumps(list(inputs)),
        "eventcoder.layers": json.dumps(list(codebook.layers)),
    }
    writer = DatasetWriter(root, codebook, run_id, metadata)
    skip = _resumable_articles(root) if resume else frozenset()
    write_labels(root, codebook)
    _write_manifest(root, summary)
    batch_coder = coder or code_batch
    timings = {"code": 0.0, "write": 0.0}
    done = root / "_runs" / f"{run_id}.done"
    items = read_articles(inputs, date_default=date_default, stdin=stdin)
    with QuarantineWriter(root / "_quarantine" / f"{run_id}.jsonl") as quarantine:
        try:
            for batch in _batches(items, batch_articles):
                _code_batch(batch, skip, quarantine, batch_coder, codebook, writer, summary, timings, done)
                summary.seconds = time.perf_counter() - started
                _write_manifest(root, summary)
                if on_progress is not None:
                    on_progress(summary)
        except KeyboardInterrupt:
            summary.status = "interrupted"
            summary.seconds = time.perf_counter() - started
            _write_manifest(root, summary)
            raise
    summary.quarantined = quarantine.count
    summary.status = "completed"
    summary.finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    summary.seconds = time.perf_counter() - started
    summary.timings = {key: round(value, 4) for key, value in timings.items()}
    _write_manifest(root, summary)
    return summary


def _code_batch(
    batch: list[Article | Rejected],
    skip: frozenset[str],
    quarantine: QuarantineWriter,
    batch_coder: BatchCoder,
    codebook: Codebook,
    writer: DatasetWriter,
    summary: RunSummary,
    timings: dict[str, float],
    done: Path,
) -> None:
    """Code, validate and commit one batch, then record its article ids for --resume."""
    articles = [item for item in batch if isinstance(item, Article) and item.id not in skip]
    skipped = sum(1 for item in batch if isinstance(item, Article) and item.id in skip)
    for item in batch:
        if isinstance(item, Rejected):
            quarantine.write(item)
    summary.articles_read += len(batch)
    summary.articles_skipped += skipped
    summary.quarantined = quarantine.count
    tick = time.perf_counter()
    coded = batch_coder(articles, codebook)
    summary.sentences += coded.sentences
    timings["code"] += time.perf_counter() - tick
    tick = time.perf_counter()
    summary.events_written += writer.write_table(coded.table, (article.id for article in articles))
    timings["write"] += time.perf_counter() - tick
    with done.open("a", encoding="utf-8") as handle:
        handle.write("".join(f"{article.id}\n" for article in articles))
    summary.articles_coded += len(articles)
    summary.batches = writer.batches


def _resumable_articles(root: Path) -> frozenset[str]:
    """Article ids committed by the unfinished runs since the last completed one (a resume may itself be
    interrupted and resumed)."""
    committed: set[str] = set()
    for path in reversed(sorted((root / "_runs").glob("*.json"))):
        if json.loads(path.read_text(encoding="utf-8")).get("status") == "completed":
            break
        done = path.with_suffix(".done")
        if done.is_file():
            lines = done.read_text(encoding="utf-8").split("\n")
            committed.update(line for line in lines[:-1] if line)  # a torn last line is simply re-coded
    return frozenset(committed)


def require_something_read(summary: RunSummary) -> None:
    """Raise InputError when a run read no article at all (the CLI exits non-zero)."""
    if summary.articles_coded == 0:
        raise InputError(
            f"no article could be read ({summary.quarantined} record(s) quarantined; "
            f"see {summary.dataset}/_quarantine/{summary.run_id}.jsonl)"
        )
