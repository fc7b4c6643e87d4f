"""A coding run: stream articles from the inputs, code them, validate and write batches, quarantine bad
records, and leave a manifest. This is what `eventcoder code` and `eventcoder.code_articles` call.

Coding and committing go by different units. Articles are coded in coding batches (at most
CODING_BATCH_ARTICLES articles and CODING_BATCH_CHARACTERS of text: they bound the row dicts in memory,
give a process pool work to share, and move the progress display). Coded batches are checked as they
arrive and kept as Arrow tables until a batch is complete (`--batch-size` articles or COMMIT_CHARACTERS of
text, or the end of the input), which is committed in one atomic step with one file per month partition:
each commit writes a fixed cost per file, so fewer, larger commits cost less and leave fewer files.

A run holds the dataset's write lock from start to end (`eventcoder.lock`). With a process pool, the next
coding batches are coded while the parent checks and commits (BATCHES_IN_FLIGHT); coding in this process,
a writer thread checks and commits while the next coding batch is coded (`_WriterThread`). Each batch is
committed in this order: events (atomic), quarantine lines, article ids for --resume, manifest; a completed
run then merges its batch files where it left more than a few in a partition (atomic too). The manifest's
counts are those of committed batches, so summary, manifest and quarantine file agree: articles_read =
articles_coded + articles_skipped + quarantined; articles coded but not committed yet are counted apart
(`articles_uncommitted`), for the progress display. A run ends `completed`, `interrupted` (Ctrl-C) or
`failed` (with `error`), and then drops what it had not committed (`--resume` codes it again); a run
killed outright is marked `failed`, with its counts recounted from its files, by the next writer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

import pyarrow as pa

from eventcoder import __version__
from eventcoder.batch import BatchCoder, CodedBatch, code_batch
from eventcoder.codebook.compile import Codebook
from eventcoder.dataset import (
    CheckedTable,
    DatasetWriter,
    StagedFile,
    atomic_write_bytes,
    defer_pandas,
    event_files,
    return_freed_pages,
    write_labels,
    write_staged,
)
from eventcoder.errors import EventcoderError, InputError, InvalidRecordsError, OutputError
from eventcoder.inputs import Article, Rejected, check_columns, check_inputs, read_articles, rejected_article
from eventcoder.lock import DatasetLock
from eventcoder.quarantine import QuarantineWriter, trim_torn_line
from eventcoder.records import holds_texts_once
from eventcoder.validate import check_table

DEFAULT_BATCH_ARTICLES = 2000  # articles per committed batch (`--batch-size`)
COMMIT_CHARACTERS = 8_000_000  # a committed batch ends once its articles hold this much text
CODING_BATCH_ARTICLES = 2000  # articles coded in one go (fewer when a committed batch ends first)
CODING_BATCH_CHARACTERS = 1_000_000  # a coding batch ends once its articles hold this much text
BATCHES_IN_FLIGHT = 2  # with a process pool: coding batches being coded while the parent commits
GC_YOUNG_THRESHOLD = 10_000  # allocations between young-generation collections during a run (CPython's: 700)
WRITER_SWITCH_SECONDS = 0.0002  # the GIL switch interval while a writer thread runs (CPython's default: 0.005)


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
    replaced_characters: int = 0
    sentences: int = 0
    sentences_discarded: int = 0  # sentences a discard phrase kept from coding (counted in `sentences` too)
    articles_discarded: int = 0  # articles a story-level discard phrase kept from coding (counted as coded)
    events_written: int = 0
    batches: int = 0  # committed batches
    articles_uncommitted: int = 0  # records read and coded (or quarantined) whose batch is not committed yet
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    def format(self) -> str:
        """The one-paragraph summary printed to stderr after a run."""
        rate = self.sentences / self.seconds if self.seconds else 0.0
        replaced = (
            f", {self.replaced_characters} invalid characters replaced by U+FFFD" if self.replaced_characters else ""
        )
        discarded = (
            f", discarded: {self.sentences_discarded} sentences, {self.articles_discarded} whole articles"
            if self.sentences_discarded
            else ""
        )
        return (
            f"run {self.run_id}: {self.articles_read} articles read, {self.articles_coded} coded, "
            f"{self.quarantined} quarantined, {self.sentences} sentences, {self.events_written} events written "
            f"in {self.seconds:.2f} s ({rate:,.0f} sentences/s){replaced}{discarded}"
        )


def new_run_id() -> str:
    """A sortable, unique run id: UTC timestamp to the microsecond (runs of one second must still sort in
    order, for --resume and the recount of killed runs) plus a random suffix."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{os.urandom(3).hex()}"  # what secrets.token_hex does, without importing random


