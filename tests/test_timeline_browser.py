"""The HTML timeline in a real browser (headless Chromium): the markers are drawn where the events say, and
markup smuggled into a title stays text. Skips when no Chromium is installed (Debian: apt-get install chromium).
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policytrack.cli.timeline_formats import COLOURS
from tests.realistic_store import HOSTILE, build

CHROMIUM = next((p for p in ("chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium") if shutil.which(p)),
                None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


class Elements(HTMLParser):
    """The DOM Chromium dumps, as (tag, attributes) in document order, and the text of <title>."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title, self._in_title = "", False
        self.feed(dom)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title" and len([t for t, _ in self.elements if t == "title"]) == 1

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def with_class(self, tag: str, cls: str) -> int:
        return sum(t == tag and (a.get("class") or "").startswith(cls) for t, a in self.elements)

    def events(self, cls: str) -> int:
        """Events the markers of this class stand for: one each, or an aggregated marker's data-count."""
        return sum(int(a.get("data-count") or 1) for t, a in self.elements
                   if t == "g" and (a.get("class") or "").startswith(cls))


def pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        header, idat = (data, idat) if kind == b"IHDR" else (header, idat + data if kind == b"IDAT" else idat)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and not interlace
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = line[i - bpp] if i >= bpp else 0, prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line if bpp == 3 else b"".join(line[i:i + 3] for i in range(0, stride, 4))))
        prev = line
    return width, height, rows


def blobs(png: bytes, colour: str, min_size: int = 12) -> int:
    """How many separate shapes of exactly this colour the picture holds (4-connected, at least min_size pixels).

    A piece that lies within another's bounding box is part of that shape: a tile's label cuts the tile's colour
    into pieces, and without a CJK font each glyph is an outlined box whose inside is a piece of its own."""
    width, height, rows = pixels(png)
    want = bytes.fromhex(colour.lstrip("#"))
    todo = {(x, y) for y, row in enumerate(rows) for x in range(width) if row[3 * x:3 * x + 3] == want}
    boxes: list[tuple[int, int, int, int]] = []
    while todo:
        stack, size = [todo.pop()], 0
        x0, y0 = x1, y1 = stack[0]
        while stack:
            x, y = stack.pop()
            size += 1
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
            for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if n in todo:
                    todo.remove(n)
                    stack.append(n)
        if size >= min_size:
            boxes.append((x0, y0, x1, y1))
    inside = {i for i, a in enumerate(boxes) for j, b in enumerate(boxes)
              if (a != b or i > j) and i != j and b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]}
    return len(boxes) - len(inside)


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    tmp = tmp_path_factory.mktemp("browser")
    db = build(tmp / "pt.db")
    from policytrack.cli.app import main  # in-process, as run_cli does, but module-scoped: no capsys

    page = tmp / "timeline.html"
    events_file = tmp / "events.json"
    for args in (["-f", "html", "-o", str(page)], ["--json", "-o", str(events_file)]):
        try:
            main(["timeline", *args, "--db", str(db)])
        except SystemExit as exc:
            assert not exc.code
    return page, json.loads(events_file.read_text(encoding="utf-8"))


def test_the_harness_sees_a_script_run(tmp_path: Path) -> None:
    """The control: a page whose script does run changes its title in the dumped DOM, so the check below
    would catch an injected script that ran."""
    page = tmp_path / "control.html"
    page.write_text("<!DOCTYPE html><title>quiet</title><body><script>document.title='pwned'</script>",
                    encoding="utf-8")
    assert Elements(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout).title == "pwned"


def test_markers_are_in_the_dom_and_no_injected_script_ran(timeline, tmp_path: Path) -> None:
    page, events = timeline
    result = chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = Elements(result.stdout)
    assert result.returncode == 0 and dom.title == "数据标注产业政策时间线"  # not 'pwned', not 'img'
    assert [t for t, _ in dom.elements if t in ("script", "img", "iframe", "object")] == []
    kinds = [e["kind"] for e in events]
    assert dom.events("marker target") == kinds.count("target") == 9
    # 示例省's three targets due 2027 are one aggregated marker; 山西's two of 2022 stack
    assert dom.with_class("g", "marker target many") == 1
    assert dom.with_class("g", "marker target") == 9 - 3 + 1
    assert dom.events("marker fact") == kinds.count("fact") == 2
    assert dom.events("marker document") == len(kinds) - 9 - 2  # all but the targets and the facts
    assert dom.with_class("g", "progress") == 1  # 示例省 (two targets, one line): a figure and its target
    assert dom.with_class("tr", "") == len(events) + 1
    assert HOSTILE in result.stdout.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace(
        "&quot;", '"')  # shown as text, whole


def chart_height(page: Path, window_width: int) -> int:
    """Pixels the chart takes in a window this wide: it scales to the page's width (24 px margins)."""
    width, height = map(int, re.search(r'<svg [^>]*viewBox="0 0 (\d+) (\d+)"', page.read_text("utf-8")).groups())
    return int(height * min(window_width - 48, 1650) / width)


@pytest.mark.parametrize("window", [1200, 800])
def test_the_markers_are_drawn_and_fit_the_window(timeline, tmp_path: Path, window: int) -> None:
    """In a screenshot, one diamond per place a target falls due and one square per reported figure's place
    (stacked ones overlap, aggregated ones are one), plus each colour's square in the legend; on an
    800-pixel screen too, where a chart of fixed width put the targets of 2027 off-screen."""
    page, events = timeline
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={window},{chart_height(page, window) + 200}",
             page.as_uri())
    png = shot.read_bytes()
    assert pixels(png)[0] == window
    targets = {(e["region"], e["date"]) for e in events if e["kind"] == "target"}
    facts = {(e["region"], e["date"]) for e in events if e["kind"] == "fact"}
    assert blobs(png, COLOURS["target"]) == len(targets) + 1 == 6
    assert blobs(png, COLOURS["fact"]) == len(facts) + 1 == 2


def test_a_dense_lane_is_a_screen_tall_with_its_markers_aggregated(tmp_path: Path) -> None:
    """One city's 3,000 targets due on one date and 400 documents published on one day: a marker for each
    group, whose hover title lists them, and a chart a few lanes tall (it was 26 px per stacked label)."""
    from policytrack.cli.timeline_formats import EVENT_COLUMNS, LISTED, write_html

    def event(kind: str, day: str, i: int) -> dict:
        e = dict.fromkeys(EVENT_COLUMNS)
        return e | {"date": day, "kind": kind, "region": "海口市", "province": "海南省", "document_id": i,
                    "title": f"海口市文件{i}", "subject": "数据标注企业", "value": float(i), "unit": "count",
                    "comparator": ">=", "year": int(day[:4]), "metric": "enterprises"}

    events = [event("published", "2025-03-01", i) for i in range(400)]
    events += [event("target", "2027-12-31", i) for i in range(3000)]
    page = tmp_path / "dense.html"
    with open(page, "w", encoding="utf-8") as fh:
        assert write_html(fh, iter(events), title="海口") == 3400  # one pass: a generator is enough
    dom = Elements(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout)
    assert dom.events("marker target") == 3000 and dom.with_class("g", "marker target") == 1
    assert dom.events("marker document") == 400 and dom.with_class("g", "marker document") == 1
    assert dom.with_class("tr", "") == 3401  # every event still in the table
    text = page.read_text(encoding="utf-8")
    assert f"… {3000 - LISTED} more in the table below" in text
    assert chart_height(page, 1200) < 300
    shot = tmp_path / "dense.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,500", page.as_uri())
    assert blobs(shot.read_bytes(), COLOURS["target"]) == 2  # the aggregated diamond and the legend's
