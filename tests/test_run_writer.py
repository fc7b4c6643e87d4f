"""The writer thread of a one-process run: commits run in order, one at a time, and their errors surface."""

from __future__ import annotations

import threading
import time

import pytest

from eventcoder.run import _Pending, _WriterThread


def _pending(name: str) -> _Pending:
    return _Pending([], [], 0, lambda: name)  # type: ignore[arg-type, return-value]


def test_run_writer_commits_in_order_off_the_calling_thread() -> None:
    seen: list[tuple[object, bool]] = []
    caller = threading.get_ident()

    def commit(pending: _Pending) -> None:
        time.sleep(0.01)
        seen.append((pending.result(), threading.get_ident() != caller))

    with _WriterThread() as writes:
        for name in ("a", "b", "c"):
            writes.submit(commit, _pending(name))
    assert seen == [("a", True), ("b", True), ("c", True)]


def test_run_writer_raises_the_error_of_a_commit() -> None:
    def commit(pending: _Pending) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"), _WriterThread() as writes:
        writes.submit(commit, _pending("a"))


def test_run_writer_finishes_the_last_commit_when_the_caller_fails() -> None:
    finished: list[object] = []

    def commit(pending: _Pending) -> None:
        time.sleep(0.05)
        finished.append(pending.result())

    with pytest.raises(KeyboardInterrupt), _WriterThread() as writes:
        writes.submit(commit, _pending("a"))
        raise KeyboardInterrupt
    assert finished == ["a"]


def test_run_writer_shortens_the_switch_interval_while_it_runs_and_restores_it() -> None:
    """The coder hands the GIL back to a waiting writer sooner; the caller's own setting comes back, also
    when the block raises."""
    import sys

    from eventcoder.run import WRITER_SWITCH_SECONDS

    before = sys.getswitchinterval()
    during: list[float] = []
    with _WriterThread() as writes:
        writes.submit(lambda pending: during.append(sys.getswitchinterval()), _pending("a"))
    assert during == [pytest.approx(WRITER_SWITCH_SECONDS)]
    assert sys.getswitchinterval() == before
    with pytest.raises(KeyboardInterrupt), _WriterThread():
        raise KeyboardInterrupt
    assert sys.getswitchinterval() == before