def _coding_batches(items: Iterable[Article | Rejected], size: int,
                    ) -> Iterator[tuple[list[Article | Rejected], bool, bool]]:
    """Group records into coding batches, each with whether it is the last of its committed batch and whether it
    is known to be the last of the input (the last one is, unless it filled its committed batch: that one is
    given before the next record is read, so that a commit never waits for more input).

    A committed batch holds at most `size` articles and ends once its articles hold COMMIT_CHARACTERS of
    text, or with the input; it is cut into coding batches of at most CODING_BATCH_ARTICLES articles and
    CODING_BATCH_CHARACTERS of text, so the records of one coding batch (and so memory) stay bounded however
    long the articles are. A coding batch that ends short of its committed batch is held until the next
    record shows that the input goes on (else it is the last)."""
    batch: list[Article | Rejected] = []
    articles = characters = 0  # of the coding batch
    committed_articles = committed_characters = 0  # of the committed batch
    held: list[Article | Rejected] | None = None
    for item in items:
        if held is not None:
            yield held, False, False
            held = None
        batch.append(item)
        if isinstance(item, Article):
            articles += 1
            characters += len(item.text)
            committed_articles += 1
            committed_characters += len(item.text)
        if committed_articles >= size or committed_characters >= COMMIT_CHARACTERS:
            yield batch, True, False
            batch, articles, characters, committed_articles, committed_characters = [], 0, 0, 0, 0
        elif articles >= CODING_BATCH_ARTICLES or characters >= CODING_BATCH_CHARACTERS:
            held, batch, articles, characters = batch, [], 0, 0
    if held is not None:  # then `batch` is empty: the next record would have released `held`
        yield held, True, True
    elif batch:
        yield batch, True, True


def _write_manifest(dataset: Path, summary: RunSummary) -> None:
    body = json.dumps(asdict(summary), indent=2, sort_keys=True).encode()
    atomic_write_bytes(dataset / "_runs" / f"{summary.run_id}.json", body)


def _finish(dataset: Path, summary: RunSummary, status: str, started: float, error: str | None = None) -> None:
    """Record how the run ended; on a failed disk the manifest may stay as of the last batch. What was not
    committed is dropped: `articles_uncommitted` says how many records that was."""
    summary.status = status
    summary.error = error
    summary.finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    summary.seconds = time.perf_counter() - started
    with contextlib.suppress(OSError):
        _write_manifest(dataset, summary)


def code_articles(
    inputs: Sequence[str],
    dataset: Path | str,
    codebook: Codebook,
    *,
    date_default: dt.date | None = None,
    batch_articles: int = DEFAULT_BATCH_ARTICLES,
    stdin: TextIO | None = None,
    coder: BatchCoder | None = None,
    workers: int | None = 1,
    resume: bool = False,
    wait: bool = False,
    on_progress: Callable[[RunSummary], None] | None = None,
    columns: Mapping[str, str] | None = None,
) -> RunSummary:
    """Code every article of `inputs` into the dataset at `dataset` and return the run summary.

    Bad records, and articles whose coding raises, are quarantined, never fatal. A missing input raises
    InputError before anything is written; another writer holding the dataset raises LockedError (or,
    with `wait`, the run waits for it); a dataset that cannot be written (permission denied, disk full,
    a file in the way) raises OutputError and keeps its last committed state. `coder` codes a batch of
    articles into one table, in order; by default they are coded in this process, or by a pool of
    `workers` processes; `workers=None` means one per core, with an input shorter than
    `parallel.SMALL_INPUT_CHARACTERS` coded in this process (starting the pool would cost more). With
    `resume`, the articles committed by the last unfinished run are skipped (re-coding them would replace,
    not duplicate, so resuming only saves time). A committed batch holds at most `batch_articles` articles
    and COMMIT_CHARACTERS of text. Ctrl-C stops after the commit being written, dropping the coded articles
    not committed yet; the dataset stays valid. `on_progress` is called after each coding batch and each
    commit; its summary counts committed batches, and `articles_uncommitted` the rest coded so far.
    `columns` maps record fields to the inputs' own column names (see `eventcoder.inputs.read_articles`).
    """
    check_inputs(inputs)
    read = functools.partial(
        read_articles, inputs, date_default=date_default, stdin=stdin, columns=check_columns(columns or {})
    )
    defer_pandas()
    root = Path(dataset)
    run_id = new_run_id()
    with DatasetLock(root, run_id=run_id, wait=wait) as lock, _rare_young_collections():
        processes = workers or os.cpu_count() or 1
        if coder is None and processes > 1:
            from eventcoder.parallel import SMALL_INPUT_CHARACTERS, PoolCoder

            held = lock.fileno()
            small = SMALL_INPUT_CHARACTERS if workers is None else 0
            with PoolCoder(codebook, processes, close_fds=() if held is None else (held,),
                           in_process_below=small) as pool:
                return _run(inputs, read, root, run_id, codebook, batch_articles, pool, resume, on_progress)
        return _run(inputs, read, root, run_id, codebook, batch_articles, coder or code_batch, resume, on_progress)


