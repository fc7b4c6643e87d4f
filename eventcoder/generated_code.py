"""A private on-disk cache of the code that `dataclasses` and `collections.namedtuple` compile at import.

Each dataclass writes its methods (`__init__`, `__repr__`, `__eq__`, `__hash__`, a frozen class's `__setattr__`
and `__delattr__`) as source text and compiles it with `exec` when its module is imported, and a named tuple
its `__new__` with `eval`; mypyc's native dataclasses go through the same `dataclasses` code. A command
imports about 300 of those functions, and parsing and compiling them cost 166 M instructions of a compiled
news5k run's 3,481 M (4.8 %; a tenth of coding one article), on every start. `install` gives `dataclasses`
and `collections` an `exec` and an `eval` of their own that run the code object compiled from the same text
the last time (`compile` of it, with no flags inherited: what `exec` of the text compiles too), read with
`marshal` from one file of the cache directory, and write the file again at exit when a text was new (at most
`KEEP` entries: the ones of this process first). The file is trusted on the terms of the codebook cache
(`codebook/cache.py`: loading code is running it): read only when it and its directory are the user's own
and written by no one else, written atomically with mode 0600; one that cannot be read is compiled around
and written again. Its name carries the interpreter's bytecode magic number, so another Python never reads it.

Regular expressions are the same case: `re` parses and compiles a pattern in Python (`re._compiler`) into the
code its C engine runs, and the modules a `code` run imports compile 66 patterns at import, 83 M instructions
of the 1,150 M of coding one article. `install` also makes `re` take a pattern's engine arguments (the
arguments `re._compiler.compile` gives `_sre.compile`: the code, groups, group names) from a second file,
`CompiledPatterns`: what the stdlib itself passed for that pattern and those flags the first time, recorded
as it passed them, and kept only when the engine built from them equals (`==`: flags, pattern and code) the
pattern the stdlib returned. The file's name carries the interpreter's version and the engine's magic number.
A pattern compiled with `re.LOCALE` or `re.DEBUG` (its code may depend on the locale; its compile prints) is
never kept.
"""

from __future__ import annotations

import _sre
import atexit
import builtins
import collections
import dataclasses
import importlib.util
import marshal
import re
import sys
from functools import cached_property
from pathlib import Path
from types import CodeType
from typing import Any

from eventcoder.codebook.cache import cache_directory, read_marshalled, write_marshalled

KEEP = 4096
"""The most code objects the file keeps: the ones this process used, then the others, up to this many."""

_NOT_KEPT = re.LOCALE | re.DEBUG  # flags of a pattern whose engine arguments are never kept (see above)


def code_cache_path(directory: Path) -> Path:
    """The file in cache `directory` holding the code objects of this interpreter's bytecode."""
    return directory / f"generated-code-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


class GeneratedCode:
    """The code objects compiled from generated source text, by (mode, text), read from and written to `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used: set[tuple[str, str]] = set()
        self.new = False

    @cached_property
    def codes(self) -> dict[tuple[str, str], CodeType]:
        """The file's code objects, read when the first text is compiled: a command that creates no dataclass
        after `install` (`--help`, `--version`) does not read it."""
        return _read(self.path)

    def compiled(self, source: str, mode: str) -> CodeType:
        """The code object of `source` compiled in `mode` ("exec" or "eval"), from the file if it was there."""
        key = (mode, source)
        code = self.codes.get(key)
        if code is None:
            code = self.codes[key] = compile(source, "<string>", mode, dont_inherit=True)
            self.new = True
        self.used.add(key)
        return code

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002
        """`exec`, for the text `dataclasses` writes, with the code compiled from it before."""
        builtins.exec(self.compiled(source, "exec") if type(source) is str else source, globals, locals)

    def eval(self, source: Any, globals: Any = None, locals: Any = None) -> Any:  # noqa: A002
        """`eval`, for the text `collections.namedtuple` writes, with the code compiled from it before."""
        return builtins.eval(self.compiled(source, "eval") if type(source) is str else source, globals, locals)

    def save(self) -> None:
        """Write the file again when a text was compiled that it did not hold (nothing otherwise)."""
        if not self.new:
            return
        write_marshalled(self.path, {key: self.codes[key] for key in self.used}, self.codes, KEEP)
        self.new = False


def _read(path: Path) -> dict[tuple[str, str], CodeType]:
    """The code objects the file at `path` holds; none when there is no such file, it is torn or not a table
    of code objects, or it cannot be trusted."""
    table = read_marshalled(path)
    if type(table) is not dict or not all(
        type(key) is tuple and len(key) == 2 and type(key[1]) is str and type(code) is CodeType
        for key, code in table.items()
    ):
        return {}
    return table


def patterns_cache_path(directory: Path) -> Path:
    """The file in cache `directory` holding the engine arguments of patterns for this interpreter's `re`."""
    return directory / f"compiled-patterns-{sys.hexversion:x}-{_sre.MAGIC}.marshal"


