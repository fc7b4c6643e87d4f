"""The command line interface: parses arguments, makes one library call, prints, exits.

This is the only module that imports click, prints, or exits. Library errors (`EventcoderError`)
become one `Error: ...` line and a non-zero exit status.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from eventcoder.errors import EventcoderError

F = TypeVar("F", bound=Callable[..., Any])

class UserError(click.ClickException):
    """A problem the user can fix (bad path, bad codebook, bad query): `Error: ...` and exit 2."""

    exit_code = 2


def reports_errors(func: F) -> F:
    """Turn library errors into `Error: ...` and exit status 2 (input/output problems). An OSError that
    reaches here (a full disk or a permission the library did not foresee) is a resource fault, not a
    bug: it is reported the same way. The cyclic garbage collector, paused by `main` for the start-up, runs
    again from the command's first line (see `_resume_collector`)."""
    return _reporting(func, resume_collector=True)


def reports_errors_after_start_up(func: F) -> F:
    """`reports_errors` for a command that resumes the collector itself once its start-up is over (`code`:
    after its imports and its codebook)."""
    return _reporting(func, resume_collector=False)


def _reporting(func: F, *, resume_collector: bool) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if resume_collector:
            _resume_collector()
        try:
            return func(*args, **kwargs)
        except EventcoderError as error:
            raise UserError(str(error)) from error
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            raise UserError(f"{error.strerror or error}{where}") from error

    return wrapper  # type: ignore[return-value]


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--version: print the version (read from the package metadata only when asked), whether the hot path
    runs compiled or as pure Python (`make fast`), and exit."""
    if not value or ctx.resilient_parsing:
        return
    from eventcoder import __version__
    from eventcoder.compiled import build_description

    click.echo(f"eventcoder, version {__version__} ({build_description()})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def cli() -> None:
    """eventcoder: code news articles into dyadic CAMEO/PLOVER/ACLED event records."""


@cli.group("codebook")
def codebook_cmd() -> None:
    """Check, inspect and import codebooks."""


@codebook_cmd.command("import-petrarch")
@click.argument(
    "files", metavar="FILE...", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write the layer (actors.yaml, agents.yaml, patterns.yaml, ...) and import-report.txt into.",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "actors", "agents", "patterns", "discard"]),
    default="auto",
    show_default=True,
    help="Dictionary kind of every FILE (patterns: a verb dictionary; discard: a discard list); auto decides "
    "by file name (.actors.txt/.agents.txt/.verbs, 'discard' in the name) or content.",
)
@click.option(
    "--replace-patterns",
    is_flag=True,
    help="Imported verb patterns replace the default patterns instead of adding to them.",
)
@click.option(
    "--replace-agents",
    is_flag=True,
    help="Imported agents replace the default agents instead of adding to them.",
)
@reports_errors
def import_petrarch_cmd(
    files: tuple[Path, ...], out_dir: Path, kind: str, replace_patterns: bool, replace_agents: bool
) -> None:
    """Convert PETRARCH/TABARI actor, agent and verb dictionaries (FILE...) into a codebook layer.

    Lines that cannot be converted are listed with the reason in import-report.txt. Code parts the default
    codebook does not know are declared in the layer's roles.yaml; the layer is then checked on its own and
    on top of the default codebook, and the result is printed.
    """
    from eventcoder.codebook.petrarch_layer import import_petrarch

    forced = None if kind == "auto" else kind
    results, written, layer_check = import_petrarch(
        list(files),
        out_dir,
        forced,  # type: ignore[arg-type]
        replace_patterns=replace_patterns,
        replace_agents=replace_agents,
    )
    for path in written[:-1]:
        of_kind = [result for result in results if result.kind == path.stem]
        if not of_kind:
            continue
        entries = sum(len(result.entries) for result in of_kind)
        skipped = sum(len(result.skipped) for result in of_kind)
        click.echo(f"{path.stem}: {entries} entries written to {path}, {skipped} lines skipped")
    click.echo(f"declared: {len(layer_check.declared)} code parts unknown to the default codebook (roles.yaml)")
    if layer_check.passes:
        click.echo("codebook check: passes, alone and on the default codebook")
    else:
        click.echo(
            f"codebook check: FAILS with {len(layer_check.alone)} problem(s) alone and "
            f"{len(layer_check.with_defaults)} on the default codebook (listed in the report)"
        )
    click.echo(f"report: {written[-1]}")


# --- coding commands (code, validate, explain, eval, codebook) -------------------------------------------

_CODEBOOK_OPTION = click.option(
    "--codebook", "layers", metavar="DIR", multiple=True, type=click.Path(exists=True, file_okay=False),
    help="A codebook layer applied on top of the defaults (repeatable; later layers win).",
)


def _load_codebook(layers: tuple[str, ...]) -> Any:
    from eventcoder.codebook.compile import load_codebook
    from eventcoder.errors import CodebookError

    try:
        return load_codebook(layers)
    except CodebookError as error:
        for problem in error.problems:
            click.echo(problem.format(), err=True)
        raise UserError(f"{error}; nothing was coded") from error


def _parse_date(value: str | None, option: str) -> Any:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise UserError(f"{option} must be an ISO date such as 2025-11-30, got '{value}'") from error


@cli.command("code")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Dataset directory to write (created if missing; existing articles are replaced).")
@click.option("--date-default", metavar="DATE", help="Publication date for articles that have none (ISO).")
@click.option("--strict", is_flag=True, help="Exit 1 when any record was quarantined.")
@click.option("--batch-size", default=2000, show_default=True, type=click.IntRange(min=1),
              help="Articles per committed batch (a batch also ends at 8 million characters of text): each is "
              "one atomic commit with one file per month, and what --resume skips.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Processes that code in parallel (default: the number of cores; a short input is coded in "
              "one). Output is identical.")
@click.option("--resume", is_flag=True, help="Skip articles an interrupted run already committed.")
@click.option("--wait", is_flag=True,
              help="If another run is writing the dataset, wait for it to finish instead of stopping.")
@click.option("--dask", "dask_address", metavar="SCHEDULER_ADDRESS", default=None,
              help="Code on a Dask cluster (pip install 'eventcoder[dask]'); output equals a local run.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: only when stderr is a terminal).")
@click.option("--columns", "column_pairs", metavar="FIELD=NAME,...", multiple=True,
              help="Read record fields from other columns or keys of JSONL, CSV and Parquet inputs "
              "(e.g. text=content,id=doc_id,date=published_at); repeatable.")
@click.option("--text-column", metavar="NAME", help="Same as --columns text=NAME.")
@click.option("--id-column", metavar="NAME", help="Same as --columns id=NAME.")
@click.option("--date-column", metavar="NAME", help="Same as --columns date=NAME.")
@click.option("--title-column", metavar="NAME", help="Same as --columns title=NAME.")
@_CODEBOOK_OPTION
@reports_errors_after_start_up
def code_cmd(inputs: tuple[str, ...], output: Path, date_default: str | None, strict: bool, batch_size: int,
             workers: int | None, resume: bool, wait: bool, dask_address: str | None, progress: bool | None,
             column_pairs: tuple[str, ...], text_column: str | None, id_column: str | None,
             date_column: str | None, title_column: str | None, layers: tuple[str, ...]) -> None:
    """Code INPUT files (.txt, .jsonl, .ndjson, .csv, .parquet, directories, or - for JSONL on stdin) into a
    dataset. The fields each format is read from are listed in the README ("Input formats").

    Bad records go to DATASET/_quarantine/ with their reason; the run summary goes to stderr.
    """
    from eventcoder.inputs import check_columns, check_inputs
    from eventcoder.run import code_articles, require_something_read

    default = _parse_date(date_default, "--date-default")
    shortcuts = {"text": text_column, "id": id_column, "date": date_column, "title": title_column}
    columns = check_columns(_parse_columns(column_pairs, shortcuts))
    check_inputs(inputs)
    codebook = _load_codebook(layers)
    _resume_collector()  # the run raises its threshold and moves what is alive now out of its reach
    import sys

    show = progress if progress is not None else sys.stderr.isatty()
    bar = _progress_bar() if show else None
    try:
        if dask_address is not None:
            from eventcoder.distributed import DaskCoder

            with DaskCoder(codebook, dask_address) as dask_coder:
                summary = code_articles(inputs, output, codebook, date_default=default,
                                        batch_articles=batch_size, coder=dask_coder, resume=resume, wait=wait,
                                        on_progress=bar.update if bar else None, columns=columns)
        else:
            summary = code_articles(inputs, output, codebook, date_default=default, batch_articles=batch_size,
                                    workers=workers, resume=resume, wait=wait,
                                    on_progress=bar.update if bar else None, columns=columns)
    except KeyboardInterrupt:
        raise UserError("interrupted; every batch committed before the interrupt is in the dataset "
                        "(continue with --resume)") from None
    finally:
        if bar:
            bar.close()
    global run_closed
    run_closed = True
    click.echo(summary.format(), err=True)
    if summary.quarantined:
        click.echo(f"quarantined records: {output}/_quarantine/{summary.run_id}.jsonl", err=True)
    require_something_read(summary)
    if strict and summary.quarantined:
        raise click.exceptions.Exit(1)


def _parse_columns(pairs: tuple[str, ...], shortcuts: dict[str, str | None]) -> dict[str, str]:
    """The column mapping of --columns FIELD=NAME,... and the --*-column shortcuts (a field given twice is
    an error)."""
    columns: dict[str, str] = {}
    given = [item for pair in pairs for item in pair.split(",") if item.strip()]
    given += [f"{field}={name}" for field, name in shortcuts.items() if name is not None]
    for item in given:
        field, sep, name = item.partition("=")
        field = field.strip()
        if not sep or not field:
            raise UserError(f"--columns takes FIELD=NAME pairs such as text=content, got '{item}'")
        if field in columns:
            raise UserError(f"the column of field '{field}' is given twice")
        columns[field] = name
    return columns


class _ProgressBar:
    """A tqdm bar on stderr fed by the run's progress callback: it moves with every coding batch (articles
    coded, committed or not, and the rate), and names apart what is committed (articles, events, quarantined
    records), which moves with every commit."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)

    def update(self, summary: Any) -> None:
        self._bar.update(summary.articles_read + summary.articles_uncommitted - self._bar.n)
        self._bar.set_postfix_str(f"committed: {summary.articles_read} articles, {summary.events_written} "
                                  f"events, {summary.quarantined} quarantined")

    def close(self) -> None:
        self._bar.close()


