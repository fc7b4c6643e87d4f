"""The `eventcoder` entry point gives OpenBLAS one thread, unless the user chose a number."""

from __future__ import annotations

import os
import sys

import pytest

from eventcoder import generated_code
from eventcoder.cli import main


def _run_main(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["eventcoder", "--help"])
    # `main` also installs the generated-code cache, which would stay installed in this test process for the
    # tests after this one (test_generated_code holds main to installing it)
    monkeypatch.setattr(generated_code, "install", lambda: None)
    with pytest.raises(SystemExit):
        main()


def test_the_entry_point_sets_one_openblas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    _run_main(monkeypatch)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"


def test_the_entry_point_keeps_the_users_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    _run_main(monkeypatch)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
