"""The wheel carries every package of ours: a folder left out of `only-include` installs fine and then fails
on first import (pipeline/ was missing once, so `pip install . && policytrack fetch` broke outside the checkout)."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _packages() -> set[str]:
    return {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "tests"}


def test_wheel_and_sdist_include_every_package():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]
    assert _packages() <= set(build["wheel"]["only-include"])
    assert _packages() <= set(build["sdist"]["include"])
    assert _packages() >= {"cli", "db", "sources", "parser", "pipeline"}
