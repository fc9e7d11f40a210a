"""Options shared by every command, declared once so they read and behave the same everywhere, and the
checks that turn a malformed value into a usage error (exit 2) naming the option."""

from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from policytrack.db.store import Store

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="POLICYTRACK_DB", help="The SQLite store (default: the user data dir).",
                 dir_okay=False, show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout, nothing else.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV (UTF-8 with a BOM) on stdout.")]


def region_value(value: str | None) -> str | None:
    """--region as the store spells it: an English name (Sichuan, inner mongolia, Chengdu) becomes 四川省 …; a
    Chinese prefix stays as it is. An English name the vocabulary does not know is a usage error, since no
    stored region is spelled in Latin letters."""
    from policytrack.parser.vocabulary import known_region, region_names, resolve_region, unknown_region

    resolved = resolve_region(value)
    if resolved is not None and resolved.isascii() and resolved.strip():
        raise typer.BadParameter(unknown_region(value, region_names()[1]), param_hint="--region")
    if resolved and not known_region(resolved, region_names()[0]):
        _before_command["region"] = resolved  # perhaps a custom source's place: the store is asked (open_store)
    return resolved


def check_region_in(store: Store) -> None:
    """A Chinese --region no vocabulary knows must be a place of the store (a custom source's), else a usage
    error naming it with the closest places known."""
    from policytrack.parser.errors import UsageError
    from policytrack.parser.vocabulary import known_region, region_names, unknown_region

    region = _before_command.pop("region", None)
    if not region:
        return
    places = store.queries.places()
    if not known_region(region, places):
        raise UsageError(unknown_region(region, [*region_names()[0], *places]))


RegionOption = Annotated[
    str | None, typer.Option("--region", help="Region prefix: 四川 matches 四川省 and its cities; English names "
                             "(Sichuan, Chengdu) too.", show_default=False, callback=region_value)
]
LANGS = ("zh", "en")


def lang_value(value: str) -> str:
    return check_choice(value, LANGS, "--lang") or "zh"


LangOption = Annotated[
    str, typer.Option("--lang", help="Labels in zh (as stored) or en: English region, issuer, metric and level "
                      "names (JSON keeps the Chinese and adds *_en fields).", callback=lang_value)
]
DocArgument = Annotated[str, typer.Argument(metavar="DOC", help="Document id, URL or 发文字号.")]
LevelOption = Annotated[str | None, typer.Option("--level", help="national, provincial or municipal.",
                                                 show_default=False)]
YearOption = Annotated[int | None, typer.Option("--year", help="Target year.", min=1949, max=2100,
                                                show_default=False)]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str | None, name: str) -> str | None:
    """A calendar date as YYYY-MM-DD, or a whole month (YYYY-MM) or year (YYYY); dates compare as prefixes."""
    if value is None:
        return None
    m = _DATE.match(value.strip())
    ok = bool(m) and 1900 <= int(m.group(1)) <= 2100
    if ok and m.group(2):
        month = int(m.group(2))
        ok = 1 <= month <= 12 and (not m.group(3) or
                                   1 <= int(m.group(3)) <= calendar.monthrange(int(m.group(1)), month)[1])
    if not ok:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", param_hint=name)
    return value.strip()


def check_level(value: str | None) -> str | None:
    from policytrack.parser.documents import LEVELS  # here: the module is heavy for every command to load

    if value is not None and value not in LEVELS:
        raise typer.BadParameter(f"expected one of {', '.join(LEVELS)}, got {value!r}", param_hint="--level")
    return value


def check_choice(value: str | None, choices: tuple[str, ...], name: str) -> str | None:
    if value is not None and value not in choices:
        raise typer.BadParameter(f"expected one of {', '.join(choices)}, got {value!r}", param_hint=name)
    return value


_before_command: dict[str, Any] = {"db": None}  # set by the root callback on every invocation


def set_root_db(db: Path | None) -> None:
    _before_command.clear()
    _before_command["db"] = db


def store_path(db: Path | None) -> Path | None:
    """--db on the command, else --db before the command (`policytrack --db x docs`), else $POLICYTRACK_DB or
    the default (the store resolves those)."""
    return db if db is not None else _before_command["db"]


def open_store(db: Path | None, *, write: bool = False) -> Store:
    """The store for a command: read-only unless the command writes (fetch, reparse), so a shared or
    read-only store can be queried and a mistyped path is refused instead of created."""
    from policytrack.db.store import Store  # imported here to keep --help fast

    store = Store(store_path(db), readonly=not write)
    try:
        check_region_in(store)
    except BaseException:
        store.close()
        raise
    return store
