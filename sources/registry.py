"""The sources: built-in TOML files, the user's sources.toml, and extra files; validated into SourceSpecs.

A later file's entry with the same id replaces an earlier one (the user's config overrides a built-in).
Every problem is one SourceConfigError line naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from policytrack.parser.documents import LEVELS
from policytrack.parser.errors import PolicytrackError, UsageError
from policytrack.sources.config import read_toml
from policytrack.sources.families import FAMILIES
from policytrack.sources.records import CONFIDENCE, TLS_MODES, TRANSPORTS, SourceSpec

if TYPE_CHECKING:
    from policytrack.sources.transport import ReplayTransport

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
REQUIRED = ("id", "name", "region", "level", "kind", "start_urls")
OPTIONAL = {"hosts", "province", "max_pages", "title_filter", "options", "evidence", "confidence", "transport",
            "wait_for", "wall", "headers", "tls", "http_fallback", "keywords"}


class SourceConfigError(PolicytrackError):
    """A sources TOML file cannot be used; the message names the file and the entry."""

    exit_code = 2


def user_sources_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("policytrack")) / "sources.toml"


BUILTIN_ORDER = ("national.toml", "provinces.toml", "cities.toml")  # how `policytrack sources` lists them


def builtin_files() -> list[Path]:
    def rank(p: Path) -> tuple[int, str]:
        return (BUILTIN_ORDER.index(p.name) if p.name in BUILTIN_ORDER else len(BUILTIN_ORDER), p.name)

    return sorted(BUILTIN_DIR.glob("*.toml"), key=rank)


def load_sources(extra_files: Iterable[Path] = (), *, include_user_config: bool = True) -> list[SourceSpec]:
    """Built-ins, then the user's sources.toml (if present), then `extra_files`; later ids override."""
    files = builtin_files()
    if include_user_config and user_sources_file().is_file():
        files.append(user_sources_file())
    files += [Path(f) for f in extra_files]
    specs: dict[str, SourceSpec] = {}
    for file in files:
        for spec in read_file(file):
            specs[spec.id] = spec  # dict keeps the first position: an override stays where the built-in was
    return list(specs.values())


def read_file(path: Path) -> list[SourceSpec]:
    data = read_toml(path, SourceConfigError)
    entries = data.get("source", [])
    unknown_top = set(data) - {"source"}
    if unknown_top:
        raise SourceConfigError(f"{path}: unknown top-level key(s) {sorted(unknown_top)}; "
                                "use [[source]] tables")
    if not isinstance(entries, list):
        raise SourceConfigError(f"{path}: 'source' must be an array of tables ([[source]])")
    specs: list[SourceSpec] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        spec = _spec(entry, path, n)
        if spec.id in seen:
            raise SourceConfigError(f"{path}: source {spec.id!r}: id used twice in this file")
        seen.add(spec.id)
        specs.append(spec)
    return specs


