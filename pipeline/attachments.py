"""Attachments read under a budget: each in a child process with a wall-clock limit and a memory ceiling.

A 90 KB PDF of heavy pages or a 1.5 KB one of fanned-out objects can keep pypdf busy for minutes, and a
DOCX whose zip entries lie about their sizes can take gigabytes before it fails. Read in a child, such a file
becomes a named error for that attachment (the document is stored with its page text) and the run goes on.
The child is a fresh interpreter (`python -m policytrack.pipeline.attachment_worker`): bytes in on stdin,
JSON out on stdout. It costs a few hundred milliseconds, which attachments, few and slow to fetch, can pay.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import policytrack
from policytrack.parser.errors import AttachmentError

TIME_BUDGET = 20.0  # seconds of wall clock per attachment
MEMORY_CEILING = 1024 * 1024 * 1024  # bytes of address space for the child
_IMPORT_ROOT = str(Path(policytrack.__file__).resolve().parent.parent)  # where `policytrack` is importable from


def read_attachment(content: bytes, content_type: str, name: str, *, budget: float = TIME_BUDGET,
                    ceiling: int = MEMORY_CEILING) -> str:
    """The attachment's text, or an AttachmentError naming why it was not read (corrupt, unsupported, over
    the time budget or the memory ceiling)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_IMPORT_ROOT, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "policytrack.pipeline.attachment_worker", str(ceiling), content_type, name]
    try:
        done = subprocess.run(command, input=content, capture_output=True, timeout=budget, env=env)
    except subprocess.TimeoutExpired:
        raise AttachmentError(f"took longer than {budget:g} s: not read: {name}") from None
    try:
        status, value = json.loads(done.stdout)
    except ValueError:  # the child died without a word: a crash, or a signal
        raise AttachmentError(f"its reader died (exit {done.returncode}): not read: {name}") from None
    if status == "error":
        raise AttachmentError(value)
    return value