@contextlib.contextmanager
def _rare_young_collections() -> Iterator[None]:
    """Raise the cyclic GC's young-generation threshold to GC_YOUNG_THRESHOLD for the run (then restore it).
    A run makes no reference cycles to collect: coding news25k in this process, the default threshold (700
    allocations) made 191 young collections, which found nothing and cost 0.05 s of CPU (1.5 % of the run);
    at 10,000 it makes one."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)


def _run(
    inputs: Sequence[str],
    read: Callable[[], Iterator[Article | Rejected]],
    root: Path,
    run_id: str,
    codebook: Codebook,
    batch_articles: int,
    batch_coder: BatchCoder,
    resume: bool,
    on_progress: Callable[[RunSummary], None] | None,
) -> RunSummary:
    """The run itself, under the dataset's write lock."""
    gc.freeze()  # the compiled codebook lives for the whole run: keep the cyclic GC from rescanning it
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
    try:
        writer = DatasetWriter(root, codebook, run_id, metadata)
        close_abandoned_runs(root)
        skip = _resumable_articles(root) if resume else frozenset()
    except OSError as error:
        raise OutputError(f"cannot write to dataset {root}: {error.strerror or error}") from error
    timings = {"code": 0.0, "write": 0.0}
    done = root / "_runs" / f"{run_id}.done"
    items = read()
    with QuarantineWriter(root / "_quarantine" / f"{run_id}.jsonl") as quarantine:
        uncommitted = _Uncommitted()
        announced = False
        try:
            def announce() -> None:
                """Write the label tables and the run's first manifest (`running`: a run killed later is recounted
                by the next writer), once, before the run's first commit."""
                nonlocal announced
                if not announced:
                    write_labels(root, codebook)
                    _write_manifest(root, summary)
                    announced = True

            def take(pending: _Pending, write_files: Callable[[Sequence[StagedFile]], None] = write_staged) -> None:
                """Check a coded batch and keep it; commit the batch it ends, its files written by `write_files`."""
                nonlocal uncommitted
                _take_coded_batch(pending, uncommitted, quarantine, codebook, writer, summary, timings)
                if pending.ends_commit:
                    _commit_batch(uncommitted, quarantine, writer, summary, timings, done, write_files)
                    uncommitted = _Uncommitted()
                # The run's last commit needs no manifest of its own: the final one follows (after the merge), and
                # a run that ends before it writes its own (`_finish`) or is recounted from its files by the next
                # writer. Each manifest is an atomic write with an fsync: 8-21 ms on this host's disk under load.
                _progress(root, summary, started, on_progress, committed=pending.ends_commit and not pending.last)

            if hasattr(batch_coder, "submit"):
                in_flight: deque[_Pending] = deque()
                for batch, ends_commit, ends_input in _coding_batches(items, batch_articles):
                    in_flight.append(_submit(batch, ends_commit, skip, batch_coder, codebook, last=ends_input))
                    # Once the first batch is handed out (the pool's workers are forked for it), so that the
                    # label tables and the manifest overlap the workers' start, not delay it with one core idle:
                    # a news5k run's parent before the fork 1,076.7 -> 1,061.0 M instructions (callgrind), and
                    # in a new dataset four fsyncs less before it (the label tables: 20-44 ms here under load).
                    announce()
                    if len(in_flight) > BATCHES_IN_FLIGHT:
                        take(in_flight.popleft())
                announce()  # an input without a record
                while in_flight:
                    pending = in_flight.popleft()
                    # Nothing left to code: the pool's idle workers write the last commit's files, and go.
                    take(pending, write_staged if in_flight else getattr(batch_coder, "write_last", write_staged))
            else:
                announce()
                with _WriterThread() as writes:
                    for batch, ends_commit, ends_input in _coding_batches(items, batch_articles):
                        pending = _submit(batch, ends_commit, skip, batch_coder, codebook, last=ends_input)
                        coded = _code_now(pending, timings)
                        long = holds_texts_once(coded.result().table.schema)
                        writes.submit(take, coded)
                        del pending, coded  # the writer's now (articles, table): not held while the next is coded
                        if long:
                            # A long batch (a long article's) is checked and committed before the next is coded,
                            # and the pages that frees go back: the run's memory is then the larger of the two,
                            # not their sum. Six 5 MB articles without a sentence break in one month (compiled,
                            # one worker, three runs each): 301-356 MB without this, 297-306 MB with it (before
                            # Arrow's pool gave its pages back too: 265-267 MB since). News batches (one slice)
                            # still overlap their checks and commits with coding.
                            writes.wait()
                            return_freed_pages()
        except KeyboardInterrupt:
            _finish(root, summary, "interrupted", started)
            raise
        except EventcoderError as error:
            _finish(root, summary, "failed", started, str(error))
            raise
        except OSError as error:
            message = f"cannot write to dataset {root}: {error.strerror or error}"
            _finish(root, summary, "failed", started, message)
            raise OutputError(message) from error
        except BaseException as error:  # a bug: the manifest says so, and the traceback is not hidden
            _finish(root, summary, "failed", started, f"{type(error).__name__}: {error}")
            raise
    try:
        tick = time.perf_counter()
        writer.compact()
        timings["compact"] = time.perf_counter() - tick
    except KeyboardInterrupt:  # every batch is committed; the merge is finished or dropped by the next writer
        _finish(root, summary, "interrupted", started)
        raise
    except OSError as error:  # the batch files stay: the dataset is whole, only not merged
        message = f"cannot write to dataset {root}: {error.strerror or error}"
        _finish(root, summary, "failed", started, message)
        raise OutputError(message) from error
    summary.timings = {key: round(value, 4) for key, value in timings.items()}
    try:
        summary.status = "completed"
        summary.finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        summary.seconds = time.perf_counter() - started
        _write_manifest(root, summary)
    except OSError as error:
        raise OutputError(f"cannot write the run manifest in {root}: {error.strerror or error}") from error
    return summary


