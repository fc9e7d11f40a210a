"""Change over time: `changes` (the feed cron mails), `diff` (one document's versions), `lineage`. The data
comes from db/history.py; this module only renders it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from policytrack.cli.feed import atom, report
from policytrack.cli.formatting import figure
from policytrack.cli.lang import add_english, change_line, in_english, target_line
from policytrack.cli.notify import message as notify_message
from policytrack.cli.notify import send
from policytrack.cli.notify import services as notify_services
from policytrack.cli.options import (
    CsvOption,
    DbOption,
    DocArgument,
    JsonOption,
    LangOption,
    check_choice,
    check_date,
    open_store,
)
from policytrack.cli.output import atomic_write, columns, emit, emit_json, fmt_of, json_text, message, plural, write_csv
from policytrack.parser.errors import PolicytrackError, UsageError


def register(app: typer.Typer) -> None:
    app.command("changes", epilog="Examples:  policytrack changes --since last --quiet   ·   "
                "policytrack changes --since 2026-11 --csv > changes.csv   ·   "
                "policytrack changes --since 2026-11 --format atom -o feed.xml   ·   "
                "policytrack changes --quiet --notify 'mailto://user:pass@example.com'")(changes)
    app.command("diff", epilog="Examples:  policytrack diff 3   ·   policytrack diff 3 --from 1 --to 2 --json")(diff)
    app.command("lineage", epilog="Example:  policytrack lineage '发改数据〔2024〕1822号'")(lineage)


CHANGES_FORMATS = ("table", "atom")


def changes(
    since: Annotated[str, typer.Option(help="A date (YYYY-MM-DD, YYYY-MM or YYYY) or `last`: what the latest "
                                       "fetch found.")] = "last",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing when nothing changed.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="table, or atom: an Atom feed (RFC 4287) with "
                                            "an entry per change, ids stable from run to run.",
                                            show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the feed (or JSON, CSV) to this "
                                                "file, replaced whole.", dir_okay=False, show_default=False)] = None,
    notify: Annotated[list[str] | None, typer.Option("--notify", metavar="URL", help="Also send one message with "
                                                     "the changes (none when nothing changed) to this apprise URL "
                                                     "(mailto://, slack://, tgram://, json://host/path …; "
                                                     "repeatable; needs policytrack[notify]).",
                                                     show_default=False)] = None,
    lang: LangOption = "zh",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """New, revised, reposted and removed documents, with their target changes, since a date or the last run.

    Records that changed only because the parser changed (after `reparse`) are listed apart (kind `reparsed`).
    A notification that cannot be delivered is a warning: the exit status stays that of the listing.
    """
    chosen = fmt_of(as_json, as_csv)
    if fmt is not None:
        check_choice(fmt, CHANGES_FORMATS, "--format")
        if chosen != "table":
            raise UsageError("--format excludes --json and --csv")
        chosen = fmt
    if output is not None and chosen == "table":
        raise UsageError("-o writes --format atom, --json or --csv")
    services = notify_services(notify) if notify else []
    with open_store(db) as store:
        if since == "last":
            run = store.runs.last()
            if run is None:
                raise PolicytrackError("no fetch has run yet: run `policytrack fetch` first")
            start, items = run["started_at"], store.history.changes(from_event=run["first_event"])
        else:
            start = check_date(since, "--since")
            items = store.history.changes(since=start)
        hashes = _hashes(store, items) if chosen == "atom" else {}
    if chosen == "table":
        if items:
            print("\n".join(report(items, lang)))
        elif not quiet:
            message(f"no changes since {start}")
    else:
        def write(fh: IO[str]) -> None:
            if chosen == "json":
                fh.write(json_text(add_english(items) if lang == "en" else items,
                                   indent=2 if output or sys.stdout.isatty() else None) + "\n")
            elif chosen == "csv":
                rows = [_flat(i, lang) for i in items] or [_flat(None)]
                if lang == "en":
                    rows = [in_english(r) for r in rows]
                write_csv(fh, rows if items else [], list(rows[0]))
            else:
                fh.write(atom(items, since=start, hashes=hashes, lang=lang))

        if output is None:
            write(sys.stdout)
        else:
            atomic_write(output, write)
            if not quiet:
                message(f"wrote {plural(len(items), 'change')} to {output}")
    if services and items:
        for failure in send(services, *notify_message(items, start, lang)):
            message(f"policytrack: warning: {failure}")


def _hashes(store: Any, items: list[dict[str, Any]]) -> dict[int, str]:
    """The hash of each version the items concern: what makes a feed entry's id."""
    out: dict[int, str] = {}
    for doc_id in {i["document"]["id"] for i in items if i.get("version_id")}:
        out.update({v["id"]: v["hash"] for v in store.versions.of_document(doc_id)})
    return out


_FLAT_DOC = ("title", "doc_number", "issuer", "region", "level", "url", "published_date")


