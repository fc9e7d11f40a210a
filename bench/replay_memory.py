"""Replay memory against archive size: `fetch --replay` of the national fixture (11 sources, the same pages
fetched each time) with the archive padded by 0 / 50 / 200 / 500 MB of records nobody asks for, as a capture
of whole sites is. Goal: peak memory with 500 MB of padding within 1.3× of the unpadded run.

    python bench/replay_memory.py [--pad 0,50,200,500]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from measure import POLICYTRACK, ratio, run
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "national.warc.gz"
RECORD = 256 * 1024  # a picture or an attachment; random bytes, so the archive is as large as its padding


def padding(fh: io.BufferedWriter, mb: int, tag: str) -> None:
    writer = WARCWriter(fh, gzip=True)
    for i in range(mb * 1024 * 1024 // RECORD):
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg"), ("Content-Length", str(RECORD))],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://static.example.gov.cn/{tag}/{i}.jpg", "response",
                                                      payload=io.BytesIO(os.urandom(RECORD)), http_headers=http))


def padded(path: Path, mb: int) -> Path:
    """The fixture's records between two halves of the padding (gzip members concatenate)."""
    with open(path, "wb") as fh:
        padding(fh, mb // 2, "before")
        fh.write(FIXTURE.read_bytes())
        padding(fh, mb - mb // 2, "after")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pad", default="0,50,200,500")
    a = ap.parse_args()
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "config").mkdir()
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")  # the built-in sources only
        for mb in (int(x) for x in a.pad.split(",")):
            archive = padded(root / f"pad{mb}.warc.gz", mb)
            db = root / f"pad{mb}.db"
            wall, peak, cpu = run([*POLICYTRACK, "fetch", "--replay", str(archive), "--level", "national",
                              "--db", str(db)])
            out[f"+{mb} MB"] = {"archive_mb": round(archive.stat().st_size / 1e6, 1), "wall_s": round(wall, 2),
                                "cpu_s": round(cpu, 2), "peak_mb": round(peak, 1)}
            archive.unlink()
            shutil.rmtree(db, ignore_errors=True) if db.is_dir() else db.unlink(missing_ok=True)
    base = next(iter(out.values()))["peak_mb"]
    for row in out.values():
        row["peak_vs_unpadded"] = ratio(row["peak_mb"], base)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