class _WriterThread:
    """One thread that checks coded batches and commits, in order, while the caller codes the next one:
    pyarrow releases the GIL while it checks and writes a table, so on two cores writing overlaps coding. At
    most one coded batch is being taken at a time (the row dicts of two coding batches at most are alive).
    Leaving the block waits for the last one and raises its error, unless the block itself raised (then it
    is still finished, not lost)."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventcoder-writer")
        self._last: Future[None] | None = None
        self._switch_interval = sys.getswitchinterval()

    def submit(self, commit: Callable[[_Pending], None], pending: _Pending) -> None:
        """Wait for the previous commit (raising its error), then start committing `pending`."""
        self.wait()
        self._last = self._executor.submit(commit, pending)

    def wait(self) -> None:
        """Wait for the commit in progress, if any; raise its error."""
        last, self._last = self._last, None
        if last is not None:
            last.result()

    def __enter__(self) -> _WriterThread:
        # The writer gives up the GIL at every file operation and pyarrow call, and must then wait for the
        # coder to hand it back: after the switch interval, and only where the coder runs the eval loop
        # (between articles, in the compiled build). At CPython's 5 ms that wait, hundreds of times a batch,
        # made the writer take three times its work and the coder wait for it; a short interval makes the
        # coder hand the GIL back at its next chance. It changes nothing while only one thread runs.
        sys.setswitchinterval(WRITER_SWITCH_SECONDS)
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if kind is None:
                self.wait()
            elif self._last is not None:
                _wait_quietly(self._last)
        finally:
            self._executor.shutdown(wait=True)
            sys.setswitchinterval(self._switch_interval)


def _wait_quietly(future: Future[None]) -> None:
    """Wait for `future` and drop its error: the caller is already raising one of its own."""
    with contextlib.suppress(Exception):
        future.result()


def _code_now(pending: _Pending, timings: dict[str, float]) -> _Pending:
    """Code a batch in this thread now and return it with its result ready for the writer thread."""
    tick = time.perf_counter()
    coded = pending.result()
    timings["code"] += time.perf_counter() - tick
    return _Pending(pending.batch, pending.articles, pending.skipped, lambda: coded, pending.ends_commit, pending.last)


@dataclass
class _Pending:
    """A coding batch handed to the coder: its input records, the articles to code, how many were skipped as
    already committed (--resume), a function that waits for the coded batch, whether its committed batch ends
    with it, and whether it is known to be the input's last (`_coding_batches`)."""

    batch: list[Article | Rejected]
    articles: list[Article]
    skipped: int
    result: Callable[[], CodedBatch]
    ends_commit: bool = True
    last: bool = False


