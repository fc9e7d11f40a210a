"""Adapter families registered by kind, as urlwatch registers job kinds: a source's TOML names one.

    FAMILIES["html_list"]  →  HtmlListFamily
    family_for(spec)       →  an instance for that source

Each family's docstring is its documentation (shown by `policytrack sources`).
"""

from __future__ import annotations

from typing import TypeVar

from policytrack.sources.families.base import Family
from policytrack.sources.records import SourceSpec

FAMILIES: dict[str, type[Family]] = {}
F = TypeVar("F", bound=type[Family])


def register(cls: F) -> F:
    """Class decorator: make a family available under its `kind`."""
    if cls.kind in FAMILIES and FAMILIES[cls.kind] is not cls:
        raise ValueError(f"family kind {cls.kind!r} registered twice")
    FAMILIES[cls.kind] = cls
    return cls


def family_for(spec: SourceSpec) -> Family:
    try:
        cls = FAMILIES[spec.kind]
    except KeyError:
        known = ", ".join(sorted(FAMILIES))
        raise ValueError(f"source {spec.id}: unknown kind {spec.kind!r} (known: {known})") from None
    return cls(spec)


def describe() -> dict[str, str]:
    """kind → documentation, for `policytrack sources --kinds`-style help."""
    return {kind: (cls.__doc__ or "").strip() for kind, cls in sorted(FAMILIES.items())}


# Importing the modules registers their families.
from policytrack.sources.families import govcn, hanweb, html_list, json_api  # noqa: E402,F401
