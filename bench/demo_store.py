"""Build a small, real-shaped store without the network: the national opinion and local implementations,
each rendered as a detail page and stored through the pipeline's read_document, as a fetch stores it.

    python bench/demo_store.py demo.db

The texts are shaped like the real documents (their structure, phrasing and figures), written for this demo;
the README's screenshot and tour use this store.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from policytrack.db.store import Store
from policytrack.pipeline.reading import read_document
from policytrack.sources.families import family_for
from policytrack.sources.fetcher import FetchError, decoded_page
from policytrack.sources.records import Page, SourceSpec

NATIONAL_OPINION = "关于促进数据标注产业高质量发展的实施意见"
DOCS = [
    ("全国", "national", None, "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250113_1395515.html",
     NATIONAL_OPINION, "发改数据〔2024〕1822号", "国家发展改革委 国家数据局 财政部 人力资源社会保障部",
     "2024-12-26", "2025-01-13",
     "一、总体要求\n到2027年，数据标注产业专业化、智能化及科技创新能力显著提升，产业规模大幅跃升，"
     "年均复合增长率超过20%，培育一批具有影响力的科技型数据标注企业，建设一批成效明显、特色鲜明的数据标注基地。\n"
     "二、完善职业培训体系。开展人工智能训练师、数据标注员职业技能等级认定。"),
    ("四川省", "provincial", None, "https://www.sc.gov.cn/10462/c103046/2025/4/10/abc.shtml",
     "四川省数据标注产业高质量发展行动方案（2025—2027年）", "川办发〔2025〕9号", "四川省人民政府办公厅",
     "2025-04-02", "2025-04-10",
     "为贯彻落实《关于促进数据标注产业高质量发展的实施意见》（发改数据〔2024〕1822号），制定本方案。\n"
     "到2027年，全省数据标注产业规模突破150亿元，年均复合增长率超过25%，引育数据标注企业200家以上，"
     "建设高质量数据集500个，培训持证数据标注员3万人。\n截至2024年底，全省已有数据标注企业86家，数据标注产业规模约68亿元。"),
    ("成都市", "municipal", "四川省", "https://cddsjj.chengdu.gov.cn/gkml/2025/06/18/xyz.shtml",
     "成都市支持数据标注产业发展若干措施", "成数据发〔2025〕4号", "成都市数据局",
     "2025-06-12", "2025-06-18",
     "根据《四川省数据标注产业高质量发展行动方案（2025—2027年）》（川办发〔2025〕9号），制定本措施。"
     "到2027年，全市数据标注产业规模达到80亿元，集聚数据标注从业人员5万人。"
     "对新认定的数据标注基地，给予最高500万元奖励。本措施自印发之日起施行，有效期3年。"),
    ("辽宁省", "provincial", None, "https://www.ln.gov.cn/web/zwgkx/zfwj/2025/0520/a.html",
     "辽宁省推进数据标注产业发展实施方案", "辽政办发〔2025〕12号", "辽宁省人民政府办公厅",
     "2025-05-14", "2025-05-20",
     "为落实发改数据〔2024〕1822号文件要求，到2026年，全省数据标注产业规模达到60亿元，"
     "到2027年，年均复合增长率达到22%，培育数据标注龙头企业10家左右。"),
    ("沈阳市", "municipal", "辽宁省", "https://sjj.shenyang.gov.cn/zwgk/zcwj/2025/b.html",
     "沈阳市国家数据标注基地建设方案", "沈政办发〔2025〕7号", "沈阳市人民政府办公室",
     "2025-07-01", "2025-07-08",
     "依据辽政办发〔2025〕12号，到2027年，建成高质量数据集300个以上，数据标注产业规模超过40亿元。"
     "2024年，全市数据标注产业规模约25.9亿元，从业人员达1.18万余人。"),
    ("河北省", "provincial", None, "https://www.hebei.gov.cn/columns/a/2025/c.html",
     "河北省数据标注产业发展三年行动计划（2025—2027年）", "冀政办字〔2025〕33号", "河北省人民政府办公厅",
     "2025-03-05", "2025-03-12",
     "贯彻落实《关于促进数据标注产业高质量发展的实施意见》，到2027年，全省数据标注产业规模达到100亿元，"
     "建设数据标注基地3个。"),
    ("保定市", "municipal", "河北省", "https://www.baoding.gov.cn/col/2025/d.html",
     "保定市推进数据智能产业创新发展措施", "保政办函〔2025〕21号", "保定市人民政府办公室",
     "2025-08-20", "2025-08-26",
     "每年投放总额不超过2000万元的“数智券”，每户企业每年享受奖励不超过30万元。"
     "到2027年，数据标注产业规模达到50亿元。2024年，全市数据产业规模约33亿元，同比增长22.2%。"),
]


def page_html(title: str, number: str, issuer: str, written: str, published: str, text: str) -> str:
    """A detail page shaped like the TRS pages the sites serve: meta block, 信息公开 table, body container."""
    cells = (("标题", title), ("发文机关", issuer), ("发文字号", number), ("成文日期", written),
             ("发布日期", published))
    rows = "".join(f"<tr><td>{k}：</td><td>{html.escape(v)}</td></tr>" for k, v in cells)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    return (f'<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{html.escape(title)}">'
            f'<meta name="PubDate" content="{published}"></head><body><table class="xxgk">{rows}</table>'
            f'<div class="TRS_Editor">{body}</div></body></html>')


def _no_attachments(url: str, referer: str) -> Page:
    raise FetchError(url, "the demo has no attachments")


def build(path: Path) -> None:
    """Each document as a page through the pipeline's read_document, then the store: as a fetch stores it."""
    with Store(path) as store:
        run_id = store.runs.start("2025-09-01T00:00:00Z")
        for region, level, province, url, title, number, issuer, written, published, text in DOCS:
            spec = SourceSpec(id=f"demo-{region}", name=region, region=region, level=level, kind="html_list",
                              start_urls=(url,), province=province)
            store.runs.sync_sources([spec])
            content = page_html(title, number, issuer, written, published, text).encode()
            page = decoded_page(url, url, 200, {"content-type": "text/html; charset=utf-8"}, content)
            read = read_document(page, family_for(spec), _no_attachments)
            store.documents.save(read, spec, f"{published}T08:00:00Z", run_id)
        store.runs.finish(run_id, "ok")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/demo_store.py DB")
    build(Path(sys.argv[1]))
