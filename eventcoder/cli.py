"""The command line interface: parses arguments, makes one library call, prints, exits.

This is the only module that imports click, prints, or exits. Library errors (`EventcoderError`)
become one `Error: ...` line and a non-zero exit status.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from eventcoder import __version__
from eventcoder.errors import EventcoderError

F = TypeVar("F", bound=Callable[..., Any])

class UserError(click.ClickException):
    """A problem the user can fix (bad path, bad codebook, bad query): `Error: ...` and exit 2."""

    exit_code = 2


def reports_errors(func: F) -> F:
    """Turn library errors into `Error: ...` and exit status 2 (input/output problems)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventcoderError as error:
            raise UserError(str(error)) from error

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
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
    help="Directory to write actors.yaml, agents.yaml and import-report.txt into.",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "actors", "agents"]),
    default="auto",
    show_default=True,
    help="Dictionary kind of every FILE; auto decides by file name (.actors.txt/.agents.txt) or content.",
)
@reports_errors
def import_petrarch_cmd(files: tuple[Path, ...], out_dir: Path, kind: str) -> None:
    """Convert PETRARCH/TABARI actor and agent dictionaries (FILE...) into YAML codebooks.

    Lines that cannot be converted are listed with the reason in import-report.txt.
    """
    from eventcoder.codebook.petrarch import read_dictionaries, write_codebook

    results = read_dictionaries(list(files), None if kind == "auto" else kind)  # type: ignore[arg-type]
    written = write_codebook(results, out_dir)
    for path in written[:-1]:
        of_kind = [result for result in results if result.kind == path.stem]
        entries = sum(len(result.entries) for result in of_kind)
        skipped = sum(len(result.skipped) for result in of_kind)
        click.echo(f"{path.stem}: {entries} entries written to {path}, {skipped} lines skipped")
    click.echo(f"report: {written[-1]}")


# --- dataset and query commands (query, db, export, plot) -------------------------------------------


# --- end of dataset and query commands ----------------------------------------------------------------


def main() -> None:
    """Entry point of the `eventcoder` console script."""
    cli(prog_name="eventcoder")
