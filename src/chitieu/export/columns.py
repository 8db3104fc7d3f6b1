"""The Biểu's columns, shared by the Excel and Word writers: header key, width, alignment."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.export.model import Bieu, BieuRow
from chitieu.messages import render
from chitieu.messages.formatting import percent


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    width_mm: float  # in the Word table (landscape A4 leaves about 247 mm between margins)
    excel_width: float  # characters
    align: str  # left | center | right


COLUMNS = (
    Column("tt", 12, 6, "center"),
    Column("name", 74, 46, "left"),
    Column("unit", 22, 12, "center"),
    Column("goal", 28, 16, "right"),
    Column("actual", 28, 16, "right"),
    Column("pct", 20, 11, "right"),
    Column("status", 26, 13, "center"),
    Column("note", 35, 22, "left"),
)


def header(bieu: Bieu) -> list[str]:
    titles = [render(f"bieu.col.{c.key}") for c in COLUMNS]
    titles[3] = f"{titles[3]}\n({bieu.goal_label})"
    return titles


def cell_texts(row: BieuRow) -> list[str]:
    """The row as printed (Vietnamese number format); groups print only their number and name."""
    if row.group:
        return [row.tt, row.name, "", "", "", "", "", ""]
    status = render(f"status.{row.status}") if row.status else ""
    return [row.tt, row.name, row.unit, row.goal, row.actual, percent(row.pct), status, row.note]
