"""Bytes to text: header charset, then <meta>, then detection, and labels that lie (pure, no I/O)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack.parser.charset import canonical, decode, header_charset, meta_charset

TEXT = "关于推进数据标注基地建设的实施意见：人工智能训练师、数据标注员。"
META_GB2312 = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'


def page(meta: str = "", body: str = TEXT) -> str:
    return f"<html><head>{meta}<title>通知</title></head><body><p>{body}</p></body></html>"


def test_a_gbk_page_labelled_gbk_decodes_as_gb18030() -> None:
    text, encoding = decode(page().encode("gbk"), "gbk")
    assert text == page() and encoding == "gb18030"


def test_mislabelled_header_utf8_meta_gb2312_bytes_gbk() -> None:
    html = page(META_GB2312)
    text, encoding = decode(html.encode("gbk"), "utf-8")
    assert text == html and encoding == "gb18030"


def test_header_gb2312_but_the_bytes_are_utf8() -> None:
    html = page(META_GB2312)
    assert decode(html.encode("utf-8"), "gb2312") == (html, "utf-8")


def test_a_gb2312_label_decodes_characters_only_gb18030_has() -> None:
    html = page('<meta charset="gb2312">', "数据标注 𠮷 㑇 €")  # not in GB2312 (nor, for 𠮷, in GBK)
    raw = html.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")
    assert decode(raw, None) == (html, "gb18030")
    assert decode(raw, "GB2312") == (html, "gb18030")


def test_the_header_comes_before_the_meta() -> None:
    html = page('<meta charset="gb2312">', "資料標註")
    assert decode(html.encode("big5"), "big5") == (html, "big5")


def test_server_default_iso_8859_1_is_not_trusted_over_the_meta() -> None:
    html = page(META_GB2312)
    assert decode(html.encode("gbk"), "ISO-8859-1") == (html, "gb18030")  # Tomcat's default label
    assert decode(html.encode("gbk"), "utf-16") == (html, "gb18030")  # no BOM: never what a site serves


def test_gbk_bytes_that_happen_to_be_valid_utf8_follow_the_gbk_label() -> None:
    html = page(META_GB2312, "一一一")  # D2 BB: a valid two-byte UTF-8 sequence (U+04BB)
    assert decode(html.encode("gbk"), None) == (html, "gb18030")
    assert decode("<p>一一一</p>".encode("gbk"), "gbk") == ("<p>一一一</p>", "gb18030")
    assert decode("<p>Ελλάδα café</p>".encode(), None)[1] == "utf-8"  # no GBK label: stays UTF-8


def test_no_label_at_all() -> None:
    assert decode(page().encode("gbk"), None) == (page(), "gb18030")
    assert decode(page().encode("utf-8"), None) == (page(), "utf-8")


def test_a_utf8_page_with_one_broken_byte_stays_utf8() -> None:
    raw = page(body=TEXT * 20).encode("utf-8")
    cut = raw.index(TEXT.encode()) + 1  # inside the first character of the text
    broken = raw[:cut] + b"\xff" + raw[cut:]
    text, encoding = decode(broken, "gbk")
    assert encoding == "utf-8" and text.count("\ufffd") <= 4 and TEXT[1:] + TEXT * 19 in text


def test_a_gbk_page_with_a_broken_byte_stays_gbk() -> None:
    raw = page(META_GB2312, TEXT * 20).encode("gbk")
    cut = raw.index(b"<p>") + 3  # between characters: GBK does not resynchronise after a broken pair
    broken = raw[:cut] + b"\xff\xff" + raw[cut:]
    text, encoding = decode(broken, "utf-8")
    assert encoding == "gb18030" and TEXT * 20 in text


def test_byte_order_marks_and_xml_declarations() -> None:
    assert decode(codecs.BOM_UTF8 + TEXT.encode(), "gbk") == (TEXT, "utf-8-sig")
    assert decode(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), None)[0] == TEXT
    xml = f'<?xml version="1.0" encoding="GBK"?><rss><title>{TEXT}</title></rss>'
    assert decode(xml.encode("gbk"), None) == (xml, "gb18030")


def test_empty_and_ascii_bodies() -> None:
    assert decode(b"", "gbk") == ("", "gb18030")
    assert decode(b"", None) == ("", "utf-8")
    assert decode(b"<p>ok</p>", "gbk") == ("<p>ok</p>", "utf-8")


def test_labels() -> None:
    assert header_charset('text/html; charset="GBK"') == "GBK"
    assert header_charset("text/html;charset=utf-8; foo=bar") == "utf-8"
    assert header_charset("text/html") is None and header_charset(None) is None
    assert meta_charset(page(META_GB2312).encode()) == "gb2312"
    assert meta_charset(b"<meta charset='GB18030' />") == "GB18030"
    assert meta_charset(b"<p>no meta</p>") is None
    for label in ("gbk", "GB2312", "x-gbk", "cp936", "EUC-CN", "gb18030"):
        assert canonical(label) == "gb18030"
    assert canonical("UTF8") == "utf-8" and canonical("no-such-charset") is None and canonical(None) is None


LABELS = st.sampled_from([None, "utf-8", "gbk", "gb2312", "gb18030", "big5", "iso-8859-1", "utf-16", "bogus", ""])


@given(raw=st.binary(max_size=400), label=LABELS)
def test_decode_never_raises(raw: bytes, label: str | None) -> None:
    text, encoding = decode(raw, label)
    assert isinstance(text, str) and encoding
    codecs.lookup(encoding)


@given(text=st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=8, max_size=200),
       label=st.sampled_from([None, "utf-8", "gbk", "gb2312", "gb18030", "iso-8859-1", "utf-16", "bogus", ""]))
def test_gbk_chinese_text_round_trips_whatever_the_label(text: str, label: str | None) -> None:
    html = page(META_GB2312, text)
    assert decode(html.encode("gbk"), label)[0] == html


TRADITIONAL = "關於促進數據標註產業高質量發展的實施意見，到2027年，年均複合增長率超過20%。"


@pytest.mark.parametrize("label", [None, "big5", "x-x-big5", "gbk", "gb2312"])
def test_big5_pages_labelled_or_not_read_as_big5(label) -> None:
    """Traditional-character mirrors serve Big5, with its label, with none, or under a GBK one."""
    html = ('<html><head><meta charset="' + (label or "") + '"></head><body>' if label else "<p>") + TRADITIONAL
    text, enc = decode(html.encode("big5"), None)
    assert TRADITIONAL in text and enc.startswith("big5")


def test_gbk_is_not_taken_for_big5() -> None:
    simplified = "关于促进数据标注产业高质量发展的实施意见，到2027年，年均复合增长率超过20%。"
    assert decode(simplified.encode("gbk"), None) == (simplified, "gb18030")


def test_a_page_that_decodes_to_garbage_is_refused_not_stored() -> None:
    from policytrack.parser.charset import garbled
    from policytrack.parser.errors import PageError
    from policytrack.pipeline.reading import read_document
    from policytrack.sources.families import family_for
    from policytrack.sources.fetcher import decoded_page
    from policytrack.sources.records import SourceSpec

    noise = bytes(range(0x81, 0xFF)) * 40  # high bytes that no charset reads as text
    page = decoded_page("https://a.gov.cn/1.html", "https://a.gov.cn/1.html", 200,
                        {"content-type": "text/html"}, b"<html><body>" + noise + b"</body></html>")
    assert garbled(page.text)
    spec = SourceSpec(id="t", name="t", region="全国", level="national", kind="html_list",
                      start_urls=("https://a.gov.cn/",))
    with pytest.raises(PageError, match="does not decode"):
        read_document(page, family_for(spec), lambda url, ref: None)
