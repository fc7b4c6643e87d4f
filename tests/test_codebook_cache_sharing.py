"""The cache's sharing of equal containers (`_SharingPickler.shared`), held to the plain rule: two containers
of an entry are one object after loading exactly when they are equal item by item in type and value (True is
not 1, -0.0 is not 0.0, a dict's keys in order), and every value loads back exactly as it was written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.codebook.cache import read_cached, write_cached


@dataclass(frozen=True, slots=True)
class _Holder:
    """A record like the codebook's: its fields are what the pickler shares."""

    value: object
    other: object


def _exact(value: Any) -> object:
    """The value with every type spelled out: equal for two values that may be stored as one object."""
    kind = type(value)
    if kind is float:
        return float, value.hex()
    if kind is tuple:
        return tuple, tuple(map(_exact, value))
    if kind is frozenset:
        return frozenset, frozenset(map(_exact, value))
    if kind is dict:
        return dict, tuple((_exact(key), _exact(item)) for key, item in value.items())
    if isinstance(value, _Holder):
        return _Holder, _exact(value.value), _exact(value.other)
    return kind, value


def _containers(value: Any, found: list[Any]) -> list[Any]:
    """Every tuple, frozenset and dict reachable from `value` (a holder or a container), added to `found`."""
    if isinstance(value, _Holder):
        _containers(value.value, found)
        _containers(value.other, found)
    elif type(value) in (tuple, frozenset, dict):
        found.append(value)
        for item in value.values() if type(value) is dict else value:
            _containers(item, found)
    return found


_PLAIN = st.sampled_from([0, 1, 2, True, False, 0.0, -0.0, 1.0, 1.5, "a", "b", "1", b"a", None])
_HASHABLE = st.recursive(
    _PLAIN, lambda inner: st.tuples(inner) | st.tuples(inner, inner) | st.frozensets(inner, max_size=3), max_leaves=6
)
_KEYS = st.sampled_from([0, 1, "a", "b", None])
_VALUES = st.recursive(
    _HASHABLE,
    lambda inner: st.tuples(inner, inner) | st.dictionaries(_KEYS, inner, max_size=3) | st.tuples(inner),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.builds(_Holder, _VALUES, _VALUES), min_size=1, max_size=5))
def test_cache_shares_exactly_the_containers_equal_in_type_and_value(
    tmp_path_factory: Any, holders: list[_Holder]
) -> None:
    path = tmp_path_factory.mktemp("cache") / "codebook-x.pickle"
    write_cached(path, holders, keep=4)
    loaded = read_cached(path)
    assert loaded is not None
    assert [_exact(item) for item in loaded] == [_exact(item) for item in holders]
    containers = [found for item in loaded for found in _containers(item, [])]
    for first in containers:
        for second in containers:
            assert (first is second) == (_exact(first) == _exact(second)), (first, second)


def test_cache_keeps_containers_apart_that_differ_only_in_an_item_type(tmp_path: Path) -> None:
    holders = [
        _Holder(((1,), {"a": 1}), frozenset({(1,)})),
        _Holder(((True,), {"a": True}), frozenset({(True,)})),
        _Holder(((1.0,), {"a": 1.0}), frozenset({(1.0,)})),
        _Holder(((-0.0,), {"a": -0.0}), frozenset({(0.0,)})),
        _Holder(((1,), {"a": 1}), frozenset({(1,)})),
    ]
    path = tmp_path / "cache" / "codebook-x.pickle"
    write_cached(path, holders, keep=4)
    loaded = read_cached(path)
    assert loaded is not None
    assert [_exact(item) for item in loaded] == [_exact(item) for item in holders]
    assert loaded[0].value is loaded[4].value and loaded[0].other is loaded[4].other
    assert len({id(item.value) for item in loaded}) == 4
    assert len({id(item.other) for item in loaded}) == 4
    assert str(loaded[3].value[0][0]) == "-0.0" and str(next(iter(loaded[3].other))[0]) == "0.0"
