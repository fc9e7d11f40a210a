"""Targets side by side, as data: one row per region, one cell per metric (or per metric and target year), each
cell a region's current target with its document, the latest figure the region reported for the same quantity
(the target_progress view), and how it stands against the national target in the same column.

A cell holds one target: the one in the region's latest document (by publication date) that states the metric,
its first statement there; `others` counts the region's other targets in the column. A relation to the
national target (above, equal, below: 四川 >25% against the national >20%) is given only where both are
percentages (growth rates, shares): a province's total and the country's measure different things.
"""

from __future__ import annotations

from typing import Any

from policytrack.db.sql import Connection, region_filter, where
from policytrack.parser.records import METRICS
from policytrack.parser.vocabulary import NATIONAL, PROVINCE_BY_NAME

CELL_FIELDS = ("metric", "subject", "value", "unit", "measure", "comparator", "year", "quote", "document_id",
               "doc_number", "title", "issuer", "url", "published_date", "fact_value", "fact_comparator",
               "fact_year", "fact_subject", "fact_document_id", "fact_doc_number", "percent_of_target")


def compare(c: Connection, *, metric: str | None = None, year: int | None = None, level: str | None = None,
            region: str | None = None, by_year: bool = False) -> dict[str, Any]:
    """{"columns": [{key, metric, year}], "rows": [{region, province, level, reference, cells: {key: cell}}]}:
    the national row first (the reference, whatever --region and --level ask), then provinces in
    administrative-code order, each followed by its cities."""
    clauses, params = [], []
    for column, value in (("metric", metric), ("year", year)):
        if value is not None:
            clauses.append(f"t.{column} = ?")
            params.append(value)
    local, local_params = region_filter(region, "t")
    if level:
        local.append("t.level = ?")
        local_params.append(level)
    scope = " AND ".join(local) if local else "1"
    found = c.rows(f"SELECT * FROM target_progress t {where([*clauses, f'(t.region = ? OR ({scope}))'])} "
                   "ORDER BY coalesce(t.published_date, t.written_date) DESC, t.document_id DESC, t.start",
                   [*params, NATIONAL, *local_params])
    return assemble(found, by_year=by_year)


def column_key(metric: str, year: int | None, by_year: bool) -> str:
    """The column of a target: its metric, and with by_year its year too (a target naming no year keeps the
    metric's own key, not growth_rate_None)."""
    return f"{metric}_{year}" if by_year and year is not None else metric


def assemble(targets: list[dict[str, Any]], *, by_year: bool = False) -> dict[str, Any]:
    """The table from target_progress rows given latest document first (pure: the tests call it too)."""
    rows: dict[str, dict[str, Any]] = {}
    columns: dict[str, dict[str, Any]] = {}
    for t in targets:
        key = column_key(t["metric"], t["year"], by_year)
        columns.setdefault(key, {"key": key, "metric": t["metric"], "year": t["year"] if by_year else None})
        row = rows.setdefault(t["region"], {"region": t["region"], "province": t.get("province"),
                                            "level": t.get("level"), "reference": t["region"] == NATIONAL,
                                            "cells": {}})
        cell = row["cells"].get(key)
        if cell is None:
            row["cells"][key] = {**{k: t.get(k) for k in CELL_FIELDS}, "others": 0}
        else:
            cell["others"] += 1
    national = rows.get(NATIONAL, {"cells": {}})["cells"]
    for row in rows.values():
        for key, cell in row["cells"].items():
            ref = national.get(key) if not row["reference"] else None
            cell["national"] = ({k: ref[k] for k in ("value", "unit", "comparator", "year", "document_id",
                                                      "doc_number")} if ref else None)
            cell["relation"] = relation(cell, ref)
    order = {m: i for i, m in enumerate(METRICS)}
    return {"columns": sorted(columns.values(), key=lambda col: (order.get(col["metric"], len(order)),
                                                                 col["year"] or 0)),
            "rows": sorted(rows.values(), key=region_order)}


def relation(cell: dict[str, Any], national: dict[str, Any] | None) -> str | None:
    """above, equal or below the national target of the same column, for percentages; None otherwise."""
    if not national or cell["unit"] != "percent" or national["unit"] != "percent":
        return None
    if cell["value"] > national["value"]:
        return "above"
    return "equal" if cell["value"] == national["value"] else "below"


def region_order(row: dict[str, Any]) -> tuple:
    """全国 first, then provinces in code order, each followed by its cities; unknown places last."""
    province = row.get("province") or row["region"]
    known = PROVINCE_BY_NAME.get(province)
    return (not row["reference"], known.code if known else 100, province, row["region"] != province, row["region"])


class Compare:
    """The store's part for `compare` (store.compare.table(...))."""

    def __init__(self, c: Connection) -> None:
        self.c = c

    def table(self, **filters: Any) -> dict[str, Any]:
        return compare(self.c, **filters)