def _progress_bar() -> _ProgressBar:
    return _ProgressBar()


@cli.command("runs")
@click.argument("dataset", type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def runs_cmd(dataset: Path) -> None:
    """List the runs recorded in DATASET: id, status, counts, codebook and seconds."""
    from eventcoder.dataset import list_runs

    click.echo(f"{'run':<26} {'status':<12} {'articles':>8} {'quar.':>6} {'events':>8} {'seconds':>8}  codebook")
    for run in list_runs(dataset):
        click.echo(f"{run['run_id']:<26} {run['status']:<12} {run['articles_coded']:>8} {run['quarantined']:>6} "
                   f"{run['events_written']:>8} {run['seconds']:>8.2f}  {run['codebook_version']}")


@cli.command("validate")
@click.argument("dataset", type=click.Path(file_okay=False, path_type=Path))
@_CODEBOOK_OPTION
@reports_errors
def validate_cmd(dataset: Path, layers: tuple[str, ...]) -> None:
    """Check every file of DATASET against the event table model; print failures, exit 1 when any."""
    from eventcoder.check_dataset import validate_dataset

    codebook = _load_codebook(layers)
    report = validate_dataset(dataset, codebook)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise click.exceptions.Exit(1)


@cli.command("explain")
@click.argument("text")
@click.option("--date", "date", metavar="DATE", default=None, help="Publication date of the text (ISO); default today.")
@click.option("--title", default=None, help="Treat TEXT as the body of an article with this title.")
@_CODEBOOK_OPTION
@reports_errors
def explain_cmd(text: str, date: str | None, title: str | None, layers: tuple[str, ...]) -> None:
    """Show how TEXT is coded: tokens, actor mentions, candidate patterns, events and dropped candidates."""
    import datetime as dt

    from eventcoder.explain import explain_text

    codebook = _load_codebook(layers)
    click.echo(explain_text(text, codebook, date=_parse_date(date, "--date") or dt.date.today(), title=title))


@cli.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--errors/--no-errors", default=True, show_default=True, help="List misses and extra events.")
@click.option(
    "--split",
    type=click.Choice(["all", "tune", "check"]),
    default="all",
    show_default=True,
    help="Score one fixed half of the records (by a hash of the id): tune while changing rules, check to confirm.",
)
@_CODEBOOK_OPTION
@reports_errors
def eval_cmd(gold: Path, errors: bool, split: str, layers: tuple[str, ...]) -> None:
    """Code the texts of a GOLD file (eventcoder, PLOVER, ACLED event-type or PentaClass gold format) and
    report its figures: recall and precision of event types, or label accuracy with a confusion table."""
    from eventcoder.evaluate import Split, evaluate

    report = evaluate(gold, _load_codebook(layers), split=cast(Split, split))
    click.echo(report.format(show_errors=errors))


@codebook_cmd.command("check")
@click.argument("layers", nargs=-1, type=click.Path(exists=True, file_okay=False))
@reports_errors
def codebook_check_cmd(layers: tuple[str, ...]) -> None:
    """Validate the default codebook plus LAYERS; print every problem and exit 1 if there are any."""
    from eventcoder.codebook.compile import load_codebook
    from eventcoder.errors import CodebookError

    try:
        codebook = load_codebook(layers, use_cache=False)
    except CodebookError as error:
        for problem in error.problems:
            click.echo(problem.format())
        click.echo(f"{len(error.problems)} problem(s)")
        raise click.exceptions.Exit(1) from error
    click.echo(f"ok: {codebook.fingerprint} ({len(codebook.event_codes)} event codes, "
               f"{len(codebook.patterns)} patterns, {len(codebook.actors)} actors)")


@codebook_cmd.command("show")
@click.argument("code")
@_CODEBOOK_OPTION
@reports_errors
def codebook_show_cmd(code: str, layers: tuple[str, ...]) -> None:
    """Show a CAMEO code: name, description, weights, crosswalks, category and the patterns producing it."""
    from eventcoder.codebook.inspect import show_code

    click.echo(show_code(_load_codebook(layers), code))


@codebook_cmd.command("find")
@click.argument("text")
@_CODEBOOK_OPTION
@reports_errors
def codebook_find_cmd(text: str, layers: tuple[str, ...]) -> None:
    """List the actor, agent and place entries and the patterns that match a phrase."""
    from eventcoder.codebook.inspect import find_phrase

    click.echo(find_phrase(_load_codebook(layers), text))


@codebook_cmd.command("stats")
@_CODEBOOK_OPTION
@reports_errors
def codebook_stats_cmd(layers: tuple[str, ...]) -> None:
    """Count the codebook's entries by kind (event codes, actors, names, agents, patterns, roles...)."""
    from eventcoder.codebook.inspect import codebook_stats

    for name, count in codebook_stats(_load_codebook(layers)).items():
        click.echo(f"{name:<22} {count:>7}")


# --- dataset and query commands (query, db, export, plot) -------------------------------------------


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserError(f"--param must be KEY=VALUE, got '{pair}'")
        params[key.strip()] = value
    return params


_DATASET_ARGUMENT = click.argument("dataset", type=click.Path(file_okay=False, path_type=Path))


@cli.command("query")
@_DATASET_ARGUMENT
@click.argument("sql", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format of the result.")
@click.option("--list", "list_named", is_flag=True, help="List the named queries and their parameters.")
@click.option("--named", "name", metavar="NAME", help="Run the named query NAME instead of SQL.")
@click.option("--param", "param_pairs", metavar="KEY=VALUE", multiple=True,
              help="A parameter of the named query (repeatable); values are typed and bound, never pasted.")
@reports_errors
def query_cmd(dataset: Path, sql: str | None, fmt: str, list_named: bool, name: str | None,
              param_pairs: tuple[str, ...]) -> None:
    """Run SQL or a named query on the DuckDB views of DATASET.

    The views are events (the default analysis view), events_all, dyads, actors, country_month,
    dyad_month, cameo_codes, categories and actor_roles; see docs/query.md.
    """
    from eventcoder.query import (
        connect,
        format_named_queries,
        format_result,
        get_named_query,
        named_queries,
        run_named,
        run_sql,
    )

    if list_named:
        click.echo(format_named_queries(named_queries()), nl=False)
        return
    if sql is not None and name is not None:
        raise UserError("give either SQL or --named NAME, not both")
    if sql is None and name is None:
        raise UserError("give SQL, --named NAME or --list")
    if param_pairs and name is None:
        raise UserError("--param needs --named NAME")
    # Only the views the SQL names, and DuckDB's engine without the package's relation API.
    con = connect(dataset, only_for=get_named_query(name).sql if name is not None else sql, python_api=False)
    try:
        if name is not None:
            result = run_named(con, name, _parse_params(param_pairs))
        else:
            assert sql is not None
            result = run_sql(con, sql)
    finally:
        con.close()
    click.echo(format_result(result, fmt), nl=False)  # type: ignore[arg-type]


@cli.command("db")
@_DATASET_ARGUMENT
@click.option("-o", "--output", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="DuckDB database file to write (replaced if it exists).")
@click.option("--relative", is_flag=True,
              help="Read the dataset by its path relative to the database file, so both can move together "
              "(open the file from its own folder, or SET file_search_path to it).")
@reports_errors
def db_cmd(dataset: Path, out_path: Path, relative: bool) -> None:
    """Write a DuckDB database file with the views and named queries (as table macros) of DATASET.

    By default the views read the dataset's Parquet files by their absolute path, so the file opens in
    plain DuckDB anywhere as long as the dataset stays where it is; with --relative they read it by its
    path relative to the database file.
    """
    from eventcoder.query import write_database

    click.echo(f"wrote {write_database(dataset, out_path, relative=relative)}")


@cli.command("export")
@_DATASET_ARGUMENT
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "jsonl", "parquet", "acled-csv", "gdelt-tsv", "plover-jsonl", "geojson"]),
              help="Export format; the columns of each are listed in docs/exports.md.")
