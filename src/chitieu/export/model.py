"""The Biểu kết quả thực hiện các chỉ tiêu chủ yếu, ready to write: rows already judged by the rulebook."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from chitieu.domain.extraction import Quantity


class Layout(StrEnum):
    """Administrative-document rules: state bodies (UBND, HĐND) or Party bodies (Huyện ủy, Đảng ủy)."""

    ND30 = "nd30"  # Nghị định 30/2020/NĐ-CP
    HD36 = "hd36"  # Hướng dẫn 36-HD/VPTW


@dataclass(frozen=True, slots=True)
class BieuRow:
    tt: str
    name: str
    unit: str = ""
    goal: str = ""  # as written: '≥ 95', '5 - 6'
    goal_value: float | None = None  # only for a plain figure (written as a number in spreadsheets)
    actual: str = ""
    actual_value: float | None = None
    pct: float | None = None
    status: str = ""  # Status value, or '' for group rows
    note: str = ""
    group: bool = False
    indicator_id: str | None = None
    next_goal: str = ""  # the next year's plan, where the source table has one
    goal_quantity: Quantity | None = None  # the goal as read, to judge a value a person puts in its place
    # where the row's result comes from: the stored figure, its report, its line and (in a table) its cell
    source_observation_id: int | None = None
    source_document_id: int | None = None
    source_line: int | None = None
    source_cell: int | None = None
    # where the goal was read: its report and the place the document view highlights ('L12c3', 'O45')
    goal_document_id: int | None = None
    goal_anchor: str = ""


@dataclass
class Bieu:
    issuer: str  # as printed in the header block: 'ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ'
    issuer_name: str  # in running text: 'Ủy ban nhân dân huyện Mường Tè'
    parent_issuer: str  # the body above, printed over the issuer ('ĐẢNG BỘ TỈNH LAI CHÂU'), may be ''
    unit_name: str
    place: str  # for the date line: 'Mường Tè'
    period: str
    goal_label: str  # 'Kế hoạch năm 2023' / 'Mục tiêu Nghị quyết 2020-2025'
    layout: Layout
    rows: list[BieuRow] = field(default_factory=list)
    source: str = ""  # the report whose own table the Biểu reproduces, if any
    next_goal_label: str = ""  # that table's column of the next year's plan, if any
    checked_line: str = ""  # who checked the rows, printed under the table ('' when nobody has)

    @property
    def indicator_rows(self) -> list[BieuRow]:
        return [r for r in self.rows if not r.group]
