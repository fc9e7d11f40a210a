"""One error type for every failure a user can meet, each carrying its exit code; the CLI catches it once.

1 is an input or a source that could not be read, 2 a usage error or a busy database. Anything else that
escapes is a bug, reported as one line with a hint to rerun under POLICYTRACK_DEBUG=1.
"""

from __future__ import annotations


class PolicytrackError(Exception):
    """An expected failure: one line for the user, and the exit status it ends the command with."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(PolicytrackError):
    """The command line asks for something impossible (an unknown source, a bad value)."""

    exit_code = 2


class PageError(PolicytrackError, ValueError):
    """The page is not a document page (no title and no body)."""


class AttachmentError(PolicytrackError, ValueError):
    """The attachment cannot be read (corrupt, unsupported, or refused)."""
