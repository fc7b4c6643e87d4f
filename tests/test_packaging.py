"""The wheel ships the default codebooks and the SQL, so `pip install` users need no checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

from eventcoder.resources import default_codebook_dir, sql_dir

REPO = Path(__file__).resolve().parents[1]


def test_packaging_wheel_force_includes_codebooks() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["eventcoder"]
    assert wheel["force-include"] == {"codebooks": "eventcoder/codebooks"}


def test_packaging_resources_found_from_the_checkout() -> None:
    assert (default_codebook_dir() / "ontology" / "event_codes.yaml").is_file()
    assert (sql_dir() / "views.sql").is_file()
    assert sorted(path.stem for path in (sql_dir() / "named").glob("*.sql"))
