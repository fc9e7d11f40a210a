"""Query commands over the store: docs, show, search, targets, schemes. Each has --json; the tables --csv."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policytrack.cli.formatting import figure, target_line
from policytrack.cli.lang import figure as lang_figure
from policytrack.cli.lang import localize
from policytrack.cli.options import (
    CsvOption,
    DbOption,
    DocArgument,
    JsonOption,
    LangOption,
    LevelOption,
    RegionOption,
    YearOption,
    check_choice,
    check_date,
    check_level,
    open_store,
)
from policytrack.cli.output import columns, emit, emit_json, fmt_of, message
from policytrack.parser.errors import PolicytrackError
from policytrack.parser.records import METRICS, SCHEME_KINDS

RECORD_KINDS = ("facts", "incentives", "schemes", "commitments")


def register(app: typer.Typer) -> None:
    app.command("docs", epilog="Examples:  policytrack docs --region 四川 --since 2025   ·   "
                "policytrack docs --active --on 2026-01-01 --csv > in-force.csv")(docs)
    app.command("show", epilog="Examples:  policytrack show 3   ·   policytrack show '发改数据〔2024〕1822号' --json")(
        show)
    app.command("search", epilog="Examples:  policytrack search 数据标注基地   ·   "
                "policytrack search '人工智能训练师 补贴' --csv")(search)
    app.command("targets", epilog="Examples:  policytrack targets --metric growth_rate   ·   "
                "policytrack targets --region 四川 --year 2027 --csv > targets.csv")(targets)
    app.command("schemes", epilog="Examples:  policytrack schemes --kind skill_certification   ·   "
                "policytrack schemes --region 山西 --json")(schemes)


def docs(
    region: RegionOption = None,
    level: LevelOption = None,
    issuer: Annotated[str | None, typer.Option(help="Issuer (发文机关) contains this.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).",
                                              show_default=False)] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this date (YYYY-MM-DD, YYYY-MM or "
                                              "YYYY).", show_default=False)] = None,
    active: Annotated[bool, typer.Option("--active", help="Only documents in force (see --on).")] = False,
    by_province: Annotated[bool, typer.Option("--by-province", help="Count per province (cities in theirs).")]
    = False,
    on: Annotated[str | None, typer.Option(help="With --active: in force on this date (default today).",
                                           show_default=False)] = None,
    lang: LangOption = "zh",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """List stored documents, newest first."""
    fmt = fmt_of(as_json, as_csv)
    check_level(level)
    filters = {"region": region, "level": level, "issuer": issuer, "since": check_date(since, "--since"),
               "until": check_date(until, "--until")}
    on = check_date(on, "--on")
    with open_store(db) as store:
        if active:
            from datetime import date

            rows = store.queries.active(on or date.today().isoformat(), **filters)
        else:
            rows = store.queries.documents(**filters)
    if by_province:
        emit(*localize(group_by_province(rows), columns("province", "documents", ("latest", "latest published")),
                       fmt, lang), fmt)
        return
    emit(*localize(rows, columns("id", ("published_date", "published"), "region", "issuer",
                                 ("doc_number", "发文字号"), "title"), fmt, lang), fmt)


def show(
    doc: DocArgument,
    text: Annotated[bool, typer.Option("--text", help="Print the document's current text.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one document: its metadata, versions, targets and other extracted records."""
    with open_store(db) as store:
        found = store.queries.document(doc)
        if found is None:
            raise PolicytrackError(f"no document matches {doc!r} (try `policytrack docs` or `search`)")
        found["versions"] = store.versions.of_document(found["id"])
        found["targets"] = store.queries.targets(doc_id=found["id"])
        for kind in RECORD_KINDS:
            found[kind] = store.queries.records(kind, found["id"])
        found["cites"] = store.history.cites(found["id"])
        found["cited_by"] = [{k: r[k] for k in ("id", "title", "doc_number", "region", "published_date")}
                             for r in store.history.cited_by(found["id"])]
    if as_json:
        emit_json(found)
    elif text:
        print(found.get("text") or "")
    else:
        _print_document(found)


