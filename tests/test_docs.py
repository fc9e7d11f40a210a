"""The README's and docs/DATASET.md's examples are what the commands print: CI fails when they drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_documented_outputs_are_what_the_commands_print() -> None:
    from policytrack.sources.browser import missing

    if missing() is not None:  # `policytrack sources` would say so in the documented table
        pytest.skip(f"the docs are generated on a machine with a browser; this one lacks it ({missing()})")
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "generate.py"), "--check"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
