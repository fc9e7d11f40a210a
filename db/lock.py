"""One fetch at a time per database: an advisory lock on a file beside it.

The lock is the kernel's (flock), so it is released when the process dies, however it dies: a killed
cron job never leaves a stale lock behind. Readers take no lock; WAL lets them read during a fetch.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from policytrack.parser.errors import PolicytrackError


class LockError(PolicytrackError):
    """Another fetch holds the database."""

    exit_code = 2


class FetchLock:
    def __init__(self, db_path: Path, *, wait: bool = False, timeout: float | None = None) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.wait = wait
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> FetchLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:  # never through a symlink: a link planted there would have its target truncated
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise LockError(f"cannot open the lock file {self.path}: {exc.strerror or exc}", exit_code=1) from None
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not self.wait or (deadline is not None and time.monotonic() >= deadline):
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                    os.close(fd)
                    raise LockError(f"another fetch (pid {holder}) is running on {self.path.with_suffix('')}; "
                                    "use --wait to wait for it") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
