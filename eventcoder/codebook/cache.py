"""The on-disk cache of compiled codebooks, trusted only when nobody else could have written it.

The compiled form is a pickle (loading it is about ten times faster than compiling the YAML), and reading
a pickle can run code. So an entry is read only when the cache directory and the entry are owned by the
current user, are not writable by group or others, and the entry is a regular file (not a symbolic link);
otherwise the cache is neither read nor written and the codebook is compiled from its YAML. Entries are
written with mode 0600 into a directory created with mode 0700.

The key hashes the bytes of every layer file, the absolute paths of the layers and the source of the
compiler, so two checkouts never share an entry, a cached codebook always records the layers it was
actually built from, and a changed compiler never reads an entry of the old one.

Hashing those files (1.9 MB: 52 M instructions under callgrind, and 5-8 ms of reading them) was the cost of
every start, so each file's digest is kept in a memo beside the entries (`FILE_DIGESTS`, private like them),
with the file's size, modification and status-change times (nanoseconds), inode and device, and reused while
a `stat` of the file gives all five again. Writing a file's contents changes its status-change time (ctime),
which no program can set back (`touch` and `cp -p` set the modification time only); a file replaced by another
has another inode. The one way a changed file keeps its five values is a change within the same tick of the
file system's clock as the `stat` the memo recorded (a "racy" file, as git calls it): so a file is read and
hashed after its `stat` (a change in between is caught the next time), and its digest is kept only when both
of its times are older than `SETTLED_NS` before the hashing began, older than any tick a later change could
fall in; a file changed more recently is hashed again at each start until it is that old. This trusts the
file system's clock not to lag this host's by more than `SETTLED_NS` (as `make` and git trust it), and
nothing else: the memo is read only when private to the user, like an entry, and an unreadable memo is
ignored, every file being hashed again.

Loading is on the start-up path of every command, so an entry is written for a fast load, with no Python
function run per object: equal tuples, frozensets and dicts of plain values are stored once (the 1,647
compiled `requires` gates hold 246 distinct word -> patterns tables, about a million entries in all), and
the cyclic garbage collector is paused while the object graph is built. Named tuples are rebuilt by
`tuple.__new__` (their own `__new__` is Python). Frozen slotted dataclasses (about 26,000 instances in the
default codebook) are created empty by `cls.__new__` (NEWOBJ; `object.__new__` for a slotted class, a mypyc
native class's own allocator in the compiled build), and their fields are set afterwards through each
field's own descriptor (`map(Class.field.__set__, instances, values)`: a slot, or a native class's C
setter), by a later pickle in the same stream, which shares the first one's memo (see `_dump`): their
constructors (a frozen dataclass sets each field through `object.__setattr__` in Python, compiled or not)
cost about 7,000 instructions an instance, a third of the load. An empty instance must not be hashed
while the graph is built (as a dict key or a set member), so
`write_cached` reads each entry back and compares it, and writes the constructor form if that fails. Other
frozen dataclasses are rebuilt by their constructor rather than by the generic `__setstate__` (which looks
up the fields of every instance). The loaded graph is then moved to the collector's permanent generation
(`gc.freeze`, with whatever else is alive at that point): it holds no reference cycles, so a codebook that
is dropped is still freed by reference counting, while otherwise the first collection after loading would
scan its million objects to find nothing.

A command reads only part of a codebook (`codebook show` neither the trigger index nor the actor index, `code`
not the per-word trigger table `explain` reads), so an entry of a `LoadedInParts` record holds it in parts, in
the order of `later_parts`: the first pickle is the record without the attributes of its later parts, and each
later part (a dict of attribute values, its fields filled like the first) loads when one of its attributes is
first read, with the parts before it (a part may refer to objects an earlier one holds: the pickles share one
memo). An entry is complete when it ends with the pickle of `_COMPLETE`: that is checked before anything is
returned, since a later part is read when the entry is long gone from the reader's hands.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import hashlib
import io
import itertools
import marshal
import operator
import os
import pickle
import stat
import threading
import time
import types
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from eventcoder.errors import EventcoderError


def cache_key(version: int, layers: Sequence[Path], build: str = "") -> str:
    """The entry name of a codebook built from `layers` (content and absolute location) by cache `version`
    and by this compiler (`compiler_digest`), for records of this `build` (see `compile.records_build`): the
    codebook's records are plain slotted classes in the pure build and mypyc native classes in the compiled
    one, so each build reads only entries it wrote itself and checked by reading them back."""
    digests = FileDigests(cache_directory() / FILE_DIGESTS)
    where = hashlib.sha256("\0".join(str(layer.resolve()) for layer in layers).encode())
    where.update(compiler_digest(digests).encode())
    where.update(build.encode())
    key = f"codebook-{version}-{files_digest(layers, digests)[:32]}-{where.hexdigest()[:16]}.pickle"
    digests.save()
    return key


def codebook_files(directory: Path) -> list[Path]:
    """Return the YAML files of one layer, in a stable order."""
    return sorted(path for path in directory.rglob("*.y*ml") if path.is_file())


def files_digest(layers: Sequence[Path], digests: FileDigests | None = None) -> str:
    """Hash the names and contents of every file of every layer: the key of the compiled-codebook cache.
    Each file's contents count by their digest, from the memo `digests` where it holds them."""
    digests = FileDigests(None) if digests is None else digests
    digest = hashlib.sha256()
    for layer in layers:
        for path in codebook_files(layer):
            digest.update(str(path.relative_to(layer)).encode() + b"\0")
            digest.update(digests.digest(path))
        digest.update(b"\x00layer\x00")
    return digest.hexdigest()


