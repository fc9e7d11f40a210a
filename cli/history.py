"""Change over time: `changes` (the feed cron mails), `diff` (one document's versions), `lineage`."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated, Any

import typer

from policytrack.cli.formatting import commitment
from policytrack.cli.options import DbOption, DocArgument, JsonOption, check_date, open_store
from policytrack.cli.output import CliError, emit_json, message

DOC_FIELDS = ("id", "title", "doc_number", "issuer", "region", "level", "url", "published_date", "written_date")


def register(app: typer.Typer) -> None:
    app.command("changes")(changes)
    app.command("diff")(diff)
    app.command("lineage")(lineage)


def _doc(row: dict[str, Any], id_key: str = "id") -> dict[str, Any]:
    return {k: row.get(id_key if k == "id" else k) for k in DOC_FIELDS}


def _target(t: dict[str, Any]) -> str:
    year = f" by {t['year']}" if t.get("year") else ""
    return f"{t['metric']}: {t['subject']} {commitment(t['comparator'], t['value'], t['unit'])}{year}"


def changes(
    since: Annotated[str, typer.Option(help="A date (YYYY-MM-DD) or `last`: what the latest fetch found.")] = "last",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing when nothing changed.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """New, revised, reposted and removed documents, with their target changes, since a date or the last run.

    Records that changed only because the parser changed (after `reparse`) are listed apart (kind `reparsed`).
    """
    from policytrack.parser.diffs import record_diff

    with open_store(db) as store:
        if since == "last":
            run = store.last_run()
            if run is None:
                raise CliError("no fetch has run yet: run `policytrack fetch` first")
            start, events = run["started_at"], store.events(from_event=run["first_event"])
        else:
            start = check_date(since, "--since")
            events = store.events(start)
        previous = {e["version_id"]: store.previous_version(e["document_id"], e["version_id"])
                    for e in events if e["kind"] == "revised"}
        targets = store.targets_of_versions([e["version_id"] for e in events if e["kind"] in ("new", "revised")]
                                            + list(previous.values()))
        out = []
        for e in events:
            item: dict[str, Any] = {"kind": e["kind"], "at": e["at"], "cause": "parser" if e["kind"] == "reparsed"
                                    else "document", "document": _doc(e, "document_id"),
                                    "version_id": e["version_id"], "detail": e["detail"]}
            if e["kind"] == "new":
                item["targets"] = {"added": targets.get(e["version_id"], []), "removed": [], "changed": []}
            elif e["kind"] == "revised":
                old = targets.get(previous[e["version_id"]], [])
                item["targets"] = record_diff(old, targets.get(e["version_id"], []))
            elif e["kind"] == "reparsed":
                item["targets"] = (e["detail"] or {}).get("targets")
            out.append(item)
    if as_json:
        emit_json(out)
        return
    if not out:
        if not quiet:
            message(f"no changes since {start}")
        return
    for cause, heading in (("document", None), ("parser", "Changed by the parser (after reparse), not by the sites:")):
        items = [i for i in out if i["cause"] == cause]
        if items and heading:
            print(heading)
        for i in items:
            _print_change(i)


def _print_change(i: dict[str, Any]) -> None:
    d = i["document"]
    label = d.get("doc_number") or ""
    print(f"{i['kind'].upper():9} {i['at'][:10]} {d.get('region') or ''} {label} {d.get('title')} [{d['id']}]")
    if i["kind"] == "repost":
        print(f"{'':10}also at {i['detail'].get('url')}")
    targets = i.get("targets") or {}
    for t in targets.get("added", []):
        print(f"{'':10}+ {_target(t)}")
    for t in targets.get("removed", []):
        print(f"{'':10}- {_target(t)}")
    for c in targets.get("changed", []):
        old, new = c["old"], c["new"]
        print(f"{'':10}~ {new['metric']}: {new['subject']} {commitment(old['comparator'], old['value'], old['unit'])}"
              f" → {commitment(new['comparator'], new['value'], new['unit'])}"
              + (f" by {new['year']}" if new.get("year") else ""))


def diff(
    doc: DocArgument,
    from_: Annotated[str | None, typer.Option("--from", help="Version id or date (default: the one before --to).")]
    = None,
    to: Annotated[str | None, typer.Option("--to", help="Version id or date (default: the latest).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The text diff (by sentence) and the target diff between two versions of a document."""
    from policytrack.parser.diffs import record_diff, text_diff, unified

    with open_store(db) as store:
        doc_id = store.resolve(doc)
        if doc_id is None:
            raise CliError(f"no document matches {doc!r}")
        versions = store.versions(doc_id)
        if not versions:
            raise CliError(f"document {doc_id} has no stored version")
        new_id = _version(store, doc_id, to, "--to") if to else versions[-1]["id"]
        old_id = _version(store, doc_id, from_, "--from") if from_ else store.previous_version(doc_id, new_id)
        if old_id is None:
            raise CliError(f"document {doc_id} has only one version before {to or 'now'}: nothing to compare")
        old, new = store.version_row(old_id), store.version_row(new_id)
        targets = record_diff(store.version_targets(old_id), store.version_targets(new_id))
        document = store.document(str(doc_id))
    text = text_diff(old["text"] or "", new["text"] or "")
    if as_json:
        strip = ("text",)
        emit_json({"document": _doc(document), "from": {k: v for k, v in old.items() if k not in strip},
                   "to": {k: v for k, v in new.items() if k not in strip},
                   "text": [{"op": op, "sentence": s} for op, s in text], "targets": targets})
        return
    labels = (f"version {old_id} ({old['fetched_at']})", f"version {new_id} ({new['fetched_at']})")
    if sys.stdout.isatty():
        from rich.console import Console

        console = Console()
        console.print(f"[bold]{document['title']}[/bold]  {labels[0]} → {labels[1]}", highlight=False)
        styles = {"-": "red", "+": "green", " ": "dim", "@": "cyan"}
        for op, s in text:
            console.print(f"{op} {s}" if op != "@" else "…", style=styles[op], highlight=False)
    else:
        sys.stdout.write(unified(text, *labels))
    for c in targets["changed"]:
        print(f"~ {c['new']['metric']}: {c['new']['subject']} "
              f"{commitment(c['old']['comparator'], c['old']['value'], c['old']['unit'])} → "
              f"{commitment(c['new']['comparator'], c['new']['value'], c['new']['unit'])}")
    for t in targets["added"]:
        print(f"+ {_target(t)}")
    for t in targets["removed"]:
        print(f"- {_target(t)}")


