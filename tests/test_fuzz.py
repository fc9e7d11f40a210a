"""Hostile input: property-based runs over the page, attachment, number and text parsers. Whatever arrives,
the parsers return records or raise their own one-line error; nothing else escapes."""

from __future__ import annotations

import contextlib
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytrack.parser.attachments import attachment_text
from policytrack.parser.charset import decode
from policytrack.parser.errors import AttachmentError, PageError
from policytrack.parser.extract import extract
from policytrack.parser.gov_page import parse_detail
from policytrack.parser.numbers import quantities

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
