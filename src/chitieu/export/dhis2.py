"""DHIS2 `dataValueSets` JSON, both ways, through a mapping file the user writes (TOML):

    [data_elements]            # chitieu indicator id → DHIS2 data element uid
    ty_le_ho_ngheo = "fbfJHSPpUQD"
    [org_units]                # chitieu unit (name or official code) → DHIS2 org unit uid
    "Mường Tè" = "DiszpKrYNg8"
    [category_option_combos]   # optional: role → category option combo uid (targets vs results)
    actual = "HllvX50cXC0"
    target = "Prlt0C1RF0s"

Only yearly periods ('2023') are written: DHIS2's yearly period type has no multi-year form.
Values are strings, as the DHIS2 API carries them.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from typing import Any

from chitieu.domain.errors import ChitieuError
from chitieu.messages.formatting import is_year


@dataclass(frozen=True, slots=True)
class Mapping:
    data_elements: dict[str, str]
    org_units: dict[str, str]
    combos: dict[str, str] = field(default_factory=dict)

    def reverse(self) -> Mapping:
        return Mapping({v: k for k, v in self.data_elements.items()}, {v: k for k, v in self.org_units.items()},
                       {v: k for k, v in self.combos.items()})


@dataclass(frozen=True, slots=True)
class DataValue:
    indicator_id: str
    unit: str  # chitieu unit name or code, as in the mapping
    period: str
    role: str
    value: float


def parse_mapping(text: str, name: str) -> Mapping:
    try:
        data = tomllib.loads(text)
        elements = {str(k): str(v) for k, v in data["data_elements"].items()}
        units = {str(k): str(v) for k, v in data["org_units"].items()}
        combos = {str(k): str(v) for k, v in data.get("category_option_combos", {}).items()}
    except (tomllib.TOMLDecodeError, KeyError, AttributeError) as exc:
        raise ChitieuError("exchange.bad_mapping", file=name, detail=str(exc)[:200]) from None
    return Mapping(elements, units, combos)


def to_data_value_sets(values: list[DataValue], mapping: Mapping) -> tuple[dict[str, Any], int]:
    """The JSON document and how many values had no mapping or no yearly period (left out)."""
    out: list[dict[str, str]] = []
    skipped = 0
    for v in values:
        element, org_unit = mapping.data_elements.get(v.indicator_id), mapping.org_units.get(v.unit)
        combo = mapping.combos.get(v.role)
        # without combos only results go out: a target would collide with the result of the same period
        unplaced = combo is None and (bool(mapping.combos) or v.role != "actual")
        if element is None or org_unit is None or not is_year(v.period) or unplaced:
            skipped += 1
            continue
        item = {"dataElement": element, "period": v.period, "orgUnit": org_unit, "value": _number(v.value)}
        if combo:
            item["categoryOptionCombo"] = combo
        out.append(item)
    return {"dataValues": out}, skipped


def from_data_value_sets(text: str, name: str, mapping: Mapping) -> tuple[list[DataValue], int]:
    """The values the mapping knows, and how many it did not."""
    try:
        items = json.loads(text)["dataValues"]
        assert isinstance(items, list)
    except (json.JSONDecodeError, KeyError, TypeError, AssertionError) as exc:
        raise ChitieuError("exchange.bad_file", file=name, detail=str(exc)[:200] or type(exc).__name__) from None
    back = mapping.reverse()
    values: list[DataValue] = []
    skipped = 0
    for item in items:
        indicator = back.data_elements.get(str(item.get("dataElement")))
        unit = back.org_units.get(str(item.get("orgUnit")))
        role = back.combos.get(str(item.get("categoryOptionCombo")), "actual") if back.combos else "actual"
        try:
            number = float(str(item.get("value")))
        except ValueError:
            number = None
        if indicator is None or unit is None or number is None or not is_year(str(item.get("period"))):
            skipped += 1
            continue
        values.append(DataValue(indicator, unit, str(item["period"]), role, number))
    return values, skipped


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
