"""`policytrack sources`: how sure each entry is (and, in --json, where its URL and markup were seen), walls
and browser-only pages as states of their own; a browser source without a browser is one line, not a
failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytrack.sources.registry import load_sources
from tests.conftest import run_cli


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("POLICYTRACK_CONFIG", raising=False)


def test_json_carries_evidence_and_confidence_for_every_builtin(capsys, tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "sources", "--json", "--db", str(tmp_path / "none.db"))
    rows = json.loads(out)
    builtin = load_sources(include_user_config=False)
    assert code == 0 and [r["id"] for r in rows] == [s.id for s in builtin]
    for row, spec in zip(rows, builtin, strict=True):
        assert row["evidence"] == spec.evidence and row["evidence"]
        assert row["confidence"] == spec.confidence in ("confirmed", "inferred", "unverified")
        assert row["transport"] == spec.transport and row["wall"] == spec.wall
    code, out, _ = run_cli(capsys, "sources", "--db", str(tmp_path / "none.db"))
    header = out.splitlines()[0]
    assert "confidence" in header and "state" in header
    assert any("confirmed" in line and "ndrc-tz" in line for line in out.splitlines())


INSTALL = "pip install 'policytrack[browser]' (Playwright) and a Chromium (Debian: apt-get install chromium)"


def test_browser_sources_say_so_without_the_browser(capsys, tmp_path: Path, monkeypatch, no_network) -> None:
    monkeypatch.setattr("policytrack.sources.browser.missing", lambda executable=None: INSTALL)
    code, out, _ = run_cli(capsys, "sources", "--json", "--db", str(tmp_path / "none.db"))
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["hubei-gov"]["state"] == "browser" and INSTALL in rows["hubei-gov"]["reason"]
    assert rows["ndrc-tz"]["state"] == "new"
    # fetching live: one line each, nothing asked of the network (the guard would fail the test), exit 0
    code, out, err = run_cli(capsys, "fetch", "--source", "hubei-gov", "--source", "gansu-gov", "--db",
                             str(tmp_path / "pt.db"))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f'hubei-gov: not fetched · needs a browser (transport = "browser", waiting for div.list_block li): {INSTALL}',
        f'gansu-gov: not fetched · needs a browser (transport = "browser", waiting for networkidle): {INSTALL}',
    ]
    code, out, _ = run_cli(capsys, "fetch", "--source", "hubei-gov", "--db", str(tmp_path / "pt.db"), "--quiet")
    assert (code, out) == (0, "")  # not news: the same every run
    code, out, _ = run_cli(capsys, "sources", "check", "hubei-gov")
    assert code == 0 and out.startswith("hubei-gov: not fetched: needs a browser")
