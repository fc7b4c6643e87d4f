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
"""

from __future__ import annotations

import atexit
import builtins
import collections
import dataclasses
import importlib.util
from functools import cached_property
from pathlib import Path
from types import CodeType
from typing import Any

from eventcoder.codebook.cache import cache_directory, read_marshalled, write_marshalled

KEEP = 4096
"""The most code objects the file keeps: the ones this process used, then the others, up to this many."""


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


def install() -> GeneratedCode:
    """Compile the methods of the dataclasses and named tuples created from now on through the file in the
    cache directory (`cache_directory`; see the module docstring), saved at exit. Called by the command line
    before a command imports its modules; called again, it keeps the cache it installed."""
    installed = getattr(getattr(dataclasses, "exec", None), "__self__", None)
    if isinstance(installed, GeneratedCode):
        return installed
    cache = GeneratedCode(code_cache_path(cache_directory()))
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]  # found before the builtin by `_create_fn`
    collections.eval = cache.eval  # type: ignore[attr-defined]  # and by `namedtuple`
    atexit.register(cache.save)
    return cache