def _flat(i: dict[str, Any] | None, lang: str = "zh") -> dict[str, Any]:
    """One CSV row per change: the document's fields, and the target changes as lines (None: an empty row, for
    the header of a CSV with no changes)."""
    if i is None:
        return dict.fromkeys(("kind", "at", "cause", "document_id", *_FLAT_DOC, "targets_added", "targets_removed",
                              "targets_changed"))
    d, t = i["document"], i.get("targets") or {}
    return {"kind": i["kind"], "at": i["at"], "cause": i["cause"], "document_id": d["id"],
            **{k: d.get(k) for k in _FLAT_DOC},
            "targets_added": "\n".join(target_line(x, lang) for x in t.get("added", [])),
            "targets_removed": "\n".join(target_line(x, lang) for x in t.get("removed", [])),
            "targets_changed": "\n".join(change_line(c["old"], c["new"], lang) for c in t.get("changed", []))}


def diff(
    doc: DocArgument,
    from_: Annotated[str | None, typer.Option("--from", help="Version number (1, 2, …) or date (default: the one "
                                              "before --to).", show_default=False)] = None,
    to: Annotated[str | None, typer.Option("--to", help="Version number or date (default: the latest).",
                                           show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The text diff (by sentence) and the target diff between two versions of a document."""
    from policytrack.parser.diffs import unified

    with open_store(db) as store:
        doc_id = store.queries.resolve(doc)
        if doc_id is None:
            raise PolicytrackError(f"no document matches {doc!r}")
        versions = store.versions.of_document(doc_id)
        if not versions:
            raise PolicytrackError(f"document {doc_id} has no stored version")
        new_id = _version(store, doc_id, to, "--to") if to else versions[-1]["id"]
        old_id = _version(store, doc_id, from_, "--from") if from_ else store.versions.previous(doc_id, new_id)
        if old_id is None:
            raise PolicytrackError(f"document {doc_id} has only one version before {to or 'now'}: nothing to "
                                   "compare")
        result = store.history.diff(doc_id, old_id, new_id)
    if as_json:
        emit_json(result)
        return
    old, new = result["from"], result["to"]
    labels = (f"version {old['number']} ({old['fetched_at']})", f"version {new['number']} ({new['fetched_at']})")
    text = [(s["op"], s["sentence"]) for s in result["text"]]
    if sys.stdout.isatty():
        colours = {"-": "31", "+": "32", " ": "2", "@": "36"}
        print(f"{result['document']['title']}  {labels[0]} → {labels[1]}")
        for op, s in text:
            print(f"\x1b[{colours[op]}m{op} {s if op != '@' else '…'}\x1b[0m")
    else:
        sys.stdout.write(unified(text, *labels))
    targets = result["targets"]
    for c in targets["changed"]:
        print(f"~ {change_line(c['old'], c['new'])}")
    for t in targets["added"]:
        print(f"+ {target_line(t)}")
    for t in targets["removed"]:
        print(f"- {target_line(t)}")


def _version(store: Any, doc_id: int, ref: str, name: str) -> int:
    if not (ref.isascii() and ref.isdigit()):
        check_date(ref, name)
    found = store.history.version_at(doc_id, ref)
    if found is None:
        raise PolicytrackError(f"{name} {ref}: no such version of document {doc_id} "
                               f"(see `policytrack show {doc_id} --json`)")
    return found


def lineage(
    doc: DocArgument,
    depth: Annotated[int, typer.Option(help="Levels of implementations to follow.", min=1, max=5)] = 3,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The documents that implement or cite a document, with their lags.

    Each implementation shows the days it took after the cited document and whether its rates go beyond the
    cited ones (a province's 25% against the national 20%).
    """
    fmt = fmt_of(as_json, as_csv)
    with open_store(db) as store:
        root_id = store.queries.resolve(doc)
        if root_id is None:
            raise PolicytrackError(f"no document matches {doc!r}")
        tree = store.history.lineage(root_id, depth)
    if fmt == "json":
        emit_json(tree)
    elif fmt == "csv":
        emit(list(_rows(tree)), columns("depth", "id", "title"), "csv")
    else:
        _print_node(tree, 0)


def _rows(node: dict[str, Any], depth: int = 0, parent: int | None = None):
    """The tree as rows, parents before their implementations: one CSV row per document."""
    d = node["document"]
    yield {"depth": depth, "parent_id": parent, **d, "lag_days": node.get("lag_days"),
           "beyond": "\n".join(f"{b['metric']} {figure(b['local'])} against {figure(b['cited'])}"
                               for b in node.get("beyond", []))}
    for child in node["implementations"]:
        yield from _rows(child, depth + 1, d["id"])


def _print_node(node: dict[str, Any], level: int) -> None:
    d = node["document"]
    pad = "  " * level
    lag = f" (+{node['lag_days']} days)" if node.get("lag_days") is not None else ""
    date = d.get("published_date") or d.get("written_date") or "????-??-??"
    print(f"{pad}{'└ ' if level else ''}{date} {d.get('region') or ''} {d.get('doc_number') or ''} "
          f"{d['title']} [{d['id']}]{lag}")
    for b in node.get("beyond", []):
        print(f"{pad}    beyond: {b['metric']} {figure(b['local'])} against {figure(b['cited'])}")
    for child in node["implementations"]:
        _print_node(child, level + 1)
