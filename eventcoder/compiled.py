"""Which build of the hot path is running: the pure-Python modules, or the same modules compiled with mypyc.

`make fast` (`tools/build_compiled.py`) compiles `COMPILED_MODULES` in place with mypyc: each gets an extension
module beside its `.py` (`parse.cpython-311-x86_64-linux-gnu.so` beside `parse.py`), plus one shared library
for the group at the top of the checkout (`eventcoder_hotpath__mypyc.*.so`, beside the package, where mypyc
derives the modules' `__file__` from it; a checkout or an editable install has that folder on `sys.path`).
Python imports an extension module in preference to the source beside it, so once built the compiled modules
are what runs; `make clean-fast` removes them and the pure-Python modules run again. The pure-Python path is
the default and needs no compiler.

A compiled module does not notice later edits to its source: a module whose source is newer than its
extension is stale (`stale_modules`), and `eventcoder --version` says so; rebuild or clean.
"""

from __future__ import annotations

import copyreg
import dataclasses
import importlib.machinery
from pathlib import Path
from typing import Any

# The per-sentence path: segment, tokenise, parse, actors, events, slots, records, places, dates, ACLED
# typing, casualty counts, discards, and the codebook's records that path reads (`codebook/records.py`: read as
# native classes, their attributes are struct fields). Not `codebook/compile.py`: compiled, the `Codebook` would be
# a native class, which has no `__dict__`, where its parts load lazily and `actors.actor_index` keeps its index.
COMPILED_MODULES: tuple[str, ...] = (
    "eventcoder.codebook.records",
    "eventcoder.text.tokenize",
    "eventcoder.text.segment",
    "eventcoder.parse",
    "eventcoder.actors",
    "eventcoder.events",
    "eventcoder.slots",
    "eventcoder.occurrences",
    "eventcoder.coder",
    "eventcoder.dates",
    "eventcoder.geo",
    "eventcoder.gazetteer",
    "eventcoder.casualties",
    "eventcoder.acled",
    "eventcoder.discard",
    "eventcoder.codebook.check",
)

GROUP_NAME = "eventcoder_hotpath"
"""mypyc's name for the group: its shared library is `eventcoder_hotpath__mypyc.<suffix>` beside the package."""

PACKAGE_DIR = Path(__file__).resolve().parent


def pickled_by_constructor(*classes: type) -> None:
    """Pickle (and deep-copy) instances of these frozen dataclasses as a call of the class with its constructor
    fields. Each module of `COMPILED_MODULES` registers the records a codebook holds: mypyc compiles them to
    native classes, whose default pickling sets the fields again through the frozen `__setattr__`, which
    refuses, so `pickle.dumps(codebook)`, Dask's scatter of it and `copy.deepcopy` failed on a compiled build.
    Pure Python pickles them the same way. A memo field (no constructor argument) starts empty again."""
    for cls in classes:
        copyreg.pickle(cls, _constructor_call)


def _constructor_call(record: Any) -> tuple[type, tuple[Any, ...]]:
    """A frozen dataclass instance as (its class, its constructor arguments)."""
    return type(record), tuple(getattr(record, item.name) for item in dataclasses.fields(record) if item.init)


def source_path(module: str) -> Path:
    """The `.py` file of a module of this package (`eventcoder.text.tokenize` -> `.../text/tokenize.py`)."""
    return PACKAGE_DIR.joinpath(*module.split(".")[1:]).with_suffix(".py")


def extension_path(module: str) -> Path | None:
    """The compiled extension module that Python imports instead of the module's source, if there is one."""
    source = source_path(module)
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_suffix(suffix)
        if candidate.exists():
            return candidate
    return None


def compiled_modules() -> list[str]:
    """The modules of `COMPILED_MODULES` that import from a compiled extension (empty: pure Python)."""
    return [module for module in COMPILED_MODULES if extension_path(module) is not None]


def stale_modules() -> list[str]:
    """Compiled modules whose source changed after the build (the extension runs, not the edited source)."""
    stale = []
    for module in COMPILED_MODULES:
        extension = extension_path(module)
        if extension is not None and source_path(module).stat().st_mtime > extension.stat().st_mtime:
            stale.append(module)
    return stale


def build_description() -> str:
    """One line saying which path runs: `pure Python`, or `compiled (mypyc): N of M hot-path modules`."""
    compiled = compiled_modules()
    if not compiled:
        return "pure Python"
    line = f"compiled (mypyc): {len(compiled)} of {len(COMPILED_MODULES)} hot-path modules"
    stale = stale_modules()
    if stale:
        line += f"; STALE (source edited after the build): {', '.join(stale)}; run `make fast` or `make clean-fast`"
    return line