def _spec(entry: Any, path: Path, n: int) -> SourceSpec:
    has_id = isinstance(entry, dict) and isinstance(entry.get("id"), str)
    label = repr(entry["id"]) if has_id else f"#{n}"

    def fail(problem: str) -> SourceConfigError:
        return SourceConfigError(f"{path}: source {label}: {problem}")

    if not isinstance(entry, dict):
        raise fail("must be a table")
    for key in REQUIRED:
        if key not in entry:
            raise fail(f"missing field {key!r}")
    unknown = set(entry) - set(REQUIRED) - OPTIONAL
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}")
    for key in ("id", "name", "region", "kind"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise fail(f"{key!r} must be a non-empty string")
    if entry["level"] not in LEVELS:
        raise fail(f"bad level {entry['level']!r} (one of {', '.join(LEVELS)})")
    family = FAMILIES.get(entry["kind"])
    if family is None:
        raise fail(f"unknown kind {entry['kind']!r} (known: {', '.join(sorted(FAMILIES))})")
    urls = entry["start_urls"]
    if not isinstance(urls, list) or not urls or not all(_is_http(u) for u in urls):
        raise fail("'start_urls' must be a non-empty list of http(s) URLs")
    hosts = entry.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise fail("'hosts' must be a list of host names")
    max_pages = entry.get("max_pages", 3)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or not 1 <= max_pages <= 1000:
        raise fail("'max_pages' must be an integer from 1 to 1000")
    if not isinstance(entry.get("title_filter", True), bool):
        raise fail("'title_filter' must be true or false")
    province = entry.get("province")
    if province is not None and not isinstance(province, str):
        raise fail("'province' must be a string")
    options = entry.get("options", {})
    if not isinstance(options, dict):
        raise fail("'options' must be a table")
    problem = family.check_options(options)
    if problem:
        raise fail(problem)
    for key in ("evidence", "wait_for", "wall"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise fail(f"{key!r} must be a string")
    for key, choices, default in (("confidence", CONFIDENCE, "unverified"), ("transport", TRANSPORTS, "http"),
                                  ("tls", TLS_MODES, "default")):
        if entry.get(key, default) not in choices:
            raise fail(f"{key!r} must be one of {', '.join(choices)}")
    if entry.get("wait_for") is not None and entry.get("transport", "http") != "browser":
        raise fail("'wait_for' is for a page read by a browser: set transport = \"browser\" too")
    headers = entry.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(v, str) and _header_ok(k, v)
                                                for k, v in headers.items()):
        raise fail("'headers' must be a table of header names to single-line strings")
    if not isinstance(entry.get("http_fallback", False), bool):
        raise fail("'http_fallback' must be true or false")
    keywords = entry.get("keywords")
    if keywords is not None and (not isinstance(keywords, list) or not keywords
                                 or not all(isinstance(k, str) and k.strip() for k in keywords)):
        raise fail("'keywords' must be a non-empty list of words")
    return SourceSpec(
        id=entry["id"].strip(), name=entry["name"].strip(), region=entry["region"].strip(),
        level=entry["level"], kind=entry["kind"], start_urls=tuple(urls), hosts=tuple(hosts),
        province=province, max_pages=max_pages, title_filter=entry.get("title_filter", True), options=options,
        evidence=entry.get("evidence"), confidence=entry.get("confidence", "unverified"),
        transport=entry.get("transport", "http"), wait_for=entry.get("wait_for"), wall=entry.get("wall"),
        headers=dict(headers), tls=entry.get("tls", "default"), http_fallback=entry.get("http_fallback", False),
        keywords=tuple(k.strip() for k in keywords) if keywords else None,
    )


def _header_ok(name: str, value: str) -> bool:
    """A header name of token characters and a value without line breaks (no header injection)."""
    return bool(name) and all(c.isalnum() or c in "-_" for c in name) and not any(c in value for c in "\r\n\0")


def _is_http(url: Any) -> bool:
    return isinstance(url, str) and urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def select(specs: list[SourceSpec], *, ids: Iterable[str] = (), level: str | None = None,
           region: str | None = None) -> list[SourceSpec]:
    """The sources a command runs on: these ids (all when none), of this level, whose region or province
    starts with `region` (四川 is 四川省 and its cities); in configuration order."""
    ids = list(ids)
    known = {s.id for s in specs}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UsageError(f"unknown source: {', '.join(unknown)} (see `policytrack sources`)")

    def in_region(s: SourceSpec) -> bool:
        return region is None or s.region.startswith(region) or (s.province or "").startswith(region)

    chosen = [s for s in specs if (not ids or s.id in ids) and (level is None or s.level == level) and in_region(s)]
    if not chosen and not any(in_region(s) for s in specs):
        from policytrack.parser.vocabulary import region_names, unknown_region

        places = {p for s in specs for p in (s.region, s.province) if p}
        raise UsageError(unknown_region(region, [*places, *region_names()[0]]))
    if not chosen:
        raise UsageError("no source matches --level/--region (see `policytrack sources`)")
    return chosen


def in_archive(specs: list[SourceSpec], transport: ReplayTransport) -> tuple[list[SourceSpec], list[SourceSpec]]:
    """The sources with at least one record in the replayed archives (a list URL, or another page of a list
    URL's host), and the others: a partial capture (a `wget --warc-file` of one site) replays what it holds."""
    kept, skipped = [], []
    for s in specs:
        hosts = {(urlsplit(u).hostname or "").lower() for u in s.start_urls}
        held = any(transport.holds(u) for u in s.start_urls) or bool(hosts & transport.hosts)
        (kept if held else skipped).append(s)
    return kept, skipped


GROUPS = ("national", "provincial governments", "provincial data bureaus", "city governments", "city data bureaus")


def group_of(spec: SourceSpec) -> str:
    """Which of GROUPS a source belongs to: its level, and for provinces and cities whether it is the data
    bureau's list (the built-ins' ids end in -data) or the government's."""
    if spec.level == "national":
        return "national"
    bureau = spec.id.endswith("-data")
    if spec.level == "provincial":
        return "provincial data bureaus" if bureau else "provincial governments"
    return "city data bureaus" if bureau else "city governments"


def source_counts(specs: Iterable[SourceSpec] | None = None) -> dict[str, Any]:
    """How many sources there are, by group, level, confidence and kind (the built-ins by default): the
    README's count is generated from this, never typed.

    >>> source_counts()["total"]  # doctest: +SKIP
    63
    """
    specs = list(load_sources(include_user_config=False) if specs is None else specs)

    def tally(key) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in specs:
            out[key(s)] = out.get(key(s), 0) + 1
        return out

    groups = tally(group_of)
    return {
        "total": len(specs),
        "by_group": {g: groups[g] for g in GROUPS if g in groups},
        "by_level": {lv: n for lv in LEVELS if (n := sum(1 for s in specs if s.level == lv))},
        "by_confidence": {c: n for c in CONFIDENCE if (n := sum(1 for s in specs if s.confidence == c))},
        "by_kind": dict(sorted(tally(lambda s: s.kind).items())),
        "provinces": len({s.region for s in specs if s.level == "provincial"}),
        "cities": len({s.region for s in specs if s.level == "municipal"}),
    }


def describe_counts(specs: Iterable[SourceSpec] | None = None) -> str:
    """One sentence for the README: "63 built-in sources: 11 national, 31 provincial governments (all 31
    provinces) and 8 provincial data bureaus, 7 city governments and 6 city data bureaus (7 cities)."."""
    c = source_counts(specs)
    g = c["by_group"]
    parts = [f"{g.get('national', 0)} national"]
    parts.append(f"{g.get('provincial governments', 0)} provincial governments ({c['provinces']} provinces) and "
                 f"{g.get('provincial data bureaus', 0)} provincial data bureaus")
    parts.append(f"{g.get('city governments', 0)} city governments and {g.get('city data bureaus', 0)} city data "
                 f"bureaus ({c['cities']} cities)")
    sure = ", ".join(f"{n} {k}" for k, n in c["by_confidence"].items())
    return f"{c['total']} built-in sources: {', '.join(parts)}; {sure}."
