"""Query commands over the store: docs, show, search, targets. Each has --json."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policytrack.cli.formatting import commitment
from policytrack.cli.options import (
    CsvOption,
    DbOption,
    DocArgument,
    JsonOption,
    LevelOption,
    RegionOption,
    check_date,
    check_level,
    open_store,
)
from policytrack.cli.output import CliError, emit, emit_json

METRICS = ("growth_rate", "industry_scale", "share", "enterprises", "bases", "datasets", "cases",
           "talent", "standards", "funding", "other")


def register(app: typer.Typer) -> None:
    app.command("docs")(docs)
    app.command("show")(show)
    app.command("search")(search)
    app.command("targets")(targets)


def docs(
    region: RegionOption = None,
    level: LevelOption = None,
    issuer: Annotated[str | None, typer.Option(help="Issuer (发文机关) contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    active: Annotated[bool, typer.Option("--active", help="Only documents in force (see --on).")] = False,
    by_province: Annotated[bool, typer.Option("--by-province", help="Count per province (cities in theirs).")]
    = False,
    on: Annotated[str | None, typer.Option(help="With --active: in force on this date (default today).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """List stored documents, newest first."""
    check_level(level)
    filters = {"region": region, "level": level, "issuer": issuer, "since": check_date(since, "--since"),
               "until": check_date(until, "--until")}
    with open_store(db) as store:
        if active:
            from datetime import date

            rows = store.active(check_date(on, "--on") or date.today().isoformat(), **filters)
        else:
            rows = store.documents(**filters)
    if by_province:
        emit(group_by_province(rows), [("province", "province"), ("documents", "documents"),
                                       ("latest", "latest published")], as_json=as_json, as_csv=as_csv)
        return
    emit(rows, [("id", "id"), ("published_date", "published"), ("region", "region"), ("issuer", "issuer"),
                ("doc_number", "发文字号"), ("title", "title")], as_json=as_json, as_csv=as_csv)


def show(
    doc: DocArgument,
    text: Annotated[bool, typer.Option("--text", help="Print the document's current text.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one document: its metadata, versions, targets and other extracted records."""
    with open_store(db) as store:
        found = store.document(doc)
        if found is None:
            raise CliError(f"no document matches {doc!r} (try `policytrack docs` or `search`)")
        found["versions"] = store.versions(found["id"])
        found["targets"] = store.targets(doc=str(found["id"]))
        for kind in ("facts", "incentives", "schemes", "commitments"):
            found[kind] = store.records(kind, found["id"])
        found["cites"] = store.cites(found["id"])
        found["cited_by"] = [{k: r[k] for k in ("id", "title", "doc_number", "region", "published_date")}
                             for r in store.cited_by(found["id"])]
    if as_json:
        emit_json(found)
        return
    if text:
        print(found.get("text") or "")
        return
    _print_document(found)


def _print_document(d: dict[str, Any]) -> None:
    from rich.console import Console

    console = Console()
    console.print(f"[bold]{d.get('title')}[/bold]")
    for label, key in (("发文字号", "doc_number"), ("发文机关", "issuer"), ("region", "region"),
                       ("level", "level"), ("成文日期", "written_date"), ("发布日期", "published_date"),
                       ("索引号", "index_no"), ("主题分类", "topic"), ("url", "url"),
                       ("first seen", "first_seen"), ("last seen", "last_seen"), ("removed", "removed_at"),
                       ("in force from", "valid_from"), ("expires", "expires")):
        if d.get(key):
            console.print(f"  {label}: {d[key]}", highlight=False)
    for url in d.get("urls") or []:
        if url != d.get("url"):
            console.print(f"  also at: {url}", highlight=False)
    console.print(f"  versions: {len(d['versions'])}")
    if d["targets"]:
        console.print("[bold]targets[/bold]")
        for t in d["targets"]:
            year = f" by {t['year']}" if t.get("year") else ""
            console.print(f"  {t['metric']}: {t['subject']} {commitment(t['comparator'], t['value'], t['unit'])}"
                          f"{year}  「{t['quote']}」", highlight=False)
    for kind in ("facts", "incentives", "schemes"):
        if d.get(kind):
            console.print(f"[bold]{kind}[/bold]")
            for r in d[kind]:
                console.print(f"  「{r['quote']}」", highlight=False)
    if d.get("cites"):
        console.print("[bold]cites[/bold]")
        for r in d["cites"]:
            stored = f" [{r['document_id']}]" if r.get("document_id") else ""
            console.print(f"  {r['quote']}{stored}", highlight=False)
    if d.get("cited_by"):
        console.print("[bold]cited by[/bold]")
        for r in d["cited_by"]:
            console.print(f"  {r.get('published_date') or ''} {r.get('region') or ''} {r.get('doc_number') or ''} "
                          f"{r['title']} [{r['id']}]", highlight=False)


