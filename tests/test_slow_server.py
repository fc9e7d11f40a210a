"""A slow or hostile server costs one request's deadline, retries and redirects included, and is named a
timeout; a robots.txt of many megabytes is read to 500 KB, and what was read is honoured."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from policytrack.sources.fetcher import MAX_ROBOTS_BYTES, Fetcher, FetchError
from policytrack.sources.transport import LiveTransport
from tests.hostile_servers import PAGE, serving


def _fetcher(**kw: object) -> Fetcher:
    return Fetcher(LiveTransport(allow_private=True), polite=False, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["trickle", "trickle-unsized", "slow-headers"])
def test_a_trickling_server_costs_one_deadline_and_is_named_a_timeout(mode: str) -> None:
    with serving(mode, interval=0.05) as srv:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"timeout: no complete answer within the 1\.5 s deadline") as e:
            _fetcher(robots=False, deadline=1.5, timeout=(1.0, 1.0)).get(srv.url + "/a.html")
        took = time.monotonic() - started
    assert 1.4 < took < 4, took  # one deadline, not one per attempt (nor 'empty body (HTTP 200)')
    assert "empty body" not in str(e.value) and e.value.unreachable


def test_the_deadline_holds_across_retries() -> None:
    """Each attempt times out on its read; the retries stop when the deadline is spent."""
    with serving("slow-headers", interval=2.0) as srv:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timeout"):
            _fetcher(robots=False, deadline=2.5, timeout=(1.0, 1.0), retries=5).get(srv.url + "/a.html")
        took = time.monotonic() - started
    assert took < 5, took


def test_a_quick_server_is_read_whole_within_the_deadline() -> None:
    with serving("ok") as srv:
        page = _fetcher(deadline=2.0).get(srv.url + "/a.html")
    assert page.content == PAGE


def test_a_huge_robots_txt_is_read_to_the_cap_and_honoured() -> None:
    with serving("ok", robots_bytes=28 * 2 ** 20) as srv:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="disallowed by robots.txt"):
                _fetcher(deadline=20.0).get(srv.url + "/zcwj/a.html")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert "/zcwj/a.html" not in srv.seen
    assert peak < 20 * MAX_ROBOTS_BYTES  # the cap's worth, not the 28 MB sent


def test_a_robots_txt_within_the_cap_still_allows() -> None:
    with serving("ok", robots_bytes=None) as srv:
        assert _fetcher().get(srv.url + "/zcwj/a.html").content == PAGE
