"""The one seam between policytrack and the network: live HTTP, replay from WARC, or live with recording.

Everything past `Transport.send` (politeness, robots.txt, retries, redirects, decoding, parsing, storage) is
the same code whether the answer comes from a government server or from an archive, which is how the tests
run the real pipeline without a socket, and how a run captured where the sites are reachable (or by
`wget --warc-file`) is replayed anywhere.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import re
import socket
import threading
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from policytrack.parser.errors import PolicytrackError
from policytrack.sources.addresses import ForbiddenAddress, Unresolvable, UnsafeURL, check_url, connect

DEFAULT_MAX_BYTES = 30 * 1024 * 1024
_HOP_BY_HOP = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


@dataclass(frozen=True, slots=True)
class RawResponse:
    url: str
    status: int
    headers: dict[str, str]  # names lower-cased
    content: bytes

    @property
    def final_url(self) -> str:
        """The URL this response answers. Transports do not follow redirects (the fetcher does, checking
        each hop's host), so it is the URL that was sent."""
        return self.url


class TransportError(PolicytrackError):
    """No HTTP answer: timeout, reset, DNS failure, body too large, forbidden address."""

    def __init__(self, message: str, *, retryable: bool = True, cause: str | None = None,
                 deadline: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable and not deadline
        self.cause = cause  # UNRESOLVED: the name did not resolve; NOT_ARCHIVED: the replayed archives lack it
        self.deadline = deadline  # the request's whole deadline ran out: no attempt is left to make


UNRESOLVED = "unresolved"
NOT_ARCHIVED = "not in the archive"


class ArchiveError(PolicytrackError):
    """A WARC archive cannot be read."""


class Transport(Protocol):
    """One request, no redirects followed: a RawResponse for any HTTP answer (4xx and 5xx included), or a
    TransportError when there is none. `timeout` is (connect, read), and from the fetcher a third number: the
    wall-clock seconds the whole answer may take (LiveTransport enforces it). A GET is `send(url, headers,
    timeout)`; a POST (Hanweb's pager) adds
    `method="POST", body=...` (a form-encoded body), so a transport that only ever GETs keeps the short form."""

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, ...], *, method: str = "GET",
             body: bytes | None = None) -> RawResponse: ...


def _lower(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers}


def legacy_tls_context() -> Any:
    """An SSL context for portals still on old TLS: legacy renegotiation and old ciphers and protocol
    versions allowed (OpenSSL security level 0), certificates still verified. Only for the hosts of sources
    whose entry says tls = "legacy" (山东's portal fails the handshake with modern defaults)."""
    import ssl

    ctx = ssl.create_default_context()
    ctx.options |= getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0x4)
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():  # TLS 1.0 is deprecated, which is why these hosts are named one by one
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.TLSv1
    return ctx


_watching = threading.local()  # the _Watch of the request this thread is making, if any


