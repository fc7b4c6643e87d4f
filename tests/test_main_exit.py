"""`python -m eventcoder` ends a `code` run without the interpreter's finalization, once every exit handler has run
and with the command's exit status; other commands, and a `code` that fails before its run, end as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from eventcoder.codebook.compile import Codebook

REPO = Path(__file__).resolve().parents[1]

# An object in builtins says when the interpreter finalizes (its teardown clears builtins); a handler registered
# while the command runs (after `__main__`'s own) must still run.
DRIVER = """
import atexit, builtins, os, runpy, sys
import eventcoder.run

class Mark:
    def __del__(self, write=os.write):
        write(2, b"finalized\\n")

builtins.mark = Mark()
code_articles = eventcoder.run.code_articles

def coding(*args, **kwargs):
    summary = code_articles(*args, **kwargs)
    atexit.register(os.write, 2, b"handler ran\\n")
    return summary

eventcoder.run.code_articles = coding
sys.argv = ["eventcoder", *sys.argv[1:]]
runpy.run_module("eventcoder", run_name="__main__", alter_sys=True)
"""
# What the `eventcoder` console script does: import the function pyproject.toml names and exit with its result.
_MODULE, _FUNCTION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"][
    "eventcoder"].split(":")
SCRIPT = DRIVER.replace('runpy.run_module("eventcoder", run_name="__main__", alter_sys=True)',
                        f"from {_MODULE} import {_FUNCTION}\nsys.exit({_FUNCTION}())")


def _run(*args: str, driver: str = DRIVER) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", driver, *args], capture_output=True, text=True, cwd=REPO, env=env,
                          timeout=300)


def _corpus(path: Path, *lines: str) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


ARTICLE = json.dumps({"id": "a1", "text": "Russia expelled two British diplomats.", "date": "2025-03-02"})


@pytest.mark.parametrize("driver", [DRIVER, SCRIPT], ids=["python -m", "console script"])
def test_main_exit_a_code_run_ends_unfinalized_after_every_handler(
    tmp_path: Path, codebook: Codebook, driver: str
) -> None:
    dataset = tmp_path / "ds"
    run = _run("code", str(_corpus(tmp_path / "in.jsonl", ARTICLE)), "-o", str(dataset), "--workers", "2",
               driver=driver)
    assert run.returncode == 0, run.stderr
    assert "1 articles read, 1 coded" in run.stderr
    assert run.stderr.splitlines()[-1] == "handler ran"
    assert "finalized" not in run.stderr
    (manifest,) = (dataset / "_runs").glob("*.json")
    assert json.loads(manifest.read_text(encoding="utf-8"))["status"] == "completed"
    assert list((dataset / "events").rglob("*.parquet"))


def test_main_exit_keeps_the_status_of_a_run_that_fails_after_closing(tmp_path: Path, codebook: Codebook) -> None:
    corpus = _corpus(tmp_path / "in.jsonl", ARTICLE, "{not json")
    run = _run("code", str(corpus), "-o", str(tmp_path / "ds"), "--workers", "1", "--strict")
    assert run.returncode == 1, run.stderr
    assert "1 quarantined" in run.stderr and "finalized" not in run.stderr


def test_main_exit_other_endings_finalize(tmp_path: Path) -> None:
    helped = _run("--help")
    assert helped.returncode == 0 and "Usage" in helped.stdout
    assert helped.stderr.splitlines()[-1] == "finalized"
    missing = _run("code", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "ds"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr and missing.stderr.splitlines()[-1] == "finalized"
    scripted = _run("--help", driver=SCRIPT)
    assert scripted.returncode == 0 and scripted.stderr.splitlines()[-1] == "finalized"
