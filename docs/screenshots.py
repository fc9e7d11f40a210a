"""Re-render docs/timeline.png and docs/compare.png from the demo store in headless Chromium.

    python docs/screenshots.py

The pages are the README's and RESEARCH.md's own commands (`timeline --format html`, `compare --format html`)
on a fresh demo store (bench/demo_store.py), shot at the sizes the docs show them. Chinese text needs a CJK
font that fontconfig finds (Debian: apt-get install fonts-noto-cjk); without one every character is a box.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {"timeline": (["timeline", "--format", "html"], (1150, 1000)),
         "compare": (["compare", "--format", "html"], (1000, 1250))}


def main() -> int:
    chromium = next((shutil.which(p) for p in ("chromium", "chromium-browser", "google-chrome") if shutil.which(p)),
                    None)
    if chromium is None:
        sys.exit("no Chromium found (Debian: apt-get install chromium)")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which(
        "fc-list") else "?"
    if not fonts.strip():
        sys.exit("no CJK font: the Chinese would render as boxes (Debian: apt-get install fonts-noto-cjk)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / ".dev"), os.environ.get("PYTHONPATH", "")]),
           "TZ": "UTC"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run([sys.executable, str(ROOT / "bench" / "demo_store.py"), str(db)], env=env, check=True)
        for name, (command, (width, height)) in SHOTS.items():
            page = Path(tmp) / f"{name}.html"
            subprocess.run([sys.executable, "-m", "policytrack", *command, "--db", str(db), "-o", str(page)],
                           env=env, check=True)
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--hide-scrollbars", f"--user-data-dir={Path(tmp) / 'profile'}",
                            f"--window-size={width},{height}", f"--screenshot={ROOT / 'docs' / f'{name}.png'}",
                            page.as_uri()], check=True, capture_output=True)
            print(f"wrote docs/{name}.png ({width}×{height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