CACHED_MODULES = ("actors.py", "acled.py", "discard.py")
"""The modules outside `eventcoder/codebook/` and `eventcoder/text/` whose classes a cached codebook holds
(the actor index, the ACLED cue index, the discard list)."""


def compiler_digest(digests: FileDigests | None = None) -> str:
    """A hash of the source of the modules that build the compiled form (`eventcoder/codebook/`,
    `eventcoder/text/`, `CACHED_MODULES`), so an entry written by other code (a changed compiler whose cache
    version was not raised) is never read. Each module counts by the digest of its source (see `files_digest`)."""
    digests = FileDigests(None) if digests is None else digests
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    modules = [*package.glob("codebook/*.py"), *package.glob("text/*.py"), *(package / name for name in CACHED_MODULES)]
    for source in sorted(modules, key=lambda path: path.relative_to(package).as_posix()):
        digest.update(source.name.encode() + b"\0")
        digest.update(digests.digest(source))
    return digest.hexdigest()


FILE_DIGESTS = "file-digests.marshal"
"""The memo of the digests of layer files and compiler sources, in the cache directory (see the module
docstring)."""

SETTLED_NS = 2_000_000_000
"""How much older than the start of hashing a file's times must be for its digest to be kept (see the module
docstring): more than a tick of any file system's clock (two seconds on FAT, one on ext3 or HFS+, a few
milliseconds on the others, whose stamps come from the kernel's coarse clock)."""

KEEP_DIGESTS = 4096
"""The most files the memo keeps: the ones this start read, then the others, up to this many."""

_Stamp = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


