"""Build the demo store without the network: real documents, as far as the shared material holds them, and a
few invented ones that say so, fetched the way `policytrack fetch --replay` fetches.

    python bench/demo_store.py demo.db

The pages are written into two small WARC archives (a list page per region on demo.example.invalid, linking
each document's detail page) and replayed through `run_fetch`, the code path of `fetch`: the family reads the
page, the parser extracts the figures, the store saves the version. No figure is typed in here. The second
archive is a later visit: one invented document revised, one invented report newly listed.

REAL documents keep their real title, issuer, 发文字号 and dates as ../shared/catalogue.md and the entry's note
(../shared/notes/NN_*.txt, `Doc.note`) give them, and the official URL the note names, else the reprint or mirror
it names. Their text is a bracketed line saying the demo holds only quoted clauses of the document, then the
clauses the note puts in quotation marks (each at most one clause, exactly as quoted), and nothing else: the
stored copies are third-party excerpts whose terms forbid copying them verbatim, and the dev set
(../shared/corpus/targets_dev.jsonl) is for measuring, not for fixtures, so no text comes from it. Where the
note quotes no clause of the document, the bracketed line says so and is the whole page. A figure the notes
state without a quote (a target's year, an incentive's amount) is not on the page, so the demo does not have it.
Dates and titles the material does not give are left out or named as unconfirmed in the source note.

INVENTED documents (the revision, the figure reported later, a city implementing a province) exist because
no real pair in the material shows them. Each has 示例 in its title, its issuer and its 发文字号, its URL is on
example.invalid, its region is the fictional 示例省 / 示例市, and its text opens by saying it is invented.
"""

from __future__ import annotations

import html
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from policytrack.db.store import Store
from policytrack.parser.cleantext import joins
from policytrack.parser.relevance import KEYWORDS
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.transport import ReplayTransport

INVENTED_MARK = "示例"
INVENTED_HOST = "demo.example.invalid"
LIST_HOST = "demo.example.invalid"  # the demo's own list pages: an index of this demo, not a real site
# The two visits the archives replay (POLICYTRACK_NOW during each run), the second one a revisit.
FIRST_VISIT, SECOND_VISIT = "2026-01-15T08:00:00Z", "2026-03-02T08:00:00Z"
# Beside the default words, the related provincial plans of catalogue row 17 (AI, the digital economy) and 保定's
# 数据智能 measures (row 10, whose quoted clauses name no keyword) are kept.
DEMO_KEYWORDS = KEYWORDS + ("人工智能", "数字经济", "数据智能")


class Doc(NamedTuple):
    lane: str  # the list (source) it is listed on
    url: str
    title: str
    text: str
    number: str = ""  # 发文字号, when the material gives one
    issuer: str = ""
    written: str = ""  # 成文日期
    published: str = ""  # 发布日期 (the public release where only that is known)
    source: str = ""  # where the text and metadata come from (real documents)
    note: str = ""  # the number of its note, ../shared/notes/NN_*.txt (real documents)
    visits: tuple[int, ...] = (1, 2)  # the visits whose list shows it

    @property
    def invented(self) -> bool:
        return INVENTED_MARK in self.title


class Lane(NamedTuple):
    id: str
    region: str
    level: str
    province: str | None = None


LANES = (
    Lane("demo-national", "全国", "national"),
    Lane("demo-shanxi", "山西省", "provincial"),
    Lane("demo-datong", "大同市", "municipal", "山西省"),
    Lane("demo-baoding", "保定市", "municipal", "河北省"),
    Lane("demo-liaoning", "辽宁省", "provincial"),
    Lane("demo-shili", "示例省", "provincial"),
    Lane("demo-shili-city", "示例市", "municipal", "示例省"),
)

# -- real documents: each in ../shared/catalogue.md (its 发文字号 or URL); text: the clauses its note quotes --------

HELD = "（演示库只收录本文件的摘句，全文见原文链接。）"  # the first line of a page holding quoted clauses
NOT_HELD = "（演示库未收录本文件的摘句："  # the first line's start where the note quotes no clause of the document


