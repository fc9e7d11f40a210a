"""A source's health from one run's counts and its history: the rules, as a pure function.

Silent breakage after a site redesign is how scraper fleets die, so it is made loud: a list that yields no
items where earlier runs yielded some, or detail pages that all fail, is `broken` at once; other failures
(a timeout, a 503) make a source `failing`, and `broken` after BROKEN_AFTER in a row. A list read through the
page's main list because its configured selector found nothing is `degraded`: the documents still come, but
the entry needs mending. A state change is what gets reported, not every run, so cron does not mail the same
failure daily.
"""

from __future__ import annotations

from dataclasses import dataclass

BROKEN_AFTER = 3


@dataclass(frozen=True, slots=True)
class Health:
    state: str  # ok | degraded | failing | broken
    reason: str | None
    failures: int  # consecutive failed runs
    changed: bool  # the state differs from the previous run's


def assess(previous_state: str | None, previous_failures: int, items_before: int, stats: dict[str, int],
           error: str | None, *, selectors_failed: bool = False, degraded: str | None = None) -> Health:
    """`items_before`: the most items any earlier successful run of this source saw; `selectors_failed`: the
    pages came but the source's selectors found nothing on them (a redesign, not a network hiccup);
    `degraded`: why the lists were read through the page's main list (the selector that failed, the one found)."""
    reason = error
    if reason is None and stats.get("items", 0) == 0 and items_before > 0:
        reason = f"the list yielded no items (earlier runs yielded up to {items_before}): the site may have changed"
    elif reason is None and stats.get("candidates", 0) > 0 and stats.get("errors", 0) >= stats["candidates"]:
        reason = f"all {stats['candidates']} detail pages failed: the site may have changed"
        immediate = True
    else:
        immediate = False
    if reason is None and degraded:
        return Health("degraded", degraded, 0, previous_state != "degraded")
    if reason is None:
        return Health("ok", None, 0, previous_state not in (None, "new", "ok"))
    failures = previous_failures + 1
    silent = error is None or selectors_failed  # the pages came, the data did not: a redesign, not a hiccup
    state = "broken" if silent or immediate or failures >= BROKEN_AFTER else "failing"
    return Health(state, reason, failures, state != previous_state)