class _Watch:
    """A wall clock over one request: when it runs out, the socket of the connection the request uses is shut
    down under the reading thread, whatever phase it is in (connect, slow headers, a trickling body). The
    socket itself is kept, not its connection: http.client lets go of `conn.sock` once a `Connection: close`
    response has its headers, while the response goes on reading from it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self.sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _watching.current = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _watching.current = None

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self.sock = sock
            if self.fired:
                self._shut()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shut()

    def _shut(self) -> None:
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):  # the plain socket's shutdown, under TLS too: no TLS state touched
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _guarded_adapter(allow_private: bool, ssl_context: Any = None):
    """A requests adapter whose connections resolve and vet their address themselves (sources/addresses.py),
    so the address checked is the one connected to, after every redirect and on every new connection. With
    a proxy, requests' proxy manager connects to the proxy (trusted) and LiveTransport vets the target."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
    from urllib3.util.timeout import _DEFAULT_TIMEOUT

    class _Refused(NewConnectionError):
        """Not to be retried: the name does not resolve, or resolves to an address we never connect to."""

        def __init__(self, conn: HTTPConnection, why: str) -> None:
            super().__init__(conn, why)
            self.why = why

    def new_conn(conn: HTTPConnection) -> socket.socket:
        timeout = None if conn.timeout is _DEFAULT_TIMEOUT else conn.timeout
        try:
            return connect(conn._dns_host, conn.port, timeout, allow_private=allow_private,
                           source_address=conn.source_address, socket_options=conn.socket_options)
        except (ForbiddenAddress, Unresolvable) as exc:
            raise _Refused(conn, str(exc)) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(conn, f"connection to {conn.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(conn, f"failed to establish a new connection: {exc}") from exc

    def watched(pool: HTTPConnectionPool, *args: Any, **kwargs: Any) -> Any:
        conn = HTTPConnectionPool._get_conn(pool, *args, **kwargs)
        watch = getattr(_watching, "current", None)
        if watch is not None:
            watch.watch(getattr(conn, "sock", None))  # a kept-alive connection; a new one registers in connect
        return conn

    def new_conn_watched(conn: HTTPConnection) -> socket.socket:
        sock = new_conn(conn)
        watch = getattr(_watching, "current", None)
        if watch is not None:
            watch.watch(sock)  # connected after the clock ran out: shut at once, the request fails
        return sock

    class Http(HTTPConnection):
        _new_conn = new_conn_watched

    class Https(HTTPSConnection):
        _new_conn = new_conn_watched

    class HttpPool(HTTPConnectionPool):
        ConnectionCls = Http
        _get_conn = watched

    class HttpsPool(HTTPSConnectionPool):
        ConnectionCls = Https
        _get_conn = watched

    class Adapter(HTTPAdapter):
        refused = _Refused

        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            if ssl_context is not None:
                kwargs["ssl_context"] = ssl_context
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HttpPool, "https": HttpsPool}

        def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
            if ssl_context is not None:
                proxy_kwargs.setdefault("ssl_context", ssl_context)
            return super().proxy_manager_for(proxy, **proxy_kwargs)

    # many hosts crawled in parallel: a pool per host instead of the default 10 pools; the fetcher retries
    return Adapter(pool_connections=64, pool_maxsize=4, max_retries=0)


def _cause(exc: BaseException, cls: type[BaseException]) -> BaseException | None:
    """The exception of type `cls` that requests wrapped (ConnectionError → MaxRetryError → reason)."""
    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        e = todo.pop()
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        if isinstance(e, cls):
            return e
        seen.add(id(e))
        todo += [*e.args, getattr(e, "reason", None), e.__cause__, e.__context__]
    return None


PROXY_ENV = ("HTTPS_PROXY", "https_proxy")


def proxy_from_env() -> str | None:
    """$HTTPS_PROXY (or https_proxy): the proxy a user abroad sets to reach the portals that refuse them."""
    import os

    return next((os.environ[k].strip() for k in PROXY_ENV if os.environ.get(k, "").strip()), None)


def _check_proxy(proxy: str) -> str:
    from policytrack.parser.errors import UsageError

    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"proxy {proxy!r}: expected http://host:port or https://host:port")
    return urlunsplit(parts)


def vet_target(host: str) -> None:
    """Through a proxy the connection goes to the proxy, so the target is checked by resolving its name here:
    refused when it is, or resolves to, a private, loopback or reserved address. A name this machine cannot
    resolve is left to the proxy (the portals behind the Great Firewall may not resolve abroad at all)."""
    from policytrack.sources.addresses import is_public

    try:
        ipaddress.ip_address(host)
        literal = True
    except ValueError:
        literal = False
    if literal:
        answers = [host]
    else:
        try:
            answers = [str(i[4][0]) for i in socket.getaddrinfo(host, None, 0, socket.SOCK_STREAM)]
        except (socket.gaierror, UnicodeError):
            return
    bad = next((a for a in answers if not is_public(a)), None)
    if bad is not None:
        raise ForbiddenAddress(f"{host} is a private or loopback address ({bad}); not fetched")


