"""Look up a unit name in the shipped list: which province a district or commune belongs to."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chitieu.domain.names import fold


@dataclass(frozen=True, slots=True)
class KnownUnit:
    code: str | None
    name: str
    level: str
    province: str
    valid_from: str | None
    valid_to: str | None


@cache
def known_units() -> tuple[KnownUnit, ...]:
    raw = resources.files("chitieu.gazetteer").joinpath("data", "units.csv").read_text("utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(
        KnownUnit(row["code"] or None, row["name"], row["level"], row["province"],
                  row["valid_from"] or None, row["valid_to"] or None)
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    )


def province_of(name: str | None, level: str | None) -> str | None:
    """The province of a known unit, or None when unknown or ambiguous."""
    if not name:
        return None
    key = fold(name)
    matches = {u.province for u in known_units() if fold(u.name) == key and (level is None or u.level == level)}
    return matches.pop() if len(matches) == 1 else None
