"""The time a run records (fetched_at, a run's start and end, a reparse), in one place.

POLICYTRACK_NOW (an ISO timestamp such as 2026-11-24T19:58:18Z) fixes it, so a documentation build or a test
replays an archive to the same store byte for byte; without it, the current UTC time.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> str:
    fixed = os.environ.get("POLICYTRACK_NOW")
    return fixed if fixed else datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
