"""Load the indicator catalogue from its TOML data file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chitieu.domain.evaluation import Direction

GROUPS = ("kinh_te", "van_hoa_xa_hoi", "tai_nguyen_moi_truong", "quoc_phong_an_ninh", "xay_dung_dang")
AGGREGATIONS = ("sum", "mean", "none")


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    group: str
    direction: Direction
    aggregate: str
    weight: str | None
    magnitude_huyen: tuple[float, float]
    reduces: str | None = None  # a reduction indicator's underlying rate ('giảm tỷ lệ hộ nghèo' → 'tỷ lệ hộ nghèo')
    topic: bool = False  # gathers figures of many kinds: no one figure is its value


@cache
def load_catalog() -> tuple[Indicator, ...]:
    raw = resources.files("chitieu.catalog").joinpath("data", "indicators.toml").read_text("utf-8")
    return parse_catalog(raw)


def parse_catalog(raw: str) -> tuple[Indicator, ...]:
    data = tomllib.loads(raw)
    out = []
    for item in data.get("indicator", []):
        low, high = item.get("magnitude_huyen", [0, 0])
        out.append(Indicator(
            id=item["id"], name=item["name"], aliases=tuple(item.get("aliases", [])), unit=item.get("unit", ""),
            group=item["group"], direction=Direction(item["direction"]), aggregate=item["aggregate"],
            weight=item.get("weight"), magnitude_huyen=(float(low), float(high)), reduces=item.get("reduces"),
            topic=bool(item.get("topic", False)),
        ))
    return tuple(out)


@cache
def by_id() -> dict[str, Indicator]:
    return {i.id: i for i in load_catalog()}
