"""sources/challenges.py: block pages recognised with a reason; MOHRSS's cookie challenge answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.sources.challenges import looks_like_challenge, solve_challenge, wall_of
from policytrack.sources.records import Page

SITES = Path(__file__).parent / "fixtures" / "sites"
URL = "https://www.mohrss.gov.cn/SYrlzyhshbzb/zwgk/gggs/tg/"


def page(body: str | bytes, status: int = 200, content_type: str = "text/html", headers: dict | None = None,
         **kw: object) -> Page:
    content = body.encode("utf-8") if isinstance(body, str) else body
    text = body if isinstance(body, str) else body.decode("utf-8", "replace")
    return Page(URL, URL, status, headers or {}, content, text, "utf-8", content_type, **kw)


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
    (page("<html><head><script src='/x.js'></script></head><body></body></html>", status=202), "HTTP 202"),
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


# The walls the portals stand behind, as their pages come (rebuilt from what the crawlers that met them
# record: RSSHub's 412 issues, GYSpider's 知道创宇 check on 江苏, evidence.md's 521/安全狗/云堤/EdgeOne notes).
WALL_PAGES = {
    "瑞数": page('<html><head><meta id="9DhefwqGPrzGxEp9hPaoag" content="Z3ZA" r="m"><script r="m">'
                 "$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=41239;$_ts.cd='qrcEr';</script>"
                 '<script src="/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" r="m"></script></head><body></body></html>',
                 status=412, headers={"set-cookie": "FSSBBIl1UgzbN7N80S=Qx1; Path=/; HttpOnly"}),
    "加速乐": page("<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')"
                  "+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(-~[]+'')+'6';location.href="
                  "location.pathname+location.search</script></body></html>",
                  status=521, headers={"set-cookie": "__jsluid_s=4f1c0a; max-age=31536000; path=/"}),
    "知道创宇": page("<html><head><title>访问被拦截</title></head><body><div>您的访问请求可能对网站造成安全威胁，"
                    "请求已被拦截。</div><p>如果您是网站管理员，请登录知道创宇云防御</p></body></html>"),
    "安全狗": page("<html><head><title>网站防火墙</title></head><body><p>您的请求带有不合法参数，已被网站管理员设置"
                  "拦截！</p><p>网站防火墙 安全狗</p></body></html>", status=403, headers={"server": "Safedog"}),
    "电信云堤": page("<html><head><title>访问受限</title></head><body><p>您的访问已被电信云堤防护系统拦截，"
                    "请稍后再试。</p></body></html>", status=403),
    "EdgeOne": page('<html><head><script>document.cookie="EO_Bot_Ssid=2891417856; path=/";location.reload();'
                    "</script></head><body></body></html>", headers={"server": "EdgeOne"}),
}


@pytest.mark.parametrize("name", list(WALL_PAGES))
def test_each_wall_is_named(name: str) -> None:
    reason = looks_like_challenge(WALL_PAGES[name])
    assert reason is not None and name in reason and f"HTTP {WALL_PAGES[name].status}" in reason
    assert wall_of(WALL_PAGES[name]) == reason and "\n" not in reason
    assert "login" not in reason  # 知道创宇's 请登录 is no login wall


def test_the_walls_are_told_apart() -> None:
    reasons = [looks_like_challenge(p) for p in WALL_PAGES.values()]
    assert len(set(reasons)) == len(WALL_PAGES)


def test_a_page_that_mentions_a_wall_is_no_wall() -> None:
    article = ("<html><head><title>关于开展网络安全检查的通知</title></head><body>"
               + "<p>各单位应部署安全狗、知道创宇等防护产品，云堤服务由电信提供。</p>" * 40 + "</body></html>")
    assert wall_of(page(article)) is None and looks_like_challenge(page(article)) is None


def test_not_flagged() -> None:
    assert looks_like_challenge(page(b"", status=304, not_modified=True)) is None
    assert looks_like_challenge(page(b"%PDF-1.4 ...", content_type="application/pdf")) is None
    assert looks_like_challenge(page('{"searchVO": {}}', content_type="application/json")) is None
    long_page = "<html><body>" + "<p>正文内容，说明如何获取短信验证码办理业务。</p>" * 50 + "</body></html>"
    assert looks_like_challenge(page(long_page)) is None  # a real page may mention 验证码
    # a real 404 is the fetcher's to report
    assert looks_like_challenge(fixture("ndrc/not_found.html", status=404)) is None
