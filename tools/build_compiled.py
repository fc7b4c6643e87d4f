"""Compile eventcoder's hot-path modules in place with mypyc (`make fast`), or remove them (`make clean-fast`).

    .venv/bin/python tools/build_compiled.py            # build: about 2-6 minutes, needs a C compiler
    .venv/bin/python tools/build_compiled.py --clean    # back to pure Python

The modules are listed in `eventcoder.compiled.COMPILED_MODULES`; the extension modules land beside their
sources (git ignores them) and Python imports them instead of the `.py` files. mypyc ships with mypy (the
`test` extra); the build goes through setuptools' `build_ext` without reading `pyproject.toml`, whose
metadata is hatchling's. Nothing else changes: the pure-Python modules stay the default and the source of truth.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventcoder.compiled import COMPILED_MODULES, GROUP_NAME, PACKAGE_DIR  # noqa: E402

BUILD_DIR = Path("build", "mypyc")  # relative to ROOT, so that build_ext does not nest absolute paths


def clean() -> list[Path]:
    """Delete every extension module in the package (eventcoder has none of its own, so any is from a build,
    also of a module since taken off the list) and the group's shared library; return what was deleted."""
    removed = sorted({path for suffix in EXTENSION_SUFFIXES for path in PACKAGE_DIR.rglob("*" + suffix)})
    removed += sorted(PACKAGE_DIR.parent.glob(GROUP_NAME + "__mypyc.*"))
    for path in removed:
        path.unlink()
    shutil.rmtree(ROOT / BUILD_DIR, ignore_errors=True)
    return removed


def build() -> None:
    """Compile `COMPILED_MODULES` with mypyc into extension modules beside their sources."""
    try:
        from mypyc.build import mypycify
        from setuptools.dist import Distribution
    except ImportError as error:
        raise SystemExit(f"{error.name} is missing: install the test extra (`make test` does) and setuptools") from None
    clean()
    os.chdir(ROOT)  # mypyc names modules by their paths relative to here; build_ext --inplace writes here
    paths = [str(Path(*module.split(".")).with_suffix(".py")) for module in COMPILED_MODULES]
    extensions = mypycify(paths, opt_level="3", group_name=GROUP_NAME, target_dir=str(BUILD_DIR / "c"))
    distribution = Distribution(
        {
            "name": "eventcoder-compiled",
            "ext_modules": extensions,
            "script_args": ["build_ext", "--inplace", "--build-temp", str(BUILD_DIR / "temp"),
                            "--build-lib", str(BUILD_DIR / "lib")],
        }
    )
    distribution.parse_command_line()
    distribution.run_commands()


def main() -> None:
    """Build the compiled modules, or remove them with `--clean`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules (pure Python again)")
    args = parser.parse_args()
    if args.clean:
        removed = clean()
        print(f"removed {len(removed)} compiled files; eventcoder runs as pure Python")
        return
    build()
    from eventcoder.compiled import build_description

    print(build_description())


if __name__ == "__main__":
    main()