class LiveTransport:
    """HTTP through one requests.Session: streamed, capped in size, no redirects followed here (the fetcher
    follows them, checking each hop), and no private or loopback addresses unless allowed (tests and the
    bench farm, never a user's option): each connection vets the address it connects to.

    `proxy` (or $HTTPS_PROXY) sends every request through an HTTP(S) proxy, trusted as the user's own: its
    address is not vetted, the target's name is (vet_target). `legacy_tls_hosts` get an SSL context that
    still speaks old TLS (legacy_tls_context). Other proxy settings of the environment are not used: a system
    proxy is the commonest reason government sites time out."""

    def __init__(self, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False, proxy: str | None = None,
                 legacy_tls_hosts: Iterable[str] = ()) -> None:
        import requests

        self.session = requests.Session()
        self.session.trust_env = False  # no system proxy, .netrc or CA bundle from the environment
        self.proxy = _check_proxy(proxy) if proxy else (_check_proxy(p) if (p := proxy_from_env()) else None)
        if self.proxy:
            self.session.proxies = {"http": self.proxy, "https": self.proxy}
        self._adapter = _guarded_adapter(allow_private)
        self.session.mount("http://", self._adapter)
        self.session.mount("https://", self._adapter)
        legacy = sorted({h.lower() for h in legacy_tls_hosts if h})
        if legacy:
            adapter = _guarded_adapter(allow_private, legacy_tls_context())
            for host in legacy:  # the longest matching prefix wins in requests
                self.session.mount(f"https://{host}/", adapter)
        self.legacy_tls_hosts = tuple(legacy)
        self.max_bytes = max_bytes
        self.allow_private = allow_private

    caps_bodies = True  # send(…, cap=n) reads at most n bytes of the body and returns them (robots.txt)

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, ...], *, method: str = "GET",
             body: bytes | None = None, cap: int | None = None) -> RawResponse:
        try:
            target = check_url(url)
            if self.proxy and not self.allow_private:
                vet_target(target.host)
        except UnsafeURL as exc:
            raise TransportError(str(exc), retryable=False) from None
        except ForbiddenAddress as exc:
            raise TransportError(str(exc), retryable=False) from None
        total = timeout[2] if len(timeout) > 2 else None
        with _Watch(total) if total is not None else contextlib.nullcontext() as watch:
            response = self._request(method, url, headers, body, timeout[:2], watch, cap)
        if watch is not None and watch.fired:  # a body cut short by the clock is no answer, however it ended
            raise TransportError(f"timeout: no complete answer within {total:g} s", deadline=True)
        return response

    def _request(self, method: str, url: str, headers: dict[str, str], body: bytes | None,
                 timeout: tuple[float, ...], watch: _Watch | None, cap: int | None = None) -> RawResponse:
        import requests

        try:
            with self.session.request(method, url, headers=headers, data=body, timeout=timeout, stream=True,
                                      allow_redirects=False) as r:
                declared = r.headers.get("content-length")
                if cap is not None:  # the first `cap` bytes are the answer, however much more was sent
                    return RawResponse(url, r.status_code, _lower(r.headers.items()), _read_capped(r, cap, watch))
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise TransportError(f"body of {int(declared)} bytes exceeds the cap of {self.max_bytes}",
                                         retryable=False)
                body = io.BytesIO()
                for chunk in r.iter_content(64 * 1024):
                    body.write(chunk)
                    if body.tell() > self.max_bytes:
                        raise TransportError(f"body exceeds the cap of {self.max_bytes} bytes", retryable=False)
                    if watch is not None and watch.fired:
                        break
                return RawResponse(url, r.status_code, _lower(r.headers.items()), body.getvalue())
        except requests.exceptions.RequestException as exc:
            if watch is not None and watch.fired:  # the clock shut the socket: send() names it a timeout
                return RawResponse(url, 0, {}, b"")
            raise self._failure(exc) from None

    def _failure(self, exc: Exception) -> TransportError:
        """What a request's exception says, as one line."""
        import requests

        if isinstance(exc, requests.exceptions.Timeout):
            return TransportError("timed out")
        if isinstance(exc, requests.exceptions.ConnectionError):
            refused = _cause(exc, self._adapter.refused)
            if refused is not None:  # a name that does not resolve now will not in the next seconds either
                why = refused.why  # type: ignore[attr-defined]
                return TransportError(why, retryable=False,
                                      cause=UNRESOLVED if why.startswith("cannot resolve") else None)
            return TransportError(f"connection failed: {_reason(exc)}")
        return TransportError(f"{type(exc).__name__}: {_reason(exc)}")  # invalid URL, broken chunking, decoding