class FileDigests:
    """The sha256 digests of files, reused from the memo at `path` while a file's `stat` is unchanged (see the
    module docstring); None: no memo, every file is hashed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.started = time.time_ns()  # before any file is looked at: a change after it gets a later time
        self.known = _read_digests(path) if path is not None else {}
        self.used: dict[str, tuple[int, int, int, int, int, bytes]] = {}
        self.new = False

    def digest(self, path: Path) -> bytes:
        """The digest of the contents of file `path`."""
        name = os.path.abspath(path)
        stamp = _stamp(os.stat(name))
        known = self.known.get(name)
        if known is not None and known[:5] == stamp:
            self.used[name] = known
            return known[5]
        with open(name, "rb") as handle:
            stamp = _stamp(os.fstat(handle.fileno()))  # before reading: a change while reading is seen next time
            digest = hashlib.sha256(handle.read()).digest()
        if self.path is not None and max(stamp[1], stamp[2]) < self.started - SETTLED_NS:
            self.used[name] = (*stamp, digest)
            self.new = True
        return digest

    def save(self) -> None:
        """Write the memo again when a file was hashed whose digest it can keep (nothing otherwise)."""
        if not self.new or self.path is None:
            return
        write_marshalled(self.path, self.used, self.known, KEEP_DIGESTS)
        self.new = False


def _stamp(info: os.stat_result) -> _Stamp:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _read_digests(path: Path) -> dict[str, tuple[int, int, int, int, int, bytes]]:
    """The memo at `path`; empty when there is none, it cannot be trusted, or it is not a memo."""
    table = read_marshalled(path)
    if type(table) is not dict or not all(
        type(name) is str and type(known) is tuple and len(known) == 6 and type(known[5]) is bytes
        and all(type(value) is int for value in known[:5])
        for name, known in table.items()
    ):
        return {}
    return table


def cache_directory() -> Path:
    """Where eventcoder caches what it compiled ($EVENTCODER_CACHE_DIR, else the user cache directory): compiled
    codebooks, and the code `generated_code` keeps."""
    configured = os.environ.get("EVENTCODER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder"


def is_private(path: Path, *, directory: bool) -> bool:
    """True when `path` is the current user's own directory or regular file, not writable by others."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return kind_ok and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cached(path: Path) -> Any | None:
    """The object cached at `path`, or None when there is none, it is torn, or it cannot be trusted."""
    if not is_private(path.parent, directory=True) or not is_private(path, directory=False):
        return None
    try:
        with path.open("rb") as handle:
            return _load(handle.read(), entry=path)
    except (OSError, *_UNREADABLE):
        return None  # a stale or torn entry is rebuilt by the caller



def read_marshalled(path: Path) -> Any:
    """The value `marshal` wrote at `path` (by `write_private`), or None when there is none, it is torn, or it
    cannot be trusted (see `is_private`)."""
    if not is_private(path.parent, directory=True) or not is_private(path, directory=False):
        return None
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None

_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)
"""What unpickling an entry written by other code, or damaged, raises."""


_COMPLETE = "end of entry"  # the last pickle of an entry: one cut short is never returned half filled
_COMPLETE_PICKLE = pickle.dumps(_COMPLETE, protocol=pickle.HIGHEST_PROTOCOL)  # written on its own, memo-free
_PART_END = "end of part"  # follows each part and the fills of its records
_PENDING = "_pending_parts"  # where a record loaded in parts keeps the `_PendingParts` of its entry


class LoadedInParts:
    """A base for a frozen record (with a `__dict__`) whose cache entry holds it in parts: the attributes named
    in `later_parts` (fields or attributes kept beside them) load when one of their part is first read (see
    the module docstring). Reading them is then as fast as reading any other attribute."""

    __slots__ = ()

    later_parts: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """The attribute names of each part after the first, in the order they are stored and loaded."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Refuse a later part's attribute that the class holds (a field's default): read before `__getattr__`,
        it would hide the record's own value until its part is loaded."""
        super().__init_subclass__(**kwargs)
        hidden = [name for part in cls.later_parts for name in part if hasattr(cls, name)]
        if hidden:
            raise TypeError(f"{cls.__name__}: attributes of later parts must have no class value: {hidden}")

    def __getattr__(self, name: str) -> Any:
        """Called only for an attribute not found: load it if a part of the entry holds it."""
        pending = self.__dict__.get(_PENDING)
        if pending is None or not pending.load_through(name):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return self.__dict__[name]

    def __getstate__(self) -> dict[str, Any]:
        """The attributes of every part, so a copy or a pickle sent elsewhere holds them all."""
        load_all_parts(self)
        return {name: value for name, value in self.__dict__.items() if name != _PENDING}