def _print_document(d: dict[str, Any]) -> None:
    print(d.get("title") or "")
    for label, key in (("发文字号", "doc_number"), ("发文机关", "issuer"), ("region", "region"),
                       ("level", "level"), ("成文日期", "written_date"), ("发布日期", "published_date"),
                       ("索引号", "index_no"), ("主题分类", "topic"), ("url", "url"),
                       ("first seen", "first_seen"), ("last seen", "last_seen"), ("removed", "removed_at"),
                       ("in force from", "valid_from"), ("expires", "expires")):
        if d.get(key):
            print(f"  {label}: {d[key]}")
    for url in d.get("urls") or []:
        if url != d.get("url"):
            print(f"  also at: {url}")
    print(f"  versions: {len(d['versions'])}")
    if d["targets"]:
        print("targets")
        for t in d["targets"]:
            print(f"  {target_line(t)}  「{t['quote']}」")
    if d.get("facts"):
        print("facts")
        for f in d["facts"]:
            year = f" ({f['year']})" if f.get("year") else ""
            print(f"  {f['metric']}: {f.get('subject') or ''} {figure(f)}{year}  「{f['quote']}」")
    for kind in ("incentives", "schemes"):
        if d.get(kind):
            print(kind)
            for r in d[kind]:
                label = f"{r['kind']}: " if kind == "schemes" and r.get("kind") else ""
                print(f"  {label}「{r['quote']}」")
    if d.get("cites"):
        print("cites")
        for r in d["cites"]:
            stored = f" [{r['document_id']}]" if r.get("document_id") else ""
            print(f"  {r['quote']}{stored}")
    if d.get("cited_by"):
        print("cited by")
        for r in d["cited_by"]:
            print(f"  {r.get('published_date') or ''} {r.get('region') or ''} {r.get('doc_number') or ''} "
                  f"{r['title']} [{r['id']}]")


def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts (Simplified or Traditional).")],
    limit: Annotated[int, typer.Option(help="At most this many results.", min=1, max=100_000)] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Full-text search over titles and texts, with highlighted snippets."""
    fmt = fmt_of(as_json, as_csv)
    if not query.strip():
        raise typer.BadParameter("the query is empty", param_hint="QUERY")
    with open_store(db) as store:
        rows = store.queries.search(query, limit=limit)
    if fmt != "table":
        emit(rows, columns("id", "title"), fmt)
        return
    if not rows:
        message("(no matches)")
    for r in rows:
        print(f"[{r['id']}] {r.get('published_date') or ''} {r['title']}")
        print(f"  {r.get('snippet') or ''}")


def targets(
    region: RegionOption = None,
    metric: Annotated[str | None, typer.Option(help=f"One of: {', '.join(METRICS)}.", show_default=False)] = None,
    year: YearOption = None,
    doc: Annotated[str | None, typer.Option(help="Only this document (id, URL or 发文字号).", show_default=False)]
    = None,
    level: LevelOption = None,
    by_province: Annotated[bool, typer.Option("--by-province", help="Count per province (cities in theirs).")]
    = False,
    lang: LangOption = "zh",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Numeric targets the documents commit to, with their year, comparator and quote."""
    fmt = fmt_of(as_json, as_csv)
    check_choice(metric, METRICS, "--metric")
    check_level(level)
    with open_store(db) as store:
        doc_id = None
        if doc is not None:
            doc_id = store.queries.resolve(doc)
            if doc_id is None:
                raise PolicytrackError(f"no document matches {doc!r}")
        rows = store.queries.each_target(region=region, metric=metric, year=year, doc_id=doc_id, level=level)
        if by_province:
            emit(*localize(group_by_province(list(rows)), columns("province", "documents", "targets", "metrics"), fmt,
                           lang), fmt)
            return
        if fmt == "table":
            rows = ({**r, "target": lang_figure(r, lang), "document": r.get("doc_number") or r.get("title")}
                    for r in rows)
        emit(*localize(rows, columns("region", "document", "metric", "subject", "target", "year", "quote"), fmt,
                       lang), fmt)  # streamed from the cursor


def schemes(
    kind: Annotated[str | None, typer.Option(help=f"One of: {', '.join(SCHEME_KINDS)}.", show_default=False)] = None,
    region: RegionOption = None,
    level: LevelOption = None,
    lang: LangOption = "zh",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Certification and skill schemes (人工智能训练师 / 数据标注员 职业技能等级认定), training, contests, base
    designations, standards, pilots and talent programmes, with their document."""
    fmt = fmt_of(as_json, as_csv)
    check_choice(kind, SCHEME_KINDS, "--kind")
    check_level(level)
    with open_store(db) as store:
        rows = store.queries.schemes(kind=kind, region=region, level=level)
    if fmt == "table":
        rows = [{**r, "document": r.get("doc_number") or r.get("title")} for r in rows]
    emit(*localize(rows, columns("region", "document", "kind", "subject", ("scheme_level", "level"), "year", "quote"),
                   fmt, lang), fmt)


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