def _read_capped(r: Any, cap: int, watch: _Watch | None) -> bytes:
    body = io.BytesIO()
    for chunk in r.iter_content(64 * 1024):
        body.write(chunk[: cap - body.tell()])
        if body.tell() >= cap or (watch is not None and watch.fired):
            break
    return body.getvalue()


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text.rsplit(":", 1)[-1].strip(" )'\"") if len(text) > 120 else text


_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _url_key(url: str) -> str:
    """The index key of a URL: fragment dropped, scheme and host lower-cased, default port dropped, and
    non-ASCII percent-encoded with upper-case escapes, so that a link written 数据.html and a `wget` capture
    of %E6%95%B0%E6%8D%AE.html meet."""
    from requests.utils import requote_uri

    url = url.strip().strip("<>")  # WARC/1.1 writers may bracket the target URI
    try:
        parts = urlsplit(requote_uri(url))
        port = parts.port
    except ValueError:  # an invalid port or an unbalanced IPv6 bracket: keep the URL as it is
        return url
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    scheme = parts.scheme.lower()
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    path, query = (_ESCAPE.sub(lambda m: m.group(0).upper(), p) for p in (parts.path or "/", parts.query))
    return urlunsplit((scheme, host, path, query, ""))


def _post_key(url: str, body: bytes | None) -> str:
    """The index key of a POST: its URL's key and its form fields in order of name, so that a pager asked
    with the same fields in another order meets its record (pywb keys POSTs by their body the same way)."""
    from urllib.parse import parse_qsl, urlencode

    fields = sorted(parse_qsl((body or b"").decode("utf-8", "replace"), keep_blank_values=True))
    return f"{_url_key(url)} POST {urlencode(fields)}"


def _other_scheme(key: str) -> str:
    if key.startswith("https://"):
        return "http://" + key[len("https://"):]
    return "https://" + key[len("http://"):] if key.startswith("http://") else key


def _target(record: Any) -> str | None:
    """The http(s) URL a response or resource record answers, or None for a record replay never serves
    (request, revisit, warcinfo, metadata; dns: and other non-HTTP targets)."""
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    if not url.lower().startswith(("http://", "https://")):
        return None
    if record.rec_type == "response" and record.http_headers is not None or record.rec_type == "resource":
        return url
    return None


def _response(record: Any, url: str) -> RawResponse:
    """A servable record as the answer it recorded: a response's status, headers and decoded body (warcio
    undoes chunking and gzip), or a resource's body as a 200."""
    if record.rec_type == "response":
        status = int(record.http_headers.get_statuscode() or 0)
        headers = _lower(record.http_headers.headers)
    else:
        status = 200
        headers = {"content-type": record.rec_headers.get_header("Content-Type") or ""}
    return RawResponse(url, status, headers, record.content_stream().read())


@dataclass(slots=True)
class _Recorded:
    places: list[tuple[int, int]] = field(default_factory=list)  # (archive number, record offset), in order
    served: int = 0