def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts (Simplified or Traditional).")],
    limit: Annotated[int, typer.Option(help="At most this many results.", min=1)] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and texts, with highlighted snippets."""
    if not query.strip():
        raise typer.BadParameter("the query is empty", param_hint="QUERY")
    with open_store(db) as store:
        rows = store.search(query, limit=limit)
    if as_json:
        emit_json(rows)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console()
    if not rows:
        console.print("(no matches)", style="dim")
    for r in rows:
        console.print(Text(f"[{r['id']}] {r.get('published_date') or ''} {r['title']}", style="bold"))
        console.print(_highlight(r.get("snippet") or ""))


def _highlight(snippet: str):
    """Snippets mark matches as [..]; show them in bold yellow."""
    from rich.text import Text

    out = Text("  ")
    for i, part in enumerate(snippet.replace("]", "[").split("[")):
        out.append(part, style="bold yellow" if i % 2 else None)
    return out


def targets(
    region: RegionOption = None,
    metric: Annotated[str | None, typer.Option(help=f"One of: {', '.join(METRICS)}.")] = None,
    year: Annotated[int | None, typer.Option(help="Target year.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document (id, URL or 发文字号).")] = None,
    level: LevelOption = None,
    by_province: Annotated[bool, typer.Option("--by-province", help="Count per province (cities in theirs).")]
    = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Numeric targets the documents commit to, with their year, comparator and quote."""
    if metric is not None and metric not in METRICS:
        raise typer.BadParameter(f"expected one of {', '.join(METRICS)}", param_hint="--metric")
    check_level(level)
    with open_store(db) as store:
        if doc is not None and store.document(doc) is None:
            raise CliError(f"no document matches {doc!r}")
        rows = store.targets(region=region, metric=metric, year=year, doc=doc, level=level)
    if by_province:
        emit(group_by_province(rows), [("province", "province"), ("documents", "documents"), ("targets", "targets"),
                                       ("metrics", "metrics")], as_json=as_json, as_csv=as_csv)
        return
    if not (as_json or as_csv):
        for r in rows:
            r["target"] = commitment(r.get("comparator"), r.get("value"), r.get("unit") or "")
            r["document"] = r.get("doc_number") or r.get("title")
    emit(rows, [("region", "region"), ("document", "document"), ("metric", "metric"), ("subject", "subject"),
                ("target", "target"), ("year", "year"), ("quote", "quote")], as_json=as_json, as_csv=as_csv)


def group_by_province(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows counted per province: a city's rows count in its province; national ones under 全国."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        province = r.get("province") or r.get("region") or "?"
        g = groups.setdefault(province, {"province": province, "documents": set(), "targets": 0, "metrics": set(),
                                         "latest": None})
        g["documents"].add(r.get("document_id") or r.get("id"))
        if "metric" in r:
            g["targets"] += 1
            g["metrics"].add(r["metric"])
        date = r.get("published_date")
        if date and (g["latest"] is None or date > g["latest"]):
            g["latest"] = date
    has_targets = any("metric" in r for r in rows)
    out = []
    for g in sorted(groups.values(), key=lambda g: (g["province"] != "全国", -len(g["documents"]))):
        row = {**g, "documents": len(g["documents"]), "metrics": ", ".join(sorted(g["metrics"]))}
        if not has_targets:
            del row["targets"], row["metrics"]
        out.append(row)
    return out
