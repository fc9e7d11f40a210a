"""Is a response a block page rather than the page asked for, and can it be answered? Pure functions.

The crawl calls `looks_like_challenge` on every response and, when it says yes, `solve_challenge`: a light
JS-cookie challenge (MOHRSS's __tst_status) is answered by resending with the header it returns; the rest are
reported with the reason, never stored. The walls government portals stand behind are named by their
vendor's marks (`wall_of`), so a user reads which wall it is:

- 瑞数 (Rivers Security): HTTP 412 and a cookie script ($_ts, FSSBBIl1… cookies, the MmEwMD parameter);
- 加速乐 (jiasule): HTTP 521 and a script setting __jsl_clearance;
- 知道创宇 cloud defence (创宇盾): "如果您是网站管理员，请登录知道创宇云防御" (a 请登录 that is no login wall);
- 安全狗 (safedog): "网站防火墙 … 安全狗", a safedog-flow-item cookie or a Safedog server;
- 电信云堤 (China Telecom's anti-DDoS): its block page names 云堤;
- Tencent EdgeOne: an EO_Bot_Ssid cookie (人社部, 2025) and an EdgeOne server.
"""

from __future__ import annotations

import re

from policytrack.sources.records import Page

# MOHRSS: the numbers keyed WTKkN, bOYDu, wyeCN in the inline script; their sum is the cookie value.
_TST = re.compile(r"""(?:WTKkN|bOYDu|wyeCN)['"]?\s*:\s*(\d+)""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)
_SOFT_404 = ("页面不存在", "页面未找到", "找不到页面", "您访问的页面不存在", "404 Not Found", "页面已删除",
             "信息已删除", "文章不存在", "该页面已下线")
_RATE_LIMIT = ("访问过于频繁", "请求过于频繁", "访问频率过快", "操作过于频繁")
_CAPTCHA = ("验证码", "滑动验证", "人机验证", "安全验证")
_LOGIN = ("用户登录", "请先登录", "请登录", "统一身份认证", "登录页")
SHORT_TEXT = 600  # visible characters: a block page says little

# (name, reason) → marks in the body, the set-cookie header, or the server header (lower-cased).
WALLS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("瑞数 (Rivers Security) cookie challenge; needs a browser", ("$_ts", "mmewmd"), ("fssbbil1",), ()),
    ("加速乐 (jiasule) cookie challenge, __jsl_clearance; needs a browser", ("__jsl_clearance", "jsl_clearance_s"),
     ("__jsl_clearance", "__jsluid"), ()),
    ("知道创宇 cloud defence (创宇盾) block page", ("知道创宇", "创宇盾", "yunaq.com", "365cyd"), (),
     ("yunaq", "365cyd")),
    ("安全狗 (safedog) web firewall block page", ("安全狗", "safedog"), ("safedog",), ("safedog",)),
    ("电信云堤 (China Telecom anti-DDoS) block page", ("云堤",), (), ()),
    ("Tencent EdgeOne bot check, EO_Bot_Ssid; needs a browser", ("eo_bot_ssid", "edgeone"), ("eo_bot_ssid",),
     ("edgeone",)),
)


def _visible(html: str) -> str:
    return re.sub(r"\s+", "", _TAGS.sub(" ", html))


def _is_html(page: Page) -> bool:
    return page.content_type in ("text/html", "application/xhtml+xml", "") or page.text.lstrip()[:1] == "<"


def wall_of(page: Page) -> str | None:
    """The named wall a response is (瑞数, 加速乐, 知道创宇, 安全狗, 电信云堤, EdgeOne), with its HTTP status; None
    when it carries none of their marks. A long page that merely mentions one (a news item on 安全狗) is no
    wall: the body marks count on short pages, or in the <title>."""
    html = page.text or ""
    lowered = html.lower()
    cookies = page.headers.get("set-cookie", "").lower()
    server = (page.headers.get("server", "") + " " + page.headers.get("x-powered-by-360wzb", "")).lower()
    title = _visible(m.group(1)) if (m := _TITLE.search(html)) else ""
    short = len(_visible(html)) < SHORT_TEXT
    for name, body, cookie, servers in WALLS:
        in_body = any(mark.lower() in (lowered if short else title.lower()) for mark in body)
        if in_body or any(c in cookies for c in cookie) or (servers and any(s in server for s in servers)
                                                            and (short or page.status >= 400)):
            return f"{name} (HTTP {page.status})"
    if page.status == 521 and "<script" in lowered and short:  # 加速乐's status even before its cookie is named
        return f"加速乐 (jiasule) cookie challenge; needs a browser (HTTP {page.status})"
    return None


def looks_like_challenge(page: Page) -> str | None:
    """A one-line reason when `page` is a challenge, a block or a soft error page; None when it looks real."""
    if page.not_modified:
        return None
    if not page.content.strip():
        return f"empty body (HTTP {page.status})" if page.status < 300 or page.status in (412, 202) else None
    if page.content_type in ("application/pdf", "application/json") or not _is_html(page):
        return None
    html = page.text
    visible = _visible(html)
    has_script = "<script" in html.lower()
    if _TST.search(html) and len(visible) < SHORT_TEXT:
        return "JS cookie challenge (__tst_status)"
    if (wall := wall_of(page)) is not None:
        return wall
    if page.status == 412:
        return "HTTP 412 with a JS cookie challenge (瑞数-style); needs a browser"
    if page.status == 202 and has_script and len(visible) < SHORT_TEXT:
        return "HTTP 202 JS challenge page"
    if "$_ts" in html and has_script and len(visible) < SHORT_TEXT:
        return "瑞数-style JS challenge ($_ts); needs a browser"
    title = _visible(m.group(1)) if (m := _TITLE.search(html)) else ""
    short = len(visible) < SHORT_TEXT
    for marker in _RATE_LIMIT:
        if marker in title or (short and marker in visible):
            return f"rate limited ({marker})"
    for marker in _CAPTCHA:
        if marker in title or (short and marker in visible):
            return f"captcha page ({marker})"
    for marker in _LOGIN:
        if marker in title or (short and marker in visible):
            return f"login wall ({marker})"
    if page.status == 200:
        for marker in _SOFT_404:
            if marker in title or (short and marker in visible):
                return f"soft 404 under HTTP 200 ({marker})"
    return None


def solve_challenge(page: Page) -> dict[str, str] | None:
    """Headers to resend with, for a challenge that can be answered without a browser; else None."""
    numbers = _TST.findall(page.text or "")
    if len(numbers) < 3:
        return None
    return {"cookie": f"__tst_status={sum(int(n) for n in numbers[:3])}#;"}
