"""`policytrack extract` (a file, no store) and `policytrack reparse` (every stored version)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.formatting import commitment
from policytrack.cli.options import DbOption, JsonOption, open_store
from policytrack.cli.output import CliError, emit, emit_json, message, progress


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("reparse")(reparse)


def extract(
    path: Annotated[str, typer.Argument(help="A .txt, .html, .pdf or .docx file, or - for stdin.")],
    as_json: JsonOption = False,
) -> None:
    """Run the parser on a local file and print its targets, facts, incentives and schemes.

    Nothing is stored. With --json: {"targets": [...], "facts": [...], "incentives": [...], "schemes": [...],
    "commitments": [...]}.
    """
    from policytrack.parser.document_text import text_from_file
    from policytrack.parser.errors import AttachmentError, PageError
    from policytrack.parser.extract import extract as run_extract

    if path == "-":
        content = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if not file.exists() or file.is_dir():
            raise CliError(f"no such file: {path}", code=2)
        content = file.read_bytes()
    try:
        text = text_from_file(content, path)
    except (AttachmentError, PageError) as exc:
        raise CliError(f"cannot read {path}: {exc}") from None
    result = run_extract(text).to_dict()
    if as_json:
        emit_json(result)
        return
    rows = [
        {**t, "target": commitment(t["comparator"], t["value"], t["unit"])} for t in result["targets"]
    ]
    emit(rows, [("metric", "metric"), ("subject", "subject"), ("target", "target"), ("year", "year"),
                ("quote", "quote")], title="targets")
    for kind in ("facts", "incentives", "schemes"):
        if result[kind]:
            emit(result[kind], [("quote", "quote")], title=kind)


def reparse(
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-run the current parser over every stored version, from the raw bytes stored at fetch time."""
    from policytrack.parser.document_text import text_from_stored
    from policytrack.parser.extract import PARSER_VERSION
    from policytrack.parser.extract import extract as run_extract
    from policytrack.parser.references import find_references

    done = failed = changed = 0
    with open_store(db) as store:
        for v in progress(store.stored_versions(), store.count("versions"), "reparsing"):
            try:
                text = text_from_stored(v["raw"], v["content_type"], v["url"], v.get("attachments") or ())
            except Exception as exc:  # one unreadable version must not stop the others
                failed += 1
                message(f"version {v['id']}: {exc}")
                continue
            changed += store.replace_extraction(v["id"], run_extract(text), PARSER_VERSION,
                                                references=find_references(text))
            done += 1
    summary = {"parser_version": PARSER_VERSION, "versions": done, "targets_changed": changed, "failed": failed}
    if as_json:
        emit_json(summary)
    else:
        print(f"reparsed {done} versions with parser {PARSER_VERSION}: targets changed in {changed}"
              + (f", {failed} failed" if failed else ""))
