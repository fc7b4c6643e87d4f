"""The memo of file digests behind the codebook cache's key: a layer file's digest is reused only while its
`stat` is unchanged, and only when the file is older than a tick of the file system's clock, so a changed
layer never reads a stale entry (see eventcoder/codebook/cache.py)."""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import time
from pathlib import Path

import pytest

from eventcoder.codebook import cache
from eventcoder.codebook.cache import FileDigests, cache_key, files_digest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "freedonia"


def _settled(path: Path) -> FileDigests:
    """A memo at `path` that counts every file as settled: as if the hashing began well after its last change."""
    digests = FileDigests(path)
    digests.started += 10 * cache.SETTLED_NS
    return digests


def _plain_digest(layers: list[Path]) -> str:
    """The key's digest of the layers with every file read and hashed (no memo)."""
    return files_digest(layers, FileDigests(None))


@pytest.fixture
def layer(tmp_path: Path) -> Path:
    copy = tmp_path / "layer"
    shutil.copytree(FIXTURE, copy)
    return copy


@pytest.fixture
def memo(tmp_path: Path) -> Path:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    return directory / cache.FILE_DIGESTS


def test_file_digests_are_the_sha256_of_the_contents(layer: Path, memo: Path) -> None:
    digests = _settled(memo)
    for path in cache.codebook_files(layer):
        assert digests.digest(path) == hashlib.sha256(path.read_bytes()).digest()
    digests.save()
    again = FileDigests(memo)
    for path in cache.codebook_files(layer):
        assert again.digest(path) == hashlib.sha256(path.read_bytes()).digest()
    assert oct(memo.stat().st_mode & 0o777) == "0o600"


def test_file_digests_memo_is_read_while_the_stat_is_unchanged(layer: Path, memo: Path) -> None:
    """The second key takes the digests from the memo: proven by a memo whose digests were altered."""
    digests = _settled(memo)
    plain = files_digest([layer], digests)
    digests.save()
    assert plain == _plain_digest([layer])
    table = marshal.loads(memo.read_bytes())
    assert {os.path.abspath(path) for path in cache.codebook_files(layer)} <= set(table)
    memo.write_bytes(marshal.dumps({name: (*known[:5], b"\0" * 32) for name, known in table.items()}))
    assert files_digest([layer], FileDigests(memo)) != plain


@pytest.mark.parametrize("change", ["same size, times put back", "replaced by a copy", "added", "removed"])
def test_changed_layer_file_never_reads_a_stale_entry(layer: Path, memo: Path, change: str) -> None:
    digests = _settled(memo)
    before = files_digest([layer], digests)
    digests.save()
    time.sleep(0.05)  # past a tick of the kernel's coarse clock, which stamps the change
    target = sorted(cache.codebook_files(layer))[0]
    info = target.stat()
    if change == "same size, times put back":
        data = bytearray(target.read_bytes())
        data[-2] = ord("x") if data[-2] != ord("x") else ord("y")
        target.write_bytes(bytes(data))
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert target.stat().st_size == info.st_size and target.stat().st_mtime_ns == info.st_mtime_ns
    elif change == "replaced by a copy":
        other = target.with_suffix(".tmp")
        other.write_bytes(target.read_bytes() + b"#\n")
        shutil.copystat(target, other)
        os.replace(other, target)
    elif change == "added":
        (layer / "extra.yaml").write_bytes(target.read_bytes())
    else:
        target.unlink()
    after = files_digest([layer], _settled(memo))
    assert after == _plain_digest([layer])
    assert after != before


def test_a_file_changed_within_the_settling_time_is_not_kept(layer: Path, memo: Path) -> None:
    """A file whose times are not older than `SETTLED_NS` before the hashing began could change again within
    the same tick of the file system's clock, keeping its stat: its digest is not kept, so it is read again."""
    fresh = layer / "fresh.yaml"
    fresh.write_bytes(sorted(cache.codebook_files(layer))[0].read_bytes())
    digests = FileDigests(memo)
    files_digest([layer], digests)
    digests.save()
    table = marshal.loads(memo.read_bytes()) if memo.exists() else {}
    assert os.path.abspath(fresh) not in table
    reading = FileDigests(memo)
    assert reading.digest(fresh) == hashlib.sha256(fresh.read_bytes()).digest()
    assert os.path.abspath(fresh) not in reading.used


@pytest.mark.parametrize("damage", ["shared", "garbage", "not a table", "wrong values"])
def test_an_untrusted_or_damaged_memo_is_ignored(layer: Path, memo: Path, damage: str) -> None:
    digests = _settled(memo)
    plain = files_digest([layer], digests)
    digests.save()
    table = marshal.loads(memo.read_bytes())
    bogus = {name: (*known[:5], b"\0" * 32) for name, known in table.items()}
    if damage == "shared":
        memo.write_bytes(marshal.dumps(bogus))
        memo.chmod(0o666)
    elif damage == "garbage":
        memo.write_bytes(b"\x00not marshal")
    elif damage == "not a table":
        memo.write_bytes(marshal.dumps(list(bogus.items())))
    else:
        memo.write_bytes(marshal.dumps({name: (*known[:4], "device", known[5]) for name, known in bogus.items()}))
    assert files_digest([layer], FileDigests(memo)) == plain


def test_cache_key_keeps_the_memo_in_the_cache_directory(
    layer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cache_key` reads and writes the memo beside the entries; the key is the same with or without it."""
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "keys"))
    (tmp_path / "keys").mkdir(mode=0o700)
    first = cache_key(1, [layer])
    assert (tmp_path / "keys" / cache.FILE_DIGESTS).exists()  # the package's sources are old enough to keep
    assert cache_key(1, [layer]) == first
    (tmp_path / "keys" / cache.FILE_DIGESTS).unlink()
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_key(1, [layer]) == first
