"""A cached codebook loads in parts, each when a command first reads one of its attributes (codebook/cache.py,
`LoadedInParts`): what a lazily loaded codebook answers must equal what the compiled one answers, and a part
is loaded once, whole, and only when read."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventcoder.codebook.cache import LoadedInParts, load_all_parts, load_parts_through, read_cached, write_cached
from eventcoder.errors import EventcoderError


@dataclass(frozen=True, slots=True)
class _Leaf:
    name: str


@dataclass(frozen=True)
class _Record(LoadedInParts):
    """A record like the compiled `Codebook`: a first part, then two parts loaded when read."""

    later_parts = (("index", "extra"), ("words",))

    head: tuple[_Leaf, ...]
    index: dict[str, _Leaf]
    words: frozenset[str]
    extra: _Leaf | None


def _record() -> _Record:
    shared = _Leaf("shared")
    return _Record((shared, _Leaf("alone")), {"s": shared, "new": _Leaf("new")}, frozenset({"a", "b"}), None)


def _cached(tmp_path: Path, value: object) -> object:
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, value, keep=2)
    return read_cached(path)


def test_codebook_parts_load_when_first_read_and_in_order(tmp_path: Path) -> None:
    loaded = _cached(tmp_path, _record())
    assert isinstance(loaded, _Record)
    assert set(vars(loaded)) == {"head", "_pending_parts"}  # the first part only
    assert loaded.head[1] == _Leaf("alone")
    assert loaded.index["s"] is loaded.head[0]  # a later part shares the objects of an earlier one
    assert {"index", "extra"} <= set(vars(loaded)) and "words" not in vars(loaded)
    assert loaded.extra is None  # a value of None is an attribute like any other
    assert loaded.words == frozenset({"a", "b"})
    assert "_pending_parts" not in vars(loaded)  # all loaded: the entry's bytes are let go
    assert loaded == _record()


def test_codebook_parts_reading_a_later_part_loads_the_ones_before_it(tmp_path: Path) -> None:
    loaded = _cached(tmp_path, _record())
    assert loaded.words == frozenset({"a", "b"})  # type: ignore[attr-defined]
    assert {"index", "extra", "words"} <= set(vars(loaded))


def test_codebook_parts_unknown_attribute_is_still_an_attribute_error(tmp_path: Path) -> None:
    loaded = _cached(tmp_path, _record())
    with pytest.raises(AttributeError, match="no attribute 'missing'"):
        loaded.missing  # type: ignore[attr-defined]  # noqa: B018
    assert getattr(loaded, "missing", None) is None
    assert "index" not in vars(loaded)  # asking for an unknown name loads nothing


@pytest.mark.parametrize("how", ["pickle", "copy", "load_all_parts"])
def test_codebook_parts_a_copy_holds_every_part(tmp_path: Path, how: str) -> None:
    loaded = _cached(tmp_path, _record())
    if how == "pickle":
        copied = pickle.loads(pickle.dumps(loaded))
    elif how == "copy":
        copied = copy.copy(loaded)
    else:
        load_all_parts(loaded)
        copied = loaded
    assert {"head", "index", "extra", "words"} <= set(vars(copied))
    assert "_pending_parts" not in vars(copied)
    assert copied == _record()


def test_codebook_parts_load_parts_through_stops_at_the_named_attribute(tmp_path: Path) -> None:
    loaded = _cached(tmp_path, _record())
    load_parts_through(loaded, "index")
    assert "index" in vars(loaded) and "words" not in vars(loaded)
    load_parts_through({"not": "a record"}, "index")  # anything else: nothing to do


def test_codebook_parts_threads_reading_at_once_load_each_part_once(tmp_path: Path) -> None:
    loaded = _cached(tmp_path, _record())
    seen: list[object] = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        seen.append(loaded.words)  # type: ignore[attr-defined]
        seen.append(loaded.index)  # type: ignore[attr-defined]

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(value) for value in seen}) == 2  # one object per attribute: no part was loaded twice


def test_codebook_parts_a_later_part_with_a_class_value_is_refused() -> None:
    with pytest.raises(TypeError, match="no class value"):

        @dataclass(frozen=True)
        class _Defaulted(LoadedInParts):  # a default is a class attribute: it would hide the loaded value
            later_parts = (("later",),)

            later: int = 0


def test_codebook_parts_entry_cut_inside_a_later_part_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, _record(), keep=2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    assert read_cached(path) is None


def test_codebook_parts_damaged_later_part_is_an_error_and_the_entry_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, _record(), keep=2)
    data = path.read_bytes()
    second = data.index(b"\x80", data.index(b"end of part"))  # where the second part's pickle starts
    path.write_bytes(data[:second] + b"\xff" + data[second + 1 :])  # not a pickle opcode
    loaded = read_cached(path)
    assert loaded is not None and loaded.head[0] == _Leaf("shared")  # type: ignore[attr-defined]
    with pytest.raises(EventcoderError, match="is damaged"):
        loaded.index  # type: ignore[attr-defined]  # noqa: B018
    assert not path.exists()  # the next command compiles the codebook again


# --- the compiled codebook --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lazy_codebook_entry(codebook: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An entry of the session's codebook, read afresh (every part unloaded) by each test."""
    load_all_parts(codebook)
    path = tmp_path_factory.mktemp("parts") / "cache" / "codebook-x.pickle"
    write_cached(path, codebook, keep=2)
    return path


