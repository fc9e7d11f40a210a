"""Is a response a block page rather than the page asked for, and can it be answered? Pure functions.

The crawl calls `looks_like_challenge` on every response and, when it says yes, `solve_challenge`: a light
JS-cookie challenge (MOHRSS's __tst_status) is answered by resending with the header it returns; the rest
(瑞数 412 pages, captchas, rate limits, soft 404s) are reported with the reason.
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


def _visible(html: str) -> str:
    return re.sub(r"\s+", "", _TAGS.sub(" ", html))


def _is_html(page: Page) -> bool:
    return page.content_type in ("text/html", "application/xhtml+xml", "") or page.text.lstrip()[:1] == "<"


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
