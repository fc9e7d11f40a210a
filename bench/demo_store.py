"""Build the demo store without the network: real documents, as far as the shared material holds them, and a
few invented ones that say so, fetched the way `policytrack fetch --replay` fetches.

    python bench/demo_store.py demo.db

The pages are written into two small WARC archives (a list page per region on demo.example.invalid, linking
each document's detail page) and replayed through `run_fetch`, the code path of `fetch`: the family reads the
page, the parser extracts the figures, the store saves the version. No figure is typed in here. The second
archive is a later visit: one invented document revised, one invented report newly listed.

REAL documents keep their real title, issuer, 发文字号, date and the URL where the excerpt was seen; their text
is the excerpt the shared material holds (../shared/corpus/targets_dev.jsonl, ../shared/notes/), never more,
and where no excerpt of the text is held (大同's 同政办发〔2024〕44号) the page says so instead of inventing one.
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
from policytrack.parser.relevance import KEYWORDS
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.transport import ReplayTransport

INVENTED_MARK = "示例"
INVENTED_HOST = "demo.example.invalid"
LIST_HOST = "demo.example.invalid"  # the demo's own list pages: an index of this demo, not a real site
# The two visits the archives replay (POLICYTRACK_NOW during each run), the second one a revisit.
FIRST_VISIT, SECOND_VISIT = "2026-01-15T08:00:00Z", "2026-03-02T08:00:00Z"
# Beside the default words, the related provincial plans of catalogue row 17 (AI, the digital economy) are kept.
DEMO_KEYWORDS = KEYWORDS + ("人工智能", "数字经济")


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

# -- real documents: each in ../shared/catalogue.md (its 发文字号 or URL), text as the shared excerpt ----------

REAL = (
    Doc("demo-national", "http://finance.eastmoney.com/a/202501133294889958.html",
        "关于促进数据标注产业高质量发展的实施意见",
        "《意见》提出,到2027年,数据标注产业专业化、智能化及科技创新能力显著提升,产业规模大幅跃升,年均复合增长率超过20%,"
        "培育一批具有影响力的科技型数据标注企业,打造一批产学研用联动的创新载体,建设一批成效明显、特色鲜明的数据标注基地"
        ","
        "形成相对完善的数据标注产业生态,构建创新要素聚集、产业链上下游联动、区域协同发展的新格局。",
        number="发改数据〔2024〕1822号", issuer="国家发展改革委、国家数据局、财政部、人力资源社会保障部",
        published="2025-01-13",
        source="catalogue 01; text: corpus e001 (中国证券报 via eastmoney); 成文日期 not found, so left out"),
    Doc("demo-national", "https://www.chinastor.com/ai/163819954228378.html",
        "人工智能训练师国家职业技能标准（2021年版）",
        "1.2 职业编码\n4-04-05-05\n1.3 职业定义\n使用智能训练软件,在人工智能产品实际使用过程中进行数据库管理、算法参数"
        "设置、"
        "人机交互设计、性能测试跟踪及其他辅助作业的人员。\n本职业包含数据标注员、人工智能算法测试员两个工种。\n"
        "1.4 职业技能等级\n本职业共设 5 个等级,分别为:五级/初级工、四级/中级工、三级/高级工、\n二级/技师、一级/高级技师"
        "。\n"
        "1.8 培训参考学时\n五级/初级工 60 标准学时;四级/中级工 50 标准学时;三级/高级工 40 标准学时;二级/技师 40 标准学"
        "时;"
        "一级/高级技师 30 标准学时。\n1.9 职业技能鉴定要求\n1.9.1 申报条件\n具备以下条件之一者,可申报五级/初级工:\n"
        "(1)累计从事本职业或相关职业①工作 1 年(含)以上。\n(2)本职业或相关职业学徒期满。",
        issuer="人力资源社会保障部、工业和信息化部",
        source="catalogue 03 (no 文号; 职业编码 4-04-05-05); text: corpus b039 (chinastor); date ~2021-11 only,"
               " left out"),
    Doc("demo-national", "http://wugangjinchuang.com/web/gdxw/2025-03/20/content_312424.html",
        "七个国家数据标注基地建设进展（新华社）",
        "新華社記者 嚴(yán)賦憬\n"
        "記者20日從國家數(shù)據(jù)局了解到,我國七個(gè)數(shù)據(jù)標(biāo)注基地?cái)?shù)據(jù)標(biāo)注規(guī)模"
        "再創(chuàng)新高,"
        "數(shù)據(jù)標(biāo)注總規(guī)模達(dá)到17282TB,相當(dāng)于中國國家圖書館數(shù)字資源總量的6倍左右。\n"
        "數(shù)據(jù)標(biāo)注是對(duì)數(shù)據(jù)進(jìn)行添加標(biāo)記、說明、解釋、分類和編碼的過程,是提升人工"
        "智能算法、"
        "模型核心能力的關(guān)鍵環(huán)節(jié)。我國七個(gè)數(shù)據(jù)標(biāo)注基地分別位于四川成都、遼寧沈陽、安"
        "徽合肥、湖南長沙、"
        "海南海口、河北保定和山西大同,目前已形成醫(yī)療、工業(yè)、教育等行業(yè)的高質(zhì)量數(shù)據(jù)集335個"
        "(gè);"
        "賦能121個(gè)國產(chǎn)人工智能大模型研發(fā);引進(jìn)和培育標(biāo)注企業(yè)223家;標(biāo)注從業(yè)人員達"
        "(dá)5.8萬人;"
        "帶動(dòng)數(shù)據(jù)標(biāo)注行業(yè)相關(guān)產(chǎn)值超過83億元。",
        issuer="国家数据局（新华社报道）", published="2025-03-20",
        source="catalogue 02 (a news report of 国家数据局 figures, no 文号);"
               " text: corpus b017 (traditional-character mirror)"),
    Doc("demo-shanxi", "http://jdxmgl.com/clients_view.aspx?fid=t25%3A217%3A25&id=633&typeid=217",
        "山西省人民政府关于促进数据标注产业发展的实施意见",
        "二、发展目标\n到2022年,引进培育100家以上数据标注企业,就 业人员规模超过1万人,初步形成集数据采集、数据清洗、数据"
        "标注、"
        "数据交易、数据应用为一体的基础数据服务产业体系,初步建成涵盖无人驾驶、工业质检、医疗服务等领域的基础数据开放平"
        "台,"
        "人工智能创新应用生态初步显现,数据标注产业年产值达20亿元。\n到2025年,基础数据服务体系基本完善,"
        "人工智能基础数据开放平台影响力大幅提升,山西成为全国领先的基础数据产业聚集地,数据标注产业年产值达到50亿元,"
        "基础数据服务产值达到150亿元,带动人工智能相关产值达到500亿元。",
        number="晋政发〔2019〕14号", issuer="山西省人民政府",
        source="catalogue 07; title as commonly cited, unconfirmed (notes/07); text: corpus e060 (jdxmgl mirror); "
               "date 2019 only, left out"),
    Doc("demo-shanxi", "http://www.sxpaec.cn/shizhengyaowen/2008719665955987458.html",
        "山西省推进数字经济全面发展实施方案（2026—2028年）",
        "到2028年,数字经济及核心产业增加值年均增速达8%左右。",
        number="晋政办发〔2025〕36号", issuer="山西省人民政府办公厅", published="2025-12-31",
        source="catalogue 17 (D); text: corpus e066 (sxpaec mirror), its last sentence"),
    Doc("demo-datong", "https://easyshb.com/jrfw/article/XtcVvhsSL2AqhvZt9rw6AQ.htm?index=557",
        "大同市国家级数据标注基地建设实施方案",
        "（演示库未收录本文正文：共享资料只有这份文件的摘录笔记，没有可引用的原文。）",
        number="同政办发〔2024〕44号", issuer="大同市人民政府办公室", written="2024-12-11", published="2024-12-11",
        source="catalogue 08; no text held (notes/08 are notes, not the text), so the page says so"),
    Doc("demo-datong", "https://www.dt.gov.cn/2021zt/ebook/szfgb/2022-6/files/basic-html/page32.html",
        "大同市人民政府公报 2022年第6期 第32页（数据呼叫（标注）产业扶持政策）",
        "6/2022 大同市人民政府公报 ·大同市人民政府办公室文件·\n"
        "心为相关企业或组织提供咨询、投诉、售后、帮 贴,场地补贴总额为 10000 元/有效席位。前 3 年\n"
        "助、市场推广等服务而出现的一种产业形态。 (含) 按照有效席位给予 2500 元/年的场地补贴,\n"
        "2、数据标注产业:数据标注产业是指企业 第 4~5 年按照有效席位给予 1250 元/年的场地补\n"
        "通过组织标注人员借助特定软件标注工具,以人 贴。\n"
        "工的方式为图片、语音、文本、视频等数据内容 2、采取灵活供地政策支持产业发展,数据\n"
        "打上特征标签,使计算机通过大量学习这些带有 呼叫 (标注) 企业自建办公用房,优先列入城市\n"
        "特征标签的数据,最终具备自主识别特征的一种 建设规划、土地利用总体规划和年度计划,优先\n"
        "产业形态。 保障土地供应,在通讯、交通等城市基础设施方\n"
        "第二章 扶持政策 面预留充分发展空间;对依据大同市城乡规划在\n"
        "第二条 有效坐席 旧工业区、旧村、旧城区改造建设自用办公用房\n"
        "数据呼叫 (标注) 企业提供下列资料,经审 或产业园区 (基地),对企业盘活的老旧存量\n"
        "查合格可认定为有效坐席: 房,一次性给予 30%改造补贴,最高不超过 500\n"
        "1、企业为单一员工 (或 3名以下员工) 发放 万元,补贴采用先改后补的方式一次性兑现。",
        issuer="大同市人民政府办公室",
        source="catalogue 09 (official page, no 文号 in the excerpt; the policy's own title is not in it, so the "
               "title names the gazette page); text: corpus a019, two columns interleaved as the e-book has them"),
    Doc("demo-baoding", "https://www.tangxian.gov.cn/zwgknr-1541-392666.html",
        "保定市推进数据智能产业创新发展措施",
        "1.推动数据资源普惠供给。以普惠数据降低大数据/人工智能企业研发成本,降低大数据/人工智能企业数据资源使用成本,"
        "促进数据流通、人工智能大模型开发训练和应用推广。每年投放总额不超过2000万元的“数智券”,支持数据、算力、算法创新"
        "应用,"
        "企业根据自身需求开展数据产权登记、数据撮合交易、数据资源入表、数据资产融资、算力资源租赁、购买大模型应用产品或"
        "者使用大模型技术与服务,年度总额达到30万元以上的,按实际支出费用给予30%奖励,每户企业每年享受奖励不超过30万元。"
        "对特别重大的项目,可采用“一事一议”方式支持。",
        issuer="保定国家数据标注基地建设工作专班", published="2025-02-17",
        source="catalogue 10 (唐县人民政府 reprint; 文号 not in the excerpt); text: corpus e041, measure 1"),
    Doc("demo-liaoning", "https://news.520renben.com/d/9761.html",
        "辽宁省促进人工智能创新发展实施方案",
        "投资界6月11日消息,辽宁省印发《辽宁省促进人工智能创新发展实施方案》。其中提到,到2027年,实现以沈阳、大连“双核”"
        "牵引辐射带动,各地协同共进,千行百业深度赋能,打造人工智能创新发展和融合应用的新高地。全省算力基础设施建设体系基"
        "本形成,实现5000PFLOPS以上算力规模,攻克100项以上关键技术,培育300家以上人工智能规模以上企业、5家以上行业龙头企业和"
        "8个人工智能融合发展产业集群。人工智能领域科技创新能级稳步提升,应用场景赋能全面拓展,培育5个以上具有重要影响力的"
        "垂直大模型,创建一批高质量行业数据集,打造100个以上可复制推广的标杆应用场景,发布200个以上融合示范案例,"
        "涌现一批创新典型做法和行业应用,人工智能核心产业规模达到1000亿元。",
        number="辽政办发〔2025〕9号", issuer="辽宁省人民政府办公厅", published="2025-06-05",
        source="catalogue 17 (B); text: corpus e063 (投资界 report via 520renben)"),
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
            else f"rebuilt for the policytrack demo from a stored excerpt: {doc.source}")
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
