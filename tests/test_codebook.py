"""Codebook loading: declare, validate (every problem at once, stable codes), compile, layers, cache."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.codebook.compile import Codebook, compile_codebook, load_codebook
from eventcoder.codebook.load import merge_layers
from eventcoder.coder import code_text
from eventcoder.errors import CodebookError

FREEDONIA = Path(__file__).resolve().parent / "fixtures" / "freedonia"


def _fictional(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    layer = tmp_path / "codebook"
    shutil.copytree(FREEDONIA, layer)
    for name, text in (extra or {}).items():
        (layer / name).write_text(text, encoding="utf-8")
    return layer


def _problems(layer: Path) -> list[tuple[str, str]]:
    with pytest.raises(CodebookError) as caught:
        compile_codebook(merge_layers([layer]))
    return [(problem.code, problem.location) for problem in caught.value.problems]


def test_codebook_fictional_compiles_and_codes(tmp_path: Path) -> None:
    codebook = compile_codebook(merge_layers([_fictional(tmp_path)]))
    rows = code_text("Freedonia threatened Sylvania.", codebook, date=dt.date(1933, 12, 1)).rows
    assert [(r["cameo_code"], r["source_code"], r["target_code"], r["rule_id"]) for r in rows] == [
        ("130", "FRDGOV", "SYL", "threaten.verb")
    ]


@pytest.mark.parametrize(
    ("date", "expected"),
    [(dt.date(1933, 12, 1), "FRDGOV"), (dt.date(1934, 1, 1), "FRDELI"), (dt.date(1933, 11, 16), "FRDELI")],
)
def test_codebook_role_span_chosen_by_event_date(tmp_path: Path, date: dt.date, expected: str) -> None:
    codebook = compile_codebook(merge_layers([_fictional(tmp_path)]))
    rows = code_text("Rufus Firefly threatened Sylvania.", codebook, date=date).rows
    assert rows[0]["source_code"] == expected


H = "format_version: 1\nkind: "
BAD_FILES = [
    ("unknown_key.yaml", H + "roles\nentries:\n  - {code: REB, name: Rebels, description: x, colour: red}\n",
     "EC102", "entries -> 0 -> colour"),
    ("duplicate.yaml", H + "roles\nentries:\n  - {code: GOV, name: Gov, description: again}\n",
     "EC201", "entries -> 0"),
    ("unknown_code.yaml", H + "patterns\nentries:\n  - {id: p.x, code: '999', trigger: {verbs: [x]}}\n",
     "EC202", "entries -> 0 -> code"),
    ("unknown_role.yaml", H + "agents\nentries:\n  - {id: a.x, sector: XYZ, names: [xs]}\n",
     "EC203", "entries -> 0 -> sector"),
    ("overlap.yaml", H + "actors\nentries:\n  - {id: p.y, name: Y, type: person, names: [Y Y],"
     " roles: [{code: FRDGOV, from: 1930-01-01, until: 1935-01-01}, {code: FRDMIL, from: 1934-01-01}]}\n",
     "EC204", "entries -> 0 -> roles -> 1"),
    ("inverted.yaml", H + "actors\nentries:\n  - {id: p.z, name: Z, type: person, names: [Z Z],"
     " roles: [{code: FRDGOV, from: 1935-01-01, until: 1930-01-01}]}\n",
     "EC205", "entries -> 0 -> roles -> 0 -> until"),
    ("bad_date.yaml", H + "actors\nentries:\n  - {id: p.w, name: W, type: person, names: [W W],"
     " roles: [{code: FRDGOV, from: 1935-13-45}]}\n",
     "EC105", "entries -> 0 -> roles -> 0 -> from"),
    ("synset.yaml", H + "patterns\nentries:\n  - {id: p.s, code: '130', trigger: {verbs: [x]},"
     " requires: [{synset: nowhere}]}\n",
     "EC206", "entries -> 0 -> requires -> 0 -> synset"),
    ("crosswalk.yaml", H + "plover_crosswalk\nentries:\n  - {code: '777', event: THREATEN}\n",
     "EC207", "entries -> 0 -> code"),
    ("slots.yaml", H + "patterns\nentries:\n  - {id: p.t, code: '130', trigger: {verbs: [x]},"
     " source: [subject], target: [subject]}\n",
     "EC210", "entries -> 0 -> target"),
    ("syntax.yaml", H + "roles\nentries: [\n", "EC100", ""),
    ("header.yaml", "format_version: 2\nkind: roles\nentries: []\n", "EC101", "format_version"),
]


@pytest.mark.parametrize(("name", "text", "code", "location"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_codebook_each_defect_reported_with_stable_code(tmp_path: Path, name: str, text: str, code: str,
                                                        location: str) -> None:
    problems = _problems(_fictional(tmp_path, {name: text}))
    assert (code, location) in problems
    assert len(problems) == 1 or code == "EC207"  # a dangling crosswalk also leaves the other codes unmapped


def test_codebook_remove_unknown_key_reported(tmp_path: Path) -> None:
    layer = _fictional(tmp_path, {"zz.yaml": H + "roles\nremove: [NOPE]\n"})
    assert ("EC208", "remove -> 0") in _problems(layer)


def test_codebook_cli_check_reports_all_problems_at_once(tmp_path: Path) -> None:
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "broken.yaml").write_text(
        "format_version: 1\nkind: actors\nentries:\n"
        "  - {id: x.a, name: A, type: person, code: USAGOV, names: [Aa Bb], shoe_size: 9}\n"
        "  - {id: x.b, name: B, type: person, names: [Bb Cc],"
        " roles: [{code: USAGOV, from: 2020-01-01, until: 2019-01-01}]}\n"
        "  - {id: x.c, name: C, type: person, code: USAGOV, names: [Cc Dd]}\n"
        "  - {id: x.c, name: C2, type: person, code: USAGOV, names: [Cc Ee]}\n",
        encoding="utf-8",
    )
    (layer / "patterns.yaml").write_text(
        "format_version: 1\nkind: patterns\nentries:\n  - {id: p.bad, code: '9999', trigger: {verbs: [zap]}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["codebook", "check", str(layer)])
    assert result.exit_code == 1
    out = result.output
    broken, patterns = layer / "broken.yaml", layer / "patterns.yaml"
    assert f"{broken}: entries -> 0 -> shoe_size: [EC102] unknown key 'shoe_size'" in out
    assert f"{broken}: entries -> 1 -> roles -> 0 -> until: [EC205]" in out
    assert f"{broken}: entries -> 3: [EC201] duplicate actors key 'x.c'" in out
    assert f"{patterns}: entries -> 0 -> code: [EC202] unknown CAMEO code '9999'" in out
    assert out.strip().endswith("4 problem(s)")


def test_codebook_layer_may_override_a_default_entry(tmp_path: Path) -> None:
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "usa.yaml").write_text(
        "format_version: 1\nkind: actors\nentries:\n"
        "  - {id: usa, name: United States, type: country, code: USA, country: USA, names: [United States, US]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["codebook", "check", str(layer)])
    assert result.exit_code == 0, result.output


def test_codebook_duplicate_within_layer_reported(tmp_path: Path) -> None:
    layer = tmp_path / "layer"
    layer.mkdir()
    entry = "  - {id: x.same, name: Same, type: person, code: USAGOV, names: [Same Person]}\n"
    (layer / "a.yaml").write_text(H + "actors\nentries:\n" + entry, encoding="utf-8")
    (layer / "b.yaml").write_text(H + "actors\nentries:\n" + entry, encoding="utf-8")
    result = CliRunner().invoke(cli, ["codebook", "check", str(layer)])
    assert result.exit_code == 1
    assert "[EC201] duplicate actors key 'x.same'" in result.output


def test_codebook_defaults_check_and_count(codebook: object) -> None:
    result = CliRunner().invoke(cli, ["codebook", "check"])
    assert result.exit_code == 0, result.output
    stats = CliRunner().invoke(cli, ["codebook", "stats"])
    assert "event codes" in stats.output and " 311" in stats.output


def test_codebook_show_ultimatum() -> None:
    result = CliRunner().invoke(cli, ["codebook", "show", "139"])
    assert result.exit_code == 0
    for text in ("Give ultimatum", "-7.0", "quad_class:   3", "THREATEN", "ultimatum"):
        assert text in result.output


def test_codebook_show_airspace_mapping() -> None:
    result = CliRunner().invoke(cli, ["codebook", "show", "191"])
    assert result.exit_code == 0
    assert "airspace_restriction" in result.output and "airspace.close" in result.output


def test_codebook_show_unknown_code_is_an_error() -> None:
    result = CliRunner().invoke(cli, ["codebook", "show", "999"])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: unknown CAMEO code '999'; codes are strings such as 010 or 139"


def test_codebook_find_phrase() -> None:
    result = CliRunner().invoke(cli, ["codebook", "find", "Venezuelan military"])
    assert result.exit_code == 0
    assert "adjective of ven" in result.output


def test_codebook_layer_adds_and_removes_actor(tmp_path: Path, codebook: Codebook) -> None:
    text = "Grand Fenwick threatened Venezuela."
    date = dt.date(2025, 11, 30)
    base = codebook  # the default codebook, compiled once per session
    assert code_text(text, base, date=date).rows == []
    layer = tmp_path / "team"
    layer.mkdir()
    (layer / "actors.yaml").write_text(
        H + "actors\nentries:\n"
        "  - {id: fenwick, name: Grand Fenwick, type: country, code: GFW, country: GFW, names: [Grand Fenwick]}\n",
        encoding="utf-8",
    )
    added = load_codebook([layer], use_cache=False)
    assert added.fingerprint != base.fingerprint
    assert [r["source_code"] for r in code_text(text, added, date=date).rows] == ["GFWGOV"]
    (layer / "actors.yaml").write_text(H + "actors\nentries: []\n", encoding="utf-8")
    restored = load_codebook([layer], use_cache=False)
    assert restored.fingerprint == base.fingerprint
    assert code_text(text, restored, date=date).rows == []


def test_codebook_remove_marker_deletes_default_entry(tmp_path: Path) -> None:
    layer = tmp_path / "team"
    layer.mkdir()
    (layer / "remove.yaml").write_text(H + "actors\nremove: [capital.caracas]\n", encoding="utf-8")
    codebook = load_codebook([layer], use_cache=False)
    assert "capital.caracas" not in codebook.actors
    assert code_text("Caracas threatened Colombia.", codebook, date=dt.date(2025, 1, 1)).rows == []


def test_codebook_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    first = load_codebook()
    assert list((tmp_path / "cache").glob("codebook-*.pickle"))
    second = load_codebook()
    assert second.fingerprint == first.fingerprint
    assert len(second.patterns) == len(first.patterns)
