"""A coding run imports `pyarrow.parquet` only to recount a killed run's rows: the module imports pyarrow.fs and
its cloud file systems, which a run that writes through `dataset.py` does not need."""

from __future__ import annotations

import subprocess
import sys


def test_the_run_module_does_not_import_pyarrow_parquet() -> None:
    code = "import sys, eventcoder.cli, eventcoder.run; print('pyarrow.parquet' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False"]
