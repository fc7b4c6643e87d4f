"""The compiled-codebook cache: read only when private to the user, keyed by content and location."""

from __future__ import annotations

import dataclasses
import gc
import io
import pickle
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pytest

from eventcoder.codebook import cache
from eventcoder.codebook.cache import cache_key, is_private, read_cached, write_cached

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "freedonia"


class _Marker:
    """Unpickling this sets a flag: proof that a pickle was (or was not) executed."""

    ran = False

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_Marker._run, ())

    @staticmethod
    def _run() -> str:
        _Marker.ran = True
        return "ran"


def test_codebook_cache_round_trip_in_a_private_directory(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, {"a": 1}, keep=4)
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert read_cached(path) == {"a": 1}


@pytest.mark.parametrize("loosen", ["directory", "file"])
def test_codebook_cache_writable_by_others_is_never_unpickled(tmp_path: Path, loosen: str) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    path = directory / "codebook-x.pickle"
    path.write_bytes(pickle.dumps(_Marker()))
    path.chmod(0o600)
    (directory if loosen == "directory" else path).chmod(0o777 if loosen == "directory" else 0o666)
    _Marker.ran = False
    assert read_cached(path) is None
    assert not _Marker.ran


def test_codebook_cache_symlinked_entry_is_not_read(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    target = tmp_path / "elsewhere.pickle"
    target.write_bytes(pickle.dumps({"a": 1}))
    (directory / "codebook-x.pickle").symlink_to(target)
    assert not is_private(directory / "codebook-x.pickle", directory=False)
    assert read_cached(directory / "codebook-x.pickle") is None


def test_codebook_cache_is_not_written_into_a_shared_directory(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    write_cached(shared / "codebook-x.pickle", {"a": 1}, keep=4)
    assert not (shared / "codebook-x.pickle").exists()


def test_codebook_cache_key_differs_between_checkouts(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(FIXTURE, one)
    shutil.copytree(FIXTURE, two)
    assert cache_key(1, [one]) != cache_key(1, [two])
    assert cache_key(1, [one]) == cache_key(1, [one])
    assert cache_key(1, [one]) != cache_key(2, [one])


def test_codebook_cache_provenance_names_this_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.codebook.compile import load_codebook

    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    layers = []
    for name in ("one", "two"):
        layer = tmp_path / name
        shutil.copytree(FIXTURE, layer)
        layers.append(layer)
    first = load_codebook([layers[0]])
    second = load_codebook([layers[1]])
    assert str(layers[0]) in first.layers and str(layers[1]) in second.layers
    assert str(layers[0]) not in second.layers
    assert len(list((tmp_path / "cache").glob("codebook-*.pickle"))) == 2


@dataclass(frozen=True, slots=True)
class _Gate:
    """A frozen slotted record like the compiled codebook's, rebuilt by its constructor when loaded."""

    name: str
    opens: dict[str, tuple[int, ...]]
    weights: tuple[float, ...]
    flags: frozenset[object]


def test_codebook_cache_shares_equal_values_and_keeps_their_types(tmp_path: Path) -> None:
    gates = [
        _Gate("a", {"act": (1, 2), "ask": (3,)}, (0.0, 1.5), frozenset({1, "x"})),
        _Gate("b", {"act": (1, 2), "ask": (3,)}, (-0.0, 1.5), frozenset({True, "x"})),
        _Gate("c", {"act": (1, 2), "ask": (3,)}, (0.0, 1.5), frozenset({1, "x"})),
    ]
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, gates, keep=4)
    loaded = read_cached(path)
    assert loaded == gates
    assert [type(item) for item in loaded] == [_Gate] * 3
    assert loaded[0].opens is loaded[1].opens is loaded[2].opens  # equal tables are stored once
    assert loaded[0].weights is loaded[2].weights
    assert str(loaded[1].weights[0]) == "-0.0"  # -0.0 == 0.0, but it is not the same value
    assert {type(value) for value in loaded[1].flags} == {bool, str}  # True == 1, but not the same value
    assert {type(value) for value in loaded[0].flags} == {int, str}


def test_codebook_cache_round_trips_the_compiled_codebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventcoder.codebook.compile import load_codebook

    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    compiled = load_codebook([FIXTURE])
    (entry,) = (tmp_path / "cache").glob("codebook-*.pickle")
    cached = read_cached(entry)
    assert cached == compiled


@dataclass(frozen=True)
class _Book:
    """A frozen record with a `__dict__`, like the compiled `Codebook`, which can carry attributes beside its fields."""

    name: str
    opens: dict[str, tuple[int, ...]]


def test_codebook_cache_keeps_attributes_stored_beside_the_fields(tmp_path: Path) -> None:
    books = [_Book(name, {"act": (1, 2)}) for name in ("a", "b")]
    object.__setattr__(books[0], "_memo", {"kept": (1, 2)})  # as `actor_index` keeps its index on a codebook
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, books, keep=4)
    loaded = read_cached(path)
    assert loaded == books
    assert vars(loaded[0])["_memo"] == {"kept": (1, 2)}
    assert "_memo" not in vars(loaded[1])
    assert loaded[0].opens is loaded[1].opens  # the fields are still shared


def test_codebook_cache_holds_the_actor_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.actors import INDEX_ATTRIBUTE, ActorIndex, actor_index
    from eventcoder.codebook.compile import load_codebook

    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    compiled = load_codebook([FIXTURE])
    (entry,) = (tmp_path / "cache").glob("codebook-*.pickle")
    cached = read_cached(entry)
    assert INDEX_ATTRIBUTE not in vars(cached)  # in a later part of the entry, loaded when first read
    monkeypatch.setattr(ActorIndex, "of", None)  # written with the codebook, so a warm start does not build it
    loaded = actor_index(cached)
    assert vars(cached)[INDEX_ATTRIBUTE] is loaded
    monkeypatch.undo()
    assert loaded == ActorIndex.of(compiled)
    assert loaded.verbs.index is cached.trigger_index


class _Form(NamedTuple):
    """A named tuple like the compiled codebook's `TriggerForm`."""

    phrase: tuple[str, ...]
    pattern: int


def test_codebook_cache_rebuilds_named_tuples_sharing_their_fields(tmp_path: Path) -> None:
    forms = [_Form(tuple(["cease", "fire"]), number) for number in (1, 2)]
    assert forms[0].phrase is not forms[1].phrase
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, forms, keep=4)
    loaded = read_cached(path)
    assert loaded == forms
    assert [type(form) for form in loaded] == [_Form, _Form]
    assert loaded[0].phrase is loaded[1].phrase  # equal phrases are stored once


