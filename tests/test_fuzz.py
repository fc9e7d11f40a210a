"""Hostile input: property-based runs over the page, attachment, number and text parsers. Whatever arrives,
the parsers return records or raise their own one-line error; nothing else escapes."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import math
import zipfile
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytrack.parser.attachments import attachment_text
from policytrack.parser.charset import decode
from policytrack.parser.errors import AttachmentError, PageError
from policytrack.parser.extract import extract
from policytrack.parser.gov_page import parse_detail
from policytrack.parser.markup import MAX_DEPTH
from policytrack.parser.numbers import quantities

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The page parser and extract, as the issue asks: 2,000 examples each, every one within the page budget
# (hypothesis fails an example past its deadline), derandomized so that CI runs the same examples each time.
BUDGET = timedelta(seconds=5)
HOSTILE = settings(max_examples=2000, deadline=BUDGET, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHINESE = st.sampled_from(list("到年月日亿万千百十九八七六五四三二两一零超过以上左右约近余多个家项人名元%％，。；、"
                               "（）《》〔〕|\n数据标注产业规模企业基地培育建设达到突破每年截至已有")
                          + list("0123456789.—-"))
HTMLISH = st.lists(st.one_of(CHINESE, st.sampled_from(["<p>", "</p>", "<div class='TRS_Editor'>", "</div>",
                                                       "<table>", "<tr><td>", "</td></tr>", "<meta name='PubDate' "
                                                       "content='2025-01-13'>", "<title>", "</title>", "<a href='",
                                                       "'>", "</a>", "&amp;", "&#", "<![CDATA[", "<!--", "<script>"]),
                             st.text(max_size=5)), max_size=200).map("".join)


@FUZZ
@given(st.lists(CHINESE, max_size=300).map("".join))
def test_extract_never_raises_and_quotes_hold(text: str) -> None:
    r = extract(text)
    for record in r.targets + r.facts + r.incentives + r.schemes + r.commitments:
        assert text[record.start:record.end] == record.quote


@FUZZ
@given(st.text(max_size=300))
def test_extract_on_any_unicode(text: str) -> None:
    extract(text)
    quantities(text)


@FUZZ
@given(HTMLISH)
def test_page_parser_returns_a_page_or_its_own_error(html: str) -> None:
    with contextlib.suppress(PageError):
        parse_detail(html, "https://www.example.gov.cn/a/b.html")


_PIECES = st.lists(st.one_of(CHINESE, st.sampled_from(["<p>", "</div>", "<div class='TRS_Editor'>", "<tr><td>",
                                                      "<meta name='PubDate' content='2025-01-13'>", "<!--", "&#"])),
                   max_size=40).map("".join)
_TAGS = st.sampled_from(["div", "p", "td", "tr", "table", "span", "li", "ul", "font", "b", "dd", "dt", "a"])
_BAD_LINKS = st.sampled_from(["http://[::1/x.pdf", "http://[::1", "http://a.gov.cn:port/x.pdf", "//[/x.doc",
                              "http://[fe80::1%25eth0]/a.pdf", "javascript:void(0)", "\x00.pdf", "http:///x.pdf",
                              "./附件 1.pdf", "%zz%.pdf", "http://127.0.0.1:99999/a.docx", "?#.pdf"])
_NESTED = st.tuples(_TAGS, st.integers(0, MAX_DEPTH + 30), st.booleans(), CHINESE).map(  # deep, closed or not
    lambda t: f"<{t[0]}>" * t[1] + t[3] + (f"</{t[0]}>" * t[1] if t[2] else ""))
_UNCLOSED = st.tuples(_TAGS, st.integers(1, 100), st.sampled_from(["发文机关：", "索引号", "x", "【文号】"])).map(
    lambda t: f"<{t[0]}>{t[2]}" * t[1])
_LINKS = st.tuples(_BAD_LINKS, st.sampled_from(["附件.pdf", "", "数据标注"])).map(
    lambda t: f'<a href="{t[0]}">{t[1]}</a>' + f'<base href="{t[0]}">')
_ENCODED = st.tuples(st.text(max_size=60), st.sampled_from(["gbk", "big5", "utf-16", "latin-1", "utf-8"])).map(
    lambda t: decode(t[0].encode(t[1], "replace"), None)[0])
HOSTILE_HTML = st.lists(st.one_of(_NESTED, _UNCLOSED, _LINKS, _ENCODED, _PIECES), min_size=1, max_size=3).map("".join)


@HOSTILE
@given(HOSTILE_HTML)
def test_page_parser_on_hostile_html_is_a_page_or_its_own_error_within_the_budget(html: str) -> None:
    with contextlib.suppress(PageError):
        parse_detail(html, "https://www.example.gov.cn/a/b.html")


_NUMBERS = st.sampled_from(["1" + "0" * 400, "9" * 500, "1e400", "1.5" + "0" * 300 + "亿元", "０" * 50,
                            "一" * 200 + "亿", "10^400", "-" + "9" * 320 + "%"])
_RUN = st.tuples(st.sampled_from(["数据标注", "产业规模达到", "企业", "人才培训"]), st.integers(1, 250)).map(
    lambda t: t[0] * t[1])  # long runs without clause punctuation
_CONTROL = st.text(alphabet=st.characters(max_codepoint=0x9f, categories=["Cc"]), max_size=40)
HOSTILE_TEXT = st.lists(st.one_of(CHINESE, _NUMBERS, _RUN, _CONTROL, st.text(max_size=10)), max_size=25).map("".join)


@HOSTILE
@given(HOSTILE_TEXT)
def test_extract_on_hostile_text_holds_its_quotes_within_the_budget(text: str) -> None:
    r = extract(text)
    for record in r.targets + r.facts + r.incentives + r.schemes + r.commitments:
        assert text[record.start:record.end] == record.quote
        figures = [v for v in dataclasses.asdict(record).values() if isinstance(v, float)]
        assert all(math.isfinite(v) for v in figures), record  # 10^400 is no quantity


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["application/pdf", "application/msword", "text/plain", "",
                                                  "application/vnd.openxmlformats-officedocument.wordprocessingml"
                                                  ".document", "application/zip"]),
       st.sampled_from(["a.pdf", "a.docx", "a.doc", "a.ofd", "a.xlsx", "a.txt", "a"]))
def test_attachments_return_text_or_their_own_error(content: bytes, ctype: str, name: str) -> None:
    with contextlib.suppress(AttachmentError):
        attachment_text(content, ctype, name)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "gbk", "gb2312", "latin-1", "nonsense", "utf-16"]))
def test_decoding_never_raises(raw: bytes, label: str | None) -> None:
    text, encoding = decode(raw, label)
    assert isinstance(text, str) and encoding


def _docx(xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_docx_with_external_entities_is_refused_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           "<w:t>&x;</w:t></w:r></w:p></w:body></w:document>").encode()
    try:
        text = attachment_text(_docx(xxe), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                               "x.docx")
    except AttachmentError:
        return
    assert "TOP-SECRET" not in text


def test_zip_bomb_docx_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b"0" * 300_000_000 + b"</w:document>")
    try:
        attachment_text(buf.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "bomb.docx")
    except AttachmentError as exc:
        assert "\n" not in str(exc)
    else:
        raise AssertionError("a 300 MB document.xml was read")