def _submit(batch: list[Article | Rejected], ends_commit: bool, skip: frozenset[str], batch_coder: BatchCoder,
            codebook: Codebook, *, last: bool = False) -> _Pending:
    """Start coding a coding batch (`last`: known to be the input's last): a coder with `submit` (a process pool)
    codes it while earlier ones are taken, told whether it is the last; any other coder codes it when its result
    is asked for."""
    articles = [item for item in batch if isinstance(item, Article) and item.id not in skip]
    skipped = sum(1 for item in batch if isinstance(item, Article) and item.id in skip)
    submit = getattr(batch_coder, "submit", None)
    if submit is not None:
        return _Pending(batch, articles, skipped, submit(articles, codebook, last=last), ends_commit, last)
    return _Pending(batch, articles, skipped, functools.partial(batch_coder, articles, codebook), ends_commit, last)


def _progress(root: Path, summary: RunSummary, started: float, on_progress: Callable[[RunSummary], None] | None,
              *, committed: bool) -> None:
    """Tell the caller how far the run is; after a commit, the manifest too."""
    summary.seconds = time.perf_counter() - started
    if committed:
        _write_manifest(root, summary)
    if on_progress is not None:
        on_progress(summary)


@dataclass
class _Uncommitted:
    """The coded batches of the batch being gathered, checked and waiting for its commit: their tables, the
    ids of their articles, and their counts (the summary's, once committed). The Arrow tables hold about
    0.75 KB per event; the articles' texts and row dicts are not kept."""

    tables: list[CheckedTable] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    read: int = 0
    skipped: int = 0
    replaced_characters: int = 0
    sentences: int = 0
    discarded_sentences: int = 0
    discarded_articles: int = 0


def _take_coded_batch(
    pending: _Pending,
    uncommitted: _Uncommitted,
    quarantine: QuarantineWriter,
    codebook: Codebook,
    writer: DatasetWriter,
    summary: RunSummary,
    timings: dict[str, float],
) -> None:
    """Wait for a coding batch's records, check them, and add them to the batch waiting for its commit, with
    their quarantine records (which wait in `quarantine` for the same commit)."""
    for item in pending.batch:
        if isinstance(item, Rejected):
            quarantine.write(item)
    tick = time.perf_counter()
    coded = pending.result()
    timings["code"] += time.perf_counter() - tick
    for _, rejected in coded.failed:
        quarantine.write(rejected)
    failed = {article_id for article_id, _ in coded.failed}
    good = [article for article in pending.articles if article.id not in failed]
    tick = time.perf_counter()
    try:
        checked = writer.check(coded.table)
    except InvalidRecordsError:
        table, good = _drop_invalid_articles(coded.table, good, codebook, writer, quarantine)
        checked = writer.check(table)
    timings["write"] += time.perf_counter() - tick
    uncommitted.tables.append(checked)
    uncommitted.article_ids += [article.id for article in good]
    uncommitted.read += len(pending.batch)
    uncommitted.skipped += pending.skipped
    uncommitted.replaced_characters += sum(article.replaced_characters for article in good)
    uncommitted.sentences += coded.sentences
    uncommitted.discarded_sentences += coded.discarded_sentences
    uncommitted.discarded_articles += coded.discarded_articles
    summary.articles_uncommitted = uncommitted.read


