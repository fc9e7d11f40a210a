"""sources/challenges.py: block pages recognised with a reason; MOHRSS's cookie challenge answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.sources.challenges import looks_like_challenge, solve_challenge
from policytrack.sources.records import Page

SITES = Path(__file__).parent / "fixtures" / "sites"
URL = "https://www.mohrss.gov.cn/SYrlzyhshbzb/zwgk/gggs/tg/"


def page(body: str | bytes, status: int = 200, content_type: str = "text/html", **kw: object) -> Page:
    content = body.encode("utf-8") if isinstance(body, str) else body
    text = body if isinstance(body, str) else body.decode("utf-8", "replace")
    return Page(URL, URL, status, {}, content, text, "utf-8", content_type, **kw)


def fixture(rel: str, **kw: object) -> Page:
    return page((SITES / rel).read_text(encoding="utf-8"), **kw)


def test_mohrss_challenge_is_detected_and_solved() -> None:
    challenge = fixture("mohrss/challenge.html")
    assert looks_like_challenge(challenge) == "JS cookie challenge (__tst_status)"
    assert solve_challenge(challenge) == {"cookie": "__tst_status=2570#;"}  # 431 + 982 + 1157


def test_real_pages_are_not_challenges() -> None:
    for rel in ("mohrss/tg_index.html", "mohrss/t20211126_428915.html", "ndrc/t20250113_1395515.html",
                "govcn/content_6995430.htm", "nda/zcfb_index_pc_1.html"):
        real = fixture(rel)
        assert looks_like_challenge(real) is None, rel
        assert solve_challenge(real) is None, rel


def test_solver_needs_three_numbers() -> None:
    assert solve_challenge(page("<script>var a={'WTKkN':1,'bOYDu':2};</script>")) is None
    assert solve_challenge(page('<script>{"WTKkN": 10, "bOYDu": 20, "wyeCN": 30, "WTKkN": 99}</script>')) == {
        "cookie": "__tst_status=60#;"}


@pytest.mark.parametrize(("p", "reason"), [
    (page("<html><script>$_ts=window['$_ts'];</script></html>", status=412), "HTTP 412"),
    (page("<html><head><script src='/x.js'></script></head><body></body></html>", status=202), "HTTP 202"),
    (page("<html><script>$_ts={};$_ts.nsd=1234;</script><body></body></html>"), "$_ts"),
    (page("<html><body><p>请输入验证码</p><img src='/captcha.jpg'></body></html>"), "captcha page (验证码)"),
    (page("<html><title>提示</title><body>您的访问过于频繁，请稍后再试</body></html>"), "rate limited"),
    (page(b"", status=200), "empty body"),
    (page("   \n ", status=200), "empty body"),
    (fixture("ndrc/not_found.html"), "soft 404 under HTTP 200 (页面不存在)"),
    (page("<html><title>统一身份认证平台</title><body><form>用户名 密码</form></body></html>"), "login wall"),
])
def test_block_pages_have_a_reason(p: Page, reason: str) -> None:
    got = looks_like_challenge(p)
    assert got is not None and reason in got and "\n" not in got


def test_not_flagged() -> None:
    assert looks_like_challenge(page(b"", status=304, not_modified=True)) is None
    assert looks_like_challenge(page(b"%PDF-1.4 ...", content_type="application/pdf")) is None
    assert looks_like_challenge(page('{"searchVO": {}}', content_type="application/json")) is None
    long_page = "<html><body>" + "<p>正文内容，说明如何获取短信验证码办理业务。</p>" * 50 + "</body></html>"
    assert looks_like_challenge(page(long_page)) is None  # a real page may mention 验证码
    # a real 404 is the fetcher's to report
    assert looks_like_challenge(fixture("ndrc/not_found.html", status=404)) is None