def quoted(*clauses: str, horizon: str | None = None) -> str:
    """A real document's text: the bracketed line, then each clause its note quotes, exactly as quoted, a
    line each. With `horizon` (the year the note files the clauses under, 到2027年), each line is that horizon,
    the clause and a full stop: the note's fact that the clause aims at that year, in the document's own form.
    The clauses are not contiguous in the document, so none may run on into the next: a line of 16 or more
    characters without a sentence mark is read as a PDF's broken line and joined to the next
    (parser/cleantext.joins), so such a clause can only come last."""
    lines = [f"{horizon}，{c}。" for c in clauses] if horizon else list(clauses)
    for line, after in zip(lines, lines[1:], strict=False):
        if joins(line, after):
            raise ValueError(f"{line!r} would run on into {after!r}: put it last")
    return "\n".join((HELD, *lines))


def not_held(why: str) -> str:
    return f"{NOT_HELD}{why}全文见原文链接。）"


REAL = (
    Doc("demo-national", "https://home.wuhan.gov.cn/zcfg/202501/t20250113_2517180.shtml",
        "关于促进数据标注产业高质量发展的实施意见",
        quoted("产业规模大幅跃升，年均复合增长率超过20%", horizon="到2027年"),
        number="发改数据〔2024〕1822号", issuer="国家发展改革委、国家数据局、财政部、人力资源社会保障部",
        published="2025-01-13", note="01",
        source="catalogue 01 and notes/01: the one clause the note quotes, under its year 到2027年; URL the"
               " 武汉市数据局 reprint the note names (no official URL found); 成文日期 not found, so left out"),
    Doc("demo-national", "https://www.chinastor.com/ai/163819954228378.html",
        "人工智能训练师国家职业技能标准（2021年版）",
        not_held("共享笔记只引用了补贴指南和转述的措辞，没有引用本标准的原文；"),
        issuer="人力资源社会保障部、工业和信息化部", note="03",
        source="catalogue 03 and notes/03 (no 文号; 职业编码 4-04-05-05): the note quotes no clause of the standard"
               " itself (职业技能等级证书 is subsidy guides' wording); URL the chinastor copy the note names;"
               " date ~2021-11 only, left out"),
    Doc("demo-national", "http://wugangjinchuang.com/web/gdxw/2025-03/20/content_312424.html",
        "七个国家数据标注基地建设进展（新华社）",
        not_held("共享笔记只记下了这篇报道的数字，没有引用原文；"),
        issuer="国家数据局（新华社报道）", published="2025-03-20", note="02",
        source="catalogue 02 and notes/02 (a news report of 国家数据局 figures, no 文号): the note quotes other"
               " reports, not this one; URL the mirror the note names"),
    Doc("demo-shanxi", "http://jdxmgl.com/clients_view.aspx?fid=t25%3A217%3A25&id=633&typeid=217",
        "山西省人民政府关于促进数据标注产业发展的实施意见",
        quoted("引进培育100家以上数据标注企业", "就 业人员规模超过1万人", horizon="到2022年"),
        number="晋政发〔2019〕14号", issuer="山西省人民政府", note="07",
        source="catalogue 07 and notes/07: the two target clauses the note quotes under 到2022年 (its stray"
               " space kept); title as commonly cited, unconfirmed; URL the mirror the note names; date 2019"
               " only, left out"),
    Doc("demo-shanxi", "http://www.sxpaec.cn/shizhengyaowen/2008719665955987458.html",
        "山西省推进数字经济全面发展实施方案（2026—2028年）",
        not_held("共享笔记只记下了本文件的目标，没有引用原文；"),
        number="晋政办发〔2025〕36号", issuer="山西省人民政府办公厅", published="2025-12-31", note="17",
        source="catalogue 17 (D) and notes/17: its target is noted, not quoted; URL the one the note names"),
    Doc("demo-datong", "https://easyshb.com/jrfw/article/XtcVvhsSL2AqhvZt9rw6AQ.htm?index=557",
        "大同市国家级数据标注基地建设实施方案",
        not_held("共享笔记只有这份文件的摘录笔记，没有引用条款；"),
        number="同政办发〔2024〕44号", issuer="大同市人民政府办公室", written="2024-12-11", published="2024-12-11",
        note="08", source="catalogue 08 and notes/08: the note quotes slogans of it, no clause; URL the mirror the"
                          " note names"),
    Doc("demo-datong", "https://www.dt.gov.cn/2021zt/ebook/szfgb/2022-6/files/basic-html/page32.html",
        "大同市人民政府公报 2022年第6期 第32页（数据呼叫（标注）产业扶持政策）",
        not_held("共享笔记只记下了这一页的扶持标准，没有引用原文；"),
        issuer="大同市人民政府办公室", note="09",
        source="catalogue 09 and notes/09 (no 文号 in the excerpt; the policy's own title is not in it, so the"
               " title names the gazette page): the note quotes nothing; URL the official page"),
    Doc("demo-baoding", "https://www.tangxian.gov.cn/zwgknr-1541-392666.html",
        "保定市推进数据智能产业创新发展措施",
        quoted("达到30万元以上的", "按实际支出费用给予30%奖励"),
        issuer="保定国家数据标注基地建设工作专班", published="2025-02-17", note="10",
        source="catalogue 10 and notes/10: the two clauses of measure 1 the note quotes; URL the official 唐县人民"
               "政府 reprint; 文号 not in the excerpt"),
    Doc("demo-liaoning", "https://news.520renben.com/d/9761.html",
        "辽宁省促进人工智能创新发展实施方案",
        quoted("创建一批高质量行业数据集"),
        number="辽政办发〔2025〕9号", issuer="辽宁省人民政府办公厅", published="2025-06-05", note="17",
        source="catalogue 17 (B) and notes/17: the one clause the note quotes; URL one of the two the note names"),
)

