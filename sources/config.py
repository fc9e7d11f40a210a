"""The user's configuration file, and what a source tracks.

`config.toml` in the user config directory (~/.config/policytrack/config.toml on Linux), or the file
$POLICYTRACK_CONFIG names, may hold:

    [track]
    keywords = ["数据标注", "人工智能训练师", "算力"]   # the words a document must name to be kept

What a source tracks, first found wins: the source entry's own `keywords`, then `--keywords` on fetch, then
`[track] keywords`, then the built-in list (parser/relevance.py). Every problem is one ConfigError line
naming the file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policytrack.parser.errors import PolicytrackError
from policytrack.sources.records import SourceSpec

ENV = "POLICYTRACK_CONFIG"
TABLES = {"track": {"keywords"}}


class ConfigError(PolicytrackError):
    """The configuration file cannot be used; the message names the file and the key."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Config:
    keywords: tuple[str, ...] | None = None  # [track] keywords: None keeps the built-in list
    path: Path | None = None  # the file read, if any


def config_file() -> Path:
    """$POLICYTRACK_CONFIG, else config.toml in the platform's user config directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("policytrack")) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The configuration in `path` (default: config_file()); an absent default file is an empty Config, an
    absent file named by $POLICYTRACK_CONFIG or by the caller is an error."""
    named = path is not None or bool(os.environ.get(ENV))
    path = path or config_file()
    if not path.is_file():
        if named:
            raise ConfigError(f"{path}: no such configuration file")
        return Config()
    data = read_toml(path, ConfigError)
    for table, value in data.items():
        if table not in TABLES or not isinstance(value, dict):
            known = ", ".join(f"[{t}]" for t in TABLES)
            raise ConfigError(f"{path}: unknown setting {table!r} (known tables: {known})")
        unknown = set(value) - TABLES[table]
        if unknown:
            raise ConfigError(f"{path}: [{table}]: unknown key(s) {sorted(unknown)} "
                              f"(known: {', '.join(sorted(TABLES[table]))})")
    keywords = data.get("track", {}).get("keywords")
    if keywords is not None:
        keywords = parse_keywords(keywords, where=f"{path}: [track] keywords")
    return Config(keywords=keywords, path=path)


def read_toml(path: Path, error: type[PolicytrackError]) -> dict[str, Any]:
    """A TOML file's tables, or one `error` line naming the file (unreadable, not UTF-8, not TOML)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses per nested array or inline table: 1,000 deep is past the limit
        raise error(f"{path}: invalid TOML: nested too deep") from None


def parse_keywords(value: object, *, where: str) -> tuple[str, ...]:
    """A non-empty list of words (each stripped); `where` names the setting in the error."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value or not all(isinstance(k, str) and k.strip() for k in value):
        raise ConfigError(f"{where} must be a non-empty list of words")
    return tuple(dict.fromkeys(k.strip() for k in value))


def split_keywords(values: Sequence[str]) -> tuple[str, ...] | None:
    """--keywords as typed: repeatable, each comma- or 、-separated ("数据标注,算力"); None when not given."""
    words = [w.strip() for v in values for w in v.replace("，", ",").replace("、", ",").split(",")]
    words = [w for w in words if w]
    if values and not words:
        raise ConfigError("--keywords needs at least one word")
    return tuple(dict.fromkeys(words)) or None


def tracked(spec: SourceSpec, keywords: Sequence[str] | None) -> SourceSpec:
    """The source as a run reads it: its own keywords, else the run's (`keywords`), else None (the built-in
    lists). Families that query per keyword (the gov.cn search) query these too."""
    if spec.keywords or not keywords:
        return spec
    return replace(spec, keywords=tuple(keywords))
