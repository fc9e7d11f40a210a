"""The child of pipeline/attachments.py: cap its own memory, read one attachment from stdin, and print
["ok", text] or ["error", message] as JSON on stdout."""

from __future__ import annotations

import json
import resource
import sys


def main(argv: list[str]) -> None:
    ceiling, content_type, name = int(argv[0]), argv[1], argv[2]
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    from policytrack.parser.attachments import attachment_text
    from policytrack.parser.errors import AttachmentError

    content = sys.stdin.buffer.read()
    try:
        answer = ["ok", attachment_text(content, content_type, name)]
    except AttachmentError as exc:
        answer = ["error", str(exc)]
    except MemoryError:
        answer = ["error", f"needed more than {ceiling // 2 ** 20} MB of memory: not read: {name}"]
    except RecursionError:
        answer = ["error", f"nested too deep to read: {name}"]
    except Exception as exc:  # a reader's own bug on a hostile file: one line, the run goes on
        answer = ["error", f"unreadable ({type(exc).__name__}): {name}"]
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
