"""The engine's word classes come from the codebook (`Codebook.words`), so a layer can change them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eventcoder.codebook.compile import EngineWords, load_codebook
from eventcoder.coder import code_text

ACTORS = """\
format_version: 1
kind: actors
entries:
  - {id: frd, name: Freedonia, type: country, code: FRD, names: [Freedonia], adjectives: [Freedonian]}
  - {id: syl, name: Sylvania, type: country, code: SYL, names: [Sylvania], adjectives: [Sylvanian]}
"""
ONLY_WILL = """\
format_version: 1
kind: synsets
entries:
  - {id: intent_cues, description: Only the future auxiliaries., words: [will, shall]}
"""


def _layer(root: Path, *files: tuple[str, str]) -> Path:
    root.mkdir()
    for name, text in files:
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_engine_classes_default_codebook_fills_every_class(codebook: Any) -> None:
    words: EngineWords = codebook.words
    for name in EngineWords.__dataclass_fields__:  # a mypyc-compiled class has no __slots__
        assert getattr(words, name), f"engine class {name} is empty in the default codebook"
    assert "members" in words.partitive_nouns and "urged" in words.object_control_verbs
    assert ("carried", "out") in words.support_verbs


@pytest.mark.parametrize(("extra", "code"), [((), "1384"), ((("intent.yaml", ONLY_WILL),), "190")])
def test_engine_classes_a_layer_changes_a_class(tmp_path: Path, extra: tuple[tuple[str, str], ...], code: str) -> None:
    # "plans to attack" is an announced attack (a threat) while "plans" is an intent cue; a layer whose
    # intent cues are only "will" and "shall" reads the attack as asserted
    layer = _layer(tmp_path / "layer", ("fictional.yaml", ACTORS), *extra)
    codebook = load_codebook([layer], use_cache=False)
    rows = code_text("Freedonia plans to attack Sylvania.", codebook, date=dt.date(2020, 1, 1)).rows
    assert [(row["cameo_code"], row["source_code"], row["target_code"]) for row in rows] == [(code, "FRDGOV", "SYL")]