@dataclass(frozen=True, slots=True)
class _Shelf:
    items: dict[str, object]


def test_codebook_cache_shares_equal_containers_of_the_same_records(tmp_path: Path) -> None:
    """Containers are equal item by item when they hold the same records and named tuples (themselves, not equal
    copies of them): those are stored once too, and so are the containers holding them in turn."""
    leaf, form = _Leaf("a"), _Form(("cease", "fire"), 1)
    value = {
        "one": (leaf, form),
        "two": (leaf, form),
        "copy": (_Leaf("a"), form),  # an equal record, but another one: kept apart
        "table": {"k": (leaf,)},
        "same table": {"k": (leaf,)},
    }
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, _Shelf(value), keep=4)  # a record's fields are what the cache shares
    loaded = read_cached(path).items
    assert loaded == value
    assert loaded["one"] is loaded["two"]
    assert loaded["copy"] is not loaded["one"] and loaded["copy"][0] is not loaded["one"][0]
    assert loaded["table"] is loaded["same table"]
    assert loaded["table"]["k"][0] is loaded["one"][0] and loaded["copy"][1] is loaded["one"][1]


def test_codebook_cache_key_changes_with_the_compiler(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.codebook import cache

    before = cache_key(1, [FIXTURE])
    monkeypatch.setattr(cache, "compiler_digest", lambda digests=None: "another compiler")
    assert cache_key(1, [FIXTURE]) != before


def test_codebook_cache_key_differs_between_the_pure_and_the_compiled_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pure build and the compiled build (`make fast`) keep separate entries: each writes its records in the
    form only it loads fast (empty slotted instances filled through their slots, which mypyc's native classes
    cannot be; or constructor calls, which the pure build would run in Python 26,000 times)."""
    from eventcoder.codebook import compile as compile_module

    assert cache_key(1, [FIXTURE], "pure") != cache_key(1, [FIXTURE], "compiled")
    assert compile_module.records_build() in ("pure", "compiled")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    compile_module.load_codebook([FIXTURE])
    written = {path.name for path in (tmp_path / "cache").glob("codebook-*.pickle")}
    layers = compile_module.codebook_layers([FIXTURE])
    assert written == {cache_key(compile_module.CACHE_FORMAT, layers, compile_module.records_build())}
    monkeypatch.setattr(compile_module, "records_build", lambda: "another build")
    compile_module.load_codebook([FIXTURE])
    assert len(list((tmp_path / "cache").glob("codebook-*.pickle"))) == 2


def test_codebook_records_are_re_exported_by_the_compiler() -> None:
    """The records moved to `codebook/records.py` (compiled by `make fast`) are the same classes under their
    old names in `codebook/compile.py`, which other modules and layers import them from."""
    from eventcoder.codebook import compile as compile_module
    from eventcoder.codebook import records

    classes = {name: value for name, value in vars(records).items() if isinstance(value, type)}
    defined = [name for name, value in classes.items() if value.__module__ == records.__name__]
    assert {"Pattern", "Constraint", "TriggerIndex", "LexHit", "ActorEntry", "EventCode"} <= set(defined)
    assert [name for name in defined if getattr(compile_module, name, None) is not getattr(records, name)] == []


def test_codebook_cache_read_leaves_the_graph_out_of_later_collections(tmp_path: Path, codebook: object) -> None:
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, codebook, keep=2)
    frozen = gc.get_freeze_count()
    loaded = read_cached(path)  # held: a graph freed by reference counting also leaves the permanent generation
    assert gc.get_freeze_count() > frozen  # moved to the permanent generation (gc.freeze)
    assert loaded == codebook


def test_codebook_cache_compiled_codebook_holds_no_reference_cycles(tmp_path: Path, codebook: object) -> None:
    """What makes freezing it safe: a codebook that is dropped is freed by reference counting alone."""
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, codebook, keep=2)
    data = path.read_bytes()
    gc.collect()
    loaded = cache._load(data)
    del loaded
    assert gc.collect() == 0


@dataclass(frozen=True, slots=True)
class _Leaf:
    name: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class _Node:
    """Frozen and slotted like most compiled records: loaded empty, its fields set by a later pickle."""

    leaf: _Leaf
    children: tuple[_Node, ...]
    table: dict[str, _Leaf]


def _tree() -> _Node:
    shared = _Leaf("shared", 0.5)
    inner = _Node(_Leaf("inner"), (), {"s": shared})
    return _Node(shared, (inner, _Node(_Leaf("x"), (inner,), {})), {"a": _Leaf("a"), "s": shared})


def test_codebook_cache_fills_slotted_records_after_loading_them_empty(tmp_path: Path) -> None:
    tree = _tree()
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, tree, keep=4)
    loaded = read_cached(path)
    assert loaded == tree
    assert loaded.children[0] is loaded.children[1].children[0]  # one instance, referenced twice
    assert loaded.leaf is loaded.table["s"] is loaded.children[0].table["s"]
    assert hash(loaded.table["a"]) == hash(_Leaf("a"))


@dataclass(frozen=True, slots=True)
class _Compiled:
    """Stands for a frozen dataclass compiled by mypyc (`make fast`): its fields are served by C getters and
    setters (getset descriptors), not by slot member descriptors; neither they nor their setters pickle."""

    name: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class _Memoised:
    """Like `ActorIndex`: a memo beside its fields, filled while coding, which the constructor starts empty."""

    name: str
    memo: dict[str, int] = field(default_factory=dict, init=False, compare=False)


@dataclass(frozen=True, slots=True)
class _CompiledMemoised:
    name: str
    memo: dict[str, int] = field(default_factory=dict, init=False, compare=False)


for _cls in (_Compiled, _CompiledMemoised):
    for _field in dataclasses.fields(_cls):
        _member = _cls.__dict__[_field.name]
        setattr(_cls, _field.name, property(_member.__get__, _member.__set__))


def test_codebook_cache_writes_records_without_slot_descriptors_in_constructor_form(tmp_path: Path) -> None:
    """A compiled build's records (`DiscardList`, `CueIndex`, `ActorIndex`) cannot be loaded empty and filled
    through their descriptors: they are written and loaded through their constructor; a memo starts empty."""
    records = (_Compiled("a"), _Compiled("b", 2.0), _Memoised("m"), _CompiledMemoised("c"))
    for record in records[2:]:
        record.memo["filled while coding"] = 1
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, {"records": records, "tree": _tree()}, keep=4)
    loaded = read_cached(path)
    assert loaded == {"records": records, "tree": _tree()}
    assert [record.memo for record in loaded["records"][2:]] == [{}, {}]


def test_codebook_cache_entry_cut_short_after_its_first_pickle_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, _tree(), keep=4)
    data = path.read_bytes()
    first = pickle.Unpickler(stream := io.BytesIO(data))
    first.load()  # the graph, with empty records
    path.write_bytes(data[: stream.tell()])
    assert read_cached(path) is None


def test_codebook_cache_slotted_record_hashed_while_loading_is_built_by_its_constructor(tmp_path: Path) -> None:
    """A record used as a dict key or set member is hashed as the graph is built, so it cannot be left empty
    until later: the entry is read back when written, and written in the constructor form when that fails."""
    keyed = {_Leaf("key"): 1, "set": frozenset({_Leaf("member")})}
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, keyed, keep=4)
    assert read_cached(path) == keyed


def test_codebook_cache_loads_the_codebook_without_running_python_per_object(codebook: object, tmp_path: Path) -> None:
    """No constructor (a frozen dataclass's `__init__`, a named tuple's `__new__`) runs per instance while an
    entry loads: at 7,000 instructions an instance they were half of the load."""
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, codebook, keep=2)
    data = path.read_bytes()
    called: list[str] = []
    sys.setprofile(lambda frame, event, arg: called.append(frame.f_code.co_qualname) if event == "call" else None)
    try:
        loaded = cache._load(data)
    finally:
        sys.setprofile(None)
    assert loaded == codebook
    assert len(called) < 20, Counter(called)  # a few for records of their own kind (the `Codebook` itself)