class CompiledPatterns:
    """The arguments `re._compiler.compile` gave `_sre.compile` for each (pattern, flags), read from and
    written to `path` (see the module docstring); `compile` stands in for `re._compiler.compile`."""

    def __init__(self, path: Path, original: Any) -> None:
        self.path = path
        self.original = original
        self.used: set[tuple[str | bytes, int]] = set()
        self.new = False

    @cached_property
    def arguments(self) -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
        """The file's engine arguments, read when the first pattern is compiled."""
        table = read_marshalled(self.path)
        if type(table) is not dict or not all(
            type(key) is tuple and len(key) == 2 and type(key[0]) in (str, bytes) and type(key[1]) is int
            and type(known) is tuple
            for key, known in table.items()
        ):
            return {}
        return table

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """`re._compiler.compile`, from the engine arguments recorded the last time for a str or bytes pattern."""
        if type(pattern) not in (str, bytes) or type(flags) is not int or flags & _NOT_KEPT:
            return self.original(pattern, flags)
        key = (pattern, flags)
        known = self.arguments.get(key)
        if known is not None:
            try:
                compiled = _sre.compile(pattern, *known)
            except (TypeError, ValueError, RuntimeError, OverflowError):  # a damaged entry: compiled again below
                del self.arguments[key]
            else:
                self.used.add(key)
                return compiled
        # Another thread compiling meanwhile goes through the recorder too: its calls are told apart by the
        # pattern object, and what is kept is checked against the pattern the stdlib returned.
        calls: list[tuple[Any, ...]] = []
        compiler: Any = re._compiler  # type: ignore[attr-defined]
        compiler._sre = _Recorder(calls)
        try:
            compiled = self.original(pattern, flags)
        finally:
            compiler._sre = _sre
        for recorded in calls:
            if recorded[0] is not pattern or recorded[1] & _NOT_KEPT:
                continue
            known = tuple(map(_plain, recorded[1:]))  # the opcodes are int subclasses, which marshal refuses
            try:
                marshal.dumps(known)
            except ValueError:
                break
            if _sre.compile(pattern, *known) == compiled:
                self.arguments[key] = known
                self.used.add(key)
                self.new = True
            break
        return compiled

    def save(self) -> None:
        """Write the file again when a pattern was compiled that it did not hold (nothing otherwise)."""
        if not self.new:
            return
        write_marshalled(self.path, {key: self.arguments[key] for key in self.used}, self.arguments, KEEP)
        self.new = False


def _plain(value: Any) -> Any:
    """`value` with every int in it (an int subclass too) a plain int, in lists, tuples and dict values."""
    if isinstance(value, int):
        return int(value)
    if type(value) is list:
        return [int(item) if isinstance(item, int) else _plain(item) for item in value]
    if type(value) is tuple:
        return tuple(map(_plain, value))
    if type(value) is dict:
        return {name: _plain(item) for name, item in value.items()}
    return value


class _Recorder:
    """`_sre` as `re._compiler` sees it while a pattern compiles: its `compile` records its arguments."""

    def __init__(self, calls: list[tuple[Any, ...]]) -> None:
        self.calls = calls

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, *arguments: Any) -> Any:
        self.calls.append(arguments)
        return _sre.compile(*arguments)


def install() -> GeneratedCode:
    """Compile the methods of the dataclasses and named tuples created from now on through the file in the
    cache directory (`cache_directory`; see the module docstring), and the regular expressions through the
    second file, both saved at exit. Called by the command line before a command imports its modules; called
    again, it keeps the caches it installed."""
    installed = getattr(getattr(dataclasses, "exec", None), "__self__", None)
    if isinstance(installed, GeneratedCode):
        return installed
    cache = GeneratedCode(code_cache_path(cache_directory()))
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]  # found before the builtin by `_create_fn`
    collections.eval = cache.eval  # type: ignore[attr-defined]  # and by `namedtuple`
    atexit.register(cache.save)
    compiler: Any = getattr(re, "_compiler", None)
    if getattr(compiler, "_sre", None) is _sre:  # the stdlib's layout `CompiledPatterns` expects
        patterns = CompiledPatterns(patterns_cache_path(cache_directory()), compiler.compile)
        compiler.compile = patterns.compile  # looked up by `re._compile` at each call
        atexit.register(patterns.save)
    return cache