@click.option("-o", "--output", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (replaced if it exists).")
@click.option("--neutralise-formulas/--keep-formulas", "neutralise", default=True, show_default=True,
              help="In csv, acled-csv and gdelt-tsv, prefix ' to text cells starting with = + - @ tab or CR, "
              "so a spreadsheet does not run them (OWASP CSV injection rule).")
@reports_errors
def export_cmd(dataset: Path, fmt: str, out_path: Path, neutralise: bool) -> None:
    """Export the events of DATASET as a flat file (event table, ACLED, GDELT 2.0 or PLOVER)."""
    from eventcoder.export import export_dataset

    click.echo(f"wrote {export_dataset(dataset, fmt, out_path, neutralise_formulas=neutralise)}")


@cli.command("plot")
@_DATASET_ARGUMENT
@click.option("--kind", type=click.Choice(["timeline", "dyads", "categories", "map"]), default="timeline",
              show_default=True, help="timeline: events per period; dyads: most active actor pairs; "
              "categories: events per category; map: geocoded events on country outlines.")
@click.option("-o", "--output", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Image to write: .png or .svg.")
@click.option("--country", metavar="ISO3", help="Only events with this country on either side (e.g. VEN).")
@click.option("--dyad", metavar="AAA-BBB", help="Only events between two countries, either direction (USA-VEN).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="First event date (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Last event date (YYYY-MM-DD).")
@click.option("--interval", type=click.Choice(["auto", "day", "week", "month", "quarter", "year"]),
              default="auto", show_default=True,
              help="Bar width of a timeline; auto picks one from the events' date span.")
@click.option("--by", type=click.Choice(["quad_class", "category"]), default="quad_class", show_default=True,
              help="What the bars are stacked by, or the map's points coloured by.")
@click.option("--size", type=click.Choice(["events", "fatalities"]), default="events", show_default=True,
              help="What the area of a map point shows.")
@click.option("--count", type=click.Choice(["events", "reports"]), default="events", show_default=True,
              help="events: real-world events, the reports of one counted once (events_unique); reports: every "
              "report (the view events).")
@reports_errors
def plot_cmd(dataset: Path, kind: str, out_path: Path, country: str | None, dyad: str | None,
             since: Any, until: Any, interval: str, by: str, size: str, count: str) -> None:
    """Plot the events of DATASET as stacked bars or a map (needs the eventcoder[plot] extra)."""
    from eventcoder.plot import plot_dataset

    written = plot_dataset(dataset, kind, out_path, country=country, dyad=dyad,
                           since=since.date() if since else None, until=until.date() if until else None,
                           interval=interval, by=by, size=size, count=count)
    click.echo(f"wrote {written}")


# --- end of dataset and query commands ----------------------------------------------------------------


def main() -> None:
    """Entry point of the `eventcoder` console script (and of `python -m eventcoder`).

    OpenBLAS gets one thread unless the user chose otherwise. numpy, which pyarrow imports, loads OpenBLAS,
    and OpenBLAS starts a thread per extra core at load time, which spins a while waiting for matrix work
    eventcoder never gives it (0.03 s of CPU in a news25k run, read from /proc; 2.6 % of a compiled run's
    samples under perf). The variable is read when the library loads, so it is set here, before any command
    imports pyarrow; pool workers are forked from this process and inherit the setting and the library.

    The methods of the dataclasses and named tuples a command imports are compiled through the private cache
    of `generated_code` (installed here, not on import of the package, so a library user's process and the
    test suite keep the plain `exec`): compiling their text at every start cost 4.2 % of a compiled news5k run
    and 10 % of coding one article.

    The cyclic garbage collector is paused from here (from before `eventcoder.cli` is imported, under
    `python -m eventcoder`) until the command starts its own work (see `_resume_collector`)."""
    global _collector_paused
    gc.disable()
    _collector_paused = True
    try:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from eventcoder import generated_code  # not at the top: importing `eventcoder.cli` installs nothing

        generated_code.install()
        cli(prog_name="eventcoder")
    finally:
        _resume_collector()


_collector_paused = False
"""Whether `main` paused the cyclic garbage collector and it has not run again since."""

run_closed = False
"""Set by `code` once its run has ended, every file it wrote closed and its pool gone: `python -m eventcoder` may
then end the process without the interpreter's finalization (see `eventcoder.__main__`)."""


def _resume_collector() -> None:
    """Let the cyclic garbage collector run again if `main` paused it for the start-up. A start imports about
    330 modules (click, pyarrow and numpy, the coder) and loads the codebook: the collections of those
    allocations found nothing to free and cost 26 M instructions before the fork of a `--workers 2` news25k
    run (2.3 % of its serial start; 1,112 -> 1,086 M). Objects made during the pause are collected later as
    any others (a cold start's peak memory 251 -> 254 MB with the collector paused for the whole run)."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.enable()