def _commit_batch(
    uncommitted: _Uncommitted,
    quarantine: QuarantineWriter,
    writer: DatasetWriter,
    summary: RunSummary,
    timings: dict[str, float],
    done: Path,
    write_files: Callable[[Sequence[StagedFile]], None],
) -> None:
    """Commit the checked tables gathered in `uncommitted` in one step (its files written by `write_files`), then
    their quarantine records and their article ids (for --resume); the summary counts only what was committed."""
    tick = time.perf_counter()
    written = writer.write_tables(uncommitted.tables, uncommitted.article_ids, write_files=write_files)
    timings["write"] += time.perf_counter() - tick
    quarantine.commit()
    with done.open("a", encoding="utf-8") as handle:
        handle.write("".join(f"{article_id}\n" for article_id in uncommitted.article_ids))
    summary.articles_read += uncommitted.read
    summary.articles_skipped += uncommitted.skipped
    summary.articles_coded += len(uncommitted.article_ids)
    summary.quarantined = quarantine.count
    summary.replaced_characters += uncommitted.replaced_characters
    summary.sentences += uncommitted.sentences
    summary.sentences_discarded += uncommitted.discarded_sentences
    summary.articles_discarded += uncommitted.discarded_articles
    summary.events_written += written
    summary.batches = writer.batches
    summary.articles_uncommitted = 0


def _drop_invalid_articles(
    table: pa.Table, articles: list[Article], codebook: Codebook, writer: DatasetWriter, quarantine: QuarantineWriter
) -> tuple[pa.Table, list[Article]]:
    """Quarantine the articles whose records fail the event table model and return the rest (the slow
    path, taken only when a whole coding batch failed validation)."""
    import pyarrow.compute as pc  # not at module level: a run whose batches are valid does without it

    ids = table.column("article_id")
    kept: list[Article] = []
    for article in articles:
        failures = check_table(table.filter(pc.equal(ids, article.id)), codebook, writer.schema)
        if failures:
            reason = "events fail the event table model: " + "; ".join(failure.format() for failure in failures)
            quarantine.write(rejected_article(article, "invalid-events", reason=reason))
        else:
            kept.append(article)
    wanted = pa.array([article.id for article in kept], type=pa.string())
    return table.filter(pc.is_in(ids, value_set=wanted)), kept


def close_abandoned_runs(root: Path) -> None:
    """Mark runs that are still `running` as `failed` and recount them from their files. Call it only under
    the write lock: then no such run is alive (it was killed or crashed). A torn last quarantine line is
    cut off; the counts become those of the committed batches."""
    for path in sorted((root / "_runs").glob("*.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("status") != "running":
            continue
        import pyarrow.parquet as pq  # only for a killed run's recount: it imports pyarrow.fs (cloud file systems)

        run_id = manifest["run_id"]
        coded = _complete_lines(path.with_suffix(".done"))
        quarantined = trim_torn_line(root / "_quarantine" / f"{run_id}.jsonl")
        events = sum(
            pq.ParquetFile(file).metadata.num_rows
            for file in event_files(root)
            if file.name.startswith(f"part-{run_id}-")
        )
        manifest.update(
            status="failed",
            error="the run ended without finishing (killed or crashed); its committed batches are kept",
            articles_uncommitted=0,
            articles_coded=len(coded),
            quarantined=quarantined,
            events_written=events,
            articles_read=len(coded) + quarantined + manifest.get("articles_skipped", 0),
        )
        atomic_write_bytes(path, json.dumps(manifest, indent=2, sort_keys=True).encode())


def _complete_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    return [line for line in lines[:-1] if line]  # a torn last line is not a committed article


def _resumable_articles(root: Path) -> frozenset[str]:
    """Article ids committed by the unfinished runs since the last completed one (a resume may itself be
    interrupted and resumed)."""
    committed: set[str] = set()
    for path in reversed(sorted((root / "_runs").glob("*.json"))):
        if json.loads(path.read_text(encoding="utf-8")).get("status") == "completed":
            break
        committed.update(_complete_lines(path.with_suffix(".done")))  # a torn last line is simply re-coded
    return frozenset(committed)


def require_something_read(summary: RunSummary) -> None:
    """Raise InputError when a run read no article at all (the CLI exits non-zero)."""
    if summary.articles_coded == 0:
        raise InputError(
            f"no article could be read ({summary.quarantined} record(s) quarantined; "
            f"see {summary.dataset}/_quarantine/{summary.run_id}.jsonl)"
        )
