"""The cache of the code that dataclasses and named tuples compile from the text they write (`generated_code`)."""

from __future__ import annotations

import collections
import dataclasses
import marshal
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType
from typing import Any

import pytest

from eventcoder import generated_code
from eventcoder.generated_code import GeneratedCode, code_cache_path

SHAPES: list[dict[str, Any]] = [
    {},
    {"frozen": True},
    {"frozen": True, "slots": True},
    {"order": True},
    {"eq": False},
    {"unsafe_hash": True},
]


def _point(options: dict[str, Any]) -> type:
    @dataclass(**options)
    class Point:
        x: int
        y: str = "a"
        z: list[int] = field(default_factory=list, compare=False)

    return Point


def _generated(cls: type) -> dict[str, FunctionType]:
    """The methods `dataclasses` or `namedtuple` wrote for `cls`."""
    found = {name: value for name, value in vars(cls).items() if isinstance(value, FunctionType)}
    return {name: value for name, value in found.items() if value.__code__.co_filename == "<string>"}


def _through(cache: GeneratedCode, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send the text `dataclasses` and `namedtuple` compile through `cache`, as `install` does, until the test ends."""
    monkeypatch.setattr(dataclasses, "exec", cache.exec, raising=False)
    monkeypatch.setattr(collections, "eval", cache.eval, raising=False)


def _private_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    return directory


@pytest.mark.parametrize("options", SHAPES)
def test_generated_code_read_back_is_the_code_exec_compiles(
    options: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _point(options)
    path = code_cache_path(_private_dir(tmp_path))
    first = GeneratedCode(path)
    with monkeypatch.context() as patch:
        _through(first, patch)
        _point(options)
    assert first.new
    first.save()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    second = GeneratedCode(path)
    with monkeypatch.context() as patch:
        _through(second, patch)
        cached = _point(options)
    assert not second.new  # every method came from the file
    assert _generated(plain).keys() == _generated(cached).keys() != set()
    for name, method in _generated(plain).items():
        assert _generated(cached)[name].__code__ == method.__code__, name
    one, other = plain(1, "b"), cached(1, "b")
    assert repr(one).split(".")[-1] == repr(other).split(".")[-1]
    assert (cached(1, "b") == other) == (plain(1, "b") == one)
    if options.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            other.x = 2  # type: ignore[misc]


def test_generated_code_of_named_tuples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = code_cache_path(_private_dir(tmp_path))
    plain = collections.namedtuple("Form", ["phrase", "pattern"])
    for _ in range(2):
        cache = GeneratedCode(path)
        with monkeypatch.context() as patch:
            _through(cache, patch)
            cached = collections.namedtuple("Form", ["phrase", "pattern"])
        cache.save()
    assert not cache.new
    assert cached.__new__.__code__ == plain.__new__.__code__
    assert cached(("cease", "fire"), 3) == plain(("cease", "fire"), 3)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # torn
        lambda data: b"",
        lambda data: marshal.dumps(["not", "a", "table"]),
        lambda data: marshal.dumps({("exec", "x = 1"): "not code"}),
    ],
)
def test_generated_code_file_that_cannot_be_read_is_compiled_around_and_written_again(
    damage: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = code_cache_path(_private_dir(tmp_path))
    first = GeneratedCode(path)
    with monkeypatch.context() as patch:
        _through(first, patch)
        _point({"frozen": True})
    first.save()
    path.write_bytes(damage(path.read_bytes()))
    second = GeneratedCode(path)
    assert second.codes == {}
    with monkeypatch.context() as patch:
        _through(second, patch)
        point = _point({"frozen": True})
        assert point(1) == point(1, "a")
    second.save()
    assert GeneratedCode(path).codes.keys() == first.codes.keys()


@pytest.mark.parametrize("loosen", ["directory", "file"])
def test_generated_code_file_writable_by_others_is_never_read(
    loosen: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _private_dir(tmp_path)
    path = code_cache_path(directory)
    cache = GeneratedCode(path)
    with monkeypatch.context() as patch:
        _through(cache, patch)
        _point({})
    cache.save()
    (directory if loosen == "directory" else path).chmod(0o777 if loosen == "directory" else 0o666)
    assert GeneratedCode(path).codes == {}


def test_generated_code_file_keeps_this_process_code_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = code_cache_path(_private_dir(tmp_path))
    older = GeneratedCode(path)
    for text in ("a = 1", "b = 2", "c = 3"):
        older.compiled(text, "exec")
    older.save()
    monkeypatch.setattr(generated_code, "KEEP", 3)
    cache = GeneratedCode(path)
    cache.compiled("b = 2", "exec")
    cache.compiled("d = 4", "exec")
    cache.save()
    kept = GeneratedCode(path).codes
    assert len(kept) == 3
    assert {("exec", "b = 2"), ("exec", "d = 4")} <= kept.keys()
    cache.save()  # nothing new since: not written again
    assert GeneratedCode(path).codes == kept


def test_generated_code_install_serves_a_later_process(tmp_path: Path) -> None:
    """`install` (what the command line runs first, once however often it is called) writes the file at exit;
    the next process reads it and compiles nothing."""
    script = (
        "import dataclasses, collections\n"
        "from eventcoder import generated_code\n"
        "cache = generated_code.install()\n"
        "assert generated_code.install() is cache  # once a process\n"
        "@dataclasses.dataclass(frozen=True, slots=True)\n"
        "class Gate:\n"
        "    name: str\n"
        "    weight: float = 1.0\n"
        "Form = collections.namedtuple('Form', ['phrase', 'pattern'])\n"
        "assert Gate('a') == Gate('a', 1.0) and Form(1, 2).pattern == 2\n"
        "print(cache.new)\n"
    )
    environment = {**os.environ, "EVENTCODER_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]
    (path,) = (tmp_path / "cache").iterdir()
    assert path == code_cache_path(tmp_path / "cache")


def test_the_command_line_installs_the_cache_before_it_runs_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """`main` installs the cache first, so the modules a command imports compile their methods through it;
    importing `eventcoder.cli` alone installs nothing (checked in a fresh process: this one's state depends on
    the tests run before)."""
    from eventcoder import cli

    order: list[str] = []
    monkeypatch.setattr(generated_code, "install", lambda: order.append("install"))
    monkeypatch.setattr(cli, "cli", lambda **_: order.append("command"))
    cli.main()
    assert order == ["install", "command"]
    script = (
        "import dataclasses, collections, eventcoder.cli\n"
        "print(hasattr(dataclasses, 'exec'), hasattr(collections, 'eval'))"
    )
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert imported.stdout.split() == ["False", "False"]


def test_generated_code_file_is_read_only_when_a_text_is_compiled(tmp_path: Path) -> None:
    """A command that creates no dataclass after `install` (`--help`) does not read the file."""
    path = code_cache_path(tmp_path)
    first = GeneratedCode(path)
    first.compiled("x = 1\n", "exec")
    first.save()
    second = GeneratedCode(path)
    assert "codes" not in vars(second)
    second.compiled("x = 1\n", "exec")
    assert "codes" in vars(second) and not second.new