def load_all_parts(value: object) -> None:
    """Load the parts of a `LoadedInParts` record's entry that are not loaded yet; nothing for any other value."""
    load_parts_through(value, None)


def load_parts_through(value: object, name: str | None) -> None:
    """Load the parts of a `LoadedInParts` record's entry up to the one holding attribute `name` (all for None)
    if they are not loaded yet: before forking workers, which would otherwise each load them."""
    pending = getattr(value, "__dict__", {}).get(_PENDING)
    if pending is not None:
        pending.load_through(name)


class _PendingParts:
    """The later parts of an entry not loaded yet, read in order from the entry's unpickler by the first
    thread that asks for one of their attributes."""

    def __init__(
        self,
        record: LoadedInParts,
        unpickler: pickle.Unpickler,
        parts: tuple[tuple[str, ...], ...],
        *,
        freeze: bool,
        entry: Path | None,
    ) -> None:
        self._record = record
        self._unpickler = unpickler
        self._parts = list(parts)
        self._freeze = freeze
        self._entry = entry
        self._lock = threading.Lock()

    def load_through(self, name: str | None) -> bool:
        """Load the parts up to the one holding `name` (all of them for None); False when none holds it."""
        with self._lock:
            if name is not None and not any(name in part for part in self._parts):
                return name in self._record.__dict__  # loaded by another thread meanwhile
            while self._parts:
                try:
                    values = _load_part(self._unpickler, freeze=self._freeze)
                except _UNREADABLE as error:
                    raise self._damaged(error) from error
                self._record.__dict__.update(values)
                if name in self._parts.pop(0):
                    break
            if not self._parts:
                self._record.__dict__.pop(_PENDING, None)  # the entry's bytes and memo are freed
            return True

    def _damaged(self, error: Exception) -> EventcoderError:
        """The error of a later part that cannot be read (the entry was changed on disk after it was checked);
        the entry is removed, so the next command compiles the codebook again."""
        if self._entry is not None:
            with contextlib.suppress(OSError):
                self._entry.unlink()
        return EventcoderError(f"the cached codebook {self._entry or ''} is damaged ({error}); run the command again")


def _load(data: bytes, *, entry: Path | None = None) -> Any:
    """The value of an entry: its first pickle, completed by the ones after it (which fill in the fields of
    the dataclass instances it left empty; see the module docstring). The later parts of the entry `entry`
    (read for a command) load when first read, its graph is frozen for the collector; without `entry` (the
    entry just written, read back) everything loads now. Raises EOFError for a torn entry."""
    if not data.endswith(_COMPLETE_PICKLE):
        raise EOFError("the entry is cut short")
    unpickler = pickle.Unpickler(io.BytesIO(data))
    freeze = entry is not None
    value = _load_part(unpickler, freeze=freeze)
    parts = value.later_parts if isinstance(value, LoadedInParts) else ()
    if parts:
        pending = _PendingParts(value, unpickler, parts, freeze=freeze, entry=entry)
        object.__setattr__(value, _PENDING, pending)
        if freeze:
            return value
        pending.load_through(None)
    if unpickler.load() != _COMPLETE:
        raise pickle.UnpicklingError("the entry holds more than its parts")
    return value


