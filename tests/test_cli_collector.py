"""The command line pauses the cyclic garbage collector for a command's start-up, and only then."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventcoder import cli, generated_code

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    """Whatever a test does, the next one starts with the collector running and nothing paused."""
    yield
    gc.enable()
    cli._collector_paused = False


def _main(monkeypatch: pytest.MonkeyPatch, *argv: str) -> None:
    monkeypatch.setattr(sys, "argv", ["eventcoder", *argv])
    monkeypatch.setattr(generated_code, "install", lambda: None)  # would stay installed in this test process
    with pytest.raises(SystemExit):
        cli.main()


def test_code_loads_its_codebook_paused_and_codes_collecting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, bool] = {}

    def load(layers: tuple[str, ...]) -> Any:
        seen["load"] = gc.isenabled()
        return None

    def code_articles(*args: Any, **kwargs: Any) -> Any:
        seen["run"] = gc.isenabled()
        raise KeyboardInterrupt

    import eventcoder.run

    monkeypatch.setattr(cli, "_load_codebook", load)
    monkeypatch.setattr(eventcoder.run, "code_articles", code_articles)
    _main(monkeypatch, "code", str(REPO / "seeds"), "-o", str(tmp_path / "out"), "--no-progress")
    assert seen == {"load": False, "run": True}
    assert gc.isenabled()


def test_another_command_runs_collecting_from_its_first_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []
    import eventcoder.dataset

    monkeypatch.setattr(eventcoder.dataset, "list_runs", lambda _: _seen_collecting(seen))
    _main(monkeypatch, "runs", str(tmp_path))
    assert seen == [True]


def _seen_collecting(seen: list[bool]) -> list[Any]:
    seen.append(gc.isenabled())
    return []


def test_help_leaves_the_collector_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """No command runs: `main` resumes it on its way out."""
    _main(monkeypatch, "--help")
    assert gc.isenabled()
    assert not cli._collector_paused


@pytest.mark.parametrize("collecting", [True, False])
def test_a_command_run_without_main_leaves_the_callers_choice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, collecting: bool
) -> None:
    """A library user or a test that invokes `cli` itself keeps the collector as it set it."""
    seen: list[bool] = []
    import eventcoder.dataset

    monkeypatch.setattr(eventcoder.dataset, "list_runs", lambda _: _seen_collecting(seen))
    (gc.enable if collecting else gc.disable)()
    result = CliRunner().invoke(cli.cli, ["runs", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen == [collecting]
    assert gc.isenabled() is collecting


def test_python_m_eventcoder_pauses_it_before_importing_the_command_line(tmp_path: Path) -> None:
    """Under `python -m eventcoder` the pause starts before click and `eventcoder.cli` are imported."""
    script = (
        "import gc, sys, runpy\n"
        "seen = []\n"
        "class Finder:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'click':\n"
        "            seen.append(gc.isenabled())\n"
        "sys.meta_path.insert(0, Finder())\n"
        "sys.argv = ['eventcoder', '--help']\n"
        "try:\n"
        "    runpy.run_module('eventcoder', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(seen, gc.isenabled(), file=sys.stderr)\n"
    )
    env = {**os.environ, "EVENTCODER_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO, env=env)
    assert run.stderr.strip().splitlines()[-1] == "[False] True"
