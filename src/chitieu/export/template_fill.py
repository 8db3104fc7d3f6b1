"""A Biểu template an office received, filled in place: the values written into the uploaded workbook or
document (openpyxl, python-docx), so its own layout, columns, fonts and borders stay as they were.

Rows are found again by their name in the template's table (the reader numbers rows its own way, and a
spreadsheet's formulas or a document's empty paragraphs count differently there), in order, so two rows
of the same name are each filled once."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment

from chitieu.domain.numbers import format_number


@dataclass(frozen=True, slots=True)
class CellValue:
    text: str  # as printed in Vietnamese ('> 17.600', '27,6', 'Đạt')
    number: float | None = None  # written as a number in a spreadsheet when set
    number_format: str = ""


@dataclass(frozen=True, slots=True)
class RowFill:
    name: str  # the row's name as the template writes it
    cells: dict[int, CellValue] = field(default_factory=dict)  # by column of the template's table (0-based)


@dataclass(frozen=True, slots=True)
class Filled:
    data: bytes
    placed: int  # rows found and written
    missing: list[str]  # names of the rows not found in the file


def _plain(text: object) -> str:
    if text is None:
        return ""
    if isinstance(text, float):
        text = format_number(text)
    return " ".join(str(text).split())


def _place(rows: list[list[str]], fills: list[RowFill], name_column: int) -> dict[int, RowFill]:
    """Which physical row (index into `rows`) each fill goes to: the next row whose name cell (or, when
    the table's columns shifted, any cell) reads the row's name."""
    placed: dict[int, RowFill] = {}
    at = 0
    for fill in fills:
        wanted = _plain(fill.name)
        for i in range(at, len(rows)):
            cells = rows[i]
            named = name_column < len(cells) and cells[name_column] == wanted
            if named or (wanted and wanted in cells):
                placed[i] = fill
                at = i + 1
                break
    return placed


def fill_xlsx(data: bytes, fills: list[RowFill], name_column: int, footer: str = "") -> Filled:
    wb = load_workbook(io.BytesIO(data))
    spots: list[tuple[Any, int]] = []  # (sheet, row number)
    texts: list[list[str]] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_col=1):
            values = [_plain(c.value) for c in row]
            if any(values):
                spots.append((ws, row[0].row))
                texts.append(values)
    placed = _place(texts, fills, name_column)
    last: tuple[Any, int] | None = None
    for index, fill in placed.items():
        ws, number = spots[index]
        for column, value in fill.cells.items():
            cell = ws.cell(row=number, column=column + 1)
            if isinstance(cell, MergedCell):
                continue  # inside a merged range: only its first cell holds a value
            if value.number is not None:
                cell.value = value.number
                if value.number_format:
                    cell.number_format = value.number_format
            else:
                cell.value = value.text or None
                if value.text and len(value.text) > 12:
                    old = cell.alignment
                    cell.alignment = Alignment(horizontal=old.horizontal, vertical=old.vertical or "center",
                                               wrap_text=True)
        last = (ws, number) if last is None or last[0] is not ws or number > last[1] else last
    if footer and last is not None:
        ws, number = last
        below = ws.cell(row=max(ws.max_row, number) + 2, column=1, value=footer)
        below.font = copy.copy(ws.cell(row=number, column=name_column + 1).font)
    out = io.BytesIO()
    wb.save(out)
    return Filled(out.getvalue(), len(placed), [f.name for f in fills if f not in placed.values()])


def _set_text(cell: Any, text: str, like: Any) -> None:
    """The cell's text replaced, in the cell's own paragraph format and the font of `like` (a run of the
    row's name, so the value looks like the rest of the template)."""
    paragraphs = cell.paragraphs
    first = paragraphs[0]
    for extra in paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for run in list(first.runs):
        run._element.getparent().remove(run._element)
    run = first.add_run(text)
    if like is not None:
        source = like._element.find(qn("w:rPr"))
        if source is not None:
            run._element.insert(0, copy.deepcopy(source))
            bold = run._element.find(qn("w:rPr") + "/" + qn("w:b"))
            if bold is not None:  # a bold name (a group heading) does not make its values bold
                bold.getparent().remove(bold)


def fill_docx(data: bytes, fills: list[RowFill], name_column: int, footer: str = "") -> Filled:
    doc = Document(io.BytesIO(data))
    spots: list[tuple[Any, Any]] = []  # (table, row)
    texts: list[list[str]] = []
    for table in doc.tables:
        for row in table.rows:
            values = [_plain(c.text) for c in row.cells]
            if any(values):
                spots.append((table, row))
                texts.append(values)
    placed = _place(texts, fills, name_column)
    last_table = None
    for index, fill in placed.items():
        table, row = spots[index]
        cells = row.cells
        name_cell = cells[name_column] if name_column < len(cells) else cells[0]
        like = next((r for p in name_cell.paragraphs for r in p.runs), None)
        for column, value in fill.cells.items():
            if column < len(cells):
                _set_text(cells[column], value.text, like)
        last_table = table
    if footer and last_table is not None:
        paragraph = OxmlElement("w:p")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = footer
        text.set(qn("xml:space"), "preserve")
        run.append(text)
        paragraph.append(run)
        last_table._tbl.addnext(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return Filled(out.getvalue(), len(placed), [f.name for f in fills if f not in placed.values()])