def _load_part(unpickler: pickle.Unpickler, *, freeze: bool) -> Any:
    """The value of an entry's next part, with its records filled, loaded with the garbage collector paused
    (the graph holds no cycles worth finding; scanning it while it grows cost a third of the load) and, when
    `freeze`, moved to the permanent generation after (scanning it once after, at the next collection, cost
    105 M instructions of a run's 1,925 M)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        value = unpickler.load()
        while (marker := unpickler.load()) != _PART_END:
            if marker == _COMPLETE:
                raise pickle.UnpicklingError("a part ends without its marker")
        if freeze:
            gc.freeze()
        return value
    finally:
        if collecting:
            gc.enable()


def _dump(value: Any, handle: Any, *, fill_later: bool) -> None:
    """Write `value` as an entry: its first part and, for a `LoadedInParts` record, each of its later parts;
    each part is one pickle of the graph, then, while the fields of empty dataclass instances are pending,
    one more that sets them (setting them may reach more instances: a `deque` of length 0 runs the `map`s),
    then `_PART_END`; the entry ends with `_COMPLETE`."""
    load_all_parts(value)
    pickler = _SharingPickler(handle, fill_later=fill_later)
    pickler.dump(value)
    _dump_fills(pickler)
    for part in value.later_parts if isinstance(value, LoadedInParts) else ():
        kept = vars(value)
        pickler.dump({name: pickler.shared(kept[name]) for name in part if name in kept})
        _dump_fills(pickler)
    handle.write(_COMPLETE_PICKLE)


def _dump_fills(pickler: _SharingPickler) -> None:
    """Write the pickles that set the fields of the instances the last one left empty, then `_PART_END`."""
    while pickler.unfilled:
        by_class: dict[type, list[tuple[object, tuple[Any, ...]]]] = {}
        for instance, values in pickler.unfilled:
            by_class.setdefault(type(instance), []).append((instance, values))
        pickler.unfilled = []
        fills = []
        for cls, found in by_class.items():
            instances = tuple(instance for instance, _ in found)
            for position, name in enumerate(pickler.fields(cls) or ()):
                # the field's own descriptor, no frozen `__setattr__`: looked up when loading, since a getset
                # descriptor (a compiled record's) does not pickle
                setter = _Call(getattr, (_Call(getattr, (cls, name)), "__set__"))
                fills.append(_Call(map, (setter, instances, tuple(values[position] for _, values in found))))
        pickler.dump(_Call(deque, (_Call(itertools.chain.from_iterable, (tuple(fills),)), 0)))
    pickler.dump(_PART_END)


class _Call:
    """Pickled as a call of `function` with `arguments`, made when the entry is loaded."""

    def __init__(self, function: Any, arguments: tuple[Any, ...]) -> None:
        self.function = function
        self.arguments = arguments


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})
_FIELD_DESCRIPTORS = (types.MemberDescriptorType, types.GetSetDescriptorType)
_NEWOBJ = copyreg.__newobj__  # type: ignore[attr-defined]  # pickled as the NEWOBJ opcode


class _SharingPickler(pickle.Pickler):
    """A pickler that writes each distinct plain tuple, frozenset or dict once, and frozen dataclasses and
    named tuples in forms that load without running Python (see the module docstring). Sharing a dict is
    safe because a compiled codebook is never changed after it is built."""

    def __init__(self, file: Any, *, fill_later: bool = True) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._pool: dict[tuple[object, ...], Any] = {}
        self._ids: dict[int, int] = {}  # id -> that int: one int object for the keys and sets naming an object
        self._types: dict[tuple[type, ...], tuple[type, ...]] = {}  # equal item type tuples stored once
        self._pooled: set[int] = set()
        self._fields: dict[type, tuple[str, ...] | None] = {}
        self._slots: dict[type, bool] = {}
        self._done: dict[int, Any] = {}
        self._empty: dict[type, tuple[type]] = {}  # the argument tuple of `cls.__new__`, one per class
        self._fill_later = fill_later
        self.unfilled: list[tuple[object, tuple[Any, ...]]] = []  # (instance, its field values)

    def reducer_override(self, obj: object) -> Any:
        """Reduce a frozen slotted dataclass instance to an empty instance whose fields a later pickle sets
        (see `_dump`), another frozen dataclass instance to (class, field values), plus the attributes kept
        on it beside its fields (such as the actor index a `Codebook` carries) as state; a named tuple to
        `tuple.__new__` of its values; anything else as usual."""
        cls = type(obj)
        if cls is _Call:
            return obj.function, obj.arguments  # type: ignore[attr-defined]
        if isinstance(obj, LoadedInParts) and obj.later_parts:  # its first part: the attributes of no later one
            later = {name for part in obj.later_parts for name in part} | {_PENDING}
            state = {name: self.shared(value) for name, value in vars(obj).items() if name not in later}
            return object.__new__, self._empty.setdefault(cls, (cls,)), state
        if isinstance(obj, tuple) and cls is not tuple:  # a named tuple (`TriggerForm`): its fields shared too
            return tuple.__new__, (cls, tuple(self.shared(item) for item in obj))
        names = self.fields(cls)
        if names is None:
            return NotImplemented
        values = tuple(self.shared(getattr(obj, name)) for name in names)
        kept = getattr(obj, "__dict__", None)
        if kept is None and self._fill_later and self._slotted(cls, names):  # nothing but its fields to restore
            self.unfilled.append((obj, values))
            # NEWOBJ, `cls.__new__(cls)` in C: `object.__new__` for a slotted class; a compiled record's own
            # allocator (`object.__new__` refuses a native class), which leaves its fields unset
            return _NEWOBJ, self._empty.setdefault(cls, (cls,))
        if not kept or kept.keys() == set(names):
            return cls, values
        if not kept.keys() >= set(names):
            return NotImplemented
        return cls, values, {name: value for name, value in kept.items() if name not in names}

    def _slotted(self, cls: type, names: tuple[str, ...]) -> bool:
        """Whether every field of `cls` is a plain slot, whose descriptor can set it on an empty instance, and
        none is a memo (which the constructor starts). A dataclass compiled by mypyc (`make fast`,
        `codebook/records.py`) keeps its fields in C getters and setters (getset descriptors), which set a
        field of an empty instance just as well; its constructor would run the `__init__` that `dataclasses`
        wrote in Python (7 us an instance; 26,000 of them in the default codebook). Any other descriptor (a
        property) sends the class to the constructor form."""
        if cls not in self._slots:
            self._slots[cls] = len(names) == len(dataclasses.fields(cls)) and all(  # no memo left unset
                type(getattr(cls, name, None)) in _FIELD_DESCRIPTORS for name in names
            )
        return self._slots[cls]

    def fields(self, cls: type) -> tuple[str, ...] | None:
        """The fields that rebuild an instance of `cls` (see `_constructor_fields`)."""
        if cls not in self._fields:
            self._fields[cls] = _constructor_fields(cls)
        return self._fields[cls]

    def shared(self, value: Any) -> Any:
        """`value` with its equal plain tuples, frozensets and dicts replaced by one instance each."""
        kind = type(value)
        if kind is not tuple and kind is not frozenset and kind is not dict:
            return value
        done = self._done.get(id(value))  # the same container met again (the codebook keeps it alive)
        if done is not None:
            return done
        if kind is dict:
            items = tuple(map(self.shared, value.values()))
            # the codebook's own container when none of its items changed: a copy of each held the whole
            # graph twice while writing
            shared = value if all(map(operator.is_, items, value.values())) else dict(zip(value, items, strict=True))
            if _SIMPLE.issuperset(map(type, value)) and all(map(self._is_shared, items)):
                shared = self._share((dict, tuple(value), *self._identity(items)), shared)
        elif _SIMPLE.issuperset(map(type, value)):
            shared = self._share((kind, value), value)  # no True-is-1 or 0.0-is-0 equality among these types
        else:
            items = tuple(map(self.shared, value))
            shared = value if all(map(operator.is_, items, value)) else kind(items)
            if all(map(self._is_shared, items)):
                types, tokens = self._identity(items)
                # a frozenset's items in any order: its equal sets can iterate differently
                identity = (types, tokens) if kind is tuple else (frozenset(zip(types, tokens, strict=True)),)
                shared = self._share((kind, *identity), shared)
        self._done[self._id(value)] = shared
        return shared

    def _identity(self, items: tuple[Any, ...]) -> tuple[tuple[type, ...], tuple[object, ...]]:
        """What makes two containers' items interchangeable: their types and, item by item, the value of a plain
        one (a float's by `hex`: -0.0 is not 0.0) or the identity of an already shared container or any other
        object. True is not 1, since their types differ. Two flat tuples and one int per object, not two pairs per
        item (the default codebook's tables hold a million items): with the unchanged containers no longer copied
        (`shared`), what the writer holds fell 160 -> 104 MB, and a cold `code` run's peak 314 -> 265 MB."""
        types = tuple(map(type, items))
        tokens = tuple(map(self._token, items))
        return self._types.setdefault(types, types), tokens

    def _token(self, item: object) -> object:
        """An item's value if plain, else its identity (see `_identity`)."""
        kind = type(item)
        if kind in _SIMPLE or kind is bool:
            return item
        if kind is float:
            return item.hex()  # type: ignore[attr-defined]
        return self._id(item)

    def _id(self, value: object) -> int:
        """The id of `value` as one int object however often it is asked for (32 bytes each)."""
        number = id(value)
        return self._ids.setdefault(number, number)

    def _is_shared(self, item: object) -> bool:
        """Whether containers holding `item` are interchangeable when equal item by item: a plain value, a
        container already shared, or any other object (a record, a named tuple), which they hold itself: equal
        tuples of the same records are stored once too (23,000 of them, with the records of the actor index
        and the trigger forms)."""
        kind = type(item)
        return kind in _PLAIN or id(item) in self._pooled or kind not in _CONTAINERS

    def _share(self, identity: tuple[object, ...], value: Any) -> Any:
        pooled = self._pool.setdefault(identity, value)
        self._pooled.add(self._id(pooled))
        return pooled


_SIMPLE = frozenset({str, int, type(None), bytes})
_CONTAINERS = frozenset({tuple, frozenset, dict})  # shared by value (`shared`); anything else by identity


def _constructor_fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a frozen dataclass that calling the class with its field values rebuilds (every
    field a constructor argument, or a memo the constructor starts empty: `ActorIndex.codes`; nothing computed
    after construction); None for any other class."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    if not all(item.init or _is_memo(item) for item in fields):
        return None
    return tuple(item.name for item in fields if item.init)


def _is_memo(item: dataclasses.Field[Any]) -> bool:
    """Whether a field that is no constructor argument is a memo: compared by no one, started by a factory."""
    return not item.compare and item.default_factory is not dataclasses.MISSING


def write_cached(path: Path, value: Any, keep: int) -> None:
    """Store `value` at `path` (mode 0600, in a 0700 directory), keeping the `keep` newest entries. Does
    nothing when the directory exists but is not private: an unwritable cache must not fail a run."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not is_private(path.parent, directory=True):
            return
        import tempfile  # not at module level: it imports random, which a warm start does without

        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            _dump(value, handle, fill_later=True)
        if not _reads_back(Path(handle.name), value):  # an empty instance was hashed while loading
            with open(handle.name, "wb") as rewrite:
                _dump(value, rewrite, fill_later=False)
        os.replace(handle.name, path)
        cached = sorted(path.parent.glob("codebook-*.pickle"), key=lambda item: item.stat().st_mtime)
        for stale in cached[:-keep]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # the cache is an optimisation


def _reads_back(path: Path, value: Any) -> bool:
    """True when the entry at `path` loads to a value equal to `value`."""
    try:
        return bool(_load(path.read_bytes()) == value)
    except _UNREADABLE:
        return False


def write_marshalled(path: Path, used: dict[Any, Any], others: dict[Any, Any], keep: int) -> None:
    """Write the items of `used`, then those of `others` up to `keep` items in all, to `path` with `marshal`
    (see `write_private`): a memo keeps what this process used and as much of the rest as it may."""
    kept = dict(used)
    for key, value in others.items():
        if len(kept) >= keep:
            break
        kept.setdefault(key, value)
    write_private(path, marshal.dumps(kept))


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, mode 0600, in a 0700 directory of this user's; do nothing when the
    directory is not private or cannot be written (a cache entry is an optimisation)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not is_private(path.parent, directory=True):
            return
        import tempfile

        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        pass