def _version(store: Any, doc_id: int, ref: str, name: str) -> int:
    if not ref.isdigit():
        check_date(ref, name)
    found = store.version_ref(doc_id, ref)
    if found is None:
        raise CliError(f"{name} {ref}: no such version of document {doc_id} (see `policytrack show {doc_id} --json`)")
    return found


def lineage(
    doc: DocArgument,
    depth: Annotated[int, typer.Option(help="Levels of implementations to follow.", min=1, max=5)] = 3,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The documents that implement or cite a document, with their lags.

    Each implementation shows the days it took after the cited document and whether its rates go beyond the
    cited ones (a province's 25% against the national 20%).
    """
    with open_store(db) as store:
        root_id = store.resolve(doc)
        if root_id is None:
            raise CliError(f"no document matches {doc!r}")
        tree = _node(store, store.document(str(root_id)), depth, {root_id})
    if as_json:
        emit_json(tree)
        return
    _print_node(tree, 0)


def _node(store: Any, document: dict[str, Any], depth: int, seen: set[int]) -> dict[str, Any]:
    targets = store.targets(doc=str(document["id"]))
    node = {"document": _doc(document), "targets": targets, "cites": store.cites(document["id"]),
            "implementations": []}
    if depth == 0:
        return node
    for child in store.cited_by(document["id"]):
        if child["id"] in seen:
            continue
        seen.add(child["id"])
        sub = _node(store, child, depth - 1, seen)
        sub["lag_days"] = _lag(document, child)
        sub["beyond"] = _beyond(targets, sub["targets"])
        node["implementations"].append(sub)
    return node


def _date(d: dict[str, Any]) -> str | None:
    return d.get("published_date") or d.get("written_date")


def _lag(parent: dict[str, Any], child: dict[str, Any]) -> int | None:
    a, b = _date(parent), _date(child)
    if not (a and b):
        return None
    return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days


def _beyond(parent: list[dict[str, Any]], child: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rates that go beyond the parent's: same metric, both in percent (totals of a province and of the
    country are not comparable), a higher value."""
    out = []
    for c in child:
        for p in parent:
            if c["metric"] == p["metric"] and c["unit"] == p["unit"] == "percent" and c["value"] > p["value"]:
                out.append({"metric": c["metric"], "subject": c["subject"],
                            "cited": commitment(p["comparator"], p["value"], p["unit"]),
                            "local": commitment(c["comparator"], c["value"], c["unit"]), "year": c["year"]})
                break
    return out


def _print_node(node: dict[str, Any], level: int) -> None:
    d = node["document"]
    pad = "  " * level
    lag = f" (+{node['lag_days']} days)" if node.get("lag_days") is not None else ""
    print(f"{pad}{'└ ' if level else ''}{_date(d) or '????-??-??'} {d.get('region') or ''} "
          f"{d.get('doc_number') or ''} {d['title']} [{d['id']}]{lag}")
    for b in node.get("beyond", []):
        print(f"{pad}    beyond: {b['metric']} {b['local']} against {b['cited']}")
    for child in node["implementations"]:
        _print_node(child, level + 1)
