"""parser/gov_page.py: detail pages of the real site families, every body container, 信息公开 shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.parser import doc_numbers
from policytrack.parser.gov_page import (
    BODY_SELECTORS,
    PageError,
    parse_detail,
    signature,
)

SITES = Path(__file__).parent / "fixtures" / "sites"


def read(rel: str) -> str:
    return (SITES / rel).read_text(encoding="utf-8")


def test_ndrc_detail_page() -> None:
    url = "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250113_1395515.html"
    doc = parse_detail(read("ndrc/t20250113_1395515.html"), url)
    assert doc.title == "关于促进数据标注产业高质量发展的实施意见"
    assert doc.doc_number == "发改数据〔2024〕1822号"
    assert doc.issuer == "国家发展改革委 国家数据局 财政部 人力资源社会保障部"  # the signature block
    assert doc.published_date == "2025-01-13"
    assert doc.source_name == "国家数据局"
    assert "到2027年" in doc.body_text and "年均复合增长率超过20%" in doc.body_text
    # paragraphs are lines; inline spans do not split them; indentation and &nbsp; are gone
    assert "产业规模大幅跃升，年均复合增长率超过20%；培育一批具有影响力" in doc.body_text
    assert "\n数据标注产业，是对数据开展筛选" in doc.body_text
    assert not any(ch in doc.body_text for ch in "\u3000\xa0")
    for chrome in ("字号", "京ICP备", "打印", "当前位置", "_hmt", "text-indent"):
        assert chrome not in doc.body_text
    assert [(a.url, a.name) for a in doc.attachments] == [(
        "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/P020250113516361239452.pdf",
        "关于促进数据标注产业高质量发展的实施意见（主要任务）.pdf",
    )]
    assert doc.tables == ["序号 | 重点任务 | 牵头单位\n1 | 释放公共数据标注需求 | 国家数据局\n"
                          "2 | 健全数据标注标准 | 国家数据局、市场监管总局\n"
                          "3 | 加强人才培养 | 人力资源社会保障部"]
    assert "3 | 加强人才培养 | 人力资源社会保障部" in doc.body_text.splitlines()


def test_govcn_policy_library_page() -> None:
    doc = parse_detail(read("govcn/content_6995430.htm"),
                       "https://www.gov.cn/zhengce/zhengceku/202412/content_6995430.htm")
    assert doc.title == "关于促进数据产业高质量发展的指导意见"  # from the table: no ArticleTitle meta
    assert doc.issuer == "国家发展改革委 国家数据局 教育部 财政部 金融监管总局 中国证监会"
    assert doc.doc_number is None  # the empty placeholder 〔〕 is no number
    assert doc.source_name == "国家发展改革委网站"
    assert doc.topic == "工业、交通\\信息产业（含电信）"
    assert doc.published_date == "2024-12-31" and doc.written_date is None
    assert "到2029年，数据产业规模年均复合增长率超过15%" in doc.body_text
    assert "移动版正文" not in doc.body_text  # the first of the two #UCAP-CONTENT
    assert "发文机关" not in doc.body_text and "版权所有" not in doc.body_text


def test_govcn_older_bd1_table_and_layout_tables() -> None:
    doc = parse_detail(read("govcn/content_5667817.htm"),
                       "https://www.gov.cn/zhengce/content/2022-01/12/content_5667817.htm")
    assert doc.title == "国务院关于印发“十四五”数字经济发展规划的通知"
    assert doc.index_no == "000014349/2022-00005"
    assert (doc.issuer, doc.doc_number) == ("国务院", "国发〔2021〕29号")
    assert (doc.written_date, doc.published_date) == ("2021-12-12", "2022-01-12")
    assert doc.body_text.startswith("各省、自治区、直辖市人民政府")
    assert "7.8%" in doc.body_text and doc.tables == []


def test_nda_detail_meta_dotted_date_and_signature_date() -> None:
    doc = parse_detail(read("nda/20240105174016378512938_pc.html"),
                       "https://www.nda.gov.cn/sjj/zwgk/zcfb/0105/20240105174016378512938_pc.html")
    assert doc.title.startswith("国家数据局等部门关于印发《“数据要素×”三年行动计划")
    assert doc.published_date == "2024-01-05"  # PubDate 2024.01.05
    assert doc.written_date == "2023-12-31"  # the date under the signatures
    assert doc.doc_number == "国数政策〔2023〕11号"
    assert doc.issuer == "国家数据局 中央网信办 科技部 工业和信息化部"
    assert doc.attachments[0].url == "https://www.nda.gov.cn/sjj/zwgk/zcfb/0105/P020240105582341195812.pdf"
    assert "【打印】" not in doc.body_text and not doc.body_text.startswith("国家数据局等部门")


def test_mohrss_detail_body_and_docx_attachment() -> None:
    doc = parse_detail(read("mohrss/t20211126_428915.html"),
                       "https://www.mohrss.gov.cn/SYrlzyhshbzb/zwgk/gggs/tg/202111/t20211126_428915.html")
    assert doc.title.startswith("人力资源社会保障部办公厅 工业和信息化部办公厅关于颁布人工智能训练师")
    assert "4-04-05-05" in doc.body_text and "字体" not in doc.body_text and "打印本页" not in doc.body_text
    assert doc.issuer == "人力资源社会保障部办公厅 工业和信息化部办公厅"
    assert doc.attachments[0].url.endswith("/tg/202111/P020211126512345678901.docx")
    assert doc.attachments[0].name == "人工智能训练师国家职业技能标准（2021年版）.docx"


CONTAINERS = {
    "#UCAP-CONTENT": ('<td id="UCAP-CONTENT">', "</td>"),
    "div.pages_content": ('<div class="pages_content">', "</div>"),
    ".trs_editor_view": ('<div class="view trs_editor_view TRS_UEDITOR trs_paper_default">', "</div>"),
    "div.TRS_UEDITOR": ('<div class="TRS_UEDITOR">', "</div>"),
    "div.TRS_Editor": ('<div class="TRS_Editor">', "</div>"),
    "ucapcontent": ("<ucapcontent>", "</ucapcontent>"),
    "div#ivs_content": ('<div id="ivs_content">', "</div>"),
    "div.wzcon": ('<div class="wzcon">', "</div>"),
    "#insMainConTxt": ('<div id="insMainConTxt">', "</div>"),
    "div.article_con": ('<div class="article_con">', "</div>"),
    "div.article": ('<div class="article">', "</div>"),
    ".ccontent": ('<div class="ccontent">', "</div>"),
    "#con_con": ('<div id="con_con">', "</div>"),
    "#mainText": ('<div id="mainText">', "</div>"),
    ".detail_content": ('<div class="detail_content">', "</div>"),
    "div.zwgkdetail": ('<div class="zwgkdetail">', "</div>"),
    ".BodyLabel": ('<div class="BodyLabel">', "</div>"),
    ".my_doccontent": ('<div class="my_doccontent">', "</div>"),
    "#zoom": ('<div id="zoom">', "</div>"),
    ".art_p": ('<div class="art_p">', "</div>"),
}


def test_every_body_selector_has_a_case() -> None:
    assert set(CONTAINERS) == set(BODY_SELECTORS)


@pytest.mark.parametrize("selector", list(CONTAINERS))
def test_body_container(selector: str) -> None:
    start, end = CONTAINERS[selector]
    body = f"{start}<p>到2027年，数据标注产业\n      年均复合增长率超过20%。</p><p>第二段。</p>{end}"
    if start.startswith("<td"):
        body = f"<table><tr>{body}</tr></table>"
    html = (f"<html><head><title>某某实施方案_某某市人民政府</title></head><body>"
            f"<div class='nav'>首页 网站地图</div>"
            f"<div class='wrap'>{body}</div><div class='foot'>版权所有 网站标识码1234</div></body></html>")
    doc = parse_detail(html, "https://example.gov.cn/a/t20250101_1.html")
    assert doc.body_text == "到2027年，数据标注产业年均复合增长率超过20%。\n第二段。"
    assert doc.title == "某某实施方案"


def test_site_specific_selectors_come_after_the_shared_ones() -> None:
    html = ("<html><body><div class='nav'>导航 栏目一 栏目二</div>"
            "<div class='DocHtmlCon Box'><p>正文内容。</p></div>"
            "<div class='side'>相关链接</div></body></html>")
    own = parse_detail(html, "https://x.gov.cn/1.html", body_selectors=[".DocHtmlCon.Box"])
    assert own.body_text == "正文内容。"
    loose = parse_detail(html, "https://x.gov.cn/1.html").body_text  # falls back to <body>
    assert "正文内容。" in loose and "相关链接" in loose
    both = ("<html><body><div class='TRS_Editor'><p>共享容器。</p></div>"
            "<div class='mine'><p>别处</p></div></body></html>")
    shared = parse_detail(both, "https://x.gov.cn/2.html", body_selectors=["div.mine"])
    assert shared.body_text == "共享容器。"
    # a malformed site selector is skipped
    assert parse_detail(html, "https://x.gov.cn/1.html", body_selectors=["div[[["]).body_text


def test_beijing_bracketed_metadata_and_two_datetime_pubdate() -> None:
    html = """<html><head><meta name="ArticleTitle" content="北京市关于某事项的通知">
    <meta name="PubDate" content="2025-01-06 09:30:002025-01-06 09:30:00">
    <meta name="ContentSource" content="北京市人民政府办公厅"></head><body>
    <div class="container"><ol class="doc-info">
      <li><span>[主题分类] 综合政务\\其他</span></li><li><span>[发文机构] 北京市人民政府办公厅</span></li>
      <li><span>[联合发文单位] </span></li><li><span>[实施日期] 2025年01月06日</span></li>
      <li><span>[成文日期] 2024年12月27日</span></li><li><span>[发文字号] 京政办发〔2024〕99号</span></li>
      <li><span>[废止日期] </span></li><li><span>[发布日期] 2025年01月06日</span></li>
      <li><span>[有效性] 有效</span></li>
    </ol><div id="mainText"><p>各区人民政府：</p><p>现将有关事项通知如下。</p></div></div></body></html>"""
    doc = parse_detail(html, "https://www.beijing.gov.cn/zhengce/zhengcefagui/202501/t20250106_1.html")
    assert (doc.topic, doc.issuer) == ("综合政务\\其他", "北京市人民政府办公厅")
    assert doc.doc_number == "京政办发〔2024〕99号"
    assert (doc.written_date, doc.published_date) == ("2024-12-27", "2025-01-06")
    assert doc.body_text == "各区人民政府：\n现将有关事项通知如下。"
    only_meta = html.replace("[发布日期] 2025年01月06日", "").replace("[成文日期] 2024年12月27日", "")
    assert parse_detail(only_meta, "https://b/1.html").published_date == "2025-01-06"  # the first datetime


def test_attribute_spans_label_value() -> None:
    html = """<html><body><h1>关于开展数据标注企业申报工作的通知</h1>
    <div id="attribute"><span>索引号：11510683MB0000000X/2025-00012</span>
    <span>文号：绵府办函［2025］3號</span>
    <span>发文日期：2025-02-10</span><span>有效性：有效</span><span>信息来源：市数据局</span></div>
    <section><article><p>各乡镇人民政府：</p><p>现就数据标注企业申报有关事项通知如下。</p></article></section>
    <div class="fj"><file href="../../uploads/2025/notice.docx">申报表.docx</file></div></body></html>"""
    doc = parse_detail(html, "https://www.mz.gov.cn/info/2025/02/10/x.html")
    assert doc.title == "关于开展数据标注企业申报工作的通知"
    assert doc.index_no == "11510683MB0000000X/2025-00012"
    assert doc.doc_number == "绵府办函〔2025〕3号"  # ［］ and 號 normalised
    assert (doc.published_date, doc.source_name) == ("2025-02-10", "市数据局")
    assert doc.body_text == "各乡镇人民政府：\n现就数据标注企业申报有关事项通知如下。"


def test_hainan_ucap_custom_tags() -> None:
    html = """<html><head><meta name="ArticleTitle" content="海南省关于数据产业的若干措施"></head><body>
    <publishtime>2025-03-04 10:00</publishtime>
    <ucapcontent><p>一、支持数据标注基地建设。</p></ucapcontent></body></html>"""
    doc = parse_detail(html, "https://iitb.hainan.gov.cn/iitb/tzgg/202503/t20250304_1.html")
    assert doc.published_date == "2025-03-04" and doc.body_text == "一、支持数据标注基地建设。"


def test_firstpublishedtime_and_doc_number_in_title() -> None:
    html = """<html><head><meta name="firstpublishedtime" content="2025-01-13-16:30:08">
    <title>关于促进数据标注产业高质量发展的实施意见（发改数据[2024]1822号）_国务院部门文件_中国政府网</title>
    </head><body><div class="pages_content"><p>正文。</p></div></body></html>"""
    doc = parse_detail(html, "https://www.gov.cn/zhengce/zhengceku/202501/content_1.htm")
    assert doc.title == "关于促进数据标注产业高质量发展的实施意见（发改数据[2024]1822号）"
    assert doc.doc_number == "发改数据〔2024〕1822号" and doc.published_date == "2025-01-13"


@pytest.mark.parametrize(("text", "number"), [
    ("发改数据〔2024〕1822号", "发改数据〔2024〕1822号"),
    ("（发改数据[2024]1822号）", "发改数据〔2024〕1822号"),
    ("同政办发（2024）44号", "同政办发〔2024〕44号"),
    ("晋政发【2019】14號", "晋政发〔2019〕14号"),
    ("国数政策 〔2023〕 11 号", "国数政策〔2023〕11号"),
    ("〔〕", None),
    ("2024年12月1822号", None),
    # full-width digits, as some pages type them
    ("测政办发〔２０２０〕６号", "测政办发〔2020〕6号"),
    # orders: 国令第707号 (the one real field the parser missed), with spaces, after the number, with a year
    ("发文字号：国令第707号", "国令第707号"),
    ("中华人民共和国国家发展和改革委员会令 第 27 号", "中华人民共和国国家发展和改革委员会令第27号"),
    ("《电力需求侧管理办法》（第27号令）", "第27号令"),
    ("国家发展改革委令2024年第22号", "国家发展改革委令2024年第22号"),
    ("根据国务院令第708号", "国务院令第708号"),
    # announcements: NDRC's list titles and the other order of the words
    ("国家发展改革委公告 2025年第1号", "国家发展改革委公告2025年第1号"),
    ("国家数据局2025年第2号公告", "2025年第2号公告"),
    ("2025年第1号", None),  # a year and a serial alone name nothing
    ("国发〔2024〕5号，第3号令", "国发〔2024〕5号"),  # the first number of any form
])
def test_doc_number_variants(text: str, number: str | None) -> None:
    assert doc_numbers.find(text) == number


@pytest.mark.parametrize(("a", "b"), [
    ("测政办发〔２０２０〕０６号", "测政办发[2020]6号"),
    ("国令第707号", "国令 第 ７０７ 号"),
    ("国家发展改革委公告2025年第01号", "国家发展改革委公告 2025年第1号"),
    ("第27号令", "第 27 號令"),
])
def test_doc_number_keys_agree_across_spellings(a: str, b: str) -> None:
    assert doc_numbers.key(a) == doc_numbers.key(b) is not None
    assert doc_numbers.normalise(a) == doc_numbers.find(a)


def test_doc_number_regex_still_finds_the_common_form_in_running_text() -> None:
    text = "根据《国务院办公厅关于…的意见》（国办发〔２０２４〕３号）和国令第707号"
    assert [doc_numbers.normalise(m.group(0)) for m in doc_numbers.DOC_NUMBER.finditer(text)] == ["国办发〔2024〕3号"]


def test_orders_and_announcements_on_ndrc_detail_pages() -> None:
    order = ("<html><head><meta name='ArticleTitle' content='中华人民共和国国家发展和改革委员会令 第27号'></head><body>"
             "<div class='TRS_Editor'><p>《电力需求侧管理办法》已经审议通过，现予公布。</p></div></body></html>")
    assert parse_detail(order, "https://www.ndrc.gov.cn/xxgk/zcfb/fzggwl/202501/t1.html").doc_number == \
        "中华人民共和国国家发展和改革委员会令第27号"
    notice = ("<html><head><meta name='ArticleTitle' content='国家发展改革委公告 2025年第1号'></head><body>"
              "<div class='TRS_Editor'><p>现将有关事项公告如下。</p></div></body></html>")
    assert parse_detail(notice, "https://www.ndrc.gov.cn/xxgk/zcfb/gg/202501/t1.html").doc_number == \
        "国家发展改革委公告2025年第1号"


def test_yunnan_dt_dd_reference_box() -> None:
    """云南: a .referencebox of dl.reference rows, each a dt label and a dd value (GYSpider's YunNanGovExtractor
    reads 文号 from reference.dt/.dd): every field its own, the issuer kept, 索引号 not the whole block."""
    html = """<html><head><meta name="articletitle" content="云南省人民政府关于促进数据标注产业发展的意见">
    <meta name="pubdate" content="2025-03-12 10:00"></head><body>
    <div class="referencebox">
      <dl class="reference"><dt>索引号：</dt><dd>000014349/2025-00031</dd></dl>
      <dl class="reference"><dt>发布机构：</dt><dd>云南省人民政府</dd></dl>
      <dl class="reference"><dt>文号：</dt><dd>云政发〔2025〕3号</dd></dl>
      <dl class="reference"><dt>成文日期：</dt><dd>2025年03月05日</dd></dl>
      <dl class="reference"><dt>发布日期：</dt><dd>2025年03月12日</dd></dl>
    </div>
    <div class="arti"><p>到2027年，全省数据标注产业规模达到50亿元。</p></div></body></html>"""
    doc = parse_detail(html, "https://www.yn.gov.cn/zwgk/zcwj/yzf/202503/t20250312_1.html",
                       body_selectors=[".arti"])  # as yunnan-gov's entry names it
    assert (doc.index_no, doc.issuer, doc.doc_number) == ("000014349/2025-00031", "云南省人民政府", "云政发〔2025〕3号")
    assert (doc.written_date, doc.published_date) == ("2025-03-05", "2025-03-12")
    assert doc.body_text == "到2027年，全省数据标注产业规模达到50亿元。"


def test_labels_written_with_spaces() -> None:
    html = """<html><body><ul class="xxgk-info">
    <li>索 引 号：11440000006395177W/2025-00123</li><li>发文机关：广东省人民政府</li>
    <li>标　　题：广东省数据标注产业发展行动方案</li><li>发文字号：粤府〔2025〕12号</li>
    <li>来　　源：广东省人民政府办公厅</li><li>成文日期：2025年4月1日</li></ul>
    <div class="TRS_Editor"><p>正文。</p></div></body></html>"""
    doc = parse_detail(html, "https://www.gd.gov.cn/zwgk/wjk/qbwj/yf/content/post_1.html")
    assert doc.index_no == "11440000006395177W/2025-00123" and doc.title == "广东省数据标注产业发展行动方案"
    assert (doc.doc_number, doc.source_name, doc.written_date) == ("粤府〔2025〕12号", "广东省人民政府办公厅",
                                                                   "2025-04-01")


def test_nda_attachments_outside_the_body_in_filelist() -> None:
    doc = parse_detail(read("nda/20240105174016378512938_pc.html"),
                       "https://www.nda.gov.cn/sjj/zwgk/zcfb/0105/20240105174016378512938_pc.html")
    assert "三年行动计划" in doc.body_text and "附件" not in doc.body_text  # div.filelist is not the body
    assert [a.url for a in doc.attachments] == [
        "https://www.nda.gov.cn/sjj/zwgk/zcfb/0105/P020240105582341195812.pdf"]


def test_attachments_from_containers_relative_and_deduplicated() -> None:
    html = """<html><body><div class="TRS_Editor"><p>正文。<a href="./P0202501.pdf">附件1.pdf</a>
    <a href="./other.html">相关新闻</a><a href="./P0202501.pdf">同一附件</a></p></div>
    <table class="enclosure"><tr><td><a href="../files/表格.xlsx">申报表</a></td></tr></table>
    <div class="xgfj"><a href="/upload/notice.WPS?v=2" title="通知原文"></a></div>
    <div class="pdf-content"><a href="https://cdn.example.gov.cn/a.ofd">版式文件</a></div>
    <div class="attachment"><a href="javascript:void(0)">打印</a><a href="doc/规则.docx">规则</a></div>
    </body></html>"""
    doc = parse_detail(html, "https://fgw.sh.gov.cn/fgw_zxxxgk/20250101/abc.html")
    assert [(a.url, a.name) for a in doc.attachments] == [
        ("https://fgw.sh.gov.cn/fgw_zxxxgk/20250101/P0202501.pdf", "附件1.pdf"),
        ("https://fgw.sh.gov.cn/fgw_zxxxgk/files/表格.xlsx", "申报表"),
        ("https://fgw.sh.gov.cn/upload/notice.WPS?v=2", "通知原文"),
        ("https://cdn.example.gov.cn/a.ofd", "版式文件"),
        ("https://fgw.sh.gov.cn/fgw_zxxxgk/20250101/doc/规则.docx", "规则"),
    ]


def test_table_rows_and_scripts_styles() -> None:
    html = """<html><body><div class="TRS_UEDITOR"><style>p{color:red}</style><script>var x = "脚本";</script>
    <p>补贴标准如下：</p><table><tr><th>等级</th><th>补贴</th></tr><tr><td>五级</td><td><span>1000</span>元</td></tr>
    <tr><td></td><td></td></tr></table><p>以上。<br>另起一行。</p></div></body></html>"""
    doc = parse_detail(html, "https://x.gov.cn/1.html")
    assert doc.body_text == "补贴标准如下：\n等级 | 补贴\n五级 | 1000元\n以上。\n另起一行。"
    assert doc.tables == ["等级 | 补贴\n五级 | 1000元"]


def test_signature_block() -> None:
    assert signature(["正文。", "国　家　数　据　局", "财政部", "2024年12月27日", "（此件公开发布）"]) == (
        ["国家数据局", "财政部"], "2024-12-27")
    assert signature(["正文。", "二、保障措施"]) == ([], None)


@pytest.mark.parametrize("html", [
    "", "<html><body></body></html>", "<html><body><script>x()</script></body></html>",
])
def test_not_a_document(html: str) -> None:
    with pytest.raises(PageError) as err:
        parse_detail(html, "https://x.gov.cn/empty.html")
    assert "\n" not in str(err.value) and "https://x.gov.cn/empty.html" in str(err.value)


def test_bare_html_file_uses_body() -> None:
    doc = parse_detail("<p>到2027年，培育数据标注企业100家以上。</p>", "file:///plan.html")
    assert doc.body_text == "到2027年，培育数据标注企业100家以上。" and doc.title == ""
