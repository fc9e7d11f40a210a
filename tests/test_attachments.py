"""parser/attachments.py: PDF and DOCX text, broken-line joining, and one-line refusals."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

from policytrack.parser import attachments
from policytrack.parser.attachments import attachment_text, join_broken_lines
from policytrack.parser.errors import AttachmentError

FIXTURES = Path(__file__).parent / "fixtures"
GENERATED = FIXTURES / "sites" / "generated"


def minipdf():
    spec = importlib.util.spec_from_file_location("minipdf", FIXTURES / "minipdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pdf_fixture_text_with_lines_joined_and_page_numbers_dropped() -> None:
    text = attachment_text((GENERATED / "ndrc_tasks.pdf").read_bytes(), "application/pdf", "tasks.pdf")
    lines = text.splitlines()
    assert lines[0] == "关于促进数据标注产业高质量发展的实施意见"
    assert "一、深化需求牵引。释放公共数据标注需求，研究编制公共数据标注目录；挖掘企业数据标注需求，" \
           "引导重点行业开展高质量数据集建设。" in lines
    assert "二、增强创新驱动。加强数据标注关键技术攻关，健全数据标注标准体系。" in lines
    assert "— 1 —" not in text and "— 2 —" not in text
    assert ("四、优化产业支撑。完善人工智能训练师（数据标注员）职业技能培训和评价体系，"
            "加强数据标注人才培养。") in lines


def test_pdf_made_on_the_fly_keeps_a_target_sentence_whole() -> None:
    pdf = minipdf().make_pdf([["到2027年，全市数据标注产业规模年均复合增长率超",
                               "过20%，培育数据标注企业100家以上。"]])
    assert attachment_text(pdf, "", "plan.pdf") == (
        "到2027年，全市数据标注产业规模年均复合增长率超过20%，培育数据标注企业100家以上。")


@pytest.mark.parametrize(("raw", "joined"), [
    ("第一行没有标点的很长的一句话继续\n写下去。", "第一行没有标点的很长的一句话继续写下去。"),
    ("一句完整的话结束了。\n下一句。", "一句完整的话结束了。\n下一句。"),
    ("一、总体要求\n坚持需求牵引。", "一、总体要求\n坚持需求牵引。"),  # a short heading stays
    ("这一行很长很长很长很长很长很长没有标点\n（一）下一条",
     "这一行很长很长很长很长很长很长没有标点\n（一）下一条"),
    ("正文很长很长很长很长很长很长很长很长\n- 3 -\n继续。", "正文很长很长很长很长很长很长很长很长继续。"),
    ("第3页 共10页\n正文。", "正文。"),
])
def test_join_broken_lines(raw: str, joined: str) -> None:
    assert join_broken_lines(raw) == joined


def test_docx_fixture_paragraphs_and_table() -> None:
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    text = attachment_text((GENERATED / "mohrss_standard.docx").read_bytes(), docx_type, "std.docx")
    lines = text.splitlines()
    assert lines[0] == "人工智能训练师国家职业技能标准（2021年版）"
    assert "1.2 职业编码：4-04-05-05" in lines and "五级/初级工 | 60" in lines
    assert lines.index("等级 | 标准学时") < lines.index("一级/高级技师 | 30") < lines.index(
        "1.8.1 普通受教育程度：初中毕业（或相当文化程度）。")  # document order


@pytest.mark.parametrize(("content", "ctype", "name", "reason"), [
    (b"%PDF-1.4 this is not a pdf", "application/pdf", "broken.pdf", "unreadable PDF"),
    (b"<html>404</html>", "application/pdf", "a.pdf", "not a PDF"),
    (b"PK\x03\x04garbage", "", "a.docx", "corrupt zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "application/msword", "old.doc",
     "unsupported legacy"),
    (b"abc", "application/octet-stream", "x.rar", "unsupported attachment type .rar"),
    (b"", "application/pdf", "empty.pdf", "empty attachment"),
])
def test_bad_attachments_are_one_line_errors(content: bytes, ctype: str, name: str, reason: str) -> None:
    with pytest.raises(AttachmentError) as err:
        attachment_text(content, ctype, name)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_truncated_pdf_is_an_attachment_error() -> None:
    pdf = (GENERATED / "ndrc_tasks.pdf").read_bytes()
    with pytest.raises(AttachmentError):
        attachment_text(pdf[: len(pdf) // 3], "application/pdf", "cut.pdf")


def test_docx_that_is_not_a_word_file() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not-xml")
    with pytest.raises(AttachmentError, match="unreadable DOCX"):
        attachment_text(buf.getvalue(), "", "bad.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(AttachmentError, match="unsupported zip attachment"):
        attachment_text(buf.getvalue(), "", "a.zip")


def test_zip_bomb_ratio_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(AttachmentError, match="refused: bomb.docx member word/document.xml expands"):
        attachment_text(buf.getvalue(), "", "bomb.docx")


def test_zip_total_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_UNPACKED", 20_000)
    docx_bytes = (GENERATED / "mohrss_standard.docx").read_bytes()
    with pytest.raises(AttachmentError, match=r"refused: big.docx unpacks to \d+ bytes"):
        attachment_text(docx_bytes, "", "big.docx")


def test_ofd_text_objects() -> None:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    page = (f'<ofd:Page {ns}><ofd:Content><ofd:Layer>'
            '<ofd:TextObject ID="1"><ofd:TextCode X="0" Y="10">到2027年，培育数据标注企业</ofd:TextCode>'
            '<ofd:TextCode X="100" Y="10">超过100家，建设标注基地</ofd:TextCode></ofd:TextObject>'
            '<ofd:TextObject ID="2"><ofd:TextCode X="0" Y="20">3个。</ofd:TextCode></ofd:TextObject>'
            '</ofd:Layer></ofd:Content></ofd:Page>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("OFD.xml", f"<ofd:OFD {ns}/>")
        zf.writestr("Doc_0/Pages/Page_0/Content.xml", page)
    assert attachment_text(buf.getvalue(), "application/ofd", "a.ofd") == (
        "到2027年，培育数据标注企业超过100家，建设标注基地\n3个。")


def test_plain_text_gbk() -> None:
    assert attachment_text("数据标注基地".encode("gb18030"), "text/plain", "a.txt") == "数据标注基地"