def test_codebook_parts_show_reads_the_first_part_only(lazy_codebook_entry: Path, codebook: object) -> None:
    from eventcoder.codebook.inspect import show_code

    lazy = read_cached(lazy_codebook_entry)
    assert show_code(lazy, "190") == show_code(codebook, "190")  # type: ignore[arg-type]
    assert not {"trigger_index", "_actor_index", "triggers", "lexicon"} & set(vars(lazy))


def test_codebook_parts_coding_leaves_the_trigger_table_and_the_lexicon_unloaded(
    lazy_codebook_entry: Path, codebook: object, seed_article: object
) -> None:
    from eventcoder.coder import code_article

    lazy = read_cached(lazy_codebook_entry)
    assert code_article(seed_article, lazy).rows == code_article(seed_article, codebook).rows  # type: ignore[arg-type]
    assert {"trigger_index", "_actor_index"} <= set(vars(lazy))
    assert not {"triggers", "lexicon"} & set(vars(lazy))


def test_codebook_parts_explain_gives_the_same_account(lazy_codebook_entry: Path, codebook: object) -> None:
    from eventcoder.explain import explain_text

    text = "Russian troops shelled a village near the border. Ukraine condemned the attack and recalled its envoy."
    lazy = read_cached(lazy_codebook_entry)
    date = dt.date(2025, 11, 30)
    assert explain_text(text, lazy, date=date) == explain_text(text, codebook, date=date)  # type: ignore[arg-type]
    assert "lexicon" not in vars(lazy)  # explain reads the trigger table, not the actor lexicon


def test_codebook_parts_find_and_stats_read_the_lexicon(lazy_codebook_entry: Path, codebook: object) -> None:
    from eventcoder.codebook.inspect import codebook_stats, find_phrase

    lazy = read_cached(lazy_codebook_entry)
    assert find_phrase(lazy, "Venezuelan army") == find_phrase(codebook, "Venezuelan army")  # type: ignore[arg-type]
    assert codebook_stats(lazy) == codebook_stats(codebook)  # type: ignore[arg-type]
    assert lazy == codebook


def test_codebook_parts_a_pool_loads_the_coding_part_before_forking(lazy_codebook_entry: Path) -> None:
    from eventcoder.parallel import PoolCoder

    lazy = read_cached(lazy_codebook_entry)
    with PoolCoder(lazy, 1) as pool:  # type: ignore[arg-type]
        pool._started_pool()
        assert {"trigger_index", "_actor_index"} <= set(vars(lazy))  # loaded once, in the parent
