"""`changes --notify URL`: one message per run through apprise, the library changedetection.io uses, which
speaks mail (mailto://), Slack, Telegram, Matrix, ntfy, generic webhooks (json://, form://) and some hundred
more by URL. Optional: `pip install 'policytrack[notify]'`.

The URLs are checked before anything is read, so a mistyped one fails the command at once; a message that
cannot be delivered later is a warning on stderr that leaves the exit status alone (the changes were found and
printed; a broken chat service must not make cron report a failed fetch).
"""

from __future__ import annotations

import logging
from typing import Any

from policytrack.cli.feed import report
from policytrack.cli.output import plural
from policytrack.parser.errors import PolicytrackError, UsageError


def _apprise() -> Any:
    try:
        import apprise
    except ImportError:
        raise PolicytrackError("--notify needs apprise: pip install 'policytrack[notify]'", exit_code=2) from None
    return apprise


def services(urls: list[str]) -> list[Any]:
    """One apprise service per URL; an unknown scheme or a malformed URL is a usage error, named."""
    apprise = _apprise()
    found = []
    for url in urls:
        service = apprise.Apprise.instantiate(url)
        if service is None:
            raise UsageError(f"--notify {shown(url)}: not a notification URL apprise knows "
                             "(see https://github.com/caronc/apprise/wiki)")
        found.append(service)
    return found


def shown(url: str) -> str:
    """A URL as messages show it: scheme and host, never the tokens and passwords later in it."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/')[0].rsplit('@', 1)[-1]}/…" if rest else url


def message(items: list[dict[str, Any]], since: str, lang: str = "zh") -> tuple[str, str]:
    """The title and body of the one message a run sends: the changes as `changes` prints them."""
    title = f"policytrack: {plural(len(items), 'change')} since {since}"
    return title, "\n".join(report(items, lang))


def send(found: list[Any], title: str, body: str) -> list[str]:
    """Send to each service; the failures, one line each (what apprise logged as the reason)."""
    apprise = _apprise()
    failures = []
    for service in found:
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
            ok = service.notify(body=body, title=title)
        if not ok:
            reason = " ".join(log.getvalue().split()) or "not delivered"
            failures.append(f"notification to {shown(service.url(privacy=True))} failed: {reason[:300]}")
    return failures
