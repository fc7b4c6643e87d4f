"""The docs are tested: every CLI command has help and appears in the README, and every README example runs."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += _commands(command, prefix + name + " ")
    return found


COMMANDS = _commands(cli)


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_docs_command_has_help_and_is_in_readme(name: str, command: click.Command) -> None:
    assert command.help, f"{name} has no help text"
    assert f"eventcoder {name}" in README, f"'eventcoder {name}' is missing from README.md"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_docs_every_option_has_help(name: str, command: click.Command) -> None:
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"


OPTIONS_IN_DOCS = ["code", "eval", "explain", "codebook import-petrarch"]


@pytest.mark.parametrize("name", OPTIONS_IN_DOCS)
def test_docs_command_options_are_in_readme(name: str) -> None:
    command = dict(COMMANDS)[name]
    for param in command.params:
        if isinstance(param, click.Option) and param.opts[0] not in ("-h", "--help"):
            spellings = [*param.opts, *param.secondary_opts]
            assert any(f"{opt} " in README or f"{opt}`" in README for opt in spellings), (
                f"option {spellings} of 'eventcoder {name}' is missing from README.md"
            )


def _examples() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ eventcoder ")]


def test_docs_readme_console_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    examples = _examples()
    assert len(examples) >= 10
    for line in examples:
        result = CliRunner().invoke(cli, shlex.split(line)[1:])
        assert result.exit_code == 0, f"{line}\n{result.output}"


def test_docs_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    code = re.search(r"```python\n(.*?)```", README, flags=re.S)
    assert code is not None
    exec(compile(code.group(1), "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert (tmp_path / "out" / "api" / "events").is_dir()
