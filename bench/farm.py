"""A local site farm: many government-like sites on 127.0.0.1, one port per site (one host each), with a
fixed latency per response. Lists of 50 items a page (TRS-style, index.html then index_N.html), detail pages
with a 信息公开 table and a target, ETags honoured (304 to If-None-Match)."""

from __future__ import annotations

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PER_PAGE = 50
STEMS, BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"


def issuer_code(site: int) -> str:
    """A 发文字号 prefix per site in Han characters (digits would end the prefix)."""
    return f"测{STEMS[site % 10]}{BRANCHES[site // 10 % 12]}发"


def detail_html(site: int, doc: int) -> bytes:
    title = f"第{site}号省关于数据标注产业的第{doc}号实施方案"
    head = (f'<meta charset="utf-8"><meta name="ArticleTitle" content="{title}">'
            '<meta name="PubDate" content="2025-03-10 10:00">')
    table = (f"<table class=\"xxgk\"><tr><td>发文字号：</td><td>{issuer_code(site)}〔2025〕{doc}号</td>"
             f"<td>发文机关：</td><td>第{site}号省人民政府</td></tr></table>")
    body = (
        "<p>为贯彻落实《关于促进数据标注产业高质量发展的实施意见》，制定本方案。</p>"
        f"<p>到2027年，全省数据标注产业规模达到{doc % 90 + 10}亿元，年均复合增长率超过{doc % 10 + 15}%，"
        f"培育数据标注企业{doc % 50 + 20}家以上，建设高质量数据集{doc * 3}个，培训数据标注员{doc % 9 + 1}万人。"
        f"截至2024年底，全省已有数据标注企业{doc % 30 + 5}家。</p><p>对新认定的数据标注基地，给予最高500万元奖励。</p>"
        + "<p>加强组织领导，完善工作机制，强化要素保障，营造良好氛围。</p>" * 8
    )
    return f'<html><head>{head}</head><body>{table}<div class="TRS_Editor">{body}</div></body></html>'.encode()


def list_html(site: int, page: int, docs: int) -> bytes:
    start = page * PER_PAGE
    items = "".join(
        f'<li><a href="./202503/t20250310_{d}.html" title="关于数据标注产业的第{d}号实施方案">'
        f"关于数据标注产业的第{d}号实施方案</a><span>2025-03-10</span></li>"
        for d in range(start, min(start + PER_PAGE, docs)))
    return f'<html><body><ul class="u-list">{items}</ul></body></html>'.encode()


class Farm:
    """`sites` servers on 127.0.0.1, each with `docs` documents; `requests` counts what they served."""

    def __init__(self, sites: int, docs: int, latency: float) -> None:
        self.sites, self.docs, self.latency = sites, docs, latency
        self.requests: dict[str, int] = {"list": 0, "detail": 0, "not_modified": 0, "robots": 0}
        self._lock = threading.Lock()
        self.servers = [self._server(i) for i in range(sites)]

    def _count(self, kind: str) -> None:
        with self._lock:
            self.requests[kind] += 1

    def _server(self, site: int) -> ThreadingHTTPServer:
        farm = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                time.sleep(farm.latency)
                path = self.path.split("?")[0]
                if path == "/robots.txt":
                    farm._count("robots")
                    return self._send(200, b"User-agent: *\nDisallow: /admin/\n", "text/plain")
                if path.startswith("/zcwj/index"):
                    farm._count("list")
                    n = 0 if path == "/zcwj/index.html" else int(path.split("_")[-1].split(".")[0])
                    if n * PER_PAGE >= farm.docs:
                        return self._send(404, b"not found", "text/plain")
                    return self._send(200, list_html(site, n, farm.docs), "text/html; charset=utf-8")
                if path.startswith("/zcwj/202503/t20250310_"):
                    doc = int(path.split("_")[-1].split(".")[0])
                    etag = '"' + hashlib.sha1(f"{site}-{doc}".encode()).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        farm._count("not_modified")
                        return self._send(304, b"", "text/html", etag)
                    farm._count("detail")
                    return self._send(200, detail_html(site, doc), "text/html; charset=utf-8", etag)
                return self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def url(self, site: int) -> str:
        return f"http://127.0.0.1:{self.servers[site].server_address[1]}/zcwj/index.html"

    def close(self) -> None:
        for s in self.servers:
            s.shutdown()
