"""The private cache of regular expressions' engine arguments (`generated_code.CompiledPatterns`): a pattern
built from the file equals the one `re` compiles, and a file that cannot be trusted or read is compiled around."""

from __future__ import annotations

import importlib
import marshal
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventcoder.generated_code import CompiledPatterns, patterns_cache_path

ORIGINAL: Any = re._compiler.compile  # type: ignore[attr-defined]

TABLE: list[tuple[str | bytes, int]] = [
    ("", 0),
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?", 0),
    (r"\b(?:said|says|told)\b", re.IGNORECASE),
    (r"^\s*#.*$", re.MULTILINE),
    (r"(?i)caf\u00e9|na\u00efve", 0),
    (r"(?x) \d+ # digits\n [.,] \d*", 0),
    (r"(?<=\d)(?=(?:\d{3})+(?!\d))", 0),
    (r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", 0),
    (r"\d(?<!\d\d)", re.ASCII),
    (r".+", re.DOTALL),
    (rb"[\x00-\x1f]+|\xff", 0),
    (r"(a)(b)?(c)|(?P<named>d)\4", 0),
]
TABLE = [(pattern, int(flags)) for pattern, flags in TABLE]  # as `re._compile` passes them: plain ints
SAMPLES = [
    "2024-05-01 and 1999-12", "He SAID so; they told us", "caf\u00e9 Na\u00efve", "1234567 l'\u00e9t\u00e9 dd", ""
]


def _module_patterns() -> list[tuple[str | bytes, int]]:
    """The patterns the modules of a coding run hold at module level, as `re` was given them."""
    importlib.import_module("eventcoder.run")
    found = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("eventcoder"):
            for value in vars(module).values():
                if isinstance(value, re.Pattern) and not value.flags & re.LOCALE:
                    found[value.pattern, int(value.flags)] = None
    return list(found)


def _same(cached: re.Pattern[Any], plain: re.Pattern[Any]) -> None:
    assert cached == plain  # flags, pattern and the engine's code
    assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
        plain.pattern, plain.flags, plain.groups, plain.groupindex
    )
    for sample in SAMPLES:
        text: Any = sample.encode("latin-1", "replace") if isinstance(plain.pattern, bytes) else sample
        assert [match.span() for match in cached.finditer(text)] == [match.span() for match in plain.finditer(text)]
        assert [match.groups() for match in cached.finditer(text)] == [match.groups() for match in plain.finditer(text)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    return patterns_cache_path(directory)


@pytest.mark.parametrize("which", ["table", "eventcoder"])
def test_patterns_from_the_file_equal_the_ones_re_compiles(path: Path, which: str) -> None:
    patterns = TABLE if which == "table" else _module_patterns()
    assert patterns
    writing = CompiledPatterns(path, ORIGINAL)
    for pattern, flags in patterns:
        _same(writing.compile(pattern, flags), ORIGINAL(pattern, flags))
    writing.save()
    reading = CompiledPatterns(path, ORIGINAL)
    assert set(reading.arguments) == set(patterns)
    for pattern, flags in patterns:
        _same(reading.compile(pattern, flags), ORIGINAL(pattern, flags))
    assert not reading.new


@pytest.mark.parametrize(("pattern", "flags"), [(rb"\w+", re.LOCALE), (rb"(?L)\w+", 0), ("a|b", re.DEBUG)])
def test_locale_and_debug_patterns_are_never_kept(
    path: Path, pattern: str | bytes, flags: int, capsys: pytest.CaptureFixture[str]
) -> None:
    patterns = CompiledPatterns(path, ORIGINAL)
    assert patterns.compile(pattern, flags) == ORIGINAL(pattern, flags)
    assert patterns.arguments == {} and not patterns.new


@pytest.mark.parametrize("damage", ["garbage", "not a table", "bad code", "shared"])
def test_a_damaged_or_untrusted_file_is_compiled_around(path: Path, damage: str) -> None:
    writing = CompiledPatterns(path, ORIGINAL)
    for pattern, flags in TABLE:
        writing.compile(pattern, flags)
    writing.save()
    table = marshal.loads(path.read_bytes())
    if damage == "garbage":
        path.write_bytes(b"\x00not marshal")
    elif damage == "not a table":
        path.write_bytes(marshal.dumps(list(table.items())))
    elif damage == "bad code":
        path.write_bytes(marshal.dumps({key: (known[0], [99999, 1, 2], *known[2:]) for key, known in table.items()}))
    else:
        path.chmod(0o666)
    reading = CompiledPatterns(path, ORIGINAL)
    for pattern, flags in TABLE:
        _same(reading.compile(pattern, flags), ORIGINAL(pattern, flags))


def test_install_compiles_patterns_through_the_file(tmp_path: Path) -> None:
    """`install` (in a fresh process) makes `re` compile through the file, written at exit and read by the next."""
    script = (
        "import re, sys\n"
        "from eventcoder import generated_code\n"
        "generated_code.install()\n"
        "assert isinstance(re._compiler.compile.__self__, generated_code.CompiledPatterns)\n"
        "pattern = re.compile(r'(?P<w>\\w+)-\\d{3,}')\n"
        "assert pattern.match('ab-1234').group('w') == 'ab'\n"
        "print(re._compiler.compile.__self__.new)\n"
    )
    env = {"EVENTCODER_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True) for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == ["True", "False"], [run.stderr for run in runs]
    assert list((tmp_path / "cache").glob("compiled-patterns-*.marshal"))


def test_a_warm_run_writes_nothing_to_the_cache(tmp_path: Path) -> None:
    """Once the cache is warm a `code` run leaves every file in it as it was: a pattern made from a run's own
    values (its run id) would be kept and add one entry a run to the file every command's start reads."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(
        f'{{"id": "a{number}", "text": "Freedonia threatened Sylvania with sanctions. Sylvania condemned the '
        f'threat.", "date": "2024-0{1 + number % 3}-15"}}\n' for number in range(12)
    ), encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"EVENTCODER_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

    def run(number: int) -> dict[str, bytes]:
        command = [sys.executable, "-m", "eventcoder", "code", str(corpus), "-o", str(tmp_path / f"out{number}"),
                   "--workers", "1", "--batch-size", "2", "--no-progress"]  # small batches: the run compacts
        completed = subprocess.run(command, env=env, capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        return {path.name: path.read_bytes() for path in sorted(cache.iterdir())}

    run(1)  # cold: compiles the codebook and fills the cache
    warm = run(2)
    assert any(name.startswith("compiled-patterns-") for name in warm)
    assert run(3) == warm