class ReplayTransport:
    """Answers from WARC archives and never opens a socket. A URL recorded several times is answered with
    its records in order, then the last again (a challenge page, then the real page); an unknown URL is a
    TransportError "not in the archive" (cause NOT_ARCHIVED), never an HTTP status the site did not send.

    Reads `response` records (ours, and `wget --warc-file`'s: chunked and gzip bodies are decoded by warcio)
    and `resource` records (a body without HTTP headers, served as a 200); request, revisit, warcinfo and
    metadata records are skipped. An URL is looked up as recorded, then with the other of http/https.

    A POST (a Hanweb pager's) is looked up by its URL and form fields: our recordings link its request record
    to the response (WARC-Concurrent-To); other writers put the request just before it.

    Loading reads every archive once, keeping only where each servable record starts; a body is read from
    its archive when it is asked for. A capture of a whole site, most of it never requested, costs the
    index, not the archive's size in memory. (An archive must stay in place while it is replayed.)
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths: list[Path] = []
        self._index: dict[str, _Recorded] = defaultdict(_Recorded)
        self._lock = threading.Lock()
        self.requests: list[str] = []  # every URL asked for, in order (tests and `sources check` read it)
        self.hosts: set[str] = set()  # every host with a servable record
        for path in paths:
            self._load(Path(path))

    def _load(self, path: Path) -> None:
        from warcio.archiveiterator import ArchiveIterator

        archive = len(self.paths)
        self.paths.append(path)
        posts: dict[str, bytes] = {}  # a POST request record's id → its body (a form: small, kept)
        last_post: tuple[str, bytes] | None = None  # the POST just read, for writers that do not link records
        with _reading(path), open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                raw_url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
                if record.rec_type == "request" and record.http_headers is not None \
                        and record.http_headers.protocol.upper().startswith("POST"):
                    body = record.content_stream().read()
                    posts[record.rec_headers.get_header("WARC-Record-ID") or ""] = body
                    last_post = (_url_key(raw_url), body)
                    continue
                url = _target(record)
                if url is None:
                    continue
                asked = posts.pop(record.rec_headers.get_header("WARC-Concurrent-To") or "", None)
                if asked is None and last_post and last_post[0] == _url_key(url):
                    asked = last_post[1]
                last_post = None
                key = _url_key(url) if asked is None else _post_key(url, asked)
                # the offset is known once the record is skipped: its body is not kept
                self._index[key].places.append((archive, records.get_record_offset()))
                self.hosts.add((urlsplit(key).hostname or "").lower())

    def holds(self, url: str) -> bool:
        """Whether the archives answer this URL (GET)."""
        key = _url_key(url)
        return bool(self._index.get(key) or self._index.get(_other_scheme(key)))

    def _read(self, archive: int, offset: int) -> RawResponse:
        from warcio.archiveiterator import ArchiveIterator

        path = self.paths[archive]
        with _reading(path), open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)), None)
            if record is None:
                raise ArchiveError(f"{path}: a record indexed at {offset} is no longer there")
            return _response(record, _target(record) or "")

    def __len__(self) -> int:
        return sum(len(r.places) for r in self._index.values())

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, ...], *, method: str = "GET",
             body: bytes | None = None) -> RawResponse:
        key = _post_key(url, body) if method.upper() == "POST" else _url_key(url)
        with self._lock:
            self.requests.append(url)
            recorded = self._index.get(key) or self._index.get(_other_scheme(key))
            if not recorded or not recorded.places:
                raise TransportError(NOT_ARCHIVED, retryable=False, cause=NOT_ARCHIVED)
            place = recorded.places[min(recorded.served, len(recorded.places) - 1)]
            recorded.served += 1
        response = self._read(*place)  # outside the lock: threads read their bodies in parallel
        if headers.get("If-None-Match") and headers["If-None-Match"] == response.headers.get("etag") or (
            headers.get("If-Modified-Since") and headers["If-Modified-Since"] == response.headers.get("last-modified")
        ):  # a server honouring validators, as the archived one would have
            return RawResponse(url, 304, response.headers, b"")
        return response


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Failures reading an archive as one ArchiveError naming it."""
    from warcio.exceptions import ArchiveLoadFailed

    try:
        yield
    except ArchiveError:
        raise
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read the archive ({exc.strerror or exc})") from None
    except ArchiveLoadFailed as exc:  # its message may quote the file's first line: binary, hundreds of bytes
        said = str(exc)
        if "non-chunked gzip" in said:
            raise ArchiveError(f"{path}: not a readable WARC archive (gzipped whole, not record by record: "
                               f"`warcio recompress {path} fixed.warc.gz` repairs it)") from None
        raise ArchiveError(f"{path}: not a WARC archive (no WARC record header where a record begins)") from None
    except (ValueError, EOFError) as exc:
        raise ArchiveError(f"{path}: not a readable WARC archive ({_tidy(exc)})") from None
    except Exception as exc:  # zlib and gzip errors from a truncated or corrupt file
        raise ArchiveError(f"{path}: corrupt WARC archive ({_tidy(exc)})") from None