# -- invented documents: 示例 in title, issuer and 发文字号, example.invalid URLs, a fictional region -----------

_INVENTED_NOTE = "（示例文件：本文为演示虚构，不是真实政策，地区、机关、文号和数字均为虚构。）\n"
_PLAN = "示例省数据标注产业发展行动方案（示例）"
_PLAN_TEXT = (_INVENTED_NOTE + "为贯彻落实《关于促进数据标注产业高质量发展的实施意见》（发改数据〔2024〕1822号），制定"
                               "本方案。\n"
              "到2027年，全省数据标注产业规模达到{scale}亿元，年均复合增长率超过25%，引育数据标注企业100家以上。\n"
              "对新认定的数据标注基地，给予最高500万元奖励。开展人工智能训练师（数据标注员）职业技能等级认定。\n"
              "本方案自印发之日起施行，有效期3年。")
_PLAN_URL = f"https://{INVENTED_HOST}/shili/plan.html"
_PLAN_META = dict(number="示例数发〔2025〕1号", issuer="示例省数据局（虚构）", written="2025-03-03",
                  published="2025-03-10")

INVENTED = (
    Doc("demo-shili", _PLAN_URL, _PLAN, _PLAN_TEXT.format(scale=50), **_PLAN_META, visits=(1,)),
    Doc("demo-shili", _PLAN_URL, _PLAN, _PLAN_TEXT.format(scale=100), **_PLAN_META, visits=(2,)),  # the revision
    Doc("demo-shili", f"https://{INVENTED_HOST}/shili/report.html", "示例省数据标注产业发展情况通报（示例）",
        _INVENTED_NOTE + "截至2024年底，全省数据标注产业规模约32亿元，已有数据标注企业68家。",
        number="示例数函〔2025〕2号", issuer="示例省数据局（虚构）", published="2025-09-15", visits=(2,)),
    Doc("demo-shili-city", f"https://{INVENTED_HOST}/shili-city/measures.html",
        "示例市支持数据标注产业发展若干措施（示例）",
        _INVENTED_NOTE + "根据《示例省数据标注产业发展行动方案（示例）》（示例数发〔2025〕1号），制定本措施。\n"
        "到2027年，全市数据标注产业规模达到20亿元，集聚数据标注从业人员1万人。\n"
        "对数据标注企业年度业务收入首次突破1亿元的，给予一次性奖励100万元。本措施自印发之日起施行，有效期3年。",
        number="示例市数发〔2025〕3号", issuer="示例市数据局（虚构）", written="2025-06-12", published="2025-06-18"),
)
DOCS = REAL + INVENTED
# The real documents' 发文字号 or URL (as the catalogue names them) with their source notes: what the test
# checks the store against when ../shared is absent.
REAL_IDS = {doc.number or doc.url: doc.source for doc in REAL}


