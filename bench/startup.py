"""Start-up against sqlite-utils, side by side in one run (interleaved rounds, medians):

    policytrack --help                 vs  sqlite-utils --help          goal ≤ 1.0×
    policytrack targets --json         vs  sqlite-utils rows DB current_targets   goal ≤ 1.1×
    policytrack extract --json a.txt   vs  sqlite-utils --help          goal ≤ 1.3×

on the demo store and a two-line text file. policytrack runs from a script as pip writes one (bench/measure.py).
`--typer DIR` adds policytrack with the typer installed in DIR (pip install --target DIR typer==X), to show
what a typer release costs.

    python bench/startup.py [--runs 20] [--typer DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from measure import ratio, script, side_by_side

TEXT = "到2027年，全省数据标注产业规模突破100亿元，培育数据标注企业50家以上。\n对新认定的基地给予最高200万元奖励。\n"


def sqlite_utils() -> list[str]:
    beside = Path(sys.executable).parent / "sqlite-utils"  # not a pyenv shim, which adds a shell's start-up
    return [str(beside if beside.exists() else shutil.which("sqlite-utils") or "sqlite-utils")]


def sqlite_utils_without_numpy(directory: Path) -> list[str]:
    """sqlite-utils as it starts where numpy is not installed: it imports numpy when it can (about a third of
    its start-up here), which a machine without numpy does not pay."""
    path = directory / "sqlite-utils-no-numpy"
    path.write_text(f"#!{sys.executable}\nimport sys\nsys.modules['numpy'] = None  # import numpy fails\n"
                    "from sqlite_utils.cli import cli\nsys.exit(cli())\n", encoding="utf-8")
    path.chmod(0o755)
    return [str(path)]


def imports(cmd: list[str], env: dict[str, str]) -> list[str]:
    """The modules a command imports that matter for start-up."""
    import subprocess

    probe = ("import sys, runpy; sys.argv = {argv!r}\ntry:\n    runpy.run_path({path!r}, run_name='__main__')\n"
             "except SystemExit:\n    pass\nprint(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('pydantic', 'rich', 'sqlite3', 'sqlite_utils', 'bs4', 'soupsieve', 'markdown_it', 'numpy'))), "
             "file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", probe.format(argv=cmd, path=cmd[0])], capture_output=True, text=True,
                         env=env)
    last = (out.stderr.splitlines() or [""])[-1]
    return sorted({m.split(".")[0] for m in last.split()})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--typer", type=Path, help="a directory holding another typer release")
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("demo_store", Path(__file__).parent / "demo_store.py")
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db, text = root / "demo.db", root / "short.txt"
        demo.build(db)
        text.write_text(TEXT, encoding="utf-8")
        variants = {"policytrack": script(root)}
        if a.typer:
            other = root / "other"
            other.mkdir()
            path = script(other)
            Path(path[0]).write_text(Path(path[0]).read_text().replace(
                "import sys\n", f"import sys\nsys.path.insert(0, {str(a.typer.resolve())!r})\n", 1))
            variants[f"policytrack (typer from {a.typer.name})"] = path
        su, bare = sqlite_utils(), sqlite_utils_without_numpy(root)
        commands: dict[str, list[str]] = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "sqlite-utils --help": [*su, "--help"],
            "sqlite-utils rows demo.db current_targets": [*su, "rows", str(db), "current_targets"],
            "sqlite-utils --help (numpy hidden)": [*bare, "--help"],
            "sqlite-utils rows (numpy hidden)": [*bare, "rows", str(db), "current_targets"],
        }
        for name, pt in variants.items():
            commands |= {f"{name} --help": [*pt, "--help"],
                         f"{name} targets --json (demo store)": [*pt, "targets", "--json", "--db", str(db)],
                         f"{name} extract --json (two lines of text)": [*pt, "extract", "--json", str(text)]}
        got = side_by_side(commands, a.runs)
        times = {k: v["ms"] for k, v in got.items()}
        out: dict[str, object] = {"p50_ms": times, "cpu_ms": {k: v["cpu_ms"] for k, v in got.items()}}
        ratios = {}
        for name in variants:
            for against, suffix in (("", ""), (" (numpy hidden)", ", numpy hidden")):
                help_, rows = f"sqlite-utils --help{against}", (f"sqlite-utils rows{against}" if against else
                                                                "sqlite-utils rows demo.db current_targets")
                ratios[f"{name} --help ÷ sqlite-utils --help{suffix} (goal ≤ 1.0)"] = ratio(
                    times[f"{name} --help"], times[help_])
                ratios[f"{name} targets --json ÷ sqlite-utils rows{suffix} (goal ≤ 1.1)"] = ratio(
                    times[f"{name} targets --json (demo store)"], times[rows])
                ratios[f"{name} extract --json ÷ sqlite-utils --help{suffix} (goal ≤ 1.3)"] = ratio(
                    times[f"{name} extract --json (two lines of text)"], times[help_])
        out["ratios"] = ratios
        env = dict(os.environ)
        out["imported"] = {name: imports(cmd, env) for name, cmd in commands.items()}
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