def _tidy(exc: BaseException, width: int = 80) -> str:
    """An exception as a short printable phrase: what a reader says of a binary file may quote the file."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(exc)).split())
    text = text if text.isascii() else text.encode("ascii", "replace").decode()
    return (text[:width] + "…" if len(text) > width else text) or type(exc).__name__


class RecordingTransport:
    """Passes requests to another transport and writes every response into a WARC (gzip), one record at
    a time, so an interrupted run still leaves a readable archive. The file is opened at the first record:
    a run that fails before any answer leaves no file (never an empty one) and an existing archive as it was."""

    def __init__(self, inner: Transport, path: Path) -> None:
        self.inner = inner
        self.path = Path(path)
        self._fh: Any = None
        self._writer: Any = None
        self._lock = threading.Lock()

    def _open(self) -> Any:
        """The writer, the archive opened for appending on first use (under the lock)."""
        if self._writer is None:
            from warcio.warcwriter import WARCWriter

            try:
                self._fh = open(self.path, "ab")  # noqa: SIM115 - closed by close()
            except OSError as exc:
                raise ArchiveError(f"{self.path}: cannot write the archive ({exc.strerror or exc})") from None
            self._writer = WARCWriter(self._fh, gzip=True)
        return self._writer

    @property
    def caps_bodies(self) -> bool:
        return bool(getattr(self.inner, "caps_bodies", False))

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, ...], *, method: str = "GET",
             body: bytes | None = None, cap: int | None = None) -> RawResponse:
        post = method.upper() == "POST"
        if cap is not None:
            response = self.inner.send(url, headers, timeout, cap=cap)  # type: ignore[call-arg]
        else:
            response = (self.inner.send(url, headers, timeout, method="POST", body=body) if post
                        else self.inner.send(url, headers, timeout))
        if response.status != 304:  # a 304 says nothing a replay could use
            self._write(response, headers, body if post else None)
        return response

    def _write(self, r: RawResponse, asked: dict[str, str] | None = None, post: bytes | None = None) -> None:
        from http import HTTPStatus

        from warcio.statusandheaders import StatusAndHeaders

        try:
            reason = HTTPStatus(r.status).phrase
        except ValueError:
            reason = "Status"
        # The body is stored decoded, so encodings that applied on the wire must not be declared again.
        hdrs = [(k, v) for k, v in r.headers.items() if k not in _HOP_BY_HOP]
        hdrs.append(("content-length", str(len(r.content))))
        http = StatusAndHeaders(f"{r.status} {reason}", hdrs, protocol="HTTP/1.1")
        with self._lock:
            self._open()
            request_id = None
            if post is not None:  # a POST's body is part of what it asked: a request record, linked below
                parts = urlsplit(r.url)
                line = f"POST {parts.path or '/'}{'?' + parts.query if parts.query else ''} HTTP/1.1"
                fields = [(k, v) for k, v in (asked or {}).items() if k.lower() not in ("cookie", "authorization")]
                fields.append(("Content-Type", "application/x-www-form-urlencoded"))
                request = self._writer.create_warc_record(
                    r.url, "request", payload=io.BytesIO(post),
                    http_headers=StatusAndHeaders(line, fields, is_http_request=True))
                self._writer.write_record(request)
                request_id = request.rec_headers.get_header("WARC-Record-ID")
            record = self._writer.create_warc_record(r.url, "response", payload=io.BytesIO(r.content),
                                                     http_headers=http)
            if request_id:
                record.rec_headers.add_header("WARC-Concurrent-To", request_id)
            self._writer.write_record(record)
            self._fh.flush()

    def write_note(self, rec_type: str, url: str, body: bytes, content_type: str,
                   headers: dict[str, str] | None = None) -> None:
        """A record that is no HTTP response (a page's DOM after its scripts ran, a note on a render that
        failed: sources/rendered.py), written into the same archive under the same lock."""
        with self._lock:
            record = self._open().create_warc_record(url, rec_type, payload=io.BytesIO(body),
                                                     warc_content_type=content_type,
                                                     warc_headers_dict=dict(headers or {}))
            self._writer.write_record(record)
            self._fh.flush()

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