def list_urls(lane: Lane) -> tuple[str, str]:
    """Two lists per lane: the dated documents, and those the material gives no date for (a list drops
    undated items beside dated ones as navigation links, so they are listed apart)."""
    return f"https://{LIST_HOST}/{lane.id}/index.html", f"https://{LIST_HOST}/{lane.id}/undated.html"


def detail_html(doc: Doc) -> str:
    """A detail page shaped like the TRS pages the sites serve (meta block, 信息公开 table, body container),
    with a note outside the body saying where its text comes from."""
    cells = [("标题", doc.title), ("发文机关", doc.issuer), ("发文字号", doc.number), ("成文日期", doc.written),
             ("发布日期", doc.published)]
    rows = "".join(f"<tr><td>{k}：</td><td>{html.escape(v)}</td></tr>" for k, v in cells if v)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in doc.text.split("\n"))
    note = ("invented for the policytrack demo" if doc.invented
            else f"rebuilt for the policytrack demo from the clauses its note quotes: {doc.source}")
    date_meta = f'<meta name="PubDate" content="{doc.published}">' if doc.published else ""
    return (f'<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{html.escape(doc.title)}">'
            f'{date_meta}</head><body><!-- {html.escape(note)} --><table class="xxgk">{rows}</table>'
            f'<div class="TRS_Editor">{body}</div></body></html>')


def list_html(lane: Lane, docs: list[Doc]) -> str:
    items = "".join(f'<li><a href="{html.escape(d.url)}" title="{html.escape(d.title)}">{html.escape(d.title)}</a>'
                    f'<span>{d.published}</span></li>' for d in docs)
    return (f'<html><head><meta charset="utf-8"><title>{lane.region} (policytrack demo list)</title></head>'
            f'<body><ul class="u-list">{items}</ul></body></html>')


def write_archive(path: Path, visit: int) -> Path:
    """One visit's pages as WARC response records, the shape `wget --warc-file` and `fetch --record` write."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages: list[tuple[str, str]] = []
    for lane in LANES:
        listed = [d for d in DOCS if d.lane == lane.id and visit in d.visits]
        dated_list, undated_list = list_urls(lane)
        pages.append((dated_list, list_html(lane, [d for d in listed if d.published])))
        pages.append((undated_list, list_html(lane, [d for d in listed if not d.published])))
        pages += [(d.url, detail_html(d)) for d in listed]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, text in pages:
            body = text.encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))
    return path


def specs() -> list[SourceSpec]:
    hosts_of = {lane.id: {LIST_HOST} for lane in LANES}
    for doc in DOCS:
        hosts_of[doc.lane].add(doc.url.split("/")[2])
    return [SourceSpec(id=lane.id, name=f"{lane.region} (demo)", region=lane.region, level=lane.level,
                       kind="html_list", start_urls=list_urls(lane), hosts=tuple(sorted(hosts_of[lane.id])),
                       province=lane.province,
                       max_pages=1, title_filter=False, keywords=DEMO_KEYWORDS,
                       options={"item": "ul.u-list > li", "expect_min": 0})
            for lane in LANES]


def build(path: Path) -> None:
    """Two replayed fetch runs into the store at `path`, at FIRST_VISIT and SECOND_VISIT."""
    saved = os.environ.get("POLICYTRACK_NOW")
    try:
        with tempfile.TemporaryDirectory() as tmp, Store(path) as store:
            for visit, at in ((1, FIRST_VISIT), (2, SECOND_VISIT)):
                os.environ["POLICYTRACK_NOW"] = at
                archive = write_archive(Path(tmp) / f"visit{visit}.warc.gz", visit)
                reports = run_fetch(store, ReplayTransport([archive]), specs(), polite=False, robots=False,
                                    max_workers=1)
                failed = [f"{r.source_id}: {r.fatal or r.error_messages}" for r in reports
                          if not r.ok or r.errors or r.skipped]
                if failed:
                    raise SystemExit("the demo store did not build: " + "; ".join(failed))
    finally:
        if saved is None:
            os.environ.pop("POLICYTRACK_NOW", None)
        else:
            os.environ["POLICYTRACK_NOW"] = saved


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/demo_store.py DB")
    build(Path(sys.argv[1]))
