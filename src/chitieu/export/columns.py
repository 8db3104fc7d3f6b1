"""The Biểu's columns, shared by the Excel and Word writers: header key, width, alignment."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.export.model import Bieu, BieuRow
from chitieu.export.text_width import wrapped_lines
from chitieu.messages import render
from chitieu.messages.formatting import percent


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    width_mm: float  # in the Word table (landscape A4 leaves about 247 mm between margins)
    excel_width: float  # characters
    align: str  # left | center | right


# An Excel column `n` characters wide is n × 7 + 5 pixels at 96 dpi; the cell keeps about 3 pixels clear
# on each side. Sizes in points.
def excel_text_width(chars: float) -> float:
    return (chars * 7 + 5 - 6) * 0.75


def lines_needed(text: str, chars: float, bold: bool = False, size_pt: float = 12) -> int:
    """Lines a spreadsheet cell `chars` wide needs to show `text` whole."""
    return wrapped_lines(text, excel_text_width(chars), size_pt, bold) if text else 1


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
# With the next year's plan of the report's own table, the name and the note give up the room it needs.
_WITH_NEXT_GOAL = (
    COLUMNS[0], Column("name", 60, 40, "left"), Column("unit", 20, 11, "center"), *COLUMNS[3:5],
    Column("next_goal", 24, 16, "right"), *COLUMNS[5:7], Column("note", 27, 20, "left"),
)


def columns(bieu: Bieu) -> tuple[Column, ...]:
    return _WITH_NEXT_GOAL if bieu.next_goal_label else COLUMNS


def header(bieu: Bieu) -> list[str]:
    out = []
    for c in columns(bieu):
        title = render(f"bieu.col.{c.key}")
        if c.key == "goal":
            title = f"{title}\n({bieu.goal_label})"
        elif c.key == "next_goal":
            title = bieu.next_goal_label
        out.append(title)
    return out


def cell_texts(row: BieuRow, bieu: Bieu) -> list[str]:
    """The row as printed (Vietnamese number format); groups print only their number and name."""
    if row.group:
        texts = {"tt": row.tt, "name": row.name}
    else:
        texts = {"tt": row.tt, "name": row.name, "unit": row.unit, "goal": row.goal, "actual": row.actual,
                 "next_goal": row.next_goal, "pct": percent(row.pct),
                 "status": render(f"status.{row.status}") if row.status else "", "note": row.note}
    return [texts.get(c.key, "") for c in columns(bieu)]
