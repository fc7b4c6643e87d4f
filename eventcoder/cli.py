"""The command line interface: parses arguments, makes one library call, prints, exits.

This is the only module that imports click, prints, or exits. Library errors (`EventcoderError`)
become one `Error: ...` line and a non-zero exit status.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
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


# --- dataset and query commands (query, db, export, plot) -------------------------------------------


# --- end of dataset and query commands ----------------------------------------------------------------


def main() -> None:
    """Entry point of the `eventcoder` console script."""
    cli(prog_name="eventcoder")
