"""A real-shaped store for the timeline, export and browser tests: bench/demo_store.py (the national opinion
发改数据〔2024〕1822号 and provincial and city plans with targets and reported figures, through the real
extractor), plus one document whose title tries to inject markup and break tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from policytrack.db.store import Store
from policytrack.parser.documents import DocPage
from policytrack.parser.extract import PARSER_VERSION, extract
from policytrack.sources.records import SourceSpec
from tests.conftest import read_of

HOSTILE = ("关于<script>document.title='pwned'</script>数据标注|\"A&B\""
           "<img src=x onerror=\"document.title='img'\">的通知")
DEMO = Path(__file__).parents[1] / "bench" / "demo_store.py"


def build(path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("demo_store", DEMO)
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    demo.build(path)
    with Store(path) as store:
        source = SourceSpec(id="x", name="x", region="海南省", level="provincial", kind="html_list",
                            start_urls=("https://x.gov.cn/",))
        text = "到2026年，数据标注企业超过30家。"
        page = DocPage(url="https://x.gov.cn/1", title=HOSTILE, body_text=text, published_date="2025-09-09",
                       doc_number="琼府〔2025〕1号")
        store.documents.save(read_of(page, text, extraction=extract(text), parser_version=PARSER_VERSION), source,
                             "2025-09-10T00:00:00Z")
    return path
